"""The blackboard: calculation lines at the top, wide strips (FFN hidden units) under them, and at the
bottom either the bar chart (scores morphing into shares, or the vocabulary) or a small heatmap of the
attention weights (the chart itself: board_bars.py). All positions are logical canvas pixels inside the board's
area (the canvas's board).
"""
from __future__ import annotations

import heapq
import math
import re
from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Frame
from . import fonts, pictures
from .board_bars import BarsItem, bars_heading
from .board_lists import (char_counts, fewest_lines, list_rows, mean_row_width, number_lists, reflowed, reflowed_count,
                          row_counts)
from .strip import StripItem
from .board_wrap import board_as_desks, wrapped, wrapped_at_breaks
from .heatmap import HeatmapItem
from .items import ALIGN_LEFT, CachedItem, PanelItem, qcolor
from .layout import least_number_px, stack_strips, strips_least_height
from .palette import Theme

PAD = 24.0
FRAME = 8.0                       # the board's frame, a pen on its edge (half of it outside)
GAP = 16.0
LINE_MAX_PX, LINE_MIN_PX = 25.0, 16.0  # chalk: 16 px is the least a projected 1080p picture reads at
LINE_SPACING = 1.3                # a line of chalk is this many times its px high
BARS_H, BARS_MAX = 350.0, 480.0   # bar chart height: at least, at most
WRAP_MOST, WRAP_LEAST, WRAP_GAIN = 3, 8, 2  # wrapped for chalk this much bigger: at most this many lines, no piece
                                            # of fewer characters
BARS_LEAST, LINE_DENSE_PX = 280.0, 20.0  # ... but down to BARS_LEAST where the lines above then get this chalk
DENSE_LINES = 14                  # ... on a board of this many lines or more (a worked sum: answer time's logit)
HEAT_MIN = 260.0
STRIP_EST = 200.0                 # height a board strip of 64 units takes (label + 6 rows of 12)
LINES_SHARE = 0.5                 # of the board's height, the most the lines take from a chart or wide strips
_WORD = re.compile(r"[^\W\d_]")  # a letter, near enough (_wrapped_size: which lines it tries first)
UNKERNED_SHARE = 0.95              # a row of numbers is at least this share of its characters' widths (kerning)
STRIP_LABEL_PX, STRIP_TAB_W, STRIP_GAP, STRIP_ROW_CELLS = 16.0, 6.0, 12.0, 12  # wide strips: label, tab, space, cells a row


