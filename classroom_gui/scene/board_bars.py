"""The blackboard's bar chart: scores morphing into shares (and chapter 6's two side by side), or the
vocabulary's answer; names under bars too thin to hold them on one row go across on two or three rows, or are
turned to read upwards, whole or cut with "…" (never one character a line: teacher30 #7): bar_names, bar_rows.
Positions are logical canvas pixels inside the rectangle the Board gives (scene/board.py).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Bars
from ..lesson.numbers import fmt
from . import fonts, palette
from .bar_names import last_moves_left, last_name_x, row_room, turned_length, turned_name
from .bar_rows import NAMED_MOST, NAMED_TOP, name_tallest, rows_across, tallest_bars
from .items import ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, CachedItem, elide, qcolor
from .palette import Theme
from .whatif_marks import hatch
from .text_width import widths

MASKED_BAR = "-∞"  # the minus of the board's numbers (fmt writes -0.67), one sign on a slide (teacher17 L3)


def bar_text(value: float) -> str:
    """A bar's value as labelled: −∞ for a masked score, else the number (a masked weight is a real 0)."""
    return MASKED_BAR if value == -math.inf else fmt(value)
AXIS_W = 52.0      # room left of the bars for the gridline values, at the least (axis_width: the widest's)
TOTAL_BELOW = 24.0  # a chart's total on a row under a title too wide to share its row (BarsItem.heading)
TEXT_PX = 16.0     # the least any text on the board is drawn at (1080p canvas pixels)
TURNED_GAP = 4.0   # between two names turned upright under thin bars (teacher7 L1: 11+ students at 4:3)
TURNED_MAX = 5.0   # a turned name's length at the most, in label heights (longer ones end in "…")
STAGGER_MOST, STAGGER_ROWS = 12, 3  # bars whose values may stack (value_rows), on this many rows above the tallest
NUDGES = (0.0, 2.0, -2.0, 4.0, -4.0)  # px a value may move sideways off another bar (value_rows)
VALUES_APART = 0.25  # two values' boxes this many lines apart at least, across and up (「10.25」 touched 「10.24」)
STAGGER_WIDE = 1.4  # ... values at most this many slots wide (wider, a stacked value reads as its neighbour's)
MASKED_STUB = 10.0  # a masked bar's grey stub and hatching reach this far above the zero line
ACROSS_MOST = 8    # bars whose thin slots still take two rows of names across (a big class: turned, one a bar)



def bars_heading(bars: Bars, width: float, font_scale: float, below: bool = False) -> tuple[str, float, float]:
    """(a chart's title as painted, its width, how far below it the total is): the total beside the title, or on
    a row of its own under it when the title would not fit beside it (two charts side by side on the 4:3 board:
    "discussion" and "in turn (GPT)") or `below` asks (its neighbour's does); elided only if it does not fit the
    chart's width either."""
    title_f = fonts.font(19 * font_scale, True)
    total_w = widths(17 * font_scale, True).horizontalAdvance(bars.total) + 10 if bars.total else 0
    if total_w and (below or QFontMetricsF(title_f).horizontalAdvance(bars.title) > width - total_w):
        return elide(bars.title, title_f, width), width, TOTAL_BELOW
    return elide(bars.title, title_f, width - total_w), width - total_w, 0.0


