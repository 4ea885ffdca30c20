"""One number made by a learned matrix, worked on the blackboard from digits it shows: the inputs, the
matrix's column, each product as written, the bias (and anything else added) and the sum, so a student can
redo a card's number, a hidden unit or the feed-forward's output with a calculator (teacher8 H2). Qt-free:
the chapters put these lines on the board; the numbers come from the trace and its params.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from ..model.functions import layer_norm
from .numbers import (bracketed, evened, fmt, fmt_many, hand_divide, hand_product, hand_sum, in_product, places_of,
                      plain_decimal, rounds_to, signed_terms, vector_lines)

ALL_TERMS = 32   # a sum written out as the cards' are (6 numbers a line) up to this many products
LISTED_TERMS = 96  # ... and up to this many compactly (COMPACT): the teaching model's feed-forward keeps up to 96
FIRST_TERMS = 6  # a longer sum (GPT-2's 768) shows its first products and says how many there are
PER_LINE = 6     # numbers a board line holds, as a desk's rows (a student matches them row by row)
PRODUCTS_PER_LINE = 4  # products a line holds: six of 4 decimals are wider than a 4:3 board
NOTEBOOK_DIGITS = (2, 3, 4)  # decimals tried for the notebook LayerNorm evens out: GPT-2-like numbers are ~0.02


class Digits(NamedTuple):
    """How a sum of products written by hand finds its digits (one search, hand_written, for every board that adds
    products): the decimals tried for the factors and the products' decimals at each, how near the products as
    written must add up to the model's number as shown ("": they round to it by hand; else at most this far from
    it), which try is shown when none does, and up to how many products the sum is written out whole."""
    factors: tuple[int, ...]
    products: tuple[int, ...]
    within: str
    fallback: int
    whole: int


# a learned matrix's number (cards, W_O, the feed-forward): factors at 2 or 3 decimals (4 made six numbers wider
# than a 4:3 board's line), products at 4, rounding to the desk's card; else the 3-decimal try and a note
LEARNED = Digits((2, 3), (4, 4), "", -1, LISTED_TERMS)
# ... a compact one's products are not written, only their factors: each exact (4 or 6 decimals), and so their sum
COMPACT = LEARNED._replace(products=(4, 6))
TERMS_PER_LINE = 3  # a compact sum's products "2.482×(-0.387)" a line: 4 are wider than a 4:3 board at 16 px
SIGNED_PER_LINE = 2  # ... where both factors can be negative: 3 "(-1.278)×(-0.048)" are wider than a 4:3 board
# ... the answer's logit beside its chart: a third try at 4 decimals (exact products at 8), so that its sum redoes the
# chart's score with no note (teacher14 H1: 12 students' 3-decimal sum 15.1909 beside 15.18 took the note's line, and
# the 4:3 board fell back to the list of logits)
LOGIT = COMPACT._replace(factors=(2, 3, 4, 5), products=(4, 6, 8, 10))
TOTAL_PLACES = 4  # a compact sum's total at the decimals the other boards' sums have (its exact sum has 6)


@dataclass(frozen=True)
class WorkedSum:
    """inputs · weights + extras as the board writes it. Every product is its two factors as written, multiplied
    and rounded half up to the products' decimals; `total` is the exact sum of the products and extras as
    written, and `exact` says it rounds by hand to `shown` (the model's number at 2 decimals, as the desk or
    strip shows it). A long sum (more than Digits.whole products) lists its first FIRST_TERMS only: `total` is
    then "" and `shown` the model's own number."""
    inputs: list[str]
    weights: list[str]
    products: list[str]
    extras: list[str]   # the bias, then anything else added (the notebook, in the feed-forward's output)
    total: str
    shown: str
    n: int              # how many products the sum has
    exact: bool
    whole: bool = True  # every product written (else the first FIRST_TERMS)
    compact: bool = False  # each product written as its two factors only (COMPACT's digits: exact products)
    model: float | None = None  # the model's own number (its unrounded float), for the digits the total keeps


def normed(ctx, name: str, row) -> np.ndarray:  # [C] -> [C]
    """LayerNorm `name` ("ln_1", "ln_2") of the selected layer on one student's notebook, with the model's own
    function and weights: the asker's row alone, so a big class's frame does not make the whole [T, C] step.
    Overflow is quiet, as in the forward (model.sentence): worked_sum then shows nothing."""
    p, c = ctx.trace.params, ctx.trace.config
    prefix = f"h.{ctx.sel.layer}.{name}."
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # a model with huge weights: inf, as it made
        return layer_norm(row[None], p[prefix + "weight"], p[prefix + "bias"], c.layer_norm_epsilon)[0]


