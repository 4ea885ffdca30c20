"""teacher26 M4: the worksheet's sentence line, its legend and the "unknown to the model" note wrote "👍🏽" as
⟨U+1F44D⟩ (drawable drops a skin tone beside a coded symbol), though the tokenizer seats the tone apart and its
desk shows ⟨U+1F3FD⟩ with "?"; a sheet asking about ⟨U+1F3FD⟩ had no ⟨U+1F3FD⟩ in its sentence. Every seat's
piece is now written as its desk writes it (glyphs.seated), in the note, the sentence line and the legend."""
from __future__ import annotations

import re

from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.export.worksheet_pdf import worksheet_html
from classroom_gui.lesson.state import english_notices, notices_for, shown_unknown
from classroom_gui.lesson.worksheet import build_worksheet
from classroom_gui.messages.glyphs import drawn_names
from classroom_gui.model.sentence import run_sentence

ODD = "The 👨‍👩‍👧 sat 👍🏽 on ❤️ 1️⃣ mat"
CODE = re.compile(r"⟨U\+[0-9A-F]{4,6}⟩")


def _desk_codes(trace) -> list[str]:
    return [c for name in drawn_names(trace.tokens) for c in CODE.findall(name)]


def test_the_unknown_note_writes_every_piece_as_its_desk(checkpoint):
    run = run_sentence(checkpoint, ODD)
    shown = ["⟨U+1F468⟩⟨U+200D⟩⟨U+1F469⟩⟨U+200D⟩⟨U+1F467⟩", "⟨U+1F44D⟩⟨U+1F3FD⟩", "⟨U+2764⟩⟨U+FE0F⟩",
             "1⟨U+FE0F⟩⟨U+20E3⟩"]
    assert shown_unknown(run) == shown
    assert [c for w in shown_unknown(run) for c in CODE.findall(w)] == _desk_codes(run.trace)
    assert "Unknown to the model: " + ", ".join(f'"{w}"' for w in shown) in notices_for(run, "en")


def test_a_symbol_read_whole_is_still_one_code(checkpoint):
    assert shown_unknown(run_sentence(checkpoint, "The 🐱 sat")) == ["⟨U+1F431⟩"]


def test_the_model_keeps_unknown_words_as_typed_and_the_cli_says_their_codes(checkpoint):
    """The model layer does not read the font (messages.glyphs): its unknown words are as typed, as its tokens
    are, and are coded where they are shown (the caption's notices, the CLI's English notes)."""
    run = run_sentence(checkpoint, "猫🐱がマットに座った❤️ ❤")
    assert run.unknown_words == ["🐱", "❤️", "❤"] and run.trace.tokens[1] == "🐱"
    shown = ["⟨U+1F431⟩", "⟨U+2764⟩⟨U+FE0F⟩", "⟨U+2764⟩"]  # (the selector seated apart, as on its desk)
    assert shown_unknown(run) == shown
    assert any("🐱" in n for n in run.notices)  # (the trace's JSON notices: as typed)
    assert english_notices(run) == [f"unknown to the model: {', '.join(shown)} (the model reads each as pieces)"]


def test_the_worksheet_sentence_and_legend_hold_every_desks_code(checkpoint):
    run = run_sentence(checkpoint, "The 👍🏽 sat")
    page = worksheet_html(build_worksheet(run.trace, 2, 0, 0, "en", cli=True, typed=run.text), "model")
    assert "The ⟨U+1F44D⟩⟨U+1F3FD⟩ sat" in page
    assert "⟨U+1F44D⟩, ⟨U+1F3FD⟩: the character code" in page
    ja = run_sentence(checkpoint, "猫👍🏽がマットに座った")
    page = worksheet_html(build_worksheet(ja.trace, 2, 0, 0, "ja", cli=True, typed=ja.text), "model")
    page = page.replace(WORD_JOINER, "")  # (the sentence line is wrapped by phrases since fix69: joiners inside)
    assert "猫⟨U+1F44D⟩⟨U+1F3FD⟩がマットに座った" in page and "⟨U+1F44D⟩、⟨U+1F3FD⟩は、" in page


def test_the_sentence_field_names_the_pieces_as_the_desks(sentence_field):
    edit = sentence_field("en")
    edit.setText("The 👍🏽 sat")
    assert edit.unknown == ["⟨U+1F44D⟩⟨U+1F3FD⟩"]
    assert "⟨U+1F3FD⟩" in edit.marker.text()
