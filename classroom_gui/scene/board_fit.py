"""How big the blackboard's chalk may be: a board's lines fitted in one column, wrapped at their breaks, their lists of
numbers re-flowed k a row, or in two columns, down to LINE_MIN_PX and then "… (+k)" (BoardLinesItem draws what
fitted gives). Measures with the chalk's font only: no item, so board.py's items and this search import one way
(fit22 could not move the re-flow out of board.py while it called back into BoardLinesItem).
"""
from __future__ import annotations

import heapq
import math
import re
from functools import lru_cache

from PySide6.QtCore import QRectF

from . import fonts
from .board_lists import (char_counts, fewest_lines, list_rows, mean_row_width, number_lists, reflowed, reflowed_count,
                          row_counts)
from ..lesson.strings import text
from .board_wrap import balanced, wrapped, wrapped_at_breaks
from .text_width import widths

GAP = 16.0
LINE_MAX_PX, LINE_MIN_PX = 25.0, 16.0  # chalk: 16 px is the least a projected 1080p picture reads at
LINE_SPACING = 1.3                # a line of chalk is this many times its px high
WRAP_MOST, WRAP_LEAST, WRAP_GAIN = 3, 8, 2  # wrapped for chalk this much bigger: at most this many lines, no piece
                                            # of fewer characters
_WORD = re.compile(r"[^\W\d_]")  # a letter, near enough (_wrapped_size: which lines it tries first)
HALVES_GAIN = 1.15                 # fit's `halves`: two columns where their chalk is this much bigger than one's
UNKERNED_SHARE = 0.95              # a row of numbers is at least this share of its characters' widths (kerning)


def tallest(n: int, h: float, scale: float) -> float:
    """The biggest size n lines may have in a board h high: size_for's start, which it only ever lowers."""
    return min(LINE_MAX_PX * scale, h / (n * LINE_SPACING))


def size_for(lines: list[str], w: float, h: float, scale: float) -> float:
    """The biggest chalk (px) at which every one of `lines` fits w wide and all of them h high."""
    if not lines:
        return LINE_MAX_PX * scale
    px = tallest(len(lines), h, scale)
    widest = max(advance(t, px) for t in lines)
    if widest <= 0:
        return px
    px = math.floor(px * min(1.0, w / widest))
    # a font's width is not quite proportional to its size (hinting): step down until the widest fits
    while px > 8 and max(advance(t, px) for t in lines) > w:
        px -= 1
    return px


