"""How the lesson writes numbers and works them by hand: fmt and its kin, products, sums and quotients of numbers
as written (rounded half up, as by hand), the ÷√d board's digits, LayerNorm's evening-out, board lines of vectors
and lists, and the answer's temperature softmax. The softmax row as the board works it is softmax_row.py.
"""
from __future__ import annotations

import math
import re
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, getcontext, localcontext

import numpy as np

from ..messages.strings import text


BIG = 1e6  # from here a number is written 1.23e+07: a model with huge weights gives 38-digit numbers


def fmt(x: float, digits: int = 2) -> str:
    x = float(x)
    if BIG <= abs(x) < float("inf"):
        return f"{x:.{digits}e}"
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # never "-0.00"


def winning(row, best: int, seats, most: int = 4) -> str:
    """The share row[best], the largest over `seats`, at the fewest decimals (2 to `most`) at which it is written
    larger than every other seat's, for a caption that names it the winner (student35 #5: "listens most to "mat"
    (0.26)" beside "sat" 0.26, 0.2612 against 0.2587, now "mat" (0.261)); at 2 where `most` cannot tell them apart."""
    top = float(row[best])
    rival = max((float(row[j]) for j in seats if j != best), default=None)
    for digits in range(2, most + 1):
        if rival is None or float(fmt(top, digits)) > float(fmt(rival, digits)):
            return fmt(top, digits)
    return fmt(top)


def close_second(row, best: int, seats) -> tuple[int, str] | None:
    """The seat that the screen's 2 decimals cannot tell from row[best] (the largest over `seats`), with its share at
    winning's decimals, or None when the best is written larger at 2 (teacher36 #4: "listens most to 'mat' (0.261)"
    beside desks that show sat 0.26 and mat 0.26: the caption names both)."""
    rivals = [j for j in seats if j != best]
    if not rivals:
        return None
    second = max(rivals, key=lambda j: float(row[j]))
    if fmt(row[second]) != fmt(row[best]):
        return None
    return second, fmt(row[second], places_of(winning(row, best, seats)))


def cards_add_up(a, b, written: list[str]) -> bool:
    """Every number `written` (a board's sum of two vectors, the model's own, as written) is the sum of the two
    vectors' numbers as the desks' cards write them (fmt: 2 decimals), as a student adds them (student35 #3: -1.20 +
    0.07 on the cards, -1.14 on the board). False where the board writes other decimals than the cards'."""
    if not _TWO_DECIMALS.fullmatch("\n".join(written)) and any(places_of(w) != 2 for w in written):
        return False  # (one regex over the whole vector first: a call of places_of a number was ~0.5 ms of GPT-2's 768)
    try:  # the cards written a chunk at a time: the first sum the cards miss ends it (GPT-2's 768 numbers twice were
        # ~1 ms of every frame of the step, most often for a miss among the first few)
        for start in range(0, len(written), ADD_UP_CHUNK):
            end = min(start + ADD_UP_CHUNK, len(written))
            if not all(Decimal(x) + Decimal(y) == Decimal(w)
                       for x, y, w in zip(fmt_many(a[start:end]), fmt_many(b[start:end]), written[start:end])):
                return False
        return True
    except ArithmeticError:  # nan or inf: the board's own note says what it is
        return True


ADD_UP_CHUNK = 32  # numbers of each card written at once by cards_add_up
_TWO_DECIMALS = re.compile(r"(?:-?\d+\.\d\d\n)*-?\d+\.\d\d")  # numbers, one a line, each with 2 decimals (places_of)


NEGATIVE_ZERO = "<0"  # a hidden unit below 0 that rounds to 0 at its card's decimals (fmt_many's `signed`)


