"""fit22 (#18): the fitter bounds each re-flow's k (board_lists: rows of k numbers) from its lists' characters'
widths before measuring its rows, and tries the lines with words first when wrapping; a GPT-2 notebook's 768
numbers had every k's rows measured (35-69 ms a new layer). The choice must be the one trying every k gives."""
from __future__ import annotations

import math
import random

import pytest

from classroom_gui.lesson.numbers import bracketed
from classroom_gui.scene.board_fit import LINE_MAX_PX, UNKERNED_SHARE, _one_column, _reflowed_size, advance, tallest
from classroom_gui.scene.board_lists import char_counts, list_rows, mean_row_width, number_lists, reflowed, row_counts

PROSE = ["notebook of \"cat\"", "opinion = LayerNorm(notebook) × W_V + b", "a sum of 768 products; the first 6 are written",
         "x · w + b = -0.0099 + 0.0124 + 0.0157 - 0.0092 - 0.0550 + 0.0033 + … (762 more terms)", "",
         "0.3197 × 2.3336 + 0.0785 = 0.8246 (1st above: 0.82)", "「猫」の ノート（順番に 発言で 計算し 直したもの）",
         "[0.764, 1.128, -0.384, 1.023, … (762 more)]", "mean 0.073, spread 4.651"]


def _board(rng: random.Random) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 3)):
        lines += rng.sample(PROSE, rng.randint(0, 3))
        n = rng.choice([3, 4, 5, 9, 16, 24, 31, 64, 100, 768])
        digits = rng.choice([2, 2, 3, 4])
        numbers = [f"{rng.uniform(-3, 3):.{digits}f}" for _ in range(n)]
        lines += bracketed(numbers, min(n - 1, rng.choice([3, 5, 8, 8, 12])))
    return lines + rng.sample(PROSE, rng.randint(0, 2))


def _every_k(given, lists, more, w, h, scale, grow, need):
    """_reflowed_size's choice as trying every k gives it: the biggest chalk, `need` or more, of equal chalk the
    k of most room (its height's and widest row's bound), then the most numbers a row."""
    top = LINE_MAX_PX * scale
    tried = []
    for k in row_counts(lists):
        lines = reflowed(given, lists, k)
        widest = max(advance(t, top) for t in list_rows(lists, k))
        bound = math.floor(min(tallest(len(lines) + bool(more), h, scale), top * w / max(widest, 1.0) + 1))
        got = _one_column(lines, more, w, h, scale, grow)
        if got and got[0] >= need:
            tried.append((bound, k, got))
    if not tried:
        return None
    best = max(got[0] for _, _, got in tried)
    return next(got for _, _, got in sorted(tried, key=lambda t: t[:2], reverse=True) if got[0] == best)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_bounded_reflow_is_the_one_trying_every_k_gives(qapp, seed):
    rng = random.Random(seed)
    found = 0
    for _ in range(40):
        given = _board(rng)
        lists = number_lists(given)
        assert lists
        more = rng.choice([0, 0, 0, 5])
        w, h, scale, grow = rng.uniform(300, 1500), rng.uniform(200, 1000), rng.choice([1.0, 1.15, 1.3]), rng.random() < 0.8
        need = rng.choice([16, 17, 19, 22])
        expected = _every_k(given, lists, more, w, h, scale, grow, need)
        assert _reflowed_size(given, lists, more, w, h, scale, grow, need) == expected
        found += expected is not None
    assert 5 < found < 40  # boards some re-flow fits and boards none does


def test_a_lists_mean_row_from_its_characters_is_no_wider_than_its_widest_row(qapp):
    """The bound's one assumption about the font: a row of numbers is at least UNKERNED_SHARE of its characters'
    widths (the bundled font does not kern digits, signs and marks: exactly their sum)."""
    rng = random.Random(3)
    for _ in range(30):
        lists = number_lists(_board(rng))
        for scale in (1.0, 1.3):
            top = LINE_MAX_PX * scale
            for k in row_counts(lists)[:12]:
                rows = list_rows(lists, k)
                assert sum(advance(c, top) for c in rows[0]) == pytest.approx(advance(rows[0], top))
                mean = mean_row_width(char_counts(lists), k, lambda c: advance(c, top))
                assert UNKERNED_SHARE * mean <= max(advance(t, top) for t in rows) + 1e-6


def test_a_line_of_numbers_is_read_as_one_number_a_comma_gives():
    """board_lists._numbers reads a number without a pattern (fit22), as the pattern reads it: the numbers of a
    line's comma-separated parts, each stripped, a last empty part dropped, else None when any part is not one."""
    import re

    from classroom_gui.scene.board_lists import _numbers
    number = re.compile(r"[-−+]?\d+(?:\.\d+)?")

    def by_parts(text):
        parts = [p.strip() for p in text.split(",")]
        if parts and parts[-1] == "":
            parts.pop()
        return parts if parts and all(number.fullmatch(p) for p in parts) else None

    rng = random.Random(4)
    read = 0
    for _ in range(20000):
        text = "".join(rng.choice("0123456789.,, -−+ \t]x²١") for _ in range(rng.randint(0, 14)))
        assert _numbers(text) == by_parts(text), text
        read += by_parts(text) is not None
    assert read > 500


def test_a_board_whose_digits_cannot_fit_the_least_chalk_is_fitted_as_reading_its_lists_fits_it(qapp, monkeypatch):
    """_fit does not read a tall board's lists when its digits alone are wider, at LINE_MIN_PX, than the rows that
    chalk leaves (fit22: GPT-2's 97-line notebooks); its fit is the one reading them gives."""
    from classroom_gui.scene import board_fit as board
    rng = random.Random(5)
    cases = []
    for _ in range(40):
        lines = rng.sample(PROSE, 2)
        for _ in range(rng.randint(1, 2)):
            n = rng.choice([40, 100, 300, 768])
            lines += bracketed([f"{rng.uniform(-3, 3):.2f}" for _ in range(n)], 8)
        cases.append((lines, rng.choice([0, 0, 3]), rng.uniform(300, 1500), rng.uniform(150, 1000), rng.choice([1.0, 1.3])))
    skipped = sum(board._too_many_digits(lines, w, h) for lines, _, w, h, _ in cases)
    fits = [board.fit(list(lines), more, w, h, scale) for lines, more, w, h, scale in cases]
    monkeypatch.setattr(board, "_too_many_digits", lambda *_: False)
    read = [board.fit(list(lines), more, w, h, scale) for lines, more, w, h, scale in cases]
    assert [(f.pixelSize(), c, left) for f, c, left in fits] == [(f.pixelSize(), c, left) for f, c, left in read]
    assert 5 < skipped < 35 and any(f.pixelSize() > 16 for f, _, _ in read)