def hand_written(xs, ws, extras, shown: str, digits: Digits) -> WorkedSum:
    """xs · ws + extras written by hand at the first of `digits`' tries whose products as written add up to `shown`
    (the model's number as a desk shows it), else at its fallback try (`exact` False)."""
    tries = []
    for factor_digits, places in zip(digits.factors, digits.products):
        a, b, e = fmt_many(xs, factor_digits), fmt_many(ws, factor_digits), fmt_many(extras, factor_digits)
        products = [hand_product(x, w, places) for x, w in zip(a, b)]
        try:
            total = hand_sum(products + e, places)
            near = (abs(Decimal(total) - Decimal(shown)) <= Decimal(digits.within) if digits.within
                    else rounds_to(total, shown))
        except ArithmeticError:  # inf or nan: nothing adds up to it
            total, near = "", False
        tries.append(WorkedSum(a, b, products, e, total, shown, len(a), near))
        if near:
            return tries[-1]
    return tries[digits.fallback]


def worked_sum(inputs, weights, extras, model: float, compact: bool = False, digits: Digits | None = None
               ) -> WorkedSum | None:
    """hand_written at LEARNED (COMPACT over ALL_TERMS products, or when `compact`: the answer's logit beside its
    chart): the fewest decimals of the factors at which the hand sum rounds to the model's number at 2 decimals,
    else 3 (`exact` False, and the board then says that the last digit can differ); a sum of more than
    LISTED_TERMS products lists its first FIRST_TERMS. None when a number is not plain (inf, nan, a what-if's
    1e+07): that board shows no worked sum. `digits` (a compact sum's): its own tries (LOGIT) instead of COMPACT."""
    xs, ws, ex = np.asarray(inputs, np.float64), np.asarray(weights, np.float64), [float(e) for e in extras]
    shown, n = fmt(model), len(xs)
    if not (np.isfinite(xs).all() and np.isfinite(ws).all() and all(np.isfinite(ex)) and np.isfinite(model)):
        return None
    if max(np.abs(xs).max(initial=0), np.abs(ws).max(initial=0), *map(abs, ex), abs(model)) >= 1e6:
        return None
    if n > LEARNED.whole:
        a, b = fmt_many(xs[:FIRST_TERMS], 3), fmt_many(ws[:FIRST_TERMS], 3)
        return WorkedSum(a, b, [hand_product(x, w, 4) for x, w in zip(a, b)], [fmt(e, 3) for e in ex], "", shown,
                         n, True, whole=False)
    compact = compact or n > ALL_TERMS
    return replace(hand_written(xs, ws, ex, shown, (digits or COMPACT) if compact else LEARNED), compact=compact,
                   model=float(model))


def first_products(worked: WorkedSum) -> WorkedSum:
    """A sum written whole as a long one is: its first FIRST_TERMS products, and the model's number for the rest."""
    k = FIRST_TERMS
    return replace(worked, inputs=worked.inputs[:k], weights=worked.weights[:k], products=worked.products[:k],
                   total="", whole=False, compact=False)


def evened_written(n: int) -> int:
    """How many of `n` evened numbers layernorm_lines writes (listed's, as every=True writes them)."""
    return n if n <= ALL_TERMS else FIRST_TERMS


def listed(parts: list[str], n: int = 0) -> tuple[list[str], int]:
    """`n` numbers (len(parts) unless given), written as `parts`, as a vector the board writes (Frame.write_vector,
    numbers.vector_lines): (the numbers written, how many more are left out): all of them up to ALL_TERMS, else
    the first FIRST_TERMS, so that a wide model's 768-number notebook leaves the board's room to the worked sum
    after it (teacher9 H3)."""
    n = n or len(parts)
    return (list(parts), 0) if n <= ALL_TERMS else (list(parts[:FIRST_TERMS]), n - FIRST_TERMS)