class BarsItem(CachedItem):
    """Frame.bars as a bar chart: zero line, negative bars below it, masked bars a grey stub with their value
    ("−∞" for a masked score, 0.00 for a masked exp or weight)."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.bars: Bars | None = None
        self.area = QRectF()
        self.theme: Theme = palette.CLASSROOM
        self.value_texts: list[str] = []   # value labels painted above/below the bars ("" where none)
        self.name_boxes: list[tuple[str, QRectF]] = []  # each name painted under its bar, and where its ink is
        self.value_boxes: list[tuple[str, QRectF]] = []  # each value painted by its bar, and where its ink is
        self.heights: list[float] = []     # the values the bar heights show (morphed)
        self.masked: list[bool] = []
        self.axis = (0.0, 1.0)             # (min, max) of the value axis, always including 0
        self.total_below = False           # the total under the title even if it fits beside (as its neighbour's)
        self.least_px = TEXT_PX            # the values may go down to this (a 4:3 canvas: least_value_px)
        self.value_px = TEXT_PX            # ... and were last painted at this
        self.zero_y = 0.0                  # the zero line, as last painted

    def set_bars(self, bars: Bars, rect: QRectF, theme: Theme, total_below: bool = False,
                 least_px: float = TEXT_PX) -> None:
        n = len(bars.values)
        frm = bars.from_values if bars.from_values is not None and len(bars.from_values) == n else None
        m = max(0.0, min(1.0, bars.morph))
        heights = [v if frm is None else f + (v - f) * m for f, v in zip(frm or bars.values, bars.values)]
        masked = [bool(x) for x in (list(bars.masked) + [False] * n)[:n]]
        key = (bars.title, tuple(bars.labels), tuple(heights), tuple(bars.values), tuple(masked), bars.role,
               bars.highlight, bars.total, tuple(frm or ()), bars.top, rect.x(), rect.y(), rect.width(), rect.height(),
               theme.name, theme.font_scale, total_below, least_px)
        if key == self._key:
            return
        self.total_below, self.least_px = total_below, least_px
        self.bars, self.area, self.theme, self.heights, self.masked = bars, QRectF(rect), theme, heights, masked
        # the axis runs from the old values' range to the new one as the bars morph, so a beat ends on
        # the scale the next beat starts with (and dividing by √d shows as the gridlines moving)
        lo1, hi1 = _span(bars.values, masked)
        lo0, hi0 = _span(frm, masked) if frm is not None else (lo1, hi1)
        hi0, hi1 = max(hi0, bars.top), max(hi1, bars.top)  # a shared scale (Bars.top)
        self.axis = (lo0 + (lo1 - lo0) * m, hi0 + (hi1 - hi0) * m)
        self.set_key(key, QRectF(rect).adjusted(-4, -4, 4, 4))

    def _geometry(self):
        b, r, sc = self.bars, self.area, self.theme.font_scale
        n = max(1, len(b.values))
        slot = (r.width() - self.axis_width()) / n
        label_px = TEXT_PX * sc
        return slot, label_px

    def heading(self) -> tuple[str, float, float]:
        """(the title as painted, its width, how far below it the total is): see bars_heading."""
        return bars_heading(self.bars, self.area.width(), self.theme.font_scale, self.total_below)

    def index_at(self, x: float) -> int:  # the bar under scene x, -1 if none
        if self.bars is None or not self.bars.values:
            return -1
        i = int((x - self.area.x() - self.axis_width()) // self._geometry()[0])
        return i if 0 <= i < len(self.bars.values) else -1

    def paint(self, p: QPainter, option, widget=None) -> None:
        b, r, th = self.bars, self.area, self.theme
        if b is None:
            return
        sc = th.font_scale
        chalk, muted = th.color("board_text"), th.color("board_muted")
        p.setPen(qcolor(chalk))
        title, title_w, below = self.heading()
        p.setFont(fonts.font(19 * sc, True))
        p.drawText(QRectF(r.x(), r.y(), title_w, 28), ALIGN_LEFT, title)
        if b.total:
            p.setFont(fonts.font(17 * sc, True))
            p.drawText(QRectF(r.x(), r.y() + below, r.width(), 28), ALIGN_RIGHT, b.total)
        n = len(b.values)
        if n == 0:
            return
        slot, label_px = self._geometry()
        value_px, metrics, show_values, stagger = self.value_size(slot, n)
        self.value_px = value_px
        # a name needs room for a character and "…" at 16 px, a value its widest text: else only the
        # highlighted bar says them (16 px or nothing, never smaller)
        label_f = fonts.font(label_px)
        fm = QFontMetricsF(label_f)
        # slots too thin for a name across but as wide as a line of text: each name turned to read upwards
        # under its bar (teacher7 L1: from 11 students at 4:3 the bars had no names), at the same 16 px
        turned = slot < 2.2 * label_px and slot >= fm.height() + TURNED_GAP
        # ...unless every name fits across in two slots: then two rows of names across, as wider slots take
        # (teacher8 L4: chapter 6's two charts stood 「マ/ッ/ト」 and 「座/っ/た」 upright beside 「猫」 across)
        across = turned and 1 < n <= ACROSS_MOST and all(fm.horizontalAdvance(t) <= 2 * slot - label_px * 0.6 for t in b.labels[:n]) \
            and last_moves_left(b.labels[:n], fm, slot, label_px)  # the last name: moved left, not cut
        # ...or, where two rows are too few, three rows across (teacher30 #7: 4:3's chapter 6 stood 「マ/ッ/ト」 upright)
        rows = rows_across(b.labels[:n], fm, slot, label_px, r.x() + self.axis_width(), r.x(), r.right()) \
            if turned and not across else None
        turned = turned and not across and rows is None
        show_labels = slot >= 2.2 * label_px or turned or across or rows is not None
        # names that would touch their neighbours (「座った」「立った」「優しい」 read as one word) take two
        # rows, each name then as wide as two slots
        two_rows = across or show_labels and not turned and n > 1 and any(
            fm.horizontalAdvance(t) > slot - label_px * 0.6 for t in b.labels[:n])
        label_h = label_px * 1.6 * (rows[0] if rows else 2 if two_rows else 1)
        if turned:
            label_h = min(max((turned_length(t, fm) for t in b.labels[:n]), default=0.0), TURNED_MAX * label_px) + 8
        rows_up = STAGGER_ROWS if stagger else 1
        top = r.y() + 34 + below + (value_px * 1.5 * rows_up if show_values or stagger or b.highlight >= 0 else 4)
        down = stagger and any(h < 0 for h, m in zip(self.heights, self.masked) if not m)  # room for values below
        # too thin for names or values (a class of 30): the highlighted bar's and the tallest ones' (with their values)
        named = tallest_bars(b.values, self.masked, b.highlight)[1 if 0 <= b.highlight < n else 0:] \
            if n <= NAMED_MOST and not (
            show_labels or show_values or stagger) else []
        if named:
            label_h = label_px * 1.6 * NAMED_TOP
        names_top = r.bottom() - (label_h if show_labels or b.highlight >= 0 or named else 4)
        bottom = names_top - (value_px * 1.5 * (2 if down else 1) if show_values or down else 4)
        vmin, vmax = self.axis
        scale = (bottom - top) / (vmax - vmin)
        zero = top + vmax * scale
        self.zero_y = zero
        self._paint_grid(p, r, zero, scale, vmin, vmax, muted)
        role = th.role(b.role)
        bar_w = max(1.0, min(slot * 0.7, 84.0))
        self.value_texts, self.name_boxes, self.value_boxes = [], [], []
        many = not (show_values or stagger or show_labels)  # hundreds of thin bars (GPT-2's 1024)
        centres, ends = self.places(slot, zero, scale)
        # values too wide even for stacking, beside names: still the heard bars' values, tallest first, where each clears
        # every other bar and value (teacher33 #7: at 4:3 chapter 6's in-turn chart said The's 0.64, not cat's 0.36;
        # teacher36 #10: all, not the 3 tallest, where they fit)
        tallest = tallest_bars(b.values, self.masked, b.highlight, most=n) \
            if not (show_values or stagger or many) and show_labels and 1 < n <= STAGGER_MOST else None
        placed = value_rows(self, centres, ends, bar_w, value_px * 1.5, metrics,
                            (r.y() + 34 + below, names_top), tallest) if stagger or tallest else {}
        indices = range(n)
        if many:  # two paths, not three painter calls a bar; only the highlighted bar goes through the loop
            self._paint_thin_bars(p, centres, ends, bar_w, muted, role)
            self.value_texts = [""] * n
            indices = [b.highlight] if 0 <= b.highlight < n else []
        for i in indices:
            cx, (y0, y1) = centres[i], ends[i]
            hl = i == b.highlight
            if self.masked[i]:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(qcolor(muted, 0.6))
                p.drawRect(QRectF(cx - bar_w / 2, zero - 3, bar_w, 3))
                hatch(p, [QRectF(cx - bar_w / 2, zero - MASKED_STUB, bar_w, MASKED_STUB - 3)], light=True)  # not heard, without colour
            else:
                p.setPen(QPen(qcolor(chalk), 2.5) if hl else Qt.PenStyle.NoPen)
                p.setBrush(qcolor(role, 1.0 if hl or b.highlight < 0 else 0.72))
                p.drawRect(QRectF(cx - bar_w / 2, y0, bar_w, max(1.0, y1 - y0)))
            text, ty = value_at(self, i, ends[i], value_px * 1.5)
            said = i in placed or hl if stagger or tallest else show_values or hl
            x0, ty = placed.get(i, (None, ty))
            if many:
                self.value_texts[i] = text
            else:
                self.value_texts.append(text if said else "")
            if said:
                p.setPen(qcolor(muted if self.masked[i] else chalk))
                p.setFont(fonts.font(value_px, True))
                ink = metrics.horizontalAdvance(text)  # centred on its bar, but never past the chart's edges
                x0 = inside(cx - ink / 2, ink, r) if x0 is None else x0  # (teacher20 L1: the last bar's 「0.47」
                # read 「0.4ɺ」 at 4:3; value_rows may have moved it a few px off a taller neighbour's bar)
                p.drawText(QRectF(x0 - 2, ty, ink + 4, value_px * 1.5), ALIGN_CENTER, text)
                self.value_boxes.append((text, QRectF(x0, ty, ink, value_px * 1.5)))
            if turned and i < len(b.labels):
                p.setPen(qcolor(chalk if not self.masked[i] else muted))
                self.name_boxes.append(turned_name(p, b.labels[i], label_f, cx, r.bottom() - label_h + 4, label_h - 8))
            elif rows and i < len(b.labels):  # on row i % rows, where rows_across placed it
                p.setPen(qcolor(chalk if not self.masked[i] else muted))
                p.setFont(label_f)
                ink, y = fm.horizontalAdvance(b.labels[i]), r.bottom() - label_h + label_px * 1.6 * (i % rows[0])
                p.drawText(QRectF(rows[1][i] - 1, y, ink + 2, label_px * 1.6), ALIGN_CENTER, b.labels[i])
                self.name_boxes.append((b.labels[i], QRectF(rows[1][i], y, ink, label_px * 1.6)))
            elif (show_labels or hl) and i < len(b.labels):
                p.setPen(qcolor(chalk if not self.masked[i] else muted))
                w = (row_room(b.labels[:n], i, fm, slot, label_px, r, cx) if two_rows else slot - 2) if show_labels \
                    else min(120, r.width())
                f = label_f  # a long name is cut short with "…", never shrunk
                p.setFont(f)
                y = r.bottom() - label_h + (label_px * 1.6 if two_rows and i % 2 else 0)
                name = elide(b.labels[i], f, w)
                ink = fm.horizontalAdvance(name)
                x0 = cx - ink / 2 if show_labels else inside(cx - ink / 2, ink, r)  # the one name: whole, in the chart
                if two_rows and x0 + ink > r.right():  # never past the chart's right edge: the last name moves
                    moved = last_name_x(b.labels[:n], fm, slot, label_px, r, ink)  # left, clear of the one before
                    if moved is None:  # or is cut short
                        name = elide(b.labels[i], f, 2 * (r.right() - cx))
                        ink = fm.horizontalAdvance(name)
                        moved = cx - ink / 2
                    x0 = moved
                p.drawText(QRectF(x0 - 1, y, ink + 2, label_px * 1.6), ALIGN_CENTER, name)
                self.name_boxes.append((name, QRectF(x0, y, ink, label_px * 1.6)))
        if named:  # (clear of the highlighted bar's name)
            name_tallest(p, self, named, [value_at(self, i, ends[i], 0)[0] for i in named], centres, label_f,
                         r.bottom() - label_h)
        p.setPen(QPen(qcolor(chalk, 0.85), 1.5))
        p.drawLine(QPointF(r.x() + self.axis_width() - 4, zero), QPointF(r.right(), zero))
        p.setFont(label_f)


    def value_size(self, slot: float, n: int) -> tuple[float, QFontMetricsF, bool, bool]:
        """(the values' px, their metrics, one a slot on one row?, stacked on two rows?): TEXT_PX where every value
        fits its slot; else, on a 4:3 canvas, the biggest px down to least_px where they do (teacher40 #4: the 4:3
        answer chart stacked 10.24 over 10.25 on two rows where the 1024x768 window's 16:9 chart, drawn smaller,
        kept one row; 4:3's 12 px are as big on that projector as 16:9's 16 px: least_value_px); else stacked
        (values too wide for a slot but not for two: two rows, as many as clear each other; teacher23 L3), tried in
        the same order; else TEXT_PX for the few values that fit (paint: tallest)."""
        sc, values = self.theme.font_scale, self.bars.values
        sizes = [TEXT_PX * sc] + [px * sc for px in range(int(TEXT_PX) - 1, int(math.ceil(self.least_px)) - 1, -1)]
        for wide, rows in ((1.0, False), (STAGGER_WIDE, True)):
            if rows and not 1 < n <= STAGGER_MOST:
                break
            for px in sizes:
                metrics = widths(px, True)  # (stops at the first value too wide: 512 bars)
                gap = 4 * px / (TEXT_PX * sc)
                if all(metrics.horizontalAdvance(bar_text(v)) + gap <= wide * slot for v in values):
                    return px, metrics, not rows, rows
        return TEXT_PX * sc, widths(TEXT_PX * sc, True), False, False

    def _paint_thin_bars(self, p: QPainter, centres: list, ends: list, bar_w: float, muted: str, role: str) -> None:
        """Every bar but the highlighted one, as in paint's loop (places()), drawn with one drawRects call per
        colour."""
        b = self.bars
        bars, greyed = [], []
        for i, (cx, (y0, y1), masked) in enumerate(zip(centres, ends, self.masked)):
            if i == b.highlight:
                continue
            if masked:
                greyed.append(QRectF(cx - bar_w / 2, y0 - 3, bar_w, 3))  # y0: zero
            else:
                bars.append(QRectF(cx - bar_w / 2, y0, bar_w, max(1.0, y1 - y0)))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(qcolor(muted, 0.6))
        p.drawRects(greyed)
        p.setBrush(qcolor(role, 1.0 if b.highlight < 0 else 0.72))
        p.drawRects(bars)

    def places(self, slot: float, zero: float, scale: float) -> tuple[list[float], list[tuple[float, float]]]:
        """Each bar's centre across, and its top and bottom (a masked bar's both at zero: its stub)."""
        x = self.area.x() + self.axis_width()
        ends = [(zero, zero) if m else tuple(sorted((zero, zero - v * scale)))
                for v, m in zip(self.heights, self.masked)]
        return [x + slot * (i + 0.5) for i in range(len(ends))], ends

    def _paint_grid(self, p: QPainter, r: QRectF, zero: float, scale: float, vmin: float, vmax: float,
                    muted: str) -> None:
        p.setFont(fonts.font(TEXT_PX * self.theme.font_scale))
        axis_w = self.axis_width()
        # ticks a label and a half apart at least, and 0 said at the zero line (teacher36 #9: the close-up's squat
        # scores chart read 2, -2, -4 with no 0, "-2" and "-4" almost touching)
        apart = 1.5 * TEXT_PX * self.theme.font_scale / max(scale, 1e-9)
        for v in [0.0] + grid_values(vmin, vmax, apart):
            y = zero - v * scale
            if v:
                p.setPen(QPen(qcolor(self.theme.color("board_grid")), 1.0, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(r.x() + axis_w - 4, y), QPointF(r.right(), y))
            p.setPen(qcolor(muted))
            p.drawText(QRectF(r.x(), y - 11, axis_w - 8, 22), ALIGN_RIGHT, f"{v:g}")

    def axis_width(self) -> float:
        """Room left of the bars for the gridline values: AXIS_W, or the widest value and its gap (teacher29 L1:
        the exp chart's "20000" was drawn in 44 px as "·0000")."""
        vmin, vmax = self.axis
        metrics = widths(TEXT_PX * self.theme.font_scale)
        widest = max((metrics.horizontalAdvance(f"{v:g}") for v in grid_values(vmin, vmax)), default=0.0)
        return max(AXIS_W, math.ceil(widest) + 10)



def least_value_px(canvas_width: float) -> float:
    """The smallest a chart's values may be drawn on a canvas this wide: TEXT_PX on 16:9, on a narrower canvas
    drawn bigger on the same output the px as big there as 16:9's TEXT_PX (4:3: 12 px, as the desks' numbers:
    scene.layout.least_number_px)."""
    return min(TEXT_PX, math.floor(TEXT_PX * canvas_width / 1920 + 1e-9))


def grid_values(vmin: float, vmax: float, apart: float = 0.0) -> list[float]:
    """The values the chart's dashed gridlines stand at (about three a side, at a round step, `apart` at least;
    none at 0: the zero line is drawn, and labelled, apart)."""
    step = nice_step(max(vmax, -vmin) / 3, apart)
    return [k * step for k in range(int(math.floor(vmin / step)), int(math.ceil(vmax / step)) + 1)
            if k and vmin - 1e-9 <= k * step <= vmax + 1e-9]


def value_at(chart: BarsItem, i: int, end: tuple[float, float], line: float) -> tuple[str, float]:
    """Bar i's value as written and the top of its box, just past its bar's end: above it, or under a bar below
    zero (`end`: its bar's top and bottom, places())."""
    v = chart.bars.values[i]
    if chart.masked[i]:  # over its hatched stub, not on it (teacher40 #2: 「0.00」 sat on the hatching and the axis)
        return bar_text(v), end[0] - line - MASKED_STUB
    return fmt(v), end[1] + 2 if v < 0 and chart.heights[i] < 0 else end[0] - line - 2


def value_rows(chart: BarsItem, centres: list[float], ends: list[tuple[float, float]], bar_w: float, line: float,
               metrics: QFontMetricsF, room: tuple[float, float],
               only: list[int] | None = None) -> dict[int, tuple[float, float]]:
    """{bar: the left and the top of its value} for values wider than their bar's slot: the highlighted bar's first, always, just
    past its bar's end (within `room`); then each from the left, just past its bar's end (over the bars, on one band: two rows by seat) or else stacked past the
    values it would touch, within `room` (top, bottom); none where it does not fit or would touch another bar
    (teacher23 L3). `only`: these bars alone, in this order (the highlighted one first, if it is among them)."""
    b, r = chart.bars, chart.area
    n = len(b.values)
    apart = line * VALUES_APART  # two values never touch, side by side or corner to corner (teacher30 #7)
    bodies = [QRectF(cx - bar_w / 2, y0, bar_w, max(1.0, y1 - y0)) for cx, (y0, y1) in zip(centres, ends)]
    boxes, where = [], {}
    order = ([b.highlight] if 0 <= b.highlight < n else []) + [i for i in range(n) if i != b.highlight]
    # stacked values above their bars stand on two rows of one band over the tallest of them, by seat (as the names'
    # two rows), not each on its own bar's top, where a value pushed up past its neighbour's read as the larger
    # (teacher36 #8: "9.22" of were stood above because's 9.49)
    above = [i for i in order[1 if b.highlight in order[:1] else 0:]
             if only is None and not chart.masked[i] and not value_at(chart, i, ends[i], line)[1] > ends[i][0]]
    band = min((value_at(chart, i, ends[i], line)[1] for i in above), default=0.0)
    lead = value_at(chart, b.highlight, ends[b.highlight], line)[1] if above and 0 <= b.highlight < n else None
    if lead is not None and band - 2 * (line + apart) <= lead <= band:  # the highlighted value in the band's way:
        above, band = above + [b.highlight], lead  # it joins the band (its row by seat), not pushed over by another
    for i in order if only is None else only:
        text, ty = value_at(chart, i, ends[i], line)
        ink = metrics.horizontalAdvance(text)
        x0 = inside(centres[i] - ink / 2, ink, r)
        under = ty > ends[i][0]
        first = i == b.highlight  # the value the lesson talks about: always said, by its bar (review26 #5)
        if i in above:
            ty = band - (line + apart) * (i % 2)
        if first:
            ty = max(room[0], min(ty, room[1] - line))
        others = bodies[:i] + bodies[i + 1:]
        while room[0] <= ty and ty + line <= room[1]:
            # centred, or else moved a few px off a taller neighbour's bar (its box still over its own bar's middle:
            # 「0.36」 of cat beside The's 0.64 at 4:3 met The's bar by 0.1 px)
            box = next((QRectF(x, ty, ink, line) for x in (inside(x0 + d, ink, r) for d in NUDGES)
                        if first or not any(QRectF(x, ty, ink, line).intersects(o) for o in others)), None)
            if box is None:
                break  # over another bar (a short bar's value beside a tall one): it would read as that bar's
            hit = [o for o in boxes if box.adjusted(-apart, -apart / 2, apart, apart / 2).intersects(o)]
            if not hit:
                boxes.append(box)
                where[i] = (box.x(), ty)
                break
            if only is not None:  # one of the few values said beside names: by its own bar or not at all, never
                break  # pushed up over another (teacher40 #2: 「0.09」 floated over the gap between 「の」 and 「上」)
            ty = max(o.bottom() for o in hit) + apart if under else min(o.top() for o in hit) - line - apart
    return where


def inside(x0: float, ink: float, r: QRectF) -> float:
    """Where text `ink` wide that would start at x0 starts so that it stays inside r (left-aligned if wider)."""
    return max(r.x(), min(x0, r.right() - ink))


def nice_step(x: float, least: float = 0.0) -> float:  # 1, 2 or 5 times a power of ten, close to x (and >= least)
    if x <= 0 or not math.isfinite(x):
        return 1.0
    e = 10 ** math.floor(math.log10(x))
    step = next(k * e for k in (1, 2, 5, 10) if k * e >= x * 0.999)
    while math.isfinite(least) and step < least:
        step = step * 2.5 if str(step).lstrip("0.").startswith("2") else step * 2
    return step


def _span(values, masked) -> tuple[float, float]:
    vals = [float(v) for v, m in zip(values, masked) if not m and math.isfinite(v)] or [0.0]
    lo, hi = min(0.0, min(vals)), max(0.0, max(vals))
    return (lo, hi) if hi - lo > 1e-9 else (lo, lo + 1.0)
