"""The board's softmax shares as whole numbers (#18: the worked row of 512-1,024 students, softmax_row.shown_softmax).

When every exp() on the board is written with the same d decimals, each one is a whole number E of 10^-d, their
sum T is the sum of those whole numbers, and a share exp ÷ sum rounded by hand (half up) to p decimals is
k = floor((2·E·10^p + T) ÷ 2T) of 10^-p: the digits Decimal's E ÷ T (28 significant digits) quantized half up
gives. Where fits(), T·10^p < 10^19, so E ÷ T is on a rounding edge or at least 1/(2T·10^p) > 10^-27 from one,
and Decimal's 28 significant digits move a quotient of at most 1 by less than that. So the shares of a row, and
whether each rounds by hand to the model's 2-decimal share, are a few NumPy operations on int64 rather than
~1,000 Decimal divisions and quantizations per try of the row's digits (softmax_row.shown_softmax tries up to
6 x 6, softmax_row.DIGITS); decimal_units finds the whole numbers E from the floats, without writing them. Callers
use these only where int64 holds every product (fits); elsewhere they work in Decimal as before.
"""
from __future__ import annotations

import re

import numpy as np

_INT64_MAX = 2 ** 63 - 1


def fits(total: int, places: int) -> bool:
    """Whether 2·E·10^places + T stays in int64 for every E <= T (E, T non-negative)."""
    return 0 < total and total * (2 * 10 ** places + 1) <= _INT64_MAX


def rounded(E: np.ndarray, total: int, places: int) -> np.ndarray:  # [T] int64 -> [T] int64
    """E ÷ total rounded half up to `places` decimals, as whole numbers of 10^-places (fits(total, places))."""
    return (2 * E * 10 ** places + total) // (2 * total)


def to_two(k: np.ndarray, places: int) -> np.ndarray:  # [T] int64 of 10^-places (places >= 2) -> of 10^-2
    """k rounded by hand again (half up, away from zero as numbers.rounds_to: a listening number can be negative) to
    2 decimals: what rounds_to compares with a share shown at 2."""
    unit = 10 ** (places - 2)
    return np.sign(k) * ((2 * np.abs(k) + unit) // (2 * unit))


def written(k: np.ndarray, places: int) -> list[str]:  # [T] int64 of 10^-places -> "0.123" each
    whole, part = np.divmod(k, 10 ** places)
    return [f"{w}.{p:0{places}d}" for w, p in zip(whole.tolist(), part.tolist())]


def decimal_units(x: np.ndarray, digits: int) -> np.ndarray | None:  # [T] float64 -> [T] int64
    """Each x written with `digits` decimals (format(x, ".{digits}f"), rounded from its exact binary value, half
    to even) as a whole number of 10^-digits, or None where one is not a plain number below 2^52 units. x·10^digits
    rounded to the nearest whole is that number except within an ulp of a half, where format itself is asked."""
    y = x * 10.0 ** digits
    if not np.all(np.abs(y) < 2.0 ** 52):  # (nan and inf too)
        return None
    units = np.rint(y).astype(np.int64)
    for i in np.flatnonzero(np.abs(np.abs(y - np.trunc(y)) - 0.5) <= 2 * np.spacing(np.abs(y))).tolist():
        units[i] = int(format(float(x[i]), f".{digits}f").replace(".", ""))
    return units


_PLAIN = re.compile(r"(?:-?(?:0|[1-9][0-9]*)\.[0-9]+\n)*")  # numbers as written, one a line
_NEGATIVE_ZERO = re.compile(r"(?:^|\n)-0\.0+\n")


def read_units(texts: list[str]) -> tuple[np.ndarray, np.ndarray] | None:  # ["0.123", ...] -> ([123, ...], [3, ...])
    """Numbers as written ("0.1234", "-2.50") as whole numbers of 10^-decimals and their decimals, each as
    numbers.rounds_to reads it, or None where one is not written so ("nan", "1.23e+07", "-0.000", "00.5", or one of
    16 digits or more): those are compared by their text (numbers.rounds_to). A whole row's in a few passes (a
    board's 1,024 shares: ~0.5 ms, not ~3 ms number by number)."""
    lines = "\n".join(texts) + "\n"
    if not texts or max(map(len, texts)) > 16 or not _PLAIN.fullmatch(lines) or _NEGATIVE_ZERO.search(lines):
        return None
    units = np.array([t.replace(".", "") for t in texts]).astype(np.int64)
    places = np.array([len(t) - t.index(".") - 1 for t in texts], np.int64)
    return units, places


def rounds_to_each(k: np.ndarray, places: int, shown: np.ndarray, shown_places: np.ndarray) -> bool:
    """Whether every k (whole numbers of 10^-places) rounded by hand (half up, away from zero) to its shown number's
    decimals is that shown number (read_units): numbers.rounds_to of each pair, in int64."""
    down, up = 10 ** np.maximum(places - shown_places, 0), 10 ** np.maximum(shown_places - places, 0)
    rounded = np.sign(k) * ((2 * np.abs(k) + down) // (2 * down))
    return bool(np.all((shown % up == 0) & (shown // up == rounded)))  # (more decimals shown: k's, then zeros)