def fit(given: list[str], more: int, w: float, h: float, scale: float, grow: bool = True, lang: str = "en",
        halves: bool = False):
    """(QFont, columns, lines left out) of a board's lines `given` and `more` the lesson left off, in a w x h board:
    one column (wrapped, or its lists re-flowed, for bigger chalk), else two, else LINE_MIN_PX and a "… (+k)";
    `halves`: two columns also where they give chalk HALVES_GAIN times bigger than one (the board close-up's wide
    board: a long worked sum's lines at the height of half of them)."""
    if halves:
        one = fit(given, more, w, h, scale, grow, lang)
        lines = given + ([more_line(more, lang)] if more else [])
        if one[2] == more and len(lines) >= 2 * WRAP_MOST:
            cols = _halves(lines)
            px2 = math.floor(min(size_for(c, (w - GAP) / 2, h, scale) for c in cols))
            if px2 >= one[0].pixelSize() * HALVES_GAIN:
                return fonts.font(px2), cols, more
        return one
    lines = given + ([more_line(more, lang)] if more else [])
    # size_for only lowers the size its lines' height allows (tallest): lines that cannot reach LINE_MIN_PX
    # even so are not measured to find out (GPT-2's 97-line notebook: ~200-300 widths, 1.6-3.4 ms a new layer);
    # wrapping only adds lines, so no bigger wrapped chalk is missed either, and a re-flowed list of numbers
    # has at least fewest_lines (each list on one row)
    lists = [] if len(lines) >= 6 and tallest(len(lines), h, scale) < LINE_MIN_PX and _too_many_digits(
        given, w, h) else number_lists(given)
    if len(lines) < 6 or tallest(len(lines) - len(given) + fewest_lines(given, lists), h, scale) >= LINE_MIN_PX:
        # the lines as given, then each list re-flowed k numbers a row, for chalk WRAP_GAIN bigger or more (a
        # vector wrapped as the desks wrap it keeps their rows where that costs less, teacher8 L5): fix44
        best = _one_column(given, more, w, h, scale, grow, lang)
        flow = _reflowed_size(given, lists, more, w, h, scale, grow,
                              best[0] + WRAP_GAIN if best else LINE_MIN_PX, lang) if lists else None
        if flow:
            best = flow
        if best:
            return fonts.font(best[0]), [best[1]], more
    cols = _halves(lines)  # the second column starts at a line of its own, never a sum's next row (teacher32 #2)
    if tallest(max(map(len, cols)), h, scale) >= LINE_MIN_PX:
        px2 = min(size_for(c, (w - GAP) / 2, h, scale) for c in cols)
        if px2 >= LINE_MIN_PX:
            return fonts.font(math.floor(px2)), cols, more
    # still too many: as many as fit at the minimum size, in two columns when the lines fit half the
    # board, else in one, a line wider than the board wrapped (board_wrap: never cut, "「座った」 0.…" and
    # "0.1381 ÷ 38246.30788 = …" hid their numbers), and a last line saying how many lines are left
    px = LINE_MIN_PX
    f = fonts.font(px)
    fm = widths(px)
    per_col = max(2, int(h // (px * LINE_SPACING)))
    halves = all(fm.horizontalAdvance(t) <= (w - GAP) / 2 for t in given[:2 * per_col])
    room = 2 * per_col if halves else per_col
    rows = [wrapped(t, fm, (w - GAP) / 2 if halves else w) for t in given[:room]]
    left = more
    if sum(map(len, rows)) + (1 if more else 0) <= room and len(rows) == len(given):  # no "… (+k)" of its own
        shown = [line for r in rows for line in r] + ([more_line(more, lang)] if more else [])
    else:
        keep = len(rows)
        while keep and sum(len(r) for r in rows[:keep]) > room - 1:
            keep -= 1
        left = len(given) + more - keep
        shown = [line for r in rows[:keep] for line in r] + [more_line(left, lang)]
    cols = [shown[:per_col], shown[per_col:]] if halves else [shown]
    return f, cols, left


def _reflowed_size(given: list[str], lists, more: int, w: float, h: float, scale: float, grow: bool, need: int,
                   lang: str = "en"):
    """(px, lines) of the biggest chalk, `need` or more, that `given` gets with its lists (board_lists.number_lists)
    re-flowed k numbers a row (of equal chalk, the first tried: most room, then fewest rows), or None. A k is tried
    only when its height and its widest row (rows of numbers never wrap) leave room for that chalk: trying every k
    took 40-90 ms a new board (GPT-2's answer.norm, load 6), measuring every k's rows ~3 ms (35-69 ms on GPT-2's
    768-number notebooks, fit22). So each k's room is first bounded from above without measuring a row (its height,
    and its lists' mean row width from their characters' widths), and its rows are measured only when that bound
    comes first: the ks are tried in the same order, and passed over at the same bound, as measuring every k's."""
    top = LINE_MAX_PX * scale
    counts = char_counts(lists)

    def char_width(c: str) -> float:
        return advance(c, top)

    def bound(k: int, widest: float) -> int:
        tall = tallest(reflowed_count(given, lists, k) + bool(more), h, scale)
        return math.floor(min(tall, top * w / max(widest, 1.0) + 1))

    # (-bound, -k, measured): the least first, so the biggest bound (then k) comes first; an unmeasured bound is
    # never below the measured one (a mean row no wider than the widest, UNKERNED_SHARE for a kerned font)
    heap = [(-bound(k, UNKERNED_SHARE * mean_row_width(counts, k, char_width)), -k, False)
            for k in row_counts(lists)]
    heapq.heapify(heap)
    # the lines a re-flow keeps: at a size where one of them cannot be written (wider than the board, or wrapped
    # into a short piece or not at all), no k's column can be (_one_column: its lines fit or wrap at its size)
    listed = {i for first, count, _ in lists for i in range(first, first + count)}
    kept = [t for i, t in enumerate(given) if i not in listed] + ([more_line(more, lang)] if more else [])
    writable: dict[int, bool] = {}

    def can_write(px: int) -> bool:
        if px not in writable:
            writable[px] = all(p is not None and (len(p) == 1 or all(len(piece.strip()) >= WRAP_LEAST for piece in p))
                               for p in (_pieces(t, px, w) for t in kept))
        return writable[px]

    found = None
    while heap:
        b, k, measured = heapq.heappop(heap)
        if -b < max(need, found[0] if found else 0):
            break
        if not measured:
            widest = max(advance(t, top) for t in list_rows(lists, -k))
            heapq.heappush(heap, (-bound(-k, widest), k, True))
            continue
        tall = tallest(reflowed_count(given, lists, -k) + bool(more), h, scale)
        if not any(can_write(px) for px in range(math.ceil(max(need, found[0] + 1 if found else 0)), math.floor(tall) + 1)):
            continue  # (fit22: GPT-2's opinion card, its worked sum's line unwrappable, ~2 ms of 6 ks)
        tried = _one_column(reflowed(given, lists, -k), more, w, h, scale, grow, lang)
        if tried and tried[0] >= need and (found is None or tried[0] > found[0]):
            found = tried
    return found


def _too_many_digits(given: list[str], w: float, h: float) -> bool:
    """Whether `given`'s digits are wider, at LINE_MIN_PX, than the rows that chalk leaves in a w x h column: then no
    re-flow of its lists (nor wrapping) fits it at that chalk or bigger, every digit being on a row, and its lists
    are not read (GPT-2's 768-number notebooks: ~0.6 ms a new layer, fit22)."""
    joined = "".join(given)
    digits = sum(joined.count(d) for d in "0123456789")
    least = min(advance(d, LINE_MIN_PX) for d in "0123456789")
    return digits * least * UNKERNED_SHARE > w * (h / (LINE_SPACING * LINE_MIN_PX))


def _one_column(given: list[str], more: int, w: float, h: float, scale: float, grow: bool, lang: str = "en"):
    """(px, lines) of `given` in one w x h column, a prose line wrapped at its breaks where that gives bigger chalk
    (teacher23 M2), or None when that column's chalk is under LINE_MIN_PX on a board of 6 lines or more."""
    lines = given + ([more_line(more, lang)] if more else [])
    if len(lines) >= 6 and tallest(len(lines), h, scale) < LINE_MIN_PX:
        return None
    px = size_for(lines, w, h, scale)
    # (any number of lines where the smallest chalk wraps them anyway)
    least = math.floor(max(px + WRAP_GAIN - 1, LINE_MIN_PX - 1)) + 1
    bigger = grow and _wrapped_size(tuple(lines), w, h, scale, least, WRAP_MOST if px >= LINE_MIN_PX else len(lines))
    if bigger:  # prose lines wrapped at their breaks: bigger chalk in the room below (teacher23 M2)
        return bigger
    if px >= LINE_MIN_PX or len(lines) < 6:
        return max(math.floor(px), 8), lines
    return None


# a line starting so goes on from the one above (a sum's terms, a vector's next numbers): a number is one only where
# a separator follows it ("0.476, 0.334, …"), not a line's own ordinal (「2番目の数：…」, "8 numbers": teacher32 #2)
_GOES_ON = re.compile(r"[\s+\-=.,\[]|[\d.]+(?:[,\s×)]|$)")


def _halves(lines: list[str]) -> list[list[str]]:
    """`lines` in two columns, the second starting near the middle at a line of its own (not a sum's or a vector's
    next row: "w: column 1 of W_Q" rather than "0.476, 0.334, …"), after a blank line where there is one."""
    half = math.ceil(len(lines) / 2)
    near = sorted(range(max(1, half - 4), min(len(lines), half + 5)), key=lambda k: (abs(k - half), k))
    k = next((k for k in near if lines[k - 1] == "" and lines[k]), None) or \
        next((k for k in near if lines[k] and not _GOES_ON.match(lines[k])), half)
    return [lines[:k] if lines[k - 1] else lines[:k - 1], lines[k:]]


@lru_cache(maxsize=512)
def fitted(lines: tuple[str, ...], more: int, w: float, h: float, scale: float, grow: bool = True, lang: str = "en",
           halves: bool = False):
    """(pixel size, columns, lines left out) of a board's lines in a w x h board (fit), kept: a jump
    back to a beat finds its board fitted (measuring the lines at each size took 2-10 ms a new moment). Shared:
    never modify. The size, not the QFont: a QFont keeps the family it was made with."""
    font, columns, left = fit(list(lines), more, w, h, scale, grow, lang, halves)
    return font.pixelSize(), columns, left


def _wrapped_size(lines: tuple[str, ...], w: float, h: float, scale: float, least: int, most: int):
    """(px, lines) of the biggest chalk from `least` up that fits `lines` in one w x h column, each prose line too
    wide wrapped at its breaks (board_wrap.wrapped_at_breaks, a row of numbers never), or None. A width-bound
    board (a long prose line among vectors: "w: rows 5, 8, 15, … of column 1 of W_2") had 16 px chalk over a
    third of its room empty (teacher23 M2: 6 px digits in a 1024 x 768 window)."""
    top = math.floor(min(LINE_MAX_PX * scale, h / (len(lines) * LINE_SPACING))) if lines else 0
    # whether a size fits does not depend on the order its lines are tried in (each must wrap, with no short
    # piece; their rows and wraps only add up), so lines with words come first: a re-flow's every k shares them,
    # and where one cannot wrap, its rows of numbers are never measured at that size (fit22)
    order = sorted(range(len(lines)), key=lambda i: not _WORD.search(lines[i]))
    for px in range(top, least - 1, -1):
        pieces_of: list = [None] * len(lines)
        count = wraps = 0
        for i in order:
            pieces = _pieces(lines[i], px, w)
            if pieces is None or (count + len(pieces)) * px * LINE_SPACING > h:
                break
            wraps += len(pieces) > 1
            if wraps > most or len(pieces) > 1 and any(len(piece.strip()) < WRAP_LEAST for piece in pieces):
                break  # a board of broken lines, or a word alone (「-∞）」「マット」：), reads worse than small chalk
            pieces_of[i], count = pieces, count + len(pieces)
        else:
            return px, [piece for pieces in pieces_of for piece in pieces]
    return None


@lru_cache(maxsize=4096)
def _pieces(text: str, px: int, w: float) -> tuple[str, ...] | None:
    """board_wrap.wrapped_at_breaks of a line at px, kept: a re-flow's every k tries its board's other lines (prose,
    a worked sum) at the same sizes (GPT-2's opinion card board: ~1 ms a k, 6 ks, fit22)."""
    metrics = widths(px)
    pieces = balanced(text, wrapped_at_breaks(text, metrics, w), metrics, w, WRAP_LEAST)
    return None if pieces is None else tuple(pieces)


@lru_cache(maxsize=8192)
def advance(text: str, px: float) -> float:
    """A chalk line's width at px: kept, as fitting a board tries each line at several sizes, and GPT-2's
    notebook lines are long (measured: ~3 ms a frame at 6 students, remeasuring the same lines)."""
    return widths(px).horizontalAdvance(text)


@lru_cache(maxsize=256)
def least_height(lines: tuple[str, ...], more: int, w: float) -> float:
    """How high a w-wide column must be for `lines` (and a "… (+k)" line for `more`) at the least chalk, each line
    wrapped as fit's last resort wraps it there (board_wrap.wrapped): the room that draws every one of them. A board
    sized by its count of lines (board.Board) gave 7 rows of 「名前：3つの割合、ほかk人」, each wrapped in two at
    4:3, room for 5 rows, and left 「に」 and 「座った」 off (「…（+2）」) under a matrix that could spare it (boards25)."""
    fm = widths(LINE_MIN_PX)
    count = sum(len(wrapped(t, fm, w)) for t in lines) + (1 if more else 0)
    return count * LINE_MIN_PX * LINE_SPACING + 0.5  # (+0.5: fit counts whole lines of its height, h // line)


def cuts(lines: list[str], more: int, rect: QRectF, scale: float, grow: bool = True, lang: str = "en") -> bool:
    """Whether `lines` in `rect` end in a "… (+k)" of their own (lines that do not fit, beyond the lesson's `more`)."""
    return fitted(tuple(lines), more, rect.width(), rect.height(), scale, grow, lang)[2] > more


def more_line(k: int, lang: str = "en") -> str:  # the last line when k lines do not fit (or the lesson left them off),
    return text(lang, "board.more_one" if k == 1 else "board.more", n=k)  # 「…（あと2行）」 (lines: jareview7 3)
