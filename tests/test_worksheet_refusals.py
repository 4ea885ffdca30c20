"""polish8: a worksheet refusal is a message key and its values (messages.phrase, as export.errors' ExportError), not
an English sentence: str() is the CLI's English, unchanged; the window, and `classroom-gui worksheet --lang ja`,
say it in Japanese, names in 「」 and full-width punctuation (/work/shared/JAPANESE.md)."""
from __future__ import annotations

import re

import pytest

from classroom_gui.cli import main
from classroom_gui.export.errors import said
from classroom_gui.lesson.worksheet import build_worksheet, choose_asker
from classroom_gui.model.sentence import run_sentence
from helpers import worksheet_refusal

JA = "猫がマットの上に座った"
ENGLISH = re.compile(r"\b(?:listens|students|worksheet|room|choose|sentence|model|cards)\b")


def _reads_as_japanese(message: str) -> None:
    """No English words (the options it names aside), full-width punctuation, a sentence's 。 at the end."""
    prose = re.sub(r"--[a-z]+(?: causal)?", "", message)
    assert not ENGLISH.search(prose) and not re.search(r"[(),:;]", prose) and message.endswith("。"), message


def test_each_refusal_is_the_clis_english_and_japanese_for_the_window(checkpoint):
    causal = run_sentence(checkpoint, JA, "causal").trace  # (fix65: an asker who hears many is no longer refused)
    short = run_sentence(checkpoint, "The cat sat", "none").trace
    cases = [  # (the refusal, the CLI's English as it always read, what the Japanese must name)
        (lambda: choose_asker(causal, 0, None, 9), "--students must be between 2 and 5, not 9", "--students"),
        (lambda: choose_asker(causal, 0, None, None), "choose the asker or how many students it listens to",
         "--focus"),
        (lambda: choose_asker(short, 0, None, 2),
         "no student of this sentence listens to exactly 2 (here each listens to 3)", "2人"),  # (polish11: not "3 to 3")
        (lambda: choose_asker(causal, 0, 2, 5), "\"マット\" listens to 3 students, not 5; give --focus or --students, "
         "not both", "「マット」"),
        (lambda: choose_asker(causal, 0, 0, None), "\"猫\" listens to only itself, so there is nothing to work out on "
         "a worksheet: choose the student in seat 2-7 with --focus", "「猫」"),
    ]
    for call, english, named in cases:
        refused = worksheet_refusal(call)
        assert str(refused) == english and said(refused, "en") == english
        japanese = said(refused, "ja")
        _reads_as_japanese(japanese)
        assert named in japanese, japanese


def test_the_worksheet_command_refuses_in_the_sheets_language(tmp_path, capsys):
    """teacher6 L3's command was refused in English (its asker, 「座った」, now gets a sheet: fix65; the refusal left
    is for an asker who hears only itself)."""
    out = tmp_path / "w.pdf"
    args = ["worksheet", "--text", JA, "--mask", "causal", "--focus", "猫", "-o", str(out)]
    assert main(args[:1] + ["--lang", "ja"] + args[1:]) == 2
    err = capsys.readouterr().err
    message = err.split("classroom-gui worksheet：エラー：", 1)[1].strip()
    _reads_as_japanese(message)
    assert "「猫」は自分の話しか聞かないので" in message and not out.exists()
    assert main(args) == 2
    assert capsys.readouterr().err.endswith("error: \"猫\" listens to only itself, so there is nothing to work out on "
                                            "a worksheet: choose the student in seat 2-7 with --focus\n")


def test_an_edited_score_is_refused_in_the_readers_language_whatever_the_sheets(checkpoint):
    from classroom_gui.lesson.whatif_state import from_specs

    edited = from_specs(run_sentence(checkpoint, JA, "causal").trace, ["score[2,1,座った,猫]=3"])
    refused = worksheet_refusal(lambda: build_worksheet(edited, edited.tokens.index("座った"), 1, 0, "en"))
    assert str(refused).startswith('The scores of "座った" in this head were edited by hand')
    assert said(refused, "ja").startswith("このヘッドでは「座った」のスコアを手で変えています")


