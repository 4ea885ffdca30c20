"""One number made by a learned matrix, worked on the blackboard from digits it shows: the inputs, the
matrix's column, each product as written, the bias (and anything else added) and the sum, so a student can
redo a card's number, a hidden unit or the feed-forward's output with a calculator (teacher8 H2). Qt-free:
the chapters put these lines on the board; the numbers come from the trace and its params.
"""
from __future__ import annotations

from dataclasses import dataclass
import numpy as np

from .numbers import bracketed, fmt, fmt_many, hand_product, hand_sum, rounds_to, signed_terms

ALL_TERMS = 32   # a sum written out whole up to this many products (the teaching model's 24; its FFN's kept units)
FIRST_TERMS = 6  # a longer sum (GPT-2's 768) shows its first products and says how many there are
PER_LINE = 6     # numbers a board line holds, as a desk's rows (a student matches them row by row)
PRODUCTS_PER_LINE = 4  # products a line holds: six of 4 decimals are wider than a 4:3 board


@dataclass(frozen=True)
class WorkedSum:
    """inputs · weights + extras as the board writes it. Every product is its two factors as written, multiplied
    and rounded half up to the products' decimals; `total` is the exact sum of the products and extras as
    written, and `exact` says it rounds by hand to `shown` (the model's number at 2 decimals, as the desk or
    strip shows it). A long sum (more than ALL_TERMS products) lists its first FIRST_TERMS only: `total` is
    then "" and `shown` the model's own number."""
    inputs: list[str]
    weights: list[str]
    products: list[str]
    extras: list[str]   # the bias, then anything else added (the notebook, in the feed-forward's output)
    total: str
    shown: str
    n: int              # how many products the sum has
    exact: bool

    @property
    def whole(self) -> bool:
        return self.n <= ALL_TERMS


def worked_sum(inputs, weights, extras, model: float) -> WorkedSum | None:
    """The fewest decimals (2-5) of the factors at which the hand sum rounds to the model's number at 2
    decimals; the products keep 4 decimals (5+ when the factors have more). None when a number is not plain
    (inf, nan, a what-if's 1e+07): that board shows no worked sum."""
    xs, ws, ex = np.asarray(inputs, np.float64), np.asarray(weights, np.float64), [float(e) for e in extras]
    shown, n = fmt(model), len(xs)
    if not (np.isfinite(xs).all() and np.isfinite(ws).all() and all(np.isfinite(ex)) and np.isfinite(model)):
        return None
    if max(np.abs(xs).max(initial=0), np.abs(ws).max(initial=0), *map(abs, ex), abs(model)) >= 1e6:
        return None
    if n > ALL_TERMS:
        a, b = fmt_many(xs[:FIRST_TERMS], 3), fmt_many(ws[:FIRST_TERMS], 3)
        return WorkedSum(a, b, [hand_product(x, w, 4) for x, w in zip(a, b)], [fmt(e, 3) for e in ex], "", shown,
                         n, True)
    first = None
    for digits in (2, 3, 4, 5):
        a, b, e = fmt_many(xs, digits), fmt_many(ws, digits), [fmt(v, digits) for v in ex]
        places = max(4, digits + 1)
        products = [hand_product(x, w, places) for x, w in zip(a, b)]
        total = hand_sum(products + e, places)
        worked = WorkedSum(a, b, products, e, total, shown, n, rounds_to(total, shown))
        if worked.exact:
            return worked
        first = first or worked
    return first


def redone(worked: WorkedSum) -> str:
    """What a student gets redoing the board from its digits: each product of the shown factors rounded half up
    as the board rounds it, plus the extras, summed (the board's `total`)."""
    places = len(worked.products[0].split(".")[1]) if worked.products else 4
    products = [hand_product(x, w, places) for x, w in zip(worked.inputs, worked.weights)]
    return hand_sum(products + worked.extras, places)


def sum_lines(t, worked: WorkedSum, heading: str, inputs_label: str, weights_label: str, extras: list[str],
              products_key: str, shown_key: str, total_long_key: str) -> list[str]:
    """The board lines: a heading, the inputs and the column (PER_LINE a line), each extra named ("b = 0.713";
    `extras` are their names: b, the notebook), the products and extras summed as one chain "= p1 + … + b = total"
    that a student (and tests/board_arithmetic) can redo, and `shown_key` naming where the model's number is.
    A long sum lists its first products and `total_long_key` (values n, shown) gives the result. `t` is Ctx.t."""
    lines = [heading]
    named = [f"{name} = {value}" for name, value in zip(extras, worked.extras)]
    if worked.whole:
        lines += [inputs_label] + bracketed(worked.inputs, PER_LINE) + [weights_label]
        lines += bracketed(worked.weights, PER_LINE) + named + [t(products_key)]
        step = PRODUCTS_PER_LINE
        lines += [("= " if i == 0 else "  ") + signed_terms(worked.products[i:i + step], first=i == 0)
                  for i in range(0, len(worked.products), step)]
        lines.append(f"  {signed_terms(worked.extras, first=False)} = {worked.total} {t(shown_key, shown=worked.shown)}")
        return lines + ([] if worked.exact else [t("worked.rounding")])
    k = len(worked.inputs)
    more = f", … (+{worked.n - k})"
    lines += [t("worked.long", n=worked.n, k=k), inputs_label, "[" + ", ".join(worked.inputs) + more + "]",
              weights_label, "[" + ", ".join(worked.weights) + more + "]"] + named
    lines += [t(products_key), "= " + signed_terms(worked.products) + f" + … (+{worked.n - k})"]
    return lines + [t(total_long_key, n=worked.n, shown=worked.shown)]
