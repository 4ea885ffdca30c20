"""The blackboard: calculation lines at the top, wide strips (FFN hidden units) under them, and at the
bottom either the bar chart (scores morphing into shares, or the vocabulary) or a small heatmap of the
attention weights (the chart itself: board_bars.py). All positions are logical canvas pixels inside the board's
area (the canvas's board).
"""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.canvas import CLOSE_UP_CHALK
from ..lesson.frame import Frame
from . import fonts, pictures
from .board_bars import BarsItem, bars_heading, least_value_px
from .board_fit import GAP, LINE_MAX_PX, LINE_MIN_PX, LINE_SPACING, cuts, fitted, least_height
from .board_wrap import board_as_desks
from .strip import StripItem
from .heatmap import NUMBER_CELL, HeatmapItem, close_map, map_cell, one_row, row_map_height
from .items import ALIGN_LEFT, CachedItem, PanelItem, qcolor
from .layout import least_number_px, stack_strips, strips_least_height
from .palette import Theme

PAD = 24.0
FRAME = 8.0                       # the board's frame, a pen on its edge (half of it outside)
BARS_H, BARS_MAX = 350.0, 480.0   # bar chart height: at least, at most
BARS_LEAST, LINE_DENSE_PX = 280.0, 20.0  # ... but down to BARS_LEAST where the lines above then get this chalk
DENSE_LINES = 14                  # ... on a board of this many lines or more (a worked sum: answer time's logit)
HEAT_MIN = 260.0
HEAT_BARE = 200.0                 # ... a map whose cells carry no numbers even so: down to this, for the lines
STRIP_EST = 200.0                 # height a board strip of 64 units takes (label + 6 rows of 12)
LINES_SHARE = 0.5                 # of the board's height, the most the lines take from a chart or wide strips
CLOSE_LINES_SHARE = 0.62          # ... in the board close-up, whose chart is wide and may be lower (BARS_LEAST)
CLOSE_LEAST_PX = LINE_MIN_PX * CLOSE_UP_CHALK  # ... its least chalk where the lesson has a short board (long_lists:
                                  # the asker, top 3, gaps, the rest's sum), else that is drawn: the usual least scaled
                                  # as the close-up's most (25.6 px, 18 on a 1024 x 768 projector; teacher32 #3: a class
                                  # of 30's softmax at 13 px, no bigger than the usual board's short one)
