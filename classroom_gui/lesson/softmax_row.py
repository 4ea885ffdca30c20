"""The softmax row as the blackboard works it from the numbers it shows (chapters 5-8 and the mask board): the
scaled scores, exp() of those, their sum and each share, with the fewest digits that redo every line and agree
with the model's shares (ShownSoftmax, shown_softmax); kept beside the trace for the asker (shown_row_of).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from . import hand_shares
from .cache import kept_for
from .numbers import BIG, exact_sum, fmt, fmt_many, hand_divide, rounds_to, sig


@dataclass(frozen=True)
class ShownSoftmax:
    """Softmax of one row as the blackboard works it, from the numbers it shows: the scaled scores as
    shown, exp() of those, their sum as written, and each share as shown exp ÷ shown sum. Redoing any line
    from the digits on screen gives its result, and each share rounded by hand to 2 decimals is the
    model's own share as the bars, links and badges show it (0.336 beside a bar of 0.33 was not).
    One rule for the digits (teacher8 M9), the same for every number of a kind in the row: scaled scores 2
    decimals, exp() and their sum 3, shares 3; where the shares need it, scores and exp() take more decimals
    together, and shares take a 4th (every share of the row) only where a share at 3 would round by hand to
    another 2-decimal share than the badge (0.0546 is 0.055 at 3, which rounds to 0.06, beside a badge of 0.05)."""
    scaled: list[str]      # per seat; "" where masked
    exp: list[str]         # per seat; "0" where masked
    total: str
    weights: list[str]     # per seat, 3 decimals (4-5: see above); "0.000" where masked


EXP_MAX = 700.0  # math.exp overflows past ~709.78
SHARE_PLACES = 3  # a share on a board (chapters 6, 7, 8, answer time)


def shown_softmax(scaled, mask, weights=None) -> ShownSoftmax:  # [T], [T] bool, [T] the model's shares
    """The row at the fewest digits (scores 2-5 decimals, exp() 3-6, shares 3-5) whose hand shares agree with
    `weights` at 2 decimals (without weights: the fewest). Each try's exp() and their sum are found once for all
    share decimals as whole numbers (hand_shares), its shares checked as whole numbers where int64 holds them, and
    only the try shown is written: the digits of writing every try in full (tests/test_shown_row_digits.py), at
    512-1,024 students in 1.5-3 ms rather than up to 20."""
    tries = _Tries(scaled, mask)
    if weights is None:
        return tries.row(0, SHARE_PLACES)
    wanted = fmt_many(weights)
    goals = hand_shares.targets(wanted)
    for places in (SHARE_PLACES, SHARE_PLACES + 1, SHARE_PLACES + 2):
        for extra in range(4):
            if tries.agree(extra, places, wanted, goals):
                return tries.row(extra, places)
    return tries.row(0, SHARE_PLACES)


class _Tries:
    """shown_softmax's tries of one row: per extra digit, the exp() as whole numbers and their sum (found from the
    floats, hand_shares.decimal_units, or read from the row as written), the row as written only for the try
    shown, and per (extra, share decimals) the hand shares."""

    def __init__(self, scaled, mask):
        self.scaled, self.mask = scaled, np.asarray(mask, bool).tolist()
        self.heard = ~np.asarray(self.mask, bool)
        self._whole, self._lines, self._rows = {}, {}, {}

    def whole(self, extra: int):  # (E, T): exp() in whole numbers of 10^-(3 + extra), or None (see _whole_exps)
        if extra not in self._whole:
            self._whole[extra] = _whole_exps(self.scaled, self.heard, 2 + extra, 3 + extra)
        return self._whole[extra]

    def lines(self, extra: int):  # (scores, exp(), sum as written)
        if extra not in self._lines:
            self._lines[extra] = _exp_lines(self.scaled, self.mask, 2 + extra, 3 + extra, self.whole(extra))
        return self._lines[extra]

    def shares(self, extra: int, places: int):  # the hand shares: whole numbers of 10^-places, or a Decimal row
        key = (extra, places)
        if key not in self._rows:
            whole = self.whole(extra)
            if whole is None or not hand_shares.fits(whole[1], places):
                self._rows[key] = _shown_softmax(*self.lines(extra), self.mask, places)
            else:
                self._rows[key] = hand_shares.rounded(whole[0], whole[1], places)
        return self._rows[key]

    def agree(self, extra: int, places: int, wanted: list[str], goals) -> bool:
        k = self.shares(extra, places)
        if isinstance(k, ShownSoftmax):
            return all(m or rounds_to(w, v) for w, v, m in zip(k.weights, wanted, self.mask))
        return bool(np.all(hand_shares.to_two(k[self.heard], places) == goals[self.heard]))

    def row(self, extra: int, places: int) -> ShownSoftmax:
        k = self.shares(extra, places)
        if isinstance(k, ShownSoftmax):
            return k
        sc, ex, total = self.lines(extra)
        zero = fmt(0.0, places)
        shares = [zero if m else t for t, m in zip(hand_shares.written(k, places), self.mask)]
        return ShownSoftmax(sc, ex, total, shares)


def hand_note(t, S: ShownSoftmax) -> list[str]:
    """The board's note that its arithmetic uses the numbers shown, `t` a Ctx's t, and a second line naming the
    shares' decimals when they are more than SHARE_PLACES (M9: why this board's shares have 4 where others have 3)."""
    places = max((len(w.split(".")[1]) for w in S.weights if "." in w), default=SHARE_PLACES)
    return [t("board.hand")] + ([t("board.hand_places", places=places)] if places > SHARE_PLACES else [])


def shown_row_of(trace, layer: int, head: int, f: int, H=None) -> ShownSoftmax:
    """Student f's softmax row of `layer` and `head` as the board works it (shown_softmax, its shares checked against
    the model's own), kept beside the trace for the row last asked for: chapters 5, 7 and 8 write it in every frame,
    and at 1,024 students it is ~3,000 numbers written (2-4 ms since #18's session 14; 5-20 ms before), so
    panels.warm makes it for the asker the lesson will open with. H: that layer's head, when the caller has it."""
    def make() -> ShownSoftmax:
        h = trace.layers[layer].head(head) if H is None else H
        return shown_softmax(h.scaled[f], h.mask[f], h.weights[f])

    return kept_for(trace, "shown_row", (layer, head, f), make)


def _exp_lines(scaled, mask: list[bool], decimals: int, exp_decimals: int, whole=None):
    """A row's scores, exp() and their sum as the board writes them at these decimals; `whole`: the exp() as whole
    numbers of 10^-exp_decimals and their sum (_whole_exps), written as they are, else (a row that is not plain)
    each exp() worked from its score as written."""
    sc = [("" if m else t) for t, m in zip(fmt_many(scaled, decimals), mask)]
    if whole is not None:
        units = 10 ** exp_decimals
        ex = ["0" if m else t for t, m in zip(hand_shares.written(whole[0], exp_decimals), mask)]
        return sc, ex, f"{whole[1] // units}.{whole[1] % units:0{exp_decimals}d}"
    # a what-if edit can make a score of thousands, whose exp() no float holds (it was an OverflowError in the
    # window): then every exp is taken of the score minus the largest one, which leaves the shares unchanged
    top = max((float(t) for t, m in zip(sc, mask) if not m), default=0.0)
    shift = top if top > EXP_MAX else 0.0
    values = [0.0 if m else math.exp(float(t) - shift) for t, m in zip(sc, mask)]
    spec = f".{exp_decimals}f"
    ex = [("0" if m else format(v, spec)) for v, m in zip(values, mask)]
    if not any(Decimal(e) for e, m in zip(ex, mask) if not m):  # every exp() below the decimals
        ex = [("0" if m else sig(v, 4)) for v, m in zip(values, mask)]  # (what-if scores of -20): significant digits
    return sc, ex, exact_sum([e for e, m in zip(ex, mask) if not m])


def _whole_exps(scaled, heard: np.ndarray, decimals: int, exp_decimals: int):
    """A row's exp() as whole numbers (E, T) without writing the row: each score rounded as fmt writes it is
    S ÷ 10^decimals as a float (float() of its text), exp() of that, as format writes it, E; None where the row is
    not plain (a score of a million or more, nan, no heard seat, every exp() below the decimals, an exp() of 2^52
    units or more): then _exp_lines works each exp() from the score as written and the shares are Decimal's."""
    xs = np.asarray(scaled, np.float64)[heard]
    if not len(xs) or not np.all(np.abs(xs) < BIG):
        return None
    S = hand_shares.decimal_units(xs, decimals)
    if S is None:
        return None
    given = (S / 10.0 ** decimals).tolist()
    top = max(given)
    shift = top if top > EXP_MAX else 0.0
    E = hand_shares.decimal_units(np.array([math.exp(v - shift) for v in given]), exp_decimals)
    if E is None:
        return None
    T = int(E.sum())
    if not 0 < T <= 2 ** 62:
        return None
    whole = np.zeros(len(heard), np.int64)
    whole[heard] = E
    return whole, T


def _shown_softmax(sc, ex, total, mask, places: int) -> ShownSoftmax:  # each share exp ÷ sum by hand, in Decimal
    w = [fmt(0.0, places) if m else (hand_divide(e, total, places) or fmt(0.0, places)) for e, m in zip(ex, mask)]
    return ShownSoftmax(sc, ex, total, w)


def mask_shares(free, turn, later, hand=None) -> list[str]:  # [T] shares in discussion, [T] in turn, [T] masked
    """The discussion shares as the mask board writes them ("0.110 ⇒ 0.64"): the softmax board's own digits for
    them, `hand` (ShownSoftmax.weights of the discussion row), so that a share reads the same in chapters 6 and 7
    (teacher8 M9: 0.111 there, 0.110 here), where sharing out the heard students' shown shares again (each ÷ their
    sum) redoes the in-turn shares shown beside them (the bars', 2 decimals); else the model's own with the fewest
    decimals (3-5, the same for every line) that do: "0.11, 0.06" gave 0.65 for the model's 0.64. Where no digits
    do (after layer 1 the rules' notebooks differ, so in turn is not discussion shared out again), `hand`."""
    targets = [fmt(v) for v in turn]
    tries = ([list(hand)] if hand is not None else []) + [[fmt(v, d) for v in free] for d in (3, 4, 5)]
    for written in tries:
        if not all(rounds_to(t, fmt(v)) for t, v in zip(written, free)):
            continue
        heard = [Decimal(t) for t, m in zip(written, later) if not m]
        total = sum(heard, Decimal(0))
        if total and all(m or hand_divide(t, str(total), 2) == target
                         for t, target, m in zip(written, targets, later)):
            return written
    return list(hand) if hand is not None else [fmt(v, SHARE_PLACES) for v in free]