def sum_lines(t, worked: WorkedSum, heading: str, inputs_label: str, weights_label: str, products_key: str,
              shown_key: str, total_long_key: str, per_line: int = TERMS_PER_LINE, lead: str | None = None
              ) -> list[str]:
    """The board lines: a heading, the inputs and the column (PER_LINE a line), `products_key` naming what is added
    (values b, and rest: the notebook's number), the products and those summed as one chain "= p1 + … + b = total"
    that a student (and tests/board_arithmetic) can redo, and `shown_key` naming where the model's number is.
    A compact sum (more than ALL_TERMS products: the feed-forward's kept units) writes each product as its two
    factors, "a×w", `per_line` a line (TERMS_PER_LINE; SIGNED_PER_LINE where both factors can be negative), and
    their exact sum (teacher10 M1: 57 units' inputs, column and products took 45 lines, and the sum fell off the
    board). A long sum lists its first products and `total_long_key` (values n, shown) gives the result. `t` is
    Ctx.t. The heading is an equation ("… = x · w + b"), the inputs and column labels name x and w, `products_key`
    names what else is added ("b: bias b (0.012)"; "": nothing), and the products start with `lead`, the sum's named
    left side ("x · w + b = ": teacher12 L2, a label ending in a colon and the products under it did not read as an
    equation; its first row holds one product fewer), or, without one (None), with a bare "= ". A compact sum's
    total is at TOTAL_PLACES decimals (rounded_total)."""
    named, lead = lead is not None, "= " if lead is None else lead
    worked = rounded_total(worked)
    b, rest = (worked.extras + ["", ""])[:2]
    added = [t(products_key, b=b, rest=rest)] if products_key else []
    lines, rows = [heading], []
    if worked.compact:  # every product as its two factors, per_line a line, then the sum
        terms = [f"{in_product(a)}×{in_product(b)}" for a, b in zip(worked.inputs, worked.weights)]
        lines += [inputs_label, weights_label] + added
        lines += [(lead if i == 0 else "  + ") + " + ".join(terms[i:i + per_line])
                  for i in range(0, len(terms), per_line)]
    elif worked.whole:
        lines += [inputs_label] + bracketed(worked.inputs, PER_LINE) + [weights_label]
        lines += bracketed(worked.weights, PER_LINE) + added
        rows = product_rows(worked.products, named=named)
        lines += [(lead if i == 0 else "  ") + signed_terms(row, first=i == 0) for i, row in enumerate(rows)]
    if worked.whole:
        added_terms = f"{signed_terms(worked.extras, first=False)} " if worked.extras else ""
        total = supported(worked.total, worked.model, worked.shown)
        closing = f"{added_terms}= " + _beside(total, t(shown_key, shown=worked.shown))
        if rows and len(rows[-1]) + len(worked.extras) <= PRODUCTS_PER_LINE // 2:  # 3 and the total: wider than 4:3
            lines[-1] += " " + closing  # the bias and the total beside the last product or two: no line of its own
        else:
            lines.append("  " + closing)
        # no note where the total as written rounds half up to the chart's number (retrain4: products adding up to
        # 16.404997 are written 16.4050 beside 16.41; a note's extra line pushed the 4:3 board's sum off)
        written = worked.exact or (worked.compact and rounds_to(worked.total, worked.shown))
        return lines + ([] if written else [missed(t, worked.total, worked.shown)])
    k = len(worked.inputs)
    lines += [t("worked.long", n=worked.n, k=k), inputs_label] + vector_lines(*listed(worked.inputs, n=worked.n), t=t)
    lines += [weights_label] + vector_lines(*listed(worked.weights, n=worked.n), t=t) + added
    lines += [lead + signed_terms(worked.products) + " + " + t("board.more_terms", n=worked.n - k)]  # 「…（ほか122項）」
    return lines + [t(total_long_key, n=worked.n, shown=worked.shown)]


def product_rows(products: list[str], named: bool) -> list[list[str]]:
    """A written-out sum's products PRODUCTS_PER_LINE a line; where the first line starts with its named left side
    ("x · w + b = ", fix22: a 4:3 board's line holds it and 3 products, not 4), one fewer on the first."""
    first = PRODUCTS_PER_LINE - 1 if named else PRODUCTS_PER_LINE
    cuts = [0] + list(range(first, len(products), PRODUCTS_PER_LINE)) if products else []
    return [products[a:b] for a, b in zip(cuts, cuts[1:] + [len(products)])]


