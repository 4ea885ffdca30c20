"""The board's worked softmax row (softmax_row.shown_softmax) checks its tries' shares as whole numbers and makes each
try's scores and exp() once for every share decimals (#18: ~1,000 shares a try at 1,024 students, up to 3 x 4
tries since teacher8 M9's one rule for the digits); its digits are the ones the plain working gives: every try
written in full in Decimal (scores 2-5 decimals, exp() 3-6, shares 3-5, each share hand_divide of the shown exp()
and sum), the first whose every share rounds by hand to the model's. Checked on random rows (1 to 1,024 seats,
big and tiny scores, ties, masks, nan and what-if scores of thousands) and on every row of every head and layer
of the shipped checkpoint, in both rules."""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
from classroom_gui.lesson import softmax_row
from classroom_gui.lesson.numbers import exact_sum, fmt, hand_divide, rounds_to, sig
from classroom_gui.lesson.softmax_row import EXP_MAX, ShownSoftmax
from classroom_gui.model.sentence import compute_run


def plain_row(scaled, mask, decimals, exp_decimals, places):
    """One try of the row, written plainly (the rule as fix13 wrote it)."""
    sc = [("" if m else fmt(v, decimals)) for v, m in zip(scaled, mask)]
    top = max((float(t) for t, m in zip(sc, mask) if not m), default=0.0)
    shift = top if top > EXP_MAX else 0.0
    values = [0.0 if m else math.exp(float(t) - shift) for t, m in zip(sc, mask)]
    ex = [("0" if m else f"{v:.{exp_decimals}f}") for v, m in zip(values, mask)]
    if not any(Decimal(e) for e, m in zip(ex, mask) if not m):
        ex = [("0" if m else sig(v, 4)) for v, m in zip(values, mask)]
    total = exact_sum([e for e, m in zip(ex, mask) if not m])
    w = [fmt(0.0, places) if m else (hand_divide(e, total, places) or fmt(0.0, places)) for e, m in zip(ex, mask)]
    return ShownSoftmax(sc, ex, total, w)


def plain_shown(scaled, mask, weights=None):
    first = None
    for places in (3, 4, 5):
        for extra in range(4):
            shown = plain_row(scaled, mask, 2 + extra, 3 + extra, places)
            first = first or shown
            if weights is None or all(m or rounds_to(w, fmt(v)) for w, v, m in zip(shown.weights, weights, mask)):
                return shown
    return first


def shares(scaled, mask):  # the model's shares of the row (nan where a score is nan or inf, as a model's would be)
    with np.errstate(all="ignore"):
        z = np.where(mask, -np.inf, scaled.astype(np.float64))
        top = np.nanmax(z) if np.isfinite(z).any() else 0.0
        e = np.where(mask, 0.0, np.exp(np.clip(z - top, -700, 0)))
        return (e / max(e.sum(), 1e-300)).astype(np.float32)


def test_random_rows_are_worked_to_the_plain_digits():
    rng = np.random.default_rng(0)
    differ, tried = 0, set()
    for _ in range(180):
        n = int(rng.choice([1, 2, 5, 12, 64, 300, 1024]))
        scale = float(rng.choice([0.005, 0.5, 3.0, 12.0, 40.0, 900.0]))
        scaled = (rng.normal(0, scale, n) + float(rng.choice([0.0, -30.0, 30.0, 650.0]))).astype(np.float32)
        if rng.random() < 0.3:
            scaled = np.round(scaled * 8) / 8  # eighths: 0.125 and 0.375 are halves of the 2-decimal rounding
        if rng.random() < 0.1:
            scaled[rng.integers(n)] = np.float32(rng.choice([np.nan, 1e7, -1e30, np.inf]))
        mask = rng.random(n) < float(rng.choice([0.0, 0.5, 1.0]))
        for weights in (shares(scaled, mask), None):
            got = softmax_row.shown_softmax(scaled, mask, weights)
            differ += got != plain_shown(scaled, mask, weights)
            tried.add(max((len(w.split(".")[1]) for w in got.weights if "." in w), default=0))
    assert differ == 0
    assert {3, 4} <= tried  # some rows needed a 4th decimal for their shares


def test_every_row_of_the_shipped_checkpoint_is_worked_to_the_plain_digits(checkpoint):
    rows = 0
    for rule in ("causal", "none"):
        trace = compute_run(checkpoint, "The cat sat on the mat and the dog sat on the rug .", rule).trace
        for layer in trace.layers:
            for h in range(trace.config.n_head):
                head = layer.head(h)
                for f in range(trace.n_tokens):
                    args = (head.scaled[f], head.mask[f], head.weights[f])
                    assert softmax_row.shown_softmax(*args) == plain_shown(*args), (rule, h, f)
                    rows += 1
    assert rows == 2 * trace.config.n_layer * trace.config.n_head * trace.n_tokens


def test_decimal_units_are_the_digits_format_writes():
    """hand_shares.decimal_units (the scores and exp() of each try, found without writing them) on halves that
    are exact in binary (0.125 is written 0.12, 0.375 0.38: half to even), the floats either side of them and of
    inexact halves (1.005 is 1.00499999999999989...), and random numbers of every size it takes."""
    from classroom_gui.lesson.hand_shares import decimal_units

    rng = np.random.default_rng(1)
    halves = np.concatenate([np.arange(-64, 64) / 8 + 1 / 16, np.arange(0, 2000) / 1000 + 0.0005,
                             np.arange(0, 300) / 100 + 0.005])
    near = np.concatenate([halves, np.nextafter(halves, np.inf), np.nextafter(halves, -np.inf)])
    wide = rng.normal(0, 1, 3000) * 10.0 ** rng.integers(-8, 9, 3000)
    for digits in (1, 2, 3, 4, 5, 6):
        for xs in (near, wide[np.abs(wide) * 10.0 ** digits < 2.0 ** 52], np.exp(rng.normal(0, 3, 1000))):
            want = [int(format(float(x), f".{digits}f").replace(".", "")) for x in xs]
            assert decimal_units(xs, digits).tolist() == want, digits
    assert decimal_units(np.array([1.0, np.nan]), 2) is None and decimal_units(np.array([1e15]), 3) is None
