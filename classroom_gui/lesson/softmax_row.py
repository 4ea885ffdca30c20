"""The softmax row as the blackboard works it from the numbers it shows (chapters 5-8 and the mask board): the
scaled scores, exp() of those, their sum and each share, with the fewest digits that redo every line and whose
every share is the model's own at the decimals written (ShownSoftmax, shown_softmax); kept beside the trace for
the asker (shown_row_of).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, localcontext

import numpy as np

from . import hand_shares
from .cache import kept_for
from .numbers import BIG, exact_sum, fmt, fmt_many, hand_divide, places_of, rounds_to


@dataclass(frozen=True)
class ShownSoftmax:
    """Softmax of one row as the blackboard works it, from the numbers it shows: the scaled scores as shown
    (each the model's scaled score at those decimals), exp() of those, their sum as written, and each share as
    shown exp ÷ sum. Redoing any line from the digits on screen gives its result, and each share is the model's
    own share at the decimals written (the CLI's trace, the JSON export and the heatmap give the same digits) and
    rounds by hand to the 2-decimal share of the bars, links and badges.
    One rule for the digits (digits, session 18), the same for every number of a kind in the row: shares 3 decimals, or
    4-5 (every share of the row) where a model's share at 3 would round by hand to another 2-decimal share than the
    badge (0.0546 is 0.055 at 3, which rounds to 0.06, beside a badge of 0.05); scaled scores from 3 and exp() from 3
    decimals, with the fewest extra digits (SCORE_DECIMALS x EXP_DECIMALS, fewer exp() digits first) whose hand shares
    are the model's and whose every exp() is within 1 unit of the model's exp() at its digits (exps_off; teacher22 L1),
    else the fewest such lines. Where none do, the digits with the fewest shares written as the model's beside an exp ÷
    sum that does not give them (`near`, said ≈). Scores needing 5-7 decimals are written at ARG_PLACES inside exp()
    where that makes at most one line ≈ (`args`, exp_arguments). The ÷√d board writes the same scaled scores at its own
    decimals (numbers.divided), each the model's at its digits: one a rounding of the other."""
    scaled: list[str]      # per seat; "" where masked
    exp: list[str]         # per seat; "0" where masked
    total: str
    weights: list[str]     # per seat, 3 decimals (4-5: see above); "0.000" where masked
    near: tuple = ()       # per seat (or empty: none): the share is the model's, not exp ÷ sum redone (≈)
    args: tuple = ()       # per seat, where the scores have more than ARG_PLACES decimals: each exp()'s argument as
    args_near: tuple = ()  # written, at ARG_PLACES (the model's score at those), and whether its exp() rounds otherwise

    def argument(self, j: int) -> tuple[str, bool]:
        """Seat j's exp() argument as the exp board writes it, and whether its line says ≈ (exp_arguments)."""
        return (self.args[j], bool(self.args_near[j])) if self.args else (self.scaled[j], False)


EXP_MAX = 700.0  # math.exp overflows past ~709.78: a row with a higher score is worked in Decimal (_exp_lines)
SHARE_PLACES = 3  # a share on a board (chapters 6, 7, 8, answer time)
MASK_PLACES = SHARE_PLACES + 2  # the most decimals of the mask board's shares (the softmax boards' most)
ARG_PLACES = 4  # the most decimals an exp() argument is written with (exp_arguments)
SCORE_DECIMALS = range(3, 8)  # at least 3 (teacher22 L1: exp(-0.24) = 0.787 is 3 units off exp(-0.23516))
EXP_DECIMALS = range(3, 9)
LEAST = SCORE_DECIMALS[0], EXP_DECIMALS[0]  # the fewest digits: a row the search does not work (review27 B5: at 2)
DIGITS = sorted(((s, e) for s in SCORE_DECIMALS for e in EXP_DECIMALS), key=lambda se: (se[0] + se[1], se[1]))


def share_places(weights, heard) -> int:
    """The fewest decimals (3-5) at which every heard share as fmt writes it rounds by hand to its 2-decimal badge
    (rounds_to, in whole numbers: hand_shares.to_two)."""
    w = np.asarray(weights, np.float64)[np.asarray(heard, bool)]
    w = w[np.isfinite(w) & (np.abs(w) < BIG)]
    two = hand_shares.decimal_units(w, 2)
    for places in (SHARE_PLACES, SHARE_PLACES + 1, SHARE_PLACES + 2):
        units = hand_shares.decimal_units(w, places)
        if two is None or units is None or np.all(hand_shares.to_two(units, places) == two):
            return places
    return SHARE_PLACES + 2


def shown_softmax(scaled, mask, weights=None, least: int = SHARE_PLACES) -> ShownSoftmax:
    """The row at the fewest digits (DIGITS) whose hand shares are `weights` (the model's) at share_places and whose
    exp() are each within 1 unit of the model's (exps_off); where no try does, the try with the fewest shares that
    say ≈ (the model's share beside an exp ÷ sum that does not give it), then the fewest exp() off, then the fewest
    digits; without weights, or a row that is not plain (_decimal), at the fewest (LEAST). The ÷√d board writes its own
    decimals of the same scaled scores (numbers.divided: teacher18 M2, tying the two made 9 of 11 of its lines ≈).
    Each try's exp() and sum are whole numbers (hand_shares), and only the try shown is written; the search stops
    where no later try can beat the best (surely_off), and the exp board's arguments ask Decimal only near a
    rounding edge (exp_arguments): 512-1,024 students in ~2-4 ms a row (bench_softmax_row; boards21's every-try
    search and line-by-line Decimal took ~10-22 ms). `least`: the shares' decimals at least (hand_shares.row_places:
    as the mask board writes the same shares)."""
    mask = np.asarray(mask, bool)
    heard = ~mask
    if weights is None:
        return _plain(scaled, mask, *LEAST, SHARE_PLACES) or _decimal(scaled, mask, *LEAST, SHARE_PLACES)
    w = np.asarray(weights, np.float64)
    places = max(share_places(w, heard), least)
    finite = heard & np.isfinite(w)
    goal = np.full(len(w), -1, np.int64)
    if finite.any():
        units = hand_shares.decimal_units(w[finite], places)
        if units is None:
            return _decimal(scaled, mask, *LEAST, places, w)
        goal[finite] = units
    given, best = {}, None
    model = model_exps(scaled, heard)
    floor = surely_off(scaled, heard, model)  # per try: exp() lines off whatever it rounds to (its key's lower bound)
    reach = np.minimum.accumulate(floor[::-1])[::-1]  # the lowest of those from each try on
    for i, (s, e) in enumerate(DIGITS):  # the try with the fewest shares said ≈, then the fewest exp() lines off the
        if best is not None and best[:2] <= (0, int(reach[i])):  # model's, then the fewest digits: none after beats it
            break
        if best is not None and best[:2] <= (0, int(floor[i])):  # this one cannot beat it (a tie keeps the first)
            continue
        if s not in given:
            given[s] = _given(scaled, heard, s)
        if given[s] is None:
            return _decimal(scaled, mask, *LEAST, places, w)
        E, T = _exps(given[s], heard, e, s)
        if E is None:
            continue
        k = _shares(E, T, places)
        wrong = int(np.count_nonzero(finite & (k != goal)))
        key = (wrong, exps_off(E, model, e))
        if best is None or key < best[:2]:
            best = (*key, s, e, E, T, k)
    if best is None:
        return _decimal(scaled, mask, *LEAST, places, w)
    *_, s, e, E, T, k = best
    near = finite & (k != goal)
    k = np.where(near, goal, k)
    return _written(scaled, mask, s, e, E, T, k, places, near)


def model_exps(scaled, heard) -> np.ndarray:
    """exp() of each heard seat's scaled score as the model has it (unrounded); nan where masked or not finite."""
    x = np.asarray(scaled, np.float64)
    known = np.asarray(heard, bool) & np.isfinite(x) & (x < EXP_MAX)  # (no exp() of the others: no overflow)
    return np.where(known, np.exp(np.where(known, x, 0.0)), np.nan)


def exps_off(E: np.ndarray, model: np.ndarray, decimals: int) -> int:
    """How many exp() lines (E: whole numbers of 10^-decimals) are more than 1 unit off the model's exp() at those
    decimals (teacher22 L1: exp(-0.24) = 0.787 beside the model's exp(-0.23516) = 0.790). |E - y| < 1.5 for the
    model's y in those units is |E - round(y)| <= 1, without rounding y."""
    known = np.isfinite(model)
    return int(np.count_nonzero(np.abs(E[known] - model[known] * 10.0 ** decimals) >= 1.5))


def surely_off(scaled, heard, model) -> np.ndarray:
    """Per try of DIGITS, how many exp() lines are more than 1 unit off the model's (exps_off) whatever that exp()
    rounds to: exp() of the score at s decimals, ·10^e, at least 2 units from the model's (rounding moves it by at
    most half a unit, and by the float's error, kept with a margin). A lower bound of each try's exps_off, worked
    for every try in NumPy before the search (a big exp() no score decimals bring within 1 unit: review of boards21,
    512 students 1.1-1.4 -> 9-10 ms a row)."""
    x = np.asarray(scaled, np.float64)[np.asarray(heard, bool)]
    y = np.asarray(model, np.float64)[np.asarray(heard, bool)]
    known = np.isfinite(y) & (np.abs(x) < BIG)
    x, y = x[known], y[known]
    out, given = np.zeros(len(DIGITS), np.int64), {}
    with np.errstate(over="ignore", invalid="ignore"):
        for i, (s, e) in enumerate(DIGITS):
            if s not in given:  # each score as _given writes it, read back as a float
                S = hand_shares.decimal_units(x, s)
                given[s] = None if S is None else np.exp(S / 10.0 ** s)
            if given[s] is not None:
                Y = y * 10.0 ** e
                out[i] = np.count_nonzero(np.abs(given[s] * 10.0 ** e - Y) >= 2.0 + 1e-6 + 1e-9 * np.abs(Y))
    return out


def _given(scaled, heard, decimals: int):  # (scores as whole numbers of 10^-decimals, exp() of each as a float) or None
    xs = np.asarray(scaled, np.float64)[heard]
    if not len(xs) or not np.all(np.abs(xs) < BIG):
        return None
    S = hand_shares.decimal_units(xs, decimals)
    if S is None:
        return None
    given = (S / 10.0 ** decimals).tolist()  # each score as written, read back as a float (float() of its text)
    if max(given) > EXP_MAX:  # no float holds its exp(), nor would int64 its units: worked in Decimal (_exp_lines)
        return S, None
    return S, np.array([math.exp(v) for v in given])


def _exps(given, heard, decimals: int, score_decimals: int):  # exp() as whole numbers of 10^-decimals [T], their sum
    """Each exp() of _given's scores (whole numbers of 10^-score_decimals) at `decimals` decimals, rounded from its
    exact value: from the float's where that is farther from a rounding edge than the float's error (exp() of a
    score read back as a float: a relative error of about (|score| + 4) ulps), else worked in Decimal; None where a
    unit count reaches 2^52 (review21 #6: a float's exp(28.65) = 2770364455900.092 is ...900.096 at 3)."""
    S, values = given
    if values is None:
        return None, 0
    y = values * 10.0 ** decimals
    if not np.all(y < 2.0 ** 52):
        return None, 0
    E = np.rint(y).astype(np.int64)
    for i in np.flatnonzero(_near_edge(y, S / 10.0 ** score_decimals)).tolist():
        exact = exp_of(str(Decimal(int(S[i])).scaleb(-score_decimals))).scaleb(decimals)
        E[i] = int(exact.to_integral_value(ROUND_HALF_UP))
    T = int(E.sum())
    if not 0 < T <= 2 ** 62:
        return None, 0
    whole = np.zeros(len(heard), np.int64)
    whole[heard] = E
    return whole, T


def _near_edge(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Where y, exp(x) · 10^decimals as a float, is no farther from a rounding edge than the float's error (exp() of
    a score read back as a float: a relative error of about (|x| + 4) ulps): there only Decimal says how it rounds."""
    return np.abs(np.abs(y - np.trunc(y)) - 0.5) <= y * (np.abs(x) + 4) * 2.0 ** -50


def _shares(E: np.ndarray, T: int, places: int) -> np.ndarray:  # E ÷ T rounded half up, whole numbers of 10^-places
    if hand_shares.fits(T, places):
        return hand_shares.rounded(E, T, places)
    return np.array([(2 * e * 10 ** places + T) // (2 * T) for e in E.tolist()], np.int64)


def _written(scaled, mask, s, e, E, T, k, places, near=None) -> ShownSoftmax:
    sc = [("" if m else t) for t, m in zip(fmt_many(scaled, s), mask.tolist())]
    ex = ["0" if m else t for t, m in zip(hand_shares.written(E, e), mask.tolist())]
    total = f"{T // 10 ** e}.{T % 10 ** e:0{e}d}"
    zero = fmt(0.0, places)
    shares = [zero if m else t for t, m in zip(hand_shares.written(k, places), mask.tolist())]
    args, args_near = exp_arguments(scaled, mask, s, ex) if s > ARG_PLACES else ((), ())
    return ShownSoftmax(sc, ex, total, shares, tuple(bool(n) for n in near) if near is not None and near.any() else (),
                        args, args_near)


def exp_arguments(scaled, mask, decimals: int, exps: list[str]) -> tuple[tuple, tuple]:
    """A row whose shares need scores at 5-7 decimals (teacher: 「exp(1.514766)」): each exp()'s argument as the
    board writes it, the model's score at ARG_PLACES, and whether exp() of that, rounded by hand, is not the exp()
    written (that line says ≈, and the board's note that the exp() is of the score at `decimals`); ((), ()) where
    more than one line would say ≈ (those digits stay: teacher18 M2 read a board of ≈ as one that does not work).
    At 4 decimals 54 of the 98 lines of the seeds' 16 such rows (of 234) would say ≈, 1-7 a row, and 198 of 346 on
    the 12-word sentence's 30 (of 252): 3 seed rows (4 of the sentence's) are cut, each with one ≈. The shares stay
    the model's, and exp ÷ sum still redoes them, either way."""
    args = [("" if m else t) for t, m in zip(fmt_many(scaled, ARG_PLACES), np.asarray(mask, bool).tolist())]
    near = [False] * len(args)
    for j, said in _floats_near(args, exps):  # each line as written_exp(exp_of(a)) says, the sure ones from floats
        near[j] = said if said is not None else written_exp(exp_of(args[j]), places_of(exps[j])) != exps[j]
        if sum(near) > 1:
            return (), ()
    return tuple(args), tuple(near)


def _floats_near(args: list[str], exps: list[str]):
    """(seat, whether its exp() of the argument rounds otherwise than written, or None: ask Decimal) for each heard
    seat, the ones a float settles first: exp() of the argument as a float, ·10^decimals, where it is farther from a
    rounding edge (and from BIG, where written_exp writes 1.2e+06) than the float's error, as _exps. A 1,024-student
    row at 5-7 score decimals asked Decimal 1,024 times (~20 ms; review of boards21); now only near an edge."""
    seats = [j for j, a in enumerate(args) if a]
    read = hand_shares.read_units([exps[j] for j in seats]) if seats else None
    if read is None:
        return [(j, None) for j in seats]
    units, places = read
    with np.errstate(over="ignore", invalid="ignore"):
        x = np.array([args[j] for j in seats], np.float64)
        v = np.exp(x)
        y = v * 10.0 ** places
        edge = _near_edge(y, x)
        big = v >= BIG * (1 + 1e-9)
        sure = np.isfinite(y) & (big | ((v < BIG * (1 - 1e-9)) & (y < 2.0 ** 52) & ~edge))
        said = big | (np.rint(y) != units)
    first = [(j, bool(n)) for j, n, ok in zip(seats, said.tolist(), sure.tolist()) if ok]
    return sorted(first, key=lambda js: not js[1]) + [(j, None) for j, ok in zip(seats, sure.tolist()) if not ok]


def _plain(scaled, mask, s, e, places) -> ShownSoftmax | None:  # the try (s, e) by whole numbers, or None
    given = _given(scaled, ~mask, s)
    E, T = _exps(given, ~mask, e, s) if given is not None else (None, 0)
    return None if E is None else _written(scaled, mask, s, e, E, T, _shares(E, T, places), places)


def _decimal(scaled, mask, s, e, places, weights=None) -> ShownSoftmax:
    """A row that is not plain (a score of a million or more, nan, no heard seat, every exp() below the decimals,
    an exp() of 2^52 units or more) worked line by line in Decimal at (s, e); given the model's `weights`, a share
    that is not the model's at its decimals is written as the model's, near (≈)."""
    sc, ex, total = _exp_lines(scaled, mask.tolist(), s, e)
    w = [fmt(0.0, places) if m else (hand_divide(x, total, places) or fmt(0.0, places)) for x, m in zip(ex, mask)]
    near = [False] * len(w)
    if weights is not None:
        for j, (t, v, m) in enumerate(zip(w, weights.tolist(), mask.tolist())):
            if not m and math.isfinite(v) and -BIG < v < BIG and t != fmt(v, places):
                w[j], near[j] = fmt(v, places), True
    return ShownSoftmax(sc, ex, total, w, tuple(near) if any(near) else ())


def hand_note(t, S: ShownSoftmax, own: int = SHARE_PLACES) -> list[str]:
    """The board's note that its arithmetic uses the numbers shown (`t`: a Ctx's t), and why its shares have more than
    SHARE_PLACES (M9): more than its own (`own`) as the mask board writes them (review33 #5), else for the bars."""
    places = max((places_of(w) for w in S.weights), default=SHARE_PLACES)
    key = "board.hand_places_mask" if places > own else "board.hand_places"
    return [t("board.hand")] + ([t(key, places=places)] if places > SHARE_PLACES else [])


def shown_of_head(h, f: int, least: int = SHARE_PLACES) -> ShownSoftmax:
    """Student f's row of head trace `h` as every softmax-family board writes it (shown_softmax, `least`)."""
    return shown_softmax(h.scaled[f], h.mask[f], h.weights[f], least)


def shown_row_of(trace, layer: int, head: int, f: int, H=None, least: int = SHARE_PLACES) -> ShownSoftmax:
    """Student f's softmax row of `layer` and `head` as the board works it (shown_of_head), kept beside the trace
    for the row last asked for: chapters 5, 7 and 8 write it in every frame, and at 1,024 students it is ~3,000
    numbers written, so panels.warm makes it for the asker the lesson will open with. H: that layer's head, when
    the caller has it."""
    return kept_for(trace, "shown_row", (layer, head, f, least),
                    lambda: shown_of_head(trace.layers[layer].head(head) if H is None else H, f, least))


def _exp_lines(scaled, mask: list[bool], decimals: int, exp_decimals: int):
    """A row's scores, exp() and their sum as the board writes them at these decimals, each exp() worked from its
    score as written in Decimal (a row that is not plain; review21 #6: a float's exp(44.37) wrote noise as digits
    and a score past EXP_MAX was shifted out of sight, "exp(773.36) = 1.000"): exact at its digits however big."""
    sc = [("" if m else t) for t, m in zip(fmt_many(scaled, decimals), mask)]
    values = [Decimal(0) if m else exp_of(t) for t, m in zip(sc, mask)]
    ex = [("0" if m else written_exp(v, exp_decimals)) for v, m in zip(values, mask)]
    if not any(Decimal(e) for e, m in zip(ex, mask) if not m):  # every exp() below the decimals
        ex = [("0" if m else written_exp(v, exp_decimals, figures=4)) for v, m in zip(values, mask)]
    return sc, ex, exact_sum([e for e, m in zip(ex, mask) if not m])


def exp_of(score: str) -> Decimal:
    """exp() of a score as written, to 50 significant digits (inf past Decimal's largest exponent, nan of nan)."""
    with localcontext() as c:
        c.prec, c.Emax, c.Emin = 50, MAX_EMAX, MIN_EMIN
        try:
            return Decimal(score).exp()
        except ArithmeticError:
            return Decimal("Infinity")


def written_exp(v: Decimal, decimals: int, figures: int = 0) -> str:
    """An exp() as the board writes it, rounded half up: `decimals` decimals, or from BIG on as fmt writes a big
    number (1.861e+19, `decimals` after the point); with `figures`, that many significant digits (0.00001137),
    in the same form from 10^-20 down."""
    with localcontext() as c:
        c.prec, c.Emax, c.Emin, c.rounding = 60, MAX_EMAX, MIN_EMIN, ROUND_HALF_UP
        if not v.is_finite():
            return fmt(float(v), decimals)
        if v >= BIG or (figures and v and v.adjusted() < -20):
            return f"{v:.{figures - 1 if figures else decimals}e}"
        return f"{v:.{max(0, figures - 1 - v.adjusted()) if figures and v else decimals}f}"


def mask_shares(free, turn, unheard, free_board: list[str], turn_board: list[str]) -> tuple[list[str], list[str]]:
    """The mask board's shares ("0.1102 ⇒ 0.6366"): [T] the model's shares in discussion and in turn, [T] unheard in
    turn, and each rule's softmax board's shares of the row (ShownSoftmax.weights). One number of decimals for the
    whole board, so no line mixes them: the fewest from the more of the two boards' (3-5) to at most 5 (review21: a
    double rounding asked for 7, 「猫」：0.1953578 ⇒ 0.2549693, ~9 px at 1024x768) at which every share is the model's
    and rounds by hand to its softmax board's share, preferring those at which sharing out the heard discussion
    shares again (each ÷ their sum) gives the in-turn shares' badges (teacher: "0.11 ⇒ 0.64" gave 0.65; after layer
    1 the rules' notebooks differ and no digits may do). Where no decimals up to 5 agree (a share like 0.0244998 is
    0.024 on a 3-decimal board but 0.02450 at 5, which rounds by hand to 0.025), each side is its own softmax
    board's shares, the same digits as there: still the model's at its decimals, the two sides' decimals differing."""
    boards = list(free_board) + list(turn_board)
    shown = hand_shares.read_units(boards)  # (None: a board's number is not plain)
    start = int(shown[1].max()) if shown is not None else max(map(places_of, boards), default=SHARE_PLACES)
    tries = range(start, max(start, MASK_PLACES) + 1)
    heard = ~np.asarray(unheard, bool)
    free, turn = np.asarray(free, np.float64), np.asarray(turn, np.float64)
    found = None if shown is None else _mask_whole(free, turn, heard, shown, tries)
    if found is None:  # a number not plain: worked in Decimal
        found = _mask_decimal(free.tolist(), turn.tolist(), heard.tolist(), boards, tries)
    return found or (list(free_board), list(turn_board))


def _mask_whole(free, turn, heard, shown, tries):
    """mask_shares' choice in whole numbers (hand_shares: #18, ~1,000 Decimal roundings and divisions a try cost
    30-40 ms when the mask chapter was first shown at 512 students): the two sides' shares as written, the first
    agreeing try's where none shares out again, [] where none agrees, or None where a number is not plain (a share
    of a million or more, nan, a negative one): then _mask_decimal decides. `shown`: the boards' shares
    (hand_shares.read_units)."""
    both = np.concatenate([free, turn])
    if len(both) != len(shown[0]) or not np.all(np.abs(both) < BIG):
        return None
    first = None
    for places in tries:
        k = hand_shares.decimal_units(both, places)
        if k is None or np.any(k < 0):
            return None
        if not hand_shares.rounds_to_each(k, places, *shown):
            continue
        written = (fmt_many(free, places), fmt_many(turn, places))
        first = first or written
        E = k[:len(free)][heard]
        T = int(E.sum())
        if not len(E):  # nobody heard: nothing to share out again
            return written
        if not T:  # every heard share 0 at these decimals: ÷ 0 shares out nothing
            continue
        if not hand_shares.fits(T, 2):
            return None
        if np.array_equal(hand_shares.rounded(E, T, 2), hand_shares.decimal_units(turn[heard], 2)):
            return written
    return first or []


def _mask_decimal(free: list, turn: list, heard: list, boards: list[str], tries):
    """mask_shares' choice worked in Decimal, number by number (as _mask_whole's, for any numbers)."""
    agreeing = []
    for places in tries:
        a, b = fmt_many(free, places), fmt_many(turn, places)
        if all(rounds_to(x, y) for x, y in zip(a + b, boards)):
            agreeing.append((a, b))
            total = str(sum((Decimal(x) for x, h in zip(a, heard) if h), Decimal(0)))
            if all(not h or hand_divide(x, total, 2) == fmt(t) for x, t, h in zip(a, turn, heard)):
                return a, b
    return agreeing[0] if agreeing else []