def rounded_total(worked: WorkedSum) -> WorkedSum:
    """A compact sum with its exact total (6 decimals) rounded half up to TOTAL_PLACES, where that still rounds to
    the model's number as shown; else as it is (the exact total, and the board's note says how near it is)."""
    if not (worked.compact and worked.whole and worked.total):
        return worked
    return replace(worked, total=at_total_places(worked.total, worked.shown))


def at_total_places(result: str, shown: str, exact: str | None = None) -> str:
    """A worked result of more than TOTAL_PLACES decimals rounded half up to TOTAL_PLACES where that still rounds to
    `shown` (the model's number beside it), else as it is: "-0.66477" -> "-0.6648" beside -0.66; with `exact`
    (supported's), that value rounded, not the result rounded twice."""
    if places_of(result) <= TOTAL_PLACES:
        return result
    try:
        total = hand_sum([exact if exact is not None else result], TOTAL_PLACES)
    except ArithmeticError:
        return result
    return total if rounds_to(total, shown) else result


def supported(result: str, model: float | None, shown: str, exact: str | None = None) -> str:
    """A worked result rounded half up to the most of its decimals that are also the model's own (`model` rounded
    the same way), but never fewer than `shown`'s, the model's number as the desk or chart shows it (student35 #2:
    "(-0.54) × 0.58 - 0.06 = -0.373" beside a next board's x₁ = -0.370, and 2-decimal factors adding up to "0.2710"
    for the model's 0.2693, wrote digits that neither the inputs' decimals nor the model hold): -0.3732 for the
    model's -0.37031 is written -0.37, -0.9562 for -0.95577 -0.956; and only at decimals that round half up to `shown`
    (1.1849 for the model's 1.18486 beside 1.18: not 1.185, but 1.1849). The products' sum still redoes it
    within one unit of its last digit, as a score written at 2 decimals beside 3-decimal products does. With
    `exact`, the exact value of the written factors (scale_lines), every shorter result is that value rounded, and
    is kept only where it still rounds to `shown`: "(-0.56) × 0.58 - 0.06" (exact -0.3848) is -0.385, never -0.39."""
    least, most = places_of(shown), places_of(result)
    if model is None or most <= least or not np.isfinite(model):
        return result
    try:
        own, source = Decimal(repr(float(model))), exact if exact is not None else result
        for digits in range(most, least, -1):
            here = hand_sum([source], digits)
            if Decimal(here) == Decimal(hand_sum([str(own)], digits)) and rounds_to(here, shown):  # 1.185 not by 1.18
                return here
        here = hand_sum([source], least)
        return here if exact is None or rounds_to(here, shown) else result
    except ArithmeticError:
        return result


def missed(t, result: str, shown: str) -> str:
    """The note under a worked result that does not round to the model's number `shown`: that the last digit can
    differ when it is one off at `shown`'s decimals, else that the digits shown are too few (review12: a scale
    line 0.20 off said "the last digit can differ")."""
    return t("worked.rounding" if one_off(result, shown) else "worked.too_few")


def one_off(result: str, shown: str) -> bool:
    """`result` rounded by hand to `shown`'s decimals is `shown` or one off in its last digit."""
    digits = places_of(shown)
    try:
        return abs(Decimal(hand_sum([result], digits)) - Decimal(shown)) <= Decimal(1).scaleb(-digits)
    except ArithmeticError:
        return False


def evened_notebook(row, eps: float, scale: float, shift: float, model: float, first: int | None = None):
    """The notebook LayerNorm evens out (chapter 10's residual step), as the board writes it, with its mean, spread
    and evened numbers (numbers.evened) and the learned scale and shift of its first number (scaled_and_shifted):
    at the fewest decimals (NOTEBOOK_DIGITS) at which that first number lands on the desks' card, else at which
    it is one off in its last digit, else at 2 (and scale_lines says the digits are too few). (shown, evened or
    None, learned or None); with `first`, the first `first` evened numbers only (numbers.evened): those the board
    writes (evened_written), or none where it writes none (the answer's final norm)."""
    tried = []
    for digits in NOTEBOOK_DIGITS:
        shown = fmt_many(row, digits)
        stats = evened(shown, eps, mean_places=max(3, digits + 1), first=first)  # the mean one finer than the notebook
        learned = stats and scaled_and_shifted(shown[0], stats[0], stats[1], scale, shift, model)
        if not learned or learned.exact:
            return shown, stats, learned
        tried.append((shown, stats, learned))
    return next((got for got in tried if one_off(got[2].result, got[2].shown)), tried[0])


