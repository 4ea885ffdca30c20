"""The board's worked softmax row (softmax_row.shown_softmax) finds its digits in whole numbers (#18: ~1,000 shares a
try at 1,024 students) and gives the digits the plain working gives (digits, session 18): every try written in full
in Decimal, scores 3-7 and exp() 3-8 decimals, the fewest extra digits first (fewer exp() digits on a tie), each
share hand_divide of the shown exp() and sum; the first try whose every share is the model's share at the row's
share decimals (3, or 4-5 where a 3rd decimal would round to another badge) and whose every exp() is within 1 unit
of the model's exp() at its digits (teacher22 L1); else the first with the fewest shares said ≈ (written as the
model's beside an exp ÷ sum that does not give it: near), then the fewest exp() lines off the model's. Checked on random rows (1 to 1,024 seats, ties, masks) and
on every row of every head and layer of the shipped checkpoint, in both rules; rows that are not plain (nan,
scores of millions) write the model's shares, ≈ where their lines do not redo."""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
from classroom_gui.lesson import softmax_row
from classroom_gui.lesson.numbers import exact_sum, fmt, hand_divide, rounds_to
from classroom_gui.lesson.softmax_row import DIGITS, ShownSoftmax
from classroom_gui.model.sentence import compute_run


def plain_row(scaled, mask, decimals, exp_decimals, places):
    """One try of the row, written plainly: each line worked in Decimal from the line before as written."""
    sc = [("" if m else fmt(v, decimals)) for v, m in zip(scaled, mask)]
    ex = [("0" if m else f"{math.exp(float(t)):.{exp_decimals}f}") for t, m in zip(sc, mask)]
    total = exact_sum([e for e, m in zip(ex, mask) if not m])
    w = [fmt(0.0, places) if m else hand_divide(e, total, places) for e, m in zip(ex, mask)]
    return ShownSoftmax(sc, ex, total, w)


def plain_shown(scaled, mask, weights):
    heard = [not m for m in mask]
    places = next((p for p in (3, 4, 5) if all(rounds_to(fmt(w, p), fmt(w)) for w, h in zip(weights, heard) if h)), 5)
    best = None
    for s, e in DIGITS:
        row = plain_row(scaled, mask, s, e, places)
        wrong = [h and t != fmt(w, places) for t, w, h in zip(row.weights, weights, heard)]
        key = (sum(wrong), sum(h and off_the_models(x, v) for x, v, h in zip(row.exp, scaled, heard)))
        if best is None or key < best[0]:
            best = (key, row, wrong)
    _, row, wrong = best
    shares = [fmt(w, places) if n else t for t, w, n in zip(row.weights, weights, wrong)]
    return ShownSoftmax(row.scaled, row.exp, row.total, shares, tuple(wrong) if any(wrong) else (),
                        *plain_arguments(scaled, mask, row))


def off_the_models(e: str, score: float) -> bool:
    """An exp() written more than 1 unit of its last digit from the model's exp() of its unrounded score, rounded by
    hand to those digits (teacher22 L1: exp(-0.24) = 0.787 beside the model's 0.790)."""
    unit = Decimal(1).scaleb(-len(e.split(".")[1]))
    return abs(Decimal(e) - Decimal(math.exp(score)).quantize(unit, "ROUND_HALF_UP")) > unit


def plain_arguments(scaled, mask, row):
    """The exp() arguments the board writes instead of scores at 5-7 decimals: each score at 4, where exp() of at most
    one of them, rounded to the exp()'s decimals, is not the exp() written (that line says ≈); else none."""
    if max(len(t.split(".")[1]) for t in row.scaled if t) <= 4:
        return (), ()
    args = ["" if m else fmt(v, 4) for v, m in zip(scaled, mask)]
    near = [bool(a) and f"{math.exp(float(a)):.{len(e.split('.')[1])}f}" != e for a, e in zip(args, row.exp)]
    return ((tuple(args), tuple(near)) if sum(near) <= 1 else ((), ()))


def shares(scaled, mask):  # the model's shares of the row, in float32 as a model's are
    z = np.where(mask, -np.inf, scaled.astype(np.float64))
    e = np.where(mask, 0.0, np.exp(z - z.max()))
    return (e / e.sum()).astype(np.float32)


def test_random_rows_are_worked_to_the_plain_digits():
    rng = np.random.default_rng(0)
    extra = set()
    for _ in range(60):
        n = int(rng.choice([1, 2, 5, 12, 64, 300, 1024], p=[.1, .15, .2, .25, .15, .1, .05]))
        scaled = np.clip(rng.normal(0, float(rng.choice([0.005, 0.5, 1.0, 3.0])), n), -8, 8).astype(np.float32)
        if rng.random() < 0.3:
            scaled = np.round(scaled * 8) / 8  # eighths: 0.125 and 0.375 are halves of the 2-decimal rounding
        mask = rng.random(n) < float(rng.choice([0.0, 0.5]))
        mask[int(rng.integers(n))] = False
        weights = shares(scaled, mask)
        got = softmax_row.shown_softmax(scaled, mask, weights)
        assert got == plain_shown(scaled.tolist(), mask.tolist(), weights.tolist()), n
        extra.add(len(next(e for e, m in zip(got.exp, mask) if not m).split(".")[1]))
    assert {3, 4, 5} <= extra  # rows needed more exp() digits to write the model's shares


