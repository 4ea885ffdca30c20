"""teacher32 #11: the listening board of a 30-student paragraph wrote the products it does not list one by one as
「+ (-0.8402592)（ほか14人）」, 7 decimals on a board of 4. That number is now at the board's own decimals (the most
its shares and opinions have) wherever the written products and it still add, by hand, to the number the board
gives, and every board still redoes from its digits."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.numbers import places_of
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

P = "昨日、猫がマットの上に座った。犬は箱の中で寝た。私は🐱を見て、とても笑った。"
NUMBER = r"\(?(-?\d+\.\d+)\)?"


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, P, "none").trace


@pytest.mark.parametrize("asker", [0, 2, 5, 12, 20, 29])
def test_the_rest_is_written_at_the_boards_decimals_and_still_redoes(trace, asker):
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = max(i for i, b in enumerate(tl.beats) if b.key.startswith("listening"))
    board = frame_at(trace, Selection(focus=asker, canvas=canvas_for(1024, 768), rule="none", lang="ja"),
                     tl.beat_stop(i)).board
    at = next(k for k, line in enumerate(board) if "（ほか" in line)
    products = [(a, b) for line in board[1:at] for a, b in re.findall(NUMBER + "×" + NUMBER, line)]
    rest = re.search(NUMBER + "（ほか", board[at]).group(1)
    places = max(places_of(x) for pair in products for x in pair)
    assert places_of(rest) <= places, board[at]
    value = re.search(r"= " + NUMBER, board[at + 1]).group(1)
    total = sum(Decimal(a) * Decimal(b) for a, b in products) + Decimal(rest)
    assert str(total.quantize(Decimal(1).scaleb(-places_of(value)), rounding=ROUND_HALF_UP)) == value