CLOSE_BARS = 12                   # the close-up's chart: its type grows with the chalk up to this many bars
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

    def set_lines(self, lines: list[str], rect: QRectF, theme: Theme, more: int = 0, grow: bool = True,
                  lang: str = "en", scale: float | None = None) -> None:
        """The lines, and `more` lines the lesson left off (Frame.board_more); `grow`: prose lines may wrap for
        bigger chalk (not under a quiz card, which takes the room the lines leave: scene.quiz_place); `scale`: of the
        biggest chalk, the theme's unless given (the board close-up's is bigger: Canvas.chalk)."""
        scale = theme.font_scale if scale is None else scale
        key = (tuple(lines), more, rect.x(), rect.y(), rect.width(), rect.height(), theme.name, scale, grow,
               lang)
        if key == self._key:
            return
        self.area, self.color = QRectF(rect), theme.color("board_text")
        px, self.columns, self.left = fitted(tuple(lines), more, rect.width(), rect.height(), scale, grow, lang,
                                             halves=scale > theme.font_scale)  # the close-up: two columns if bigger
        self.font = fonts.font(px)  # made now: the UI family is chosen when the bundled font is loaded
        self.lines = [line for col in self.columns for line in col]
        self.set_key(key, QRectF(rect).adjusted(-2, -2, 2, 2))

    def left_out(self) -> int:
        """How many of the board's lines are not drawn (the lesson's and the board's): the k of a last "… (+k)"."""
        return self.left if self.lines and self.isVisible() else 0

    def used_height(self) -> float:  # how far down the lines reach
        if not self.columns:
            return 0.0
        return min(self.area.height(), self.font.pixelSize() * LINE_SPACING * max(len(c) for c in self.columns))

    def used_width(self) -> float:  # how far right the lines reach (the widest column's widest line, and the gaps)
        if not self.columns:
            return 0.0
        fm = QFontMetricsF(self.font)
        col_w = (self.area.width() - GAP * (len(self.columns) - 1)) / len(self.columns)
        last = max((fm.horizontalAdvance(t) for t in self.columns[-1]), default=0.0)
        return min(self.area.width(), (len(self.columns) - 1) * (col_w + GAP) + last + 2.0)

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
        self.short_drawn = False  # set again by each set_frame (export.pictures reads it)
        self.desks_cut = False  # set again by each set_frame (scene.classroom reads it)
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
        chalk = theme.font_scale * frame.canvas.chalk  # the lines' biggest chalk (more in the board close-up)
        grow = not frame.quiz  # bigger chalk for the lines, unless a quiz card needs the room they leave
        self.short_drawn = False  # the lesson's short board (Frame.board_short) drawn for its whole one
        self.desks_cut = False  # the vectors drawn as the lesson wrote them: the desks' rows would push lines off
        board = board_as_desks(frame, desk_rows)
        counts = tuple(len(s.values) for s in frame.board_strips)
        close = frame.canvas.close_up
        # (the close-up's lines leave a chart of a few bars the usual board's share: teacher36 #9, ~80 px of bars)
        few = frame.bars is not None and len(frame.bars.values) <= CLOSE_BARS and not frame.board_short  # (a long
        # list's short board keeps its big chalk: teacher32 #3)
        cap = inner.height() * (CLOSE_LINES_SHARE if close and not few else LINES_SHARE)
        if counts:  # lines above wide strips may take all but what the strips need whole (a worked hidden unit)
            cap = max(cap, inner.height() - GAP - strips_least_height(
                counts, inner.width(), label_px=STRIP_LABEL_PX * theme.font_scale, tab_w=STRIP_TAB_W, gap=STRIP_GAP,
                row_cells=STRIP_ROW_CELLS, least_px=least_number_px(frame.canvas)))
        hm, lines_most = frame.heatmap, (len(board) + (frame.board_more > 0)) * LINE_MAX_PX * chalk * LINE_SPACING
        bare = HEAT_BARE if (not close and frame.bars is None and hm is not None and not counts and hm.rows
                             and len(hm.matrix) and one_row(hm) is None and map_cell(  # (the map as placed would have it)
                                 hm, inner.width(), min(max(inner.height() - min(lines_most, cap) - 2 * GAP, HEAT_MIN),
                                                        inner.width() + 40), theme.font_scale) < NUMBER_CELL) else 0.0
        if bare:  # a map without numbers gives the lines its room, down to HEAT_BARE (teacher40 #1: step 27's worked
            cap = inner.height() - bare - 2 * GAP  # LayerNorm at 8 px letters beside half a board of colours)

        def placed(board: list[str], need: float = 0.0):  # (chart, lines' rect, strip boxes) for `board` drawn
            chart = None  # (review26 #6: its count), its lines' room at least `need` where the cap allows
            # (past LINES_SHARE where the rows need it: the chart keeps its own least, HEAT_MIN or BARS_H)
            lines_h = min(max((len(board) + (frame.board_more > 0)) * LINE_MAX_PX * chalk * LINE_SPACING,
                              need), cap if not need or counts else inner.height())
            # (a board grown for its wrapped rows leaves the chart all the rest: one gap under the lines, one per strip)
            gaps = 2 if not need else 1 + bool(frame.board_strips)
            spare = inner.height() - lines_h - STRIP_EST * len(frame.board_strips) - gaps * GAP
            if frame.bars is not None:
                h = min(max(spare, BARS_LEAST if close else BARS_H), BARS_MAX)
                # a worked board above a chart (answer time's logit, 16 lines) takes from the chart down to BARS_LEAST
                # for chalk of LINE_DENSE_PX (teacher23 M2: 16 px, 11 px on a 1024 x 768 projector, beside the chart)
                n = len(board) + (frame.board_more > 0)
                if n >= DENSE_LINES and grow:  # (a shorter board, a chart's scores or shares, keeps the chart as it was)
                    h = max(min(h, inner.height() - GAP - n * LINE_DENSE_PX * chalk * LINE_SPACING),
                            min(h, BARS_LEAST))
                chart = QRectF(inner.x(), bottom - h, inner.width(), h)
            elif frame.heatmap is not None and one_row(frame.heatmap) is not None:  # one row: its title and row
                h = row_map_height(frame.heatmap, inner.width(), chalk if close else theme.font_scale)
                chart = None if h is None else QRectF(inner.x(), bottom - h, inner.width(), h)
            elif frame.heatmap is not None and frame.heatmap.rows and len(frame.heatmap.matrix):
                h = min(max(spare, bare or HEAT_MIN), inner.width() + 40)
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

        def rows_kept(board: list[str], given: list[str], more: int, rect: QRectF) -> bool:  # every line drawn as
            _, columns, left = fitted(tuple(board), more, rect.width(), rect.height(), chalk, grow, frame.lang)
            drawn = {line.strip() for column in columns for line in column}  # written, the desks' rows not re-flowed
            return left <= more and all(line.strip() in drawn for line in set(board) - set(given))

        def roomier(board: list[str], more: int, at):  # `at` (placed), or room for every wrapped row where that cuts less
            left = fitted(tuple(board), more, at[1].width(), at[1].height(), chalk, grow, frame.lang)[2]
            if left <= more:
                return at
            need = least_height(tuple(board), more, at[1].width())
            if need <= at[1].height():
                return at
            again = placed(board, need)  # the chart a little smaller (not under its least), the lines' rows whole
            fits = fitted(tuple(board), more, again[1].width(), again[1].height(), chalk, grow, frame.lang)
            return again if fits[2] < left else at

        chart, lines_rect, boxes = placed(board)
        if frame.board:
            if board != frame.board and cuts(board, frame.board_more, lines_rect, chalk, grow,
                                             frame.lang):
                board = frame.board  # the desks' rows would push lines off: the vectors as the lesson wrote them
                self.desks_cut = True
            more = frame.board_more
            if not frame.board_short:  # (where the lesson has a short board for it, that is drawn instead, as it was:
                chart, lines_rect, boxes = roomier(board, more, (chart, lines_rect, boxes))  # the chart kept whole)
            if frame.board_short and (cuts(board, more, lines_rect, chalk, grow, frame.lang) or close and fitted(
                    tuple(board), more, lines_rect.width(), lines_rect.height(), chalk, grow, frame.lang,
                    halves=True)[0] < CLOSE_LEAST_PX):  # (the close-up: its short board where all rows are small)
                # the lesson's board for where its lines do not fit (a long worked sum's first products and the
                # model's number; answer time's logit list beside the chart; a long list's named students and
                # its gaps, lesson.long_lists: it says what it leaves out itself, so no `more`)
                board, more = board_as_desks(frame, desk_rows, frame.board_short), 0
                self.short_drawn = True
                if cuts(board, more, lines_rect, chalk, grow, frame.lang):
                    board = frame.board_short
                again = roomier(board, more, placed(board))  # the chart and strips as the short board leaves them,
                if not cuts(board, more, again[1], chalk, grow, frame.lang):  # where it fits there
                    chart, lines_rect, boxes = again
            if desk_rows and not self.desks_cut and not self.short_drawn and frame.bars is None and chart is not None:
                # the desks' rows re-flowed for bigger chalk: the map down to its least (HEAT_MIN) where that keeps
                # them (student39 #6: 4:3 heads.residual in Japanese, the notebook out of the desks' rows)
                again = placed(board, inner.height())
                if not rows_kept(board, frame.board, more, lines_rect) and rows_kept(board, frame.board, more, again[1]):
                    chart, lines_rect, boxes = again
            self.lines.set_lines(board, lines_rect, theme, more, grow, frame.lang, chalk)
            self.lines.setVisible(True)
            if desk_rows and not self.desks_cut and not self.short_drawn:  # (or re-flowed for bigger chalk: fix44)
                drawn = {line.strip() for line in self.lines.lines}
                self.desks_cut = any(line.strip() not in drawn for line in set(board) - set(frame.board))
        else:
            self.lines.setVisible(False)
        if bare and chart is not None and frame.board and not boxes:  # the map gets back what the lines leave (their
            used = min(lines_rect.height(), self.lines.used_height() + 1.0)  # chalk as big as their width allows)
            h = min(bottom - inner.top() - used - GAP, inner.width() + 40)
            if h > chart.height():
                chart = QRectF(inner.x(), bottom - h, inner.width(), h)
                self.lines.set_lines(board, QRectF(lines_rect.x(), lines_rect.y(), lines_rect.width(), used), theme,
                                     more, grow, frame.lang, chalk)
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
        if chart is not None and frame.bars is None and one_row(frame.heatmap) is not None:  # one row: right under
            chart.moveTop(strips_top)  # the lines, its type the chalk's in the close-up (row_map_height)
            theme = theme.with_font_scale(chalk) if close else theme
            self.chart = chart
        elif close and chart is not None and frame.bars is None:  # the close-up's map: all the room under the lines,
            chart, scale = close_map(chart, inner, self.lines.used_height() if frame.board else -GAP,  # its type as
                                     len(frame.heatmap.matrix), chalk)  # big as its cells allow, or left out
            if chart is None and frame.board and not boxes:  # left out: its room is the lines' (bigger chalk)
                self.lines.set_lines(board, inner, theme, more, grow, frame.lang, chalk)
            theme = theme.with_font_scale(scale)
            self.chart = chart
        elif close and chart is not None:  # the close-up's chart: bigger type too (a big class's bars: their own
            bars = len(frame.bars.labels)  # type, their names stacked already)
            theme = theme.with_font_scale(theme.font_scale if bars > CLOSE_BARS else chalk)
        if frame.bars is not None and chart is not None:
            below = False
            if frame.bars_beside is not None:  # two charts side by side, same size, their totals on the same row
                half = (chart.width() - GAP) / 2
                below = any(bars_heading(b, half, theme.font_scale)[2] for b in (frame.bars, frame.bars_beside))
                self.beside.set_bars(frame.bars_beside, QRectF(chart.x() + half + GAP, chart.y(), half, chart.height()),
                                     theme, below, least_value_px(frame.canvas.width))
                chart = QRectF(chart.x(), chart.y(), half, chart.height())
            self.beside.setVisible(frame.bars_beside is not None)
            self.bars.set_bars(frame.bars, chart, theme, below, least_value_px(frame.canvas.width))
            self.bars.setVisible(True)
            self.heatmap.setVisible(False)
        elif chart is not None:  # (the close-up's map: numbers down to the class's least, its type scaled to its cells)
            least = least_number_px(frame.canvas, len(frame.heatmap.matrix)) if close else None
            self.heatmap.set_heatmap(frame.heatmap, chart, theme, least)
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