def test_every_row_of_the_shipped_checkpoint_is_worked_to_the_plain_digits(checkpoint):
    rows = 0
    for rule in ("causal", "none"):
        trace = compute_run(checkpoint, "The cat sat on the mat and the dog sat on the rug .", rule).trace
        for layer in trace.layers:
            for h in range(trace.config.n_head):
                head = layer.head(h)
                for f in range(trace.n_tokens):
                    want = plain_shown(head.scaled[f].tolist(), head.mask[f].tolist(), head.weights[f].tolist())
                    assert softmax_row.shown_of_head(head, f) == want, (rule, h, f)
                    assert not want.near  # every share of the 12-word sentence is worked exactly
                    rows += 1
    assert rows == 2 * trace.config.n_layer * trace.config.n_head * trace.n_tokens


def test_a_row_that_is_not_plain_writes_the_models_shares():
    """A what-if score of a million and a nan: no whole-number tries; each share is the model's at 3 decimals, its
    line = where the hand division gives it and ≈ where it does not; a nan share is left as worked."""
    scaled = np.array([2e6, 1.0, 0.5, -1.0], np.float32)
    mask = np.array([False, False, False, True])
    weights = np.array([1.0, 0.0, 0.0, 0.0], np.float32)
    got = softmax_row.shown_softmax(scaled, mask, weights)
    assert got.weights[:3] == ["1.000", "0.000", "0.000"]
    assert all(n == (hand_divide(e, got.total, 3) != w) for e, w, n in zip(got.exp[:3], got.weights, got.near))
    nan = softmax_row.shown_softmax(np.array([np.nan, 1.0], np.float32), [False, False], np.array([np.nan, 1.0]))
    # the nan seat's share is worked (exp ÷ a sum of NaN: NaN); the other is the model's 1.000, said ≈ beside it
    assert nan.weights == ["NaN", "1.000"] and nan.near == (False, True)


def test_without_the_models_shares_the_row_is_the_fewest_digits():
    got = softmax_row.shown_softmax([1.0, 0.0], [False, False])  # (SCORE_DECIMALS[0], EXP_DECIMALS[0])
    assert got == ShownSoftmax(["1.000", "0.000"], ["2.718", "1.000"], "3.718", ["0.731", "0.269"])


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


def _within_its_last_digit(text: str, exact: Decimal) -> bool:
    """`text` (0.368, 1.861e+19) is `exact` rounded to its last digit: at most half a unit of it away."""
    mantissa, _, power = text.lower().partition("e")
    unit = Decimal(1).scaleb(-len(mantissa.split(".")[1]) + int(power or 0)) if "." in mantissa else Decimal(1)
    return abs(Decimal(text) - exact) <= unit / 2


def test_huge_scaled_scores_are_worked_exactly(tmp_path):
    """review21 #6 (its big.py: the teaching weights scaled to a peak of 3, scaled scores past 29 and up to ~224):
    the board wrote float noise as digits (exp(44.37) = 18605706339369062400.000), cut the sum at 28 digits and,
    past EXP_MAX, exp(773.36) = 1.000 (the exp of the score minus the largest). Now every exp() and sum is the exact
    value at its last digit, a big one as fmt writes big numbers, and every share the model's."""
    import importlib.util
    import math
    from decimal import localcontext
    from pathlib import Path
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.model.sentence import compute_run
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("make_hostile_models", root / "scripts" / "make_hostile_models.py")
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    hostile.teaching(lambda f: hostile._weights(f, hostile._scale_all(3.0)))(tmp_path / "big")
    trace = compute_run(load_checkpoint(tmp_path / "big"), "The cat sat on the mat", mask="none").trace
    rows = big = 0
    for layer in trace.layers:
        for h in range(trace.config.n_head):
            head = layer.head(h)
            for f in range(trace.n_tokens):
                got = softmax_row.shown_of_head(head, f)
                heard = [j for j in range(trace.n_tokens) if not head.mask[f][j]]
                with localcontext() as c:
                    c.prec, c.Emax = 80, 10 ** 9
                    for j in heard:
                        assert _within_its_last_digit(got.exp[j], Decimal(got.scaled[j]).exp()), (got.scaled[j],
                                                                                                got.exp[j])
                    assert _within_its_last_digit(got.total, sum(Decimal(got.exp[j]) for j in heard)), got.total
                for j in heard:
                    assert got.weights[j] == fmt(head.weights[f][j], len(got.weights[j].split(".")[1]))
                    assert (hand_divide(got.exp[j], got.total, 3) != got.weights[j]) == bool(got.near and got.near[j])
                big += max(float(head.scaled[f][j]) for j in heard) > 29
                rows += 1
    assert rows == 3 * trace.config.n_head * trace.n_tokens and big > 10, big
    assert math.isfinite(float(trace.layers[0].head(0).scaled.max()))