class BoardLinesItem(CachedItem):
    """Calculation lines in chalk, as big as fits; two columns or a "… (+k)" line when there are many."""

    blits = True

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.lines: list[str] = []       # what is painted, after any cutting
        self.columns: list[list[str]] = []
        self.left = 0                    # lines not painted (the lesson's `more` and the board's): a last "… (+k)"
        self.font = fonts.font(LINE_MAX_PX)
        self.color = "#FFFFFF"
        self.area = QRectF()

    def set_lines(self, lines: list[str], rect: QRectF, theme: Theme, more: int = 0, grow: bool = True) -> None:
        """The lines, and `more` lines the lesson left off (Frame.board_more); `grow`: prose lines may wrap for
        bigger chalk (not under a quiz card, which takes the room the lines leave: scene.quiz_place)."""
        key = (tuple(lines), more, rect.x(), rect.y(), rect.width(), rect.height(), theme.name, theme.font_scale, grow)
        if key == self._key:
            return
        self.area, self.color = QRectF(rect), theme.color("board_text")
        px, self.columns, self.left = fitted(tuple(lines), more, rect.width(), rect.height(), theme.font_scale, grow)
        self.font = fonts.font(px)  # made now: the UI family is chosen when the bundled font is loaded
        self.lines = [line for col in self.columns for line in col]
        self.set_key(key, QRectF(rect).adjusted(-2, -2, 2, 2))

    @staticmethod
    def tallest(n: int, h: float, scale: float) -> float:
        """The biggest size n lines may have in a board h high: _size_for's start, which it only ever lowers."""
        return min(LINE_MAX_PX * scale, h / (n * LINE_SPACING))

    @staticmethod
    def _size_for(lines: list[str], w: float, h: float, scale: float) -> float:
        if not lines:
            return LINE_MAX_PX * scale
        px = BoardLinesItem.tallest(len(lines), h, scale)
        widest = max(advance(t, px) for t in lines)
        if widest <= 0:
            return px
        px = math.floor(px * min(1.0, w / widest))
        # a font's width is not quite proportional to its size (hinting): step down until the widest fits
        while px > 8 and max(advance(t, px) for t in lines) > w:
            px -= 1
        return px

    @staticmethod
    def _fit(given: list[str], more: int, w: float, h: float, scale: float, grow: bool = True):
        lines = given + ([more_line(more)] if more else [])
        # _size_for only lowers the size its lines' height allows (tallest): lines that cannot reach LINE_MIN_PX
        # even so are not measured to find out (GPT-2's 97-line notebook: ~200-300 widths, 1.6-3.4 ms a new layer);
        # wrapping only adds lines, so no bigger wrapped chalk is missed either, and a re-flowed list of numbers
        # has at least fewest_lines (each list on one row)
        lists = [] if len(lines) >= 6 and BoardLinesItem.tallest(len(lines), h, scale) < LINE_MIN_PX and _too_many_digits(
            given, w, h) else number_lists(given)
        if len(lines) < 6 or BoardLinesItem.tallest(len(lines) - len(given) + fewest_lines(given, lists), h,
                                                    scale) >= LINE_MIN_PX:
            # the lines as given, then each list re-flowed k numbers a row, for chalk WRAP_GAIN bigger or more (a
            # vector wrapped as the desks wrap it keeps their rows where that costs less, teacher8 L5): fix44
            best = _one_column(given, more, w, h, scale, grow)
            flow = _reflowed_size(given, lists, more, w, h, scale, grow,
                                  best[0] + WRAP_GAIN if best else LINE_MIN_PX) if lists else None
            if flow:
                best = flow
            if best:
                return fonts.font(best[0]), [best[1]], more
        half = math.ceil(len(lines) / 2)
        cols = [lines[:half], lines[half:]]
        if BoardLinesItem.tallest(half, h, scale) >= LINE_MIN_PX:  # (the first column is the longer)
            px2 = min(BoardLinesItem._size_for(c, (w - GAP) / 2, h, scale) for c in cols)
            if px2 >= LINE_MIN_PX:
                return fonts.font(math.floor(px2)), cols, more
        # still too many: as many as fit at the minimum size, in two columns when the lines fit half the
        # board, else in one, a line wider than the board wrapped (board_wrap: never cut, "「座った」 0.…" and
        # "0.1381 ÷ 38246.30788 = …" hid their numbers), and a last line saying how many lines are left
        px = LINE_MIN_PX
        f = fonts.font(px)
        fm = QFontMetricsF(f)
        per_col = max(2, int(h // (px * LINE_SPACING)))
        halves = all(fm.horizontalAdvance(t) <= (w - GAP) / 2 for t in given[:2 * per_col])
        room = 2 * per_col if halves else per_col
        rows = [wrapped(t, fm, (w - GAP) / 2 if halves else w) for t in given[:room]]
        left = more
        if sum(map(len, rows)) + (1 if more else 0) <= room and len(rows) == len(given):  # no "… (+k)" of its own
            shown = [line for r in rows for line in r] + ([more_line(more)] if more else [])
        else:
            keep = len(rows)
            while keep and sum(len(r) for r in rows[:keep]) > room - 1:
                keep -= 1
            left = len(given) + more - keep
            shown = [line for r in rows[:keep] for line in r] + [more_line(left)]
        cols = [shown[:per_col], shown[per_col:]] if halves else [shown]
        return f, cols, left

    def left_out(self) -> int:
        """How many of the board's lines are not drawn (the lesson's and the board's): the k of a last "… (+k)"."""
        return self.left if self.lines and self.isVisible() else 0

    def used_height(self) -> float:  # how far down the lines reach
        if not self.columns:
            return 0.0
        return min(self.area.height(), self.font.pixelSize() * LINE_SPACING * max(len(c) for c in self.columns))

    def paint(self, p: QPainter, option, widget=None) -> None:
        if self.columns:  # kept as a picture: a beat's lines come back on every jump to it
            pictures.paint_item(self, p, self._key, self._paint_lines)

    def _paint_lines(self, p: QPainter) -> None:
        p.setFont(self.font)
        p.setPen(qcolor(self.color))
        line_h = self.font.pixelSize() * LINE_SPACING
        col_w = (self.area.width() - GAP * (len(self.columns) - 1)) / len(self.columns)
        for c, col in enumerate(self.columns):
            x = self.area.x() + c * (col_w + GAP)
            for i, t in enumerate(col):
                p.drawText(QRectF(x, self.area.y() + i * line_h, col_w + 40, line_h), ALIGN_LEFT, t)


def _reflowed_size(given: list[str], lists, more: int, w: float, h: float, scale: float, grow: bool, need: int):
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
        tall = BoardLinesItem.tallest(reflowed_count(given, lists, k) + bool(more), h, scale)
        return math.floor(min(tall, top * w / max(widest, 1.0) + 1))

    # (-bound, -k, measured): the least first, so the biggest bound (then k) comes first; an unmeasured bound is
    # never below the measured one (a mean row no wider than the widest, UNKERNED_SHARE for a kerned font)
    heap = [(-bound(k, UNKERNED_SHARE * mean_row_width(counts, k, char_width)), -k, False)
            for k in row_counts(lists)]
    heapq.heapify(heap)
    # the lines a re-flow keeps: at a size where one of them cannot be written (wider than the board, or wrapped
    # into a short piece or not at all), no k's column can be (_one_column: its lines fit or wrap at its size)
    listed = {i for first, count, _ in lists for i in range(first, first + count)}
    kept = [t for i, t in enumerate(given) if i not in listed] + ([more_line(more)] if more else [])
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
        tall = BoardLinesItem.tallest(reflowed_count(given, lists, -k) + bool(more), h, scale)
        if not any(can_write(px) for px in range(math.ceil(max(need, found[0] + 1 if found else 0)), math.floor(tall) + 1)):
            continue  # (fit22: GPT-2's opinion card, its worked sum's line unwrappable, ~2 ms of 6 ks)
        tried = _one_column(reflowed(given, lists, -k), more, w, h, scale, grow)
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


def _one_column(given: list[str], more: int, w: float, h: float, scale: float, grow: bool):
    """(px, lines) of `given` in one w x h column, a prose line wrapped at its breaks where that gives bigger chalk
    (teacher23 M2), or None when that column's chalk is under LINE_MIN_PX on a board of 6 lines or more."""
    lines = given + ([more_line(more)] if more else [])
    if len(lines) >= 6 and BoardLinesItem.tallest(len(lines), h, scale) < LINE_MIN_PX:
        return None
    px = BoardLinesItem._size_for(lines, w, h, scale)
    # (any number of lines where the smallest chalk wraps them anyway)
    least = math.floor(max(px + WRAP_GAIN - 1, LINE_MIN_PX - 1)) + 1
    bigger = grow and _wrapped_size(tuple(lines), w, h, scale, least, WRAP_MOST if px >= LINE_MIN_PX else len(lines))
    if bigger:  # prose lines wrapped at their breaks: bigger chalk in the room below (teacher23 M2)
        return bigger
    if px >= LINE_MIN_PX or len(lines) < 6:
        return max(math.floor(px), 8), lines
    return None


@lru_cache(maxsize=512)
def fitted(lines: tuple[str, ...], more: int, w: float, h: float, scale: float, grow: bool = True):
    """(pixel size, columns, lines left out) of a board's lines in a w x h board (BoardLinesItem._fit), kept: a jump
    back to a beat finds its board fitted (measuring the lines at each size took 2-10 ms a new moment). Shared:
    never modify. The size, not the QFont: a QFont keeps the family it was made with."""
    font, columns, left = BoardLinesItem._fit(list(lines), more, w, h, scale, grow)
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
    pieces = wrapped_at_breaks(text, QFontMetricsF(fonts.font(px)), w)
    return None if pieces is None else tuple(pieces)


@lru_cache(maxsize=8192)
def advance(text: str, px: float) -> float:
    """A chalk line's width at px: kept, as fitting a board tries each line at several sizes, and GPT-2's
    notebook lines are long (measured: ~3 ms a frame at 6 students, remeasuring the same lines)."""
    return QFontMetricsF(fonts.font(px)).horizontalAdvance(text)


def cuts(lines: list[str], more: int, rect: QRectF, scale: float, grow: bool = True) -> bool:
    """Whether `lines` in `rect` end in a "… (+k)" of their own (lines that do not fit, beyond the lesson's `more`)."""
    return fitted(tuple(lines), more, rect.width(), rect.height(), scale, grow)[2] > more


def more_line(k: int) -> str:  # the last line when k lines do not fit (or the lesson left them off)
    return f"… (+{k})"


class Board:
    """The blackboard's items inside a scene, refilled from each frame."""

    def __init__(self, scene, area: QRectF):
        self.area = area  # where on the canvas (the scene sets it again when a frame's canvas changes)
        self.panel = PanelItem()
        self.lines = BoardLinesItem()
        self.bars = BarsItem()
        self.beside = BarsItem()  # chapter 6: the other rule's shares, right of the first chart
        self.heatmap = HeatmapItem()
        self.strips: list[StripItem] = []
        self.scene = scene
        self.chart: QRectF | None = None
        for item, z in ((self.panel, 1), (self.lines, 2), (self.bars, 2), (self.beside, 2), (self.heatmap, 2)):
            item.setZValue(z)
            scene.addItem(item)

    def set_frame(self, frame: Frame, theme: Theme, scales: dict[str, float]) -> None:
        r = self.area
        self.panel.set_panel(r, theme.color("board"), theme.color("board_frame"), FRAME, 14.0)
        self.panel.setVisible(True)
        inner = r.adjusted(PAD, PAD, -PAD, -PAD)
        bottom = inner.bottom()
        # the chart takes what the lines and strips leave, within limits (a big chart on a quiet board)
        # the lesson's vectors wrapped as the asker's desk wraps them (teacher8 L5); a worked sum's inputs and
        # matrix columns are not desk vectors and stay as worked lays them out (review12: its total fell off 4:3)
        desk_rows = getattr(self.scene, "desk_rows", {})
        grow = not frame.quiz  # bigger chalk for the lines, unless a quiz card needs the room they leave
        board = board_as_desks(frame, desk_rows)
        counts = tuple(len(s.values) for s in frame.board_strips)
        cap = inner.height() * LINES_SHARE
        if counts:  # lines above wide strips may take all but what the strips need whole (a worked hidden unit)
            cap = max(cap, inner.height() - GAP - strips_least_height(
                counts, inner.width(), label_px=STRIP_LABEL_PX * theme.font_scale, tab_w=STRIP_TAB_W, gap=STRIP_GAP,
                row_cells=STRIP_ROW_CELLS, least_px=least_number_px(frame.canvas)))

        def placed(board: list[str]):  # (chart, lines' rect, strip boxes) for `board` drawn (review26 #6: its count)
            chart = None
            lines_h = min((len(board) + (frame.board_more > 0)) * LINE_MAX_PX * theme.font_scale * LINE_SPACING, cap)
            spare = inner.height() - lines_h - STRIP_EST * len(frame.board_strips) - 2 * GAP
            if frame.bars is not None:
                h = min(max(spare, BARS_H), BARS_MAX)
                # a worked board above a chart (answer time's logit, 16 lines) takes from the chart down to BARS_LEAST
                # for chalk of LINE_DENSE_PX (teacher23 M2: 16 px, 11 px on a 1024 x 768 projector, beside the chart)
                n = len(board) + (frame.board_more > 0)
                if n >= DENSE_LINES and grow:  # (a shorter board, a chart's scores or shares, keeps the chart as it was)
                    h = max(min(h, inner.height() - GAP - n * LINE_DENSE_PX * theme.font_scale * LINE_SPACING),
                            min(h, BARS_LEAST))
                chart = QRectF(inner.x(), bottom - h, inner.width(), h)
            elif frame.heatmap is not None and frame.heatmap.rows and len(frame.heatmap.matrix):
                h = min(max(spare, HEAT_MIN), inner.width() + 40)
                chart = QRectF(inner.x(), bottom - h, inner.width(), h)
            limit = (chart.top() - GAP) if chart else bottom
            # wide strips sit under the lines and get what the lines (at full size, up to `cap`) leave
            room = limit - inner.top()
            strip_room = room - (min(lines_h, cap) + GAP if frame.board else 0.0)
            boxes = stack_strips(counts, 0.0, 0.0, inner.width(), strip_room, label_px=STRIP_LABEL_PX * theme.font_scale,
                                 tab_w=STRIP_TAB_W, gap=STRIP_GAP, max_number_px=16, max_row_h=30.0,
                                 row_cells=STRIP_ROW_CELLS, max_rows=8, least_px=least_number_px(frame.canvas)) \
                if counts else ()
            strips_h = (boxes[-1].y + boxes[-1].h) if boxes else 0.0
            return chart, QRectF(inner.x(), inner.top(), inner.width(),
                                 limit - inner.top() - (strips_h + GAP if boxes else 0)), boxes

        chart, lines_rect, boxes = placed(board)
        if frame.board:
            if board != frame.board and cuts(board, frame.board_more, lines_rect, theme.font_scale, grow):
                board = frame.board  # the desks' rows would push lines off: the vectors as the lesson wrote them
            if frame.board_short and cuts(board, frame.board_more, lines_rect, theme.font_scale, grow):
                # the lesson's board for where its lines do not fit (a long worked sum's first products and the
                # model's number; answer time's logit list beside the chart)
                board = board_as_desks(frame, desk_rows, frame.board_short)
                if cuts(board, frame.board_more, lines_rect, theme.font_scale, grow):
                    board = frame.board_short
                again = placed(board)  # the chart and strips as the short board leaves them, where it fits there
                if not cuts(board, frame.board_more, again[1], theme.font_scale, grow):
                    chart, lines_rect, boxes = again
            self.lines.set_lines(board, lines_rect, theme, frame.board_more, grow)
            self.lines.setVisible(True)
        else:
            self.lines.setVisible(False)
        self.chart = chart  # where the chart goes (scene.quiz keeps an answered card above it)
        strips_top = inner.top() + (self.lines.used_height() + GAP if frame.board else 0.0)
        while len(self.strips) < len(boxes):
            item = StripItem()
            item.setZValue(3)
            self.scene.addItem(item)
            self.strips.append(item)
        for item, strip, box in zip(self.strips, frame.board_strips, boxes):
            item.set_strip(strip, box, theme, scales.get(strip.role, 1.0), on_board=True)
            v = max(0.0, min(1.0, strip.visible))
            item.place(inner.x() + box.x, strips_top + box.y, v)
            item.set_lift(round((1 - v) * 8))  # rising into place, by whole device pixels
        for item in self.strips[len(boxes):]:
            item.clear()
        if frame.bars is not None and chart is not None:
            below = False
            if frame.bars_beside is not None:  # two charts side by side, same size, their totals on the same row
                half = (chart.width() - GAP) / 2
                below = any(bars_heading(b, half, theme.font_scale)[2] for b in (frame.bars, frame.bars_beside))
                self.beside.set_bars(frame.bars_beside, QRectF(chart.x() + half + GAP, chart.y(), half, chart.height()),
                                     theme, below)
                chart = QRectF(chart.x(), chart.y(), half, chart.height())
            self.beside.setVisible(frame.bars_beside is not None)
            self.bars.set_bars(frame.bars, chart, theme, below)
            self.bars.setVisible(True)
            self.heatmap.setVisible(False)
        elif chart is not None:
            self.heatmap.set_heatmap(frame.heatmap, chart, theme)
            self.heatmap.setVisible(True)
            self.bars.setVisible(False)
            self.beside.setVisible(False)
        else:
            self.bars.setVisible(False)
            self.beside.setVisible(False)
            self.heatmap.setVisible(False)

    def hide(self) -> None:
        self.chart = None
        for item in (self.panel, self.lines, self.bars, self.beside, self.heatmap):
            item.setVisible(False)
        for item in self.strips:
            item.clear()
