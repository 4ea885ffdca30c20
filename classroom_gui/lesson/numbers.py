"""The few numbers the lesson derives from a Trace for display, and how numbers are written.

Everything here is computed from the trace's own arrays: exp() of the scaled scores (softmax's first
step), a temperature softmax over the final logits, and a 2-D projection of the notebooks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from ..model.trace import Trace
from . import hand_shares
from .cache import cache_of, kept_for


BIG = 1e6  # from here a number is written 1.23e+07: a model with huge weights gives 38-digit numbers


def fmt(x: float, digits: int = 2) -> str:
    x = float(x)
    if BIG <= abs(x) < float("inf"):
        return f"{x:.{digits}e}"
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # never "-0.00"


def fmt_many(values, digits: int = 2, signed: bool = False) -> list[str]:
    """[fmt(v, digits) for v in values], ~5x faster: a frame writes GPT-2's 768-number vectors on the board
    (1,536 numbers in chapter 10's residual step) and a new card's 24 numbers. Plain numbers are written
    with one format() each; "-0.00" loses its sign as fmt does unless `signed` (the hidden units, whose sign
    decides what ReLU crosses out), and huge, infinite or NaN values go to fmt."""
    xs = values.tolist() if isinstance(values, np.ndarray) else [float(v) for v in values]
    spec, negative_zero = f".{digits}f", f"{-0.0:.{digits}f}"
    out = [format(x, spec) for x in xs]
    for i, x in enumerate(xs):
        if not -BIG < x < BIG:
            out[i] = fmt(x, digits)
        elif out[i] == negative_zero and not (signed and x < 0):
            out[i] = out[i][1:]
    return out


def factor(x: float, digits: int = 2) -> str:  # a number inside a product: negatives in brackets
    return in_product(fmt(x, digits))


def in_product(text: str) -> str:  # a number as written, inside a product: negatives in brackets
    return f"({text})" if text.startswith("-") else text


def sig(x: float, figures: int = 4) -> str:
    """x with `figures` significant digits and no exponent: 0.3012, 1.000, 148.4 (exp() of a score)."""
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return fmt(x, figures - 1)
    decimals = max(0, figures - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:.{decimals}f}"
    if len(text.lstrip("-").replace(".", "").lstrip("0")) > figures and decimals > 0:  # 9.9996 -> 10.000
        text = f"{x:.{decimals - 1}f}"
    return text


def exact_sum(texts: list[str]) -> str:
    """The sum of numbers as written, written with as many decimals as the finest of them: what one gets
    adding them by hand (0.3012 + 1.000 + 12.18 = 13.4812)."""
    decimals = max((len(t.split(".")[1]) if "." in t else 0) for t in texts) if texts else 0
    total = sum(Decimal(t) for t in texts) if texts else Decimal(0)
    return f"{total:.{decimals}f}"


def rounds_to(text: str, shown: str) -> bool:
    """`text` rounded by hand (half up) to `shown`'s decimals is `shown`: 0.3344 and 0.334 agree with 0.33,
    0.336 does not. A board's number agrees with the same number shown elsewhere at that one's precision."""
    try:
        places = len(shown.split(".")[1]) if "." in shown else 0
        return _round(Decimal(text), places) == shown
    except ArithmeticError:  # inf, nan or an exponent form: nothing to compare by hand
        return text == shown


def hand_divide(a: str, b: str, digits: int) -> str:
    """a ÷ b of two numbers as written, rounded by hand (half up) to `digits` decimals ("" for ÷ 0)."""
    try:
        return _round(Decimal(a) / Decimal(b), digits)
    except ArithmeticError:
        return ""


def scaled_equations(scores, divisor: float, scaled, targets=None) -> tuple[str, list[str]]:  # [T], float, [T]
    """The division by √d as the board writes it: (the divisor as written, each score as written), with
    just enough digits that every score ÷ divisor redone by hand rounds to its result as written, `targets`
    (by default the model's scaled score at 2 decimals; the lesson passes the scaled scores as the softmax
    board then takes their exp(), numbers.shown_softmax): "-5.22 ÷ 2.828" gave -1.85 for the model's -1.84,
    "-5.217 ÷ 2.828" gives -1.84. Every score on the board has the same decimals (teacher8 M9: 2.216 beside 3.50,
    3.57497 beside -5.2388): the fewest that redo every line, with the divisor at 3 decimals or more."""
    targets = [fmt(v) for v in scaled] if targets is None else list(targets)
    places = [len(t.split(".")[1]) if "." in t else 0 for t in targets]
    for digits in (2, 3, 4, 5, 6, 7):
        written = fmt_many(scores, digits)
        for root_digits in (3, 4, 5, 6):
            root = fmt(divisor, root_digits)
            if all(hand_divide(t, root, p) == target for t, target, p in zip(written, targets, places)):
                return root, written
    return fmt(divisor, 3), [fmt(score, 7) for score in scores]  # a quotient on a rounding edge: the most digits


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

    def whole(self, extra: int):  # (E, T): exp() in whole numbers of 10^-(3 + extra), or None (see _exp_lines)
        if extra not in self._whole:
            found = _whole_exps(self.scaled, self.heard, 2 + extra, 3 + extra)
            self._whole[extra] = self.lines(extra)[3] if found is None else found
        return self._whole[extra]

    def lines(self, extra: int):  # (scores, exp(), sum as written, exp() as whole numbers or None)
        if extra not in self._lines:
            self._lines[extra] = _exp_lines(self.scaled, self.mask, 2 + extra, 3 + extra, self._whole.get(extra))
        return self._lines[extra]

    def shares(self, extra: int, places: int):  # the hand shares: whole numbers of 10^-places, or a Decimal row
        key = (extra, places)
        if key not in self._rows:
            whole = self.whole(extra)
            if whole is None or not hand_shares.fits(whole[1], places):
                sc, ex, total, _ = self.lines(extra)
                self._rows[key] = _shown_softmax(sc, ex, total, self.mask, places)
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
        sc, ex, total, _ = self.lines(extra)
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
    """A row's scores, exp() and their sum as the board writes them at these decimals, and the exp() as whole
    numbers of 10^-exp_decimals with their sum ((E, T), None where they are not all plain numbers of those
    decimals: nan, or the significant digits taken when every exp() is below the decimals). `whole`: those
    found already (_whole_exps), not read again."""
    sc = [("" if m else t) for t, m in zip(fmt_many(scaled, decimals), mask)]
    # a what-if edit can make a score of thousands, whose exp() no float holds (it was an OverflowError in the
    # window): then every exp is taken of the score minus the largest one, which leaves the shares unchanged
    top = max((float(t) for t, m in zip(sc, mask) if not m), default=0.0)
    shift = top if top > EXP_MAX else 0.0
    values = [0.0 if m else math.exp(float(t) - shift) for t, m in zip(sc, mask)]
    spec = f".{exp_decimals}f"
    ex = [("0" if m else format(v, spec)) for v, m in zip(values, mask)]
    if whole is None and math.isfinite(sum(values)):  # nan and inf are not whole numbers
        E = [0 if m else int(e.replace(".", "")) for e, m in zip(ex, mask)]
        T = sum(E)
        whole = (np.array(E, np.int64), T) if 0 < T <= 2 ** 62 else None
    if whole is None and not any(Decimal(e) for e, m in zip(ex, mask) if not m):  # every exp() below the decimals
        ex = [("0" if m else sig(v, 4)) for v, m in zip(values, mask)]  # (what-if scores of -20): significant digits
    if whole is not None:  # the sum as exact_sum writes it, from the whole numbers
        units = 10 ** exp_decimals
        return sc, ex, f"{whole[1] // units}.{whole[1] % units:0{exp_decimals}d}", whole
    return sc, ex, exact_sum([e for e, m in zip(ex, mask) if not m]), whole


def _whole_exps(scaled, heard: np.ndarray, decimals: int, exp_decimals: int):
    """_exp_lines' whole numbers (E, T) without writing the row: each score rounded as fmt writes it is
    S ÷ 10^decimals as a float (float() of its text), exp() of that, as format writes it, E; None where the row is
    not plain (a score of a million or more, nan, no heard seat, every exp() below the decimals): then the row is
    written and read (_exp_lines)."""
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


def hand_product(a: str, b: str, digits: int = 3) -> str:
    """a × b of two numbers as written, rounded to `digits` decimals (half away from zero, as by hand)."""
    return _round(Decimal(a) * Decimal(b), digits)


def hand_sum(texts: list[str], digits: int) -> str:
    return _round(sum(Decimal(t) for t in texts), digits)


def _round(x: Decimal, digits: int) -> str:
    text = str(x.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return "0." + "0" * digits if text.lstrip("-") == "0." + "0" * digits else text


def evened(shown: list[str], eps: float, mean_places: int = 3) -> tuple[str, str, list[str]] | None:
    """LayerNorm's first step, worked from a vector as written (chapter 10's board): (mean, spread, each
    (x - mean) ÷ spread), the mean to `mean_places` decimals, the spread to 3 decimals or 3 significant digits when it is
    smaller than 0.1 (a nearly even notebook's spread of 0.00374 is not 0.004), the results to 2, all rounded
    half up, so that redoing any line by hand from the shown digits gives the shown result.
    spread = √(mean of (x - mean)² + ε), the mean exact. None when a number is not plain (inf, nan): that
    board then shows no worked step."""
    try:
        xs = [Decimal(s) for s in shown]
        if not all(x.is_finite() for x in xs):
            return None
        mean = sum(xs) / len(xs)
        spread = (sum((x - mean) ** 2 for x in xs) / len(xs) + Decimal(repr(float(eps)))).sqrt()
        m, s = _round(mean, mean_places), _round(spread, max(3, 2 - spread.adjusted()))
        if Decimal(s) == 0:
            return None
        return m, s, [_round((x - Decimal(m)) / Decimal(s), 2) for x in xs]
    except (ArithmeticError, ValueError):
        return None


def plain_decimal(x: float) -> str:
    """A small constant as a student writes it: 1e-05 -> "0.00001"."""
    return format(Decimal(repr(float(x))), "f")


def signed_terms(texts: list[str], first: bool = True) -> str:
    """Numbers as written, summed by hand: "-0.518 + 0.220 - 0.204" (a continuation line starts with its sign)."""
    out = []
    for i, t in enumerate(texts):
        neg = t.startswith("-")
        if i == 0 and first:
            out.append(t)
        else:
            out.append(("- " if neg else "+ ") + t.lstrip("-"))
    return " ".join(out)


BOARD_LINES = 64  # more lines than the blackboard can show even in two columns of its smallest chalk


def board_list(items, line) -> tuple[list[str], int]:
    """line(item) for the first BOARD_LINES items, and how many items were left off (Frame.board_more, shown
    as "… (+k)"): a class of 1024 would otherwise format 1024 lines a frame that nobody can see."""
    items = list(items)
    return [line(j) for j in items[:BOARD_LINES]], max(0, len(items) - BOARD_LINES)


def vec(values, digits: int = 2, per_line: int = 8) -> list[str]:  # a vector as board lines "[a, b, …]"
    return bracketed(fmt_many(values, digits), per_line)


def bracketed(parts: list[str], per_line: int = 8) -> list[str]:  # numbers already written, lined up as vec does
    lines = [", ".join(parts[i:i + per_line]) for i in range(0, len(parts), per_line)]
    if not lines:
        return ["[]"]
    lines[0] = "[" + lines[0]  # one at a time: with a single line, both brackets go on it
    lines[-1] = lines[-1] + "]"
    return lines


def temperature_probs(logits: np.ndarray, temperature: float) -> np.ndarray:  # [V] -> [V]
    z = logits.astype(np.float64) / max(float(temperature), 1e-3)
    e = np.exp(z - z.max())
    return e / e.sum()


def layer_projection(trace: Trace) -> np.ndarray:  # -> [n_layer + 1, T, 2]
    """Notebooks before layer 1 and after each layer, on the two principal axes of all of them."""
    cached = cache_of(trace).get("layer_projection")
    if cached is not None:
        return cached
    # one float64 array, worked on in place: GPT-2 small at 512 students stacks 41 MB, and the copies of
    # np.where, the centring and np.abs made the peak four times that (164 MB, the window's highest moment
    # after loading)
    notebooks = [trace.embedding] + [layer.output for layer in trace.layers]
    stack = np.empty((len(notebooks), *trace.embedding.shape), np.float64)
    for into, notebook in zip(stack, notebooks):
        into[...] = notebook
    centred = stack.reshape(-1, stack.shape[-1])
    # a model with huge weights (1e20) overflows float32 to inf and nan; those notebooks sit at the centre,
    # and the rest is scaled to at most 1 so that the covariance cannot overflow float64 either (the
    # axes are the same at any scale; the points are scaled back)
    np.copyto(centred, 0.0, where=~np.isfinite(centred))
    centred -= centred.mean(axis=0)
    scale = max(float(centred.max(initial=0.0)), -float(centred.min(initial=0.0))) or 1.0  # the largest |x|
    centred /= scale
    # the principal axes are the covariance's top eigenvectors: a [C, C] eigenproblem instead of the SVD of
    # all (n_layer + 1) * T notebooks (GPT-2 at 1024 tokens: 0.3 s instead of 1.8 s)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    axes = vectors[:, ::-1][:, :2]                           # largest first
    axes = np.pad(axes, ((0, 0), (0, 2 - axes.shape[1])))   # a one-number notebook has one axis
    points = (centred @ axes) * scale
    far = np.abs(points).argmax(axis=0)
    points *= np.sign(points[far, [0, 1]] + (points[far, [0, 1]] == 0))  # each axis: its farthest point > 0
    points = points.reshape(stack.shape[0], stack.shape[1], 2)
    cache_of(trace)["layer_projection"] = points
    return points
