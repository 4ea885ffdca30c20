"""A long class's short matrix board (chapter 9) keeps 6 rows only where the rows it draws carry seats (a repeated
word among their names or the names of their shares: fix61's SEATED_SHORT_ROWS); a class whose repeated word sits
only among the rows left out keeps the 10 rows of any other class (boards25: fix61 gave 6 to any class that repeats
a word)."""
from __future__ import annotations

import importlib
import re

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

everyone = importlib.import_module("classroom_gui.lesson.chapters.09_everyone")

# "dog" sits at seats 9 and 13, both in the gap of the 10-row board (rows of seats 1-8, the gap, the asker's 17)
DOG_TWICE = "the cat sat on a mat and one dog lay by his red dog near our door"
THE_FIRST = "the cat sat on the mat and the dog sat on the rug by the door"  # "the" in seat 1: its row is drawn
SEAT = re.compile(r"\d+番の席(の「|）)|\(seat \d+\)|seat \d+'s")  # a name with its seat, ja or en (not a gap's seats)


def _short(checkpoint, sentence: str, lang: str) -> list[str]:
    trace = compute_run(checkpoint, sentence).trace
    assert len(set(trace.tokens)) < len(trace.tokens)  # the class repeats a word
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=trace.n_tokens - 1, lang=lang)
    frame = next(f for f in (frame_at(trace, sel, timeline.beat_stop(i)) for i in range(len(timeline)))
                 if f.beat_key == "everyone.matrix")
    return frame.board_short


def _rows(short: list[str]) -> list[str]:
    return [line for line in short if not line.startswith("…")]  # the students' rows, not the gap's line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_class_whose_repeated_word_is_not_drawn_keeps_ten_rows(checkpoint, lang):
    short = _short(checkpoint, DOG_TWICE, lang)
    assert not any(map(SEAT.search, _rows(short))), short  # no row drawn carries a seat
    assert len(short) == everyone.MATRIX_SHORT_ROWS, short


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_class_whose_drawn_rows_carry_seats_keeps_six(checkpoint, lang):
    short = _short(checkpoint, THE_FIRST, lang)
    assert any(map(SEAT.search, _rows(short))), short
    assert len(short) == everyone.SEATED_SHORT_ROWS, short