@pytest.mark.parametrize("args, english, japanese", [
    (["--focus", "犬"], '--focus "犬" is not a student of this sentence (猫 が マット の 上 に 座った); name one by its '
     "seat number, 1 to 7, or as its desk writes it",
     "--focus「犬」はこの文の生徒ではありません（生徒：「猫」「が」「マット」「の」「上」「に」「座った」）。生徒は、席の番号（1〜7）"
     "か、机に書いてある名前で指定してください。"),
    (["--focus", "9"], "--focus 9: the class has seats 1-7", "--focus 9：このクラスの席は1〜7番です。"),
    (["--layer", "7"], "--layer must be between 1 and 3", "--layerは1〜3にしてください。"),
    (["--head", "0"], "--head must be between 1 and 3", "--headは1〜3にしてください。")])
def test_the_worksheet_commands_other_refusals_follow_its_language(tmp_path, capsys, args, english, japanese):
    for lang, message in (("en", english), ("ja", japanese)):
        out = tmp_path / "w.pdf"
        assert main(["worksheet", "--lang", lang, "--text", JA, *args, "-o", str(out)]) == 2
        error = "：エラー：" if lang == "ja" else ": error: "
        assert capsys.readouterr().err == f"classroom-gui worksheet{error}{message}\n" and not out.exists()


def test_the_windows_refusal_never_breaks_a_line_inside_a_name(qtbot, tmp_path, monkeypatch, checkpoint):
    """A 400-pixel message box wrapped 「座った」 as 「座 / った」: the name is kept whole, as on the canvas
    (strings.unbroken_quotes); Qt's own line breaker (QTextBoundaryFinder) finds no break inside 「…」."""
    from PySide6.QtCore import QTextBoundaryFinder
    from classroom_gui.view import message_box

    from classroom_gui.view import export_dialogs
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, store={})
    qtbot.addWidget(w)
    w.set_language("ja")
    w.sentence.setText(JA)
    w.apply_sentence()
    w.model.select(focus=0, rule="causal")  # 「猫」 hears only itself
    shown = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, message, *a: shown.append(message))
    assert export_dialogs.export_worksheet(w.model, w, tmp_path / "no.pdf", paper="a4") is None
    message = shown[0]
    assert "「猫」は自分の話しか聞かないので" in message.replace("\u2060", "")  # (the joiners are not seen)
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, message)
    breaks = []
    while (at := finder.toNextBoundary()) != -1:
        breaks.append(at)
    for quoted in re.finditer("「[^「」]+」", message):
        inside = [b for b in breaks if quoted.start() < b < quoted.end()]
        assert not inside, (quoted.group(0), inside)


def test_a_one_word_sentence_is_told_to_be_longer(checkpoint):
    """teacher10 L3: `worksheet --text 猫` advised 「--focusで2〜1番の席の生徒を選ぶか、短い文にしてください」 — no
    such range, and a shorter sentence cannot help. A one-word class is told to write at least two words; a seat
    that hears only itself in a longer sentence is told to choose another seat (not a shorter sentence)."""
    one = run_sentence(checkpoint, "猫", "causal").trace
    exc = worksheet_refusal(lambda: choose_asker(one, 0, 0, None))
    assert exc.phrase.key == "worksheet.error.too_short"
    assert str(exc) == ("\"猫\" listens to only itself, so there is nothing to work out on a worksheet: write a "
                        "sentence of at least 2 words")
    _reads_as_japanese(said(exc, "ja"))
    assert "2語以上の文" in said(exc, "ja") and "〜1" not in said(exc, "ja")
    three = run_sentence(checkpoint, "The cat sat", "causal").trace
    exc = worksheet_refusal(lambda: choose_asker(three, 0, 0, None))
    assert exc.phrase.key == "worksheet.error.only_itself" and "shorter" not in str(exc)
    assert str(exc).endswith("choose the student in seat 2-3 with --focus")