class Scaled(NamedTuple):
    """LayerNorm's last step for one number as the board writes it: even × scale + shift = result; `exact` says
    that it rounds by hand to `shown`, the model's number at the desks' card's 2 decimals."""
    even: str
    scale: str
    shift: str
    result: str
    exact: bool
    shown: str
    model: float | None = None  # the model's own number, for the digits the result keeps (supported)


def scaled_and_shifted(x: str, mean: str, spread: str, scale: float, shift: float, model: float):
    """LayerNorm's last step for one number, from the board's digits: ((x - mean) ÷ spread) × scale + shift, the
    evened number with the fewest decimals (2-5) at which the hand result rounds to the model's (the desk card's
    number at 2 decimals): a Scaled, or None for a number that is not plain."""
    shown, first = fmt(model), None
    try:
        centred = str(Decimal(x) - Decimal(mean))
        for digits in (2, 3, 4, 5):
            even = hand_divide(centred, spread, digits)
            g, b = fmt(scale, digits), fmt(shift, digits)
            if not even or not np.isfinite(float(g)) or not np.isfinite(float(b)):
                return None
            places = max(3, digits + 1)
            result = hand_sum([hand_product(even, g, places), b], places)
            worked = Scaled(even, g, b, result, rounds_to(result, shown), shown, float(model))
            if worked.exact:
                return worked
            first = first or worked
    except (ArithmeticError, ValueError):
        return None
    return first


def scale_lines(t, worked, where: str) -> list[str]:
    """The board lines of scaled_and_shifted: the equation in words ("number 1 = evened × scale + shift", fix22: no
    label ending in a colon), then the one redoable equation in the same order and `where` the model's number is
    shown."""
    even, g, b, result, exact, shown, model = worked
    value = str(Decimal(even) * Decimal(g) + Decimal(b))  # what the written factors make (review34 #1)
    result = at_total_places(result, shown, value) if exact else result  # fix22: at most 4 decimals, as every total
    result = supported(result, model, shown, value)
    line = f"{in_product(even)} × {in_product(g)} {signed_terms([b], first=False)} = " + _beside(result, where)
    return [t("worked.ln_scale"), line] + ([] if exact else [missed(t, result, shown)])


def layernorm_lines(t, name: str, eps: float, shown: list[str], worked, learned, where: str,
                    every: bool = False) -> list[str]:
    """LayerNorm redone on the board from the notebook's digits `shown` (evened_notebook's): its mean and spread, then
    with `every` each number evened and the learned scale and shift of number 1 (the layers' residual step), else
    number 1 evened, scaled and shifted (first_evened: answer time's final norm). Without `learned` (a scale or
    shift that is not finite) the mean and spread are still written (review25 #7), and with `every` the evened
    numbers too."""
    mean, spread, values = worked
    lines = [t("board.ln_stats", name=name, mean=mean, spread=spread), t("board.ln_spread", eps=plain_decimal(eps))]
    if every:
        lines += [t("board.ln_even", name=name, mean=mean, spread=spread),
                  *vector_lines(*listed(values, len(shown)), t=t),
                  t("board.ln_learned")]
        return lines + (scale_lines(t, learned, where) if learned is not None else [])
    return lines + (first_evened(t, shown[0], mean, spread, learned, where) if learned is not None else [])


def first_evened(t, x: str, mean: str, spread: str, worked: Scaled, where: str) -> list[str]:
    """Number 1 evened and then scaled and shifted, where no line of every evened number is written (the answer's final
    LayerNorm): "(1.56 - 0.073) ÷ 4.651 = 0.3197" from the digits shown, then scale_lines."""
    minus_mean = mean[1:] if mean.startswith("-") else "-" + mean  # x - (-0.123) is written x + 0.123
    line = f"({x} {signed_terms([minus_mean], first=False)}) ÷ {spread} = {worked.even}"
    return [t("worked.ln_even_first"), line] + scale_lines(t, worked, where)


def _beside(result: str, note: str) -> str:
    """A result and its note in brackets: "-0.611 (the desks' card: -0.61)", 「-0.611（机のカードでは-0.61）」 (a
    full-width bracket takes no space before it)."""
    return f"{result}{note}" if note.startswith("（") else f"{result} {note}"
