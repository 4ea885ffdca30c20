"""lesson.numbers.fmt_many writes a row of numbers exactly as fmt writes each: the board's 768-number vectors and
a card's numbers go through it, so every string must be fmt's own (the sign of a rounded zero, exponents from
a million, inf and NaN, float32 rows, each number of decimals)."""
from __future__ import annotations

import numpy as np

from classroom_gui.lesson.numbers import BIG, fmt, fmt_many


def test_fmt_many_writes_what_fmt_writes():
    rng = np.random.default_rng(18)
    edge = [0.0, -0.0, -0.004, -0.005, 0.005, -0.0049999, 1e-9, -1e-9, 0.125, -0.125, 2.675, -2.675, BIG, -BIG,
            BIG * (1 - 1e-12), -BIG * (1 - 1e-12), 999999.995, -999999.995, 1e30, -1e30, float("inf"),
            float("-inf"), float("nan"), 12.345, -99.995]
    rows = [edge, rng.normal(0, 3, 500), rng.normal(0, 3, 768).astype(np.float32), rng.uniform(-1e7, 1e7, 200),
            np.array(edge, np.float32), [1, -2, 0]]
    for row in rows:
        for digits in (0, 1, 2, 3, 4):
            values = row if isinstance(row, list) else row
            expected = [fmt(v, digits) for v in (values.tolist() if isinstance(values, np.ndarray) else values)]
            assert fmt_many(values, digits) == expected
    assert fmt_many([]) == []
