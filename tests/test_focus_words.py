"""teacher26 M3: --focus for a ZWJ family was refused with Python escapes ('👨\\u200d👩\\u200d👧') and blank seats,
while --focus "👍🏽" silently picked 👍. One rule: --focus names one student, as typed, as its desk writes it
(⟨U+1F44D⟩, U+1F44D) or by seat number; a symbol the sentence reads as several students is refused, naming
those seats and the forms that work, every name as the desks write it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from classroom_gui.cli import main
from classroom_gui.messages.glyphs import drawn_names
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

FAMILY = "The 👨‍👩‍👧 sat"


def _refusal(capsys, *args) -> str:
    assert main(list(args)) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("command, out", [("export", "x.png"), ("worksheet", "w.pdf"), ("deck", "d.pptx")])
def test_a_family_is_refused_as_the_seats_it_is_in_codes(capsys, tmp_path, command, out):
    err = _refusal(capsys, command, "--text", FAMILY, "--focus", "👨‍👩‍👧", "-o", str(tmp_path / out))
    assert "\\u200d" not in err and "\u200d" not in err
    assert ('--focus "⟨U+1F468⟩⟨U+200D⟩⟨U+1F469⟩⟨U+200D⟩⟨U+1F467⟩" is 5 students of this sentence, seats 2 to 6 '
            "(⟨U+1F468⟩ ⟨U+200D⟩ ⟨U+1F469⟩ ⟨U+200D⟩ ⟨U+1F467⟩); name one by its seat number (--focus 2) or as its "
            "desk writes it (--focus ⟨U+1F468⟩)") in err
    assert not list(tmp_path.iterdir())


def test_japanese_refusal_quotes_codes_not_a_raw_joiner(capsys, tmp_path):
    err = _refusal(capsys, "export", "--lang", "ja", "--text", FAMILY, "--focus", "👨‍👩‍👧", "-o", str(tmp_path / "x.png"))
    assert "\u200d" not in err and "「⟨U+200D⟩」" in err and "（--focus 2）" in err


def test_a_toned_thumb_is_refused_like_the_family_not_read_as_its_first_piece(capsys, tmp_path):
    err = _refusal(capsys, "export", "--text", "The 👍🏽 sat", "--focus", "👍🏽", "-o", str(tmp_path / "x.png"))
    assert '"⟨U+1F44D⟩⟨U+1F3FD⟩" is 2 students of this sentence, seats 2 to 3' in err


@pytest.mark.parametrize("focus, seat", [("2", 2), ("⟨U+1F44D⟩", 2), ("U+1F3FD", 3), ("👍", 2)])
def test_the_forms_the_refusal_names_work(tmp_path, focus, seat):
    out = tmp_path / "n.json"
    assert main(["export", "--text", "The 👍🏽 sat", "--focus", focus, "--size", "160x90", "-o", str(tmp_path / "x.png"),
                 "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["selection"]["focus_seat"] == seat


def test_a_word_not_in_the_sentence_hints_at_the_seats(capsys, tmp_path):
    err = _refusal(capsys, "export", "--text", "The cat sat", "--focus", "dog", "-o", str(tmp_path / "x.png"))
    assert '--focus "dog" is not a student of this sentence (The cat sat); name one by its seat number, 1 to 3' in err


GPT2 = str(Path(__file__).parent / "fixtures" / "tiny_gpt2")
ODD = "x\u200by\u3000z\u2028w ❤️ 🧶"  # a zero-width space, an ideographic space, a line separator, emoji


@pytest.mark.parametrize("lang, text, model", [("en", ODD, GPT2), ("ja", "猫が\u200bマットに座った", None)])
def test_each_name_the_refusal_lists_is_taken_back_as_focus(qapp, capsys, tmp_path, lang, text, model):
    """review31 #1: the refusal listed "⟨U+200B⟩ 1/3" (as the desk writes it) and then refused it as --focus."""
    where = ["--model", model] if model else []
    err = _refusal(capsys, "export", "--lang", lang, "--text", text, *where, "--focus", "dog", "-o", str(tmp_path / "x.png"))
    names = drawn_names(run_sentence(load_checkpoint(model or teaching_model_dir()), text).trace.tokens)
    assert names[1 if model else 2] == ("⟨U+200B⟩ 1/3" if model else "⟨U+200B⟩") and len(set(names)) == len(names)
    listed = f" {err[err.index('(') + 1:err.index(')')]} " if lang == "en" else err
    for seat, name in enumerate(names, 1):
        assert (f"「{name}」" if lang == "ja" else f" {name} ") in listed, name
        out = tmp_path / "n.json"
        assert main(["export", "--lang", lang, "--text", text, *where, "--focus", name, "--size", "160x90",
                     "-o", str(tmp_path / "x.png"), "--json", str(out), "--force"]) == 0, capsys.readouterr().err
        assert json.loads(out.read_text(encoding="utf-8"))["selection"]["focus_seat"] == seat, name
