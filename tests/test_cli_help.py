"""polish11: `classroom-gui … --help` in the command line's --lang. Every help text is a key of messages/strings said
when the parser is built; English is byte for byte what it was (tests/reference/cli_help_en.txt, written before the
change), Japanese is Japanese throughout, wrapped by a terminal's columns, with the --lang written anywhere."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.cli_help import wrap
from classroom_gui.cli_table import COMMANDS
from classroom_gui.messages.fit import columns
from classroom_gui.messages.phrase import Phrase
from classroom_gui.messages.strings import LANGUAGES, table, text

REFERENCE = Path(__file__).resolve().parent / "reference" / "cli_help_en.txt"
NAMES = [""] + [name for name, *_ in COMMANDS]


def helped(capsys, *argv) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err
    return out


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # argparse lays help out for the terminal's width


def test_english_help_is_byte_for_byte_what_it_was(capsys):
    got = "".join(f"$ classroom-gui {name + ' ' if name else ''}--help\n" + helped(capsys, *[n for n in [name] if n],
                                                                                         "--help") for name in NAMES)
    assert got == REFERENCE.read_text(encoding="utf-8")  # after a deliberate change of an English help: rewrite it


@pytest.mark.parametrize("name", NAMES)
def test_japanese_help_wherever_the_lang_is_written(capsys, name):
    command = [name] if name else []
    after = helped(capsys, *command, "--lang", "ja", "--help")
    assert helped(capsys, *command, "-h", "--lang=ja") == after
    assert helped(capsys, "--lang", "ja", *command, "--help") == after  # before the command: help answers
    assert after.startswith("使い方：classroom-gui")
    assert "usage:" not in after and "options:" not in after and "show this help" not in after
    assert "オプション：\n" in after and "このヘルプを表示して終わる" in after and "cli.help." not in after
    for line in after.splitlines():
        assert columns(line) <= 78, line  # argparse's width, COLUMNS - 2, counted in columns
    english = {key: said for key, said in table("en").items() if key.startswith("cli.help.")}
    for key, said in english.items():  # no English sentence is left (the ones the languages share aside)
        if said != table("ja")[key] and len(said) > 12:
            assert said[:24] not in " ".join(after.split()), key


def test_a_lang_before_the_command_is_still_refused_without_help(capsys):
    assert main(["--lang", "ja"]) == 2
    assert "--langはコマンドのあとに書いてください" in capsys.readouterr().err


def test_the_help_names_what_the_table_holds_in_japanese(capsys):
    export = "".join(line.strip() for line in helped(capsys, "export", "--lang", "ja", "-h").splitlines())
    assert "章の番号（0〜13）、題名か英語名（seats、embedding、" in export  # the chapters, listed as Japanese lists them
    assert "第6章は両方を見せ" in export  # the mask chapter's number, read from the chapters
    assert "FILE.png、FILE.svgかFILE.pdf" in export
    deck = "".join(line.strip() for line in helped(capsys, "deck", "--lang", "ja", "-h").splitlines())
    assert "FILE.pptx、FILE.pdfかFOLDER/" in deck


def test_every_help_of_the_table_is_a_key_of_every_language():
    helps = []
    for name, help_, arguments, _ in COMMANDS:
        helps += [help_] + [options["help"] for _, options in arguments if "help" in options]
    assert len(helps) >= 60
    for help_ in helps:
        key = help_.key if isinstance(help_, Phrase) else help_
        assert isinstance(key, str) and key.startswith("cli.help."), help_
        for lang in LANGUAGES:
            assert key in table(lang), (lang, key)


@pytest.mark.parametrize("width", [20, 36, 58])
def test_japanese_lines_break_by_columns_and_not_before_a_closing_mark(width):
    said = text("ja", "cli.help.rule", chapter=6) + " " + text("ja", "cli.help.set", forms=Phrase(
        "cli.help.edit_forms").said("ja"))
    lines = wrap(said, width)
    assert "".join(lines).replace(" ", "") == said.replace(" ", "")  # nothing lost but the spaces it broke at
    for line in lines:
        assert columns(line) <= width
        assert line[0] not in "、。）」：" and line[-1] not in "（「"
    for word in ("causal", "none", "GPT-2", "「もしも」"):
        assert any(word in line for line in lines), word  # a Latin word and a short name stay whole


def test_a_piece_wider_than_a_line_is_cut():
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap("猫" * 7, 6) == ["猫猫猫", "猫猫猫", "猫"]


@pytest.mark.parametrize("lang, clause", [("en", "--json then holds 'classes'"), ("ja", "--jsonには「classes」の項目が入る")])
def test_only_export_says_where_a_comparisons_classes_go(capsys, lang, clause):
    """jareview: deck and video have no --json, so their --compare does not point at one; export's does."""
    said = {name: " ".join(helped(capsys, name, "--lang", lang, "--help").split()) for name in ("export", "deck", "video")}
    assert clause in said["export"] and "--compare" in said["deck"] and "--compare" in said["video"]
    assert clause not in said["deck"] and clause not in said["video"]


def broken_words(helped_text: str) -> list[str]:
    """The places where a help's lines break inside a word, a name and its （…）, or before a particle (the
    narration's rule: test_narration_breaks_ja.wrong_break), "line end / next line start". A line and the next
    are one paragraph when the next one continues at the same indent, or the line ends in Japanese."""
    from test_narration_breaks_ja import wrong_break

    wrong, lines = [], helped_text.split("\n\n", 1)[-1].splitlines()  # (the usage line is argparse's, in ASCII)
    for a, b in zip(lines, lines[1:]):
        if a.strip() and b.strip() and not b.lstrip().startswith("-") and not a.rstrip().endswith("："):
            if why := wrong_break(a, b):
                wrong.append(f"{why}: {a.strip()[-8:]} / {b.strip()[:8]}")
    return wrong


@pytest.mark.parametrize("columns_", ["60", "100"])
@pytest.mark.parametrize("name", NAMES)
def test_japanese_help_breaks_between_phrases(capsys, monkeypatch, name, columns_):
    """jareview2: argparse's wrapping of quiz and deck split 「そのこ / とを」, 「話を聞 / く」; lines now break where the
    narration does (cli_help.kept_together)."""
    monkeypatch.setenv("COLUMNS", columns_)
    said = helped(capsys, *[n for n in [name] if n], "--lang", "ja", "--help")
    assert said.count("\n") > 8 and not broken_words(said), broken_words(said)
