"""teacher26 M4: the worksheet's sentence line, its legend and the "unknown to the model" note wrote "👍🏽" as
⟨U+1F44D⟩ (drawable drops a skin tone beside a coded symbol), though the tokenizer seats the tone apart and its
desk shows ⟨U+1F3FD⟩ with "?"; a sheet asking about ⟨U+1F3FD⟩ had no ⟨U+1F3FD⟩ in its sentence. Every seat's
piece is now written as its desk writes it (glyphs.seated), in the note, the sentence line and the legend."""
from __future__ import annotations

import re

from classroom_gui.export.worksheet_pdf import worksheet_html
from classroom_gui.lesson.worksheet import build_worksheet
from classroom_gui.messages.glyphs import drawn_names
from classroom_gui.model.sentence import run_sentence

ODD = "The 👨‍👩‍👧 sat 👍🏽 on ❤️ 1️⃣ mat"
CODE = re.compile(r"⟨U\+[0-9A-F]{4,6}⟩")


def _desk_codes(trace) -> list[str]:
    return [c for name in drawn_names(trace.tokens) for c in CODE.findall(name)]


def test_the_unknown_note_writes_every_piece_as_its_desk(checkpoint):
    run = run_sentence(checkpoint, ODD)
    assert run.unknown_words == ["⟨U+1F468⟩⟨U+200D⟩⟨U+1F469⟩⟨U+200D⟩⟨U+1F467⟩", "⟨U+1F44D⟩⟨U+1F3FD⟩",
                                 "⟨U+2764⟩⟨U+FE0F⟩", "1⟨U+FE0F⟩⟨U+20E3⟩"]
    assert [c for w in run.unknown_words for c in CODE.findall(w)] == _desk_codes(run.trace)


def test_a_symbol_read_whole_is_still_one_code(checkpoint):
    assert run_sentence(checkpoint, "The 🐱 sat").unknown_words == ["⟨U+1F431⟩"]


def test_the_worksheet_sentence_and_legend_hold_every_desks_code(checkpoint):
    run = run_sentence(checkpoint, "The 👍🏽 sat")
    page = worksheet_html(build_worksheet(run.trace, 2, 0, 0, "en", cli=True, typed=run.text), "model")
    assert "The ⟨U+1F44D⟩⟨U+1F3FD⟩ sat" in page
    assert "⟨U+1F44D⟩, ⟨U+1F3FD⟩: the character code" in page
    ja = run_sentence(checkpoint, "猫👍🏽がマットに座った")
    page = worksheet_html(build_worksheet(ja.trace, 2, 0, 0, "ja", cli=True, typed=ja.text), "model")
    assert "猫⟨U+1F44D⟩⟨U+1F3FD⟩がマットに座った" in page and "⟨U+1F44D⟩、⟨U+1F3FD⟩は、" in page


def test_the_sentence_field_names_the_pieces_as_the_desks(sentence_field):
    edit = sentence_field("en")
    edit.setText("The 👍🏽 sat")
    assert edit.unknown == ["⟨U+1F44D⟩⟨U+1F3FD⟩"]
    assert "⟨U+1F3FD⟩" in edit.marker.text()