def fmt_many(values, digits: int = 2, signed: bool = False) -> list[str]:
    """[fmt(v, digits) for v in values], ~5x faster: a frame writes GPT-2's 768-number vectors on the board
    (1,536 numbers in chapter 10's residual step) and a new card's 24 numbers. Plain numbers are written
    with one format() each; "-0.00" loses its sign as fmt does, and with `signed` (the hidden units, whose sign
    decides what ReLU crosses out) a negative that rounds to 0 is NEGATIVE_ZERO, "<0" (teacher30 #15: "-0.00" read
    as a zero with a sign; teacher6 L2: a bare 0.00 crossed out beside a 0.00 kept read as one number treated two
    ways), and huge, infinite or NaN values go to fmt."""
    xs = values.tolist() if isinstance(values, np.ndarray) else [float(v) for v in values]
    spec, negative_zero = f".{digits}f", f"{-0.0:.{digits}f}"
    out = [format(x, spec) for x in xs]
    for i, x in enumerate(xs):
        if not -BIG < x < BIG:
            out[i] = fmt(x, digits)
        elif out[i] == negative_zero:
            out[i] = NEGATIVE_ZERO if signed and x < 0 else out[i][1:]
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
    adding them by hand (0.3012 + 1.000 + 12.18 = 13.4812). With a big number as fmt writes it (1.861e+19, an
    exp() on a board: softmax_row.written_exp), the sum in that form at its digits, rounded half up."""
    big = [t for t in texts if "e" in t.lower()]  # (not in nan, inf nor Infinity)
    with localcontext() as c:  # exact: room for every digit of numbers below BIG, or to round the big form's sum
        c.prec, c.Emax, c.Emin, c.rounding = 200, MAX_EMAX, MIN_EMIN, ROUND_HALF_UP
        total = sum((Decimal(t) for t in texts), Decimal(0))
        if big:
            return f"{total:.{max(places_of(t) for t in big)}e}"
        return f"{total:.{max((places_of(t) for t in texts), default=0)}f}"


def places_of(text: str) -> int:
    """The decimals of a number as written (none in "nan", "inf", "12" or "1.23e+07"'s exponent: 2)."""
    mantissa = text.lower().split("e")[0] if "e" in text.lower() and "." in text else text
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def rounds_to(text: str, shown: str) -> bool:
    """`text` rounded by hand (half up) to `shown`'s decimals is `shown`: 0.3344 and 0.334 agree with 0.33,
    0.336 does not. A board's number agrees with the same number shown elsewhere at that one's precision."""
    try:
        return _round(Decimal(text), places_of(shown)) == shown
    except ArithmeticError:  # inf, nan or an exponent form: nothing to compare by hand
        return text == shown


def hand_divide(a: str, b: str, digits: int) -> str:
    """a ÷ b of two numbers as written, rounded by hand (half up) to `digits` decimals ("" for ÷ 0)."""
    try:
        return _round(Decimal(a) / Decimal(b), digits)
    except ArithmeticError:
        return ""


ROOT_PLACES = 4  # decimals of √d (or the config's divisor) on the ÷√d board, in its narration and on the worksheet


def scaled_equations(scores, divisor: float, scaled, targets=None) -> tuple[str, list[str]]:  # [T], float, [T]
    """The division by √d as the board writes it: (the divisor as written, each score as written), with
    just enough digits that every score ÷ divisor redone by hand rounds to its result as written, `targets`
    (by default the model's scaled score at 2 decimals; the lesson passes the scaled scores as the softmax
    board then takes their exp(), softmax_row.shown_softmax): "-5.22 ÷ 2.828" gave -1.85 for the model's -1.84,
    "-5.217 ÷ 2.828" gives -1.84. Every score on the board has the same decimals (teacher8 M9: 2.216 beside 3.50,
    3.57497 beside -5.2388): the fewest that redo every line, else those that redo the most (the board says ≈ on
    the others). The divisor has ROOT_PLACES decimals always, as the worksheet and the CLI's trace print it,
    whatever the asker (teacher13 L5, digits: √8 was 2.8284, 2.82843 and 2.828427 on one sentence's boards);
    divided picks the results' decimals."""
    return _equations(scores, divisor, scaled, targets)[:2]


def _equations(scores, divisor: float, scaled, targets=None) -> tuple[str, list[str], int]:
    """scaled_equations' (divisor, scores) as written, and how many of its lines do not redo by hand (said ≈)."""
    targets = [fmt(v) for v in scaled] if targets is None else list(targets)
    decimals = [places_of(t) for t in targets]
    root = fmt(divisor, ROOT_PLACES)
    best = None
    for digits in (2, 3, 4, 5, 6, 7):
        written = fmt_many(scores, digits)
        redone = sum(hand_divide(t, root, p) == target for t, target, p in zip(written, targets, decimals))
        if redone == len(targets):
            return root, written, 0
        if best is None or redone > best[0]:
            best = (redone, written)
    return root, best[1], len(targets) - best[0]


def divided(scores, divisor: float, scaled) -> tuple[str, list[str], list[str]]:  # [T], float, [T]
    """The ÷√d board (chapter 5): (the divisor as written, each score as written, each scaled score as written), the
    scaled scores at the fewest decimals from 2 (the same on every line) whose every line redoes by hand as score ÷
    divisor (scaled_equations), else at those with the fewest that do not (said ≈), each the model's scaled score at
    those decimals. Its own decimals, not the softmax board's (teacher18 M2: at those, 9 of 11 lines said ≈, as in
    「少女」：4.2844 ÷ 2.8284 ≈ 1.514766); the softmax board's exp() then takes the same scaled score at the
    decimals its shares need, so one board's number is a rounding of the other's."""
    best = None
    for digits in range(2, 8):
        targets = fmt_many(scaled, digits)
        root, written, missed = _equations(scores, divisor, scaled, targets)
        if best is None or missed < best[0]:
            best = (missed, root, written, targets)
        if not missed:
            break
    return best[1], best[2], best[3]


def hand_product(a: str, b: str, digits: int = 3) -> str:
    """a × b of two numbers as written, rounded to `digits` decimals (half away from zero, as by hand)."""
    return _round(Decimal(a) * Decimal(b), digits)


def hand_sum(texts: list[str], digits: int) -> str:
    return _round(sum(Decimal(t) for t in texts), digits)


def _round(x: Decimal, digits: int) -> str:
    text = str(x.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return "0." + "0" * digits if text.lstrip("-") == "0." + "0" * digits else text


PLAIN_FROM = 48  # numbers from which evened sums them in NumPy (_plain_stats): fewer (the teaching model's 24) cost
# less through Decimal than NumPy's calls (0.3 against 0.6 ms a frame at 24, load ~7)


def evened(shown: list[str], eps: float, mean_places: int = 3, first: int | None = None
           ) -> tuple[str, str, list[str]] | None:
    """LayerNorm's first step, worked from a vector as written (chapter 10's board): (mean, spread, each
    (x - mean) ÷ spread), the mean to `mean_places` decimals, the spread to 3 decimals or 3 significant digits when it is
    smaller than 0.1 (a nearly even notebook's spread of 0.00374 is not 0.004), the results to 2, all rounded
    half up, so that redoing any line by hand from the shown digits gives the shown result; with `first`, only the
    first `first` results (a board that writes 6 of GPT-2's 768 evened numbers, or none, works out no more).
    spread = √(mean of (x - mean)² + ε), the mean exact. None when a number is not plain (inf, nan): that
    board then shows no worked step."""
    stats = _plain_stats(shown, eps, mean_places) if len(shown) >= PLAIN_FROM else None
    if stats is None:
        return _evened_decimal(shown, eps, mean_places, first)
    if not stats:
        return None
    m, s = stats
    dm, ds = Decimal(m), Decimal(s)
    return m, s, [_round((Decimal(x) - dm) / ds, 2) for x in shown[:first]]


def _evened_decimal(shown: list[str], eps: float, mean_places: int, first: int | None):
    """evened worked with Decimals number by number: any numbers as written (1.23e+07 among them), and the
    reference _plain_stats must agree with."""
    try:
        xs = [Decimal(s) for s in shown]
        if not all(x.is_finite() for x in xs):
            return None
        mean = sum(xs) / len(xs)
        spread = (sum((x - mean) ** 2 for x in xs) / len(xs) + Decimal(repr(float(eps)))).sqrt()
        m, s = _round(mean, mean_places), _spread_written(spread)
        if Decimal(s) == 0:
            return None
        dm, ds = Decimal(m), Decimal(s)  # (read once, not once a number: GPT-2's notebook has 768)
        return m, s, [_round((x - dm) / ds, 2) for x in xs[:first]]
    except (ArithmeticError, ValueError):
        return None


_PLAIN = np.zeros(256, bool)
_PLAIN[list(b"0123456789-. ")] = True


def _plain_digits(shown: list[str]) -> np.ndarray | None:
    """The numbers as written, all plain ("-0.123") at the same decimals (one or more), as whole numbers of their
    last decimal place (int64: -123); None for any other (1.23e+07, nan, 0.5 beside 0.50, "", more than 17 digits).
    Checked and read in NumPy over the joined text, not number by number."""
    text = " ".join(shown)
    if not shown or not text.isascii():
        return None
    b = np.frombuffer(text.encode("ascii"), np.uint8)
    ends = np.flatnonzero(b == 32)
    starts = np.concatenate(([0], ends + 1))
    ends = np.append(ends, len(b))
    dots = np.flatnonzero(b == 46)
    if not _PLAIN[b].all() or len(starts) != len(shown) or len(dots) != len(shown):
        return None
    minus = np.flatnonzero(b == 45)
    lead = starts + (b[starts] == 45)  # each number's first digit
    d = ends - dots - 1
    if not (np.isin(minus, starts).all() and (dots > lead).all() and (dots < ends).all() and (d == d[0]).all()
            and d[0] > 0 and (ends - lead).max() <= 18):
        return None
    return np.fromstring(text.replace(".", ""), dtype=np.int64, sep=" ")


def _spread_written(spread: Decimal) -> str:
    return _round(spread, max(3, 2 - spread.adjusted()))


def _plain_stats(shown: list[str], eps: float, mean_places: int):
    """evened's (mean, spread) as written, from whole numbers of the last decimal place (GPT-2's 768 numbers read
    and summed exactly in NumPy's int64, no Decimal a number): the mean as _evened_decimal divides it (the same
    Decimal), the spread from the exact variance (n·Σk² - (Σk)²) / n², written where every spread that Decimal's
    rounding, number by number, could have reached (a bound on its error, widened 1000-fold) is written the same.
    None (let _evened_decimal work it) for numbers not all plain at one number of decimals, or near a rounding
    edge; () where the spread is written 0 (evened: None)."""
    n = len(shown)
    ks = _plain_digits(shown)
    if ks is None:
        return None
    d = len(shown[0]) - shown[0].index(".") - 1
    try:
        top = int(np.abs(ks).max())
        total = int(ks.sum())
        squares = int(ks @ ks) if n * top * top < 2 ** 62 else sum(k * k for k in ks.tolist())  # (exact in int64)
        prec = getcontext().prec
        if n * top >= 10 ** (prec - 2):  # Decimal's sum would round: let it
            return None
        mean = Decimal(total).scaleb(-d) / n  # as _evened_decimal: an exact sum divided in the context's precision
        m = _round(mean, mean_places)
        e = Decimal(repr(float(eps)))
        with localcontext() as c:  # the exact variance and ε, and their root at plenty of digits
            c.prec, c.Emax, c.Emin = 80, MAX_EMAX, MIN_EMIN
            w = (Decimal(n * squares - total * total) / Decimal(n * n)).scaleb(-2 * d) + e
            if w <= 0:
                return None
            spread = w.sqrt()
            big = float(abs(mean)) / float(spread)
            tol = Decimal(repr(1000 * 10.0 ** (1 - prec) * (n + 10 + 2 * big + big * big)))
            near = (spread * (1 - tol), spread * (1 + tol))
        s = _spread_written(spread)  # (in the context's precision, as _evened_decimal writes it)
        if not all(_spread_written(x) == s for x in near):
            return None
    except (ArithmeticError, ValueError, OverflowError):
        return None
    return (m, s) if Decimal(s) != 0 else ()


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


def vector_lines(parts: list[str], left_out: int = 0, per_line: int = 8, t=None) -> list[str]:
    """Numbers already written as board lines: bracketed, or, with `left_out` more not written, one line of them and
    how many more there are, in the language's words for numbers left out of a list (board.more_items:
    "[0.12, -0.03, … (762 more)]", 「[0.12, -0.03, …（ほか762個）]」; jareview7 3: "… (+762)" beside a sum's
    "+ …" read as "plus 762"); `t` says it in the board's language (lesson.strings.text's, English without)."""
    if not left_out:
        return bracketed(parts, per_line)
    more = t("board.more_items", n=left_out) if t is not None else text("en", "board.more_items", n=left_out)
    return ["[" + ", ".join(parts) + ", " + more + "]"]


def bracketed(parts: list[str], per_line: int = 8) -> list[str]:  # numbers already written, `per_line` a line
    """Bracketed, `per_line` numbers a line, and a line that the list goes on after ends with its comma (teacher17
    L1: 「…0.36⏎-0.25…」 read as one number list lost its separator where it wrapped)."""
    lines = [", ".join(parts[i:i + per_line]) + ("," if i + per_line < len(parts) else "")
             for i in range(0, len(parts), per_line)]
    if not lines:
        return ["[]"]
    lines[0] = "[" + lines[0]  # one at a time: with a single line, both brackets go on it
    lines[-1] = lines[-1] + "]"
    return lines


def temperature_probs(logits: np.ndarray, temperature: float) -> np.ndarray:  # [V] -> [V]
    z = logits.astype(np.float64) / max(float(temperature), 1e-3)
    e = np.exp(z - z.max())
    return e / e.sum()
