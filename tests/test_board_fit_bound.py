"""cold21 (#18): a board whose lines cannot reach LINE_MIN_PX even at the size their height allows is not measured
to find that out (GPT-2's 97-line notebook in the layers chapter measured ~200-300 line widths, 1.6-3.4 ms, on every
new layer). The skipped measuring may never change the board: _size_for never goes above `tallest`, and _fit's
choice is the one measuring every stage gives."""
from __future__ import annotations

import math
import random

import pytest

from classroom_gui.scene.board_fit import GAP, LINE_MIN_PX, LINE_SPACING, fit, more_line, size_for, tallest


def _boards(seed: int, count: int):
    """Boards of 1-194 lines of numbers, most of them as high as puts their one or two columns' tallest size near
    LINE_MIN_PX (where skipping the measuring or not decides), the rest any height."""
    rng = random.Random(seed)
    digits = "0123456789"
    for _ in range(count):
        n = rng.choice([1, 3, 5, 6, 7, 12, 20, 30, 40, 49, 60, 97, 120, 194])
        lines = []
        for _ in range(n):
            words = rng.randint(1, 14)
            lines.append(", ".join(("-" if rng.random() < 0.4 else "") + rng.choice(digits) + "." + rng.choice(digits)
                                   + rng.choice(digits) for _ in range(words)))
        more = rng.choice([0, 0, 3, 80])
        rows = rng.choice([n + bool(more), math.ceil((n + bool(more)) / 2)])
        h = rows * LINE_SPACING * rng.uniform(14.0, 21.0) if rng.random() < 0.8 else rng.uniform(150, 1100)
        yield lines, more, rng.uniform(200, 1600), h, rng.choice([1.0, 1.15, 1.3])


def _measured(given, more, w, h, scale):
    """_fit's first two choices as measuring every stage makes them (None: it goes on to the least size)."""
    lines = given + ([more_line(more)] if more else [])
    px = size_for(lines, w, h, scale)
    if px >= LINE_MIN_PX or len(lines) < 6:
        return math.floor(max(math.floor(px), 8)), [lines], more
    half = math.ceil(len(lines) / 2)
    cols = [lines[:half], lines[half:]]
    px2 = min(size_for(c, (w - GAP) / 2, h, scale) for c in cols)
    if px2 >= LINE_MIN_PX:
        return math.floor(px2), cols, more
    return None


def test_a_size_found_by_measuring_is_never_above_the_tallest(qapp):
    for lines, more, w, h, scale in _boards(1, 60):
        assert size_for(lines, w, h, scale) <= tallest(len(lines), h, scale)


@pytest.mark.parametrize("seed", [2, 3])
def test_the_fit_is_the_one_measuring_every_stage_gives(qapp, seed):
    skipped = 0
    for given, more, w, h, scale in _boards(seed, 60):
        font, columns, left = fit(given, more, w, h, scale)
        expected = _measured(given, more, w, h, scale)
        if expected is None:  # the least size, in one or two columns, with what is left out
            assert font.pixelSize() == LINE_MIN_PX
            skipped += tallest(len(given) + bool(more), h, scale) < LINE_MIN_PX
        else:
            assert (font.pixelSize(), columns, left) == expected
    assert skipped  # the boards include ones whose measuring is now skipped


def test_a_board_of_lists_is_measured_when_its_lists_on_fewer_rows_could_reach_the_least_chalk(qapp):
    """fix44: a list of numbers may be re-flowed into fewer rows, so the skip counts a board's lines with each list
    on one row (board_lists.fewest_lines): 60 lines, two numbers a row, cannot reach LINE_MIN_PX as written but
    are re-flowed to a few rows of big chalk; 60 such lists of their own, too many even on one row each, stay
    unmeasured, and measuring every re-flow of them (board_fit._one_column) finds no size either."""
    from classroom_gui.lesson.numbers import bracketed
    from classroom_gui.scene.board_fit import _one_column
    from classroom_gui.scene.board_lists import fewest_lines, number_lists, reflowed, row_counts

    numbers = [f"{i / 7:.2f}" for i in range(120)]
    board = ["notebook"] + bracketed(numbers, 2)
    w, h = 900.0, 700.0
    assert tallest(len(board), h, 1.0) < LINE_MIN_PX
    font, columns, left = fit(board, 0, w, h, 1.0)
    assert font.pixelSize() > LINE_MIN_PX and len(columns) == 1 and left == 0 and len(columns[0]) < len(board)
    many = [line for i in range(60) for line in bracketed(numbers[i:i + 4], 2)]
    lists = number_lists(many)
    assert len(lists) == 60 and tallest(fewest_lines(many, lists), h, 1.0) < LINE_MIN_PX
    assert all(_one_column(reflowed(many, lists, k), 0, w, h, 1.0, True) is None for k in row_counts(lists))
    font, columns, left = fit(many, 0, w, h, 1.0)
    assert font.pixelSize() == LINE_MIN_PX and left > 0
