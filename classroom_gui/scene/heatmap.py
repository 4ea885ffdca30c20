"""The blackboard's attention heatmap: the matrix's rows filled in so far, the asker's row outlined, numbers
in the cells when they are big enough; a matrix with more cells than pixels (GPT-2's 1024 tokens) is
max-pooled to the pixels.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Heatmap
from ..lesson.numbers import fmt
from . import fonts, palette, pictures, text_lines
from .items import ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, CachedItem, digest, elide, qcolor, rgba_image
from .palette import Theme
from .whatif_marks import edited_outline, hatch
from .text_width import widths


LABELLED = 16  # a matrix of up to this many rows has its students' names beside the rows
TITLE_H, NAMES_TOP = 32.0, 64.0 * 0.4  # the title's band above the cells, and the names' room (times the type's scale)
NAME_SHARE = 0.6  # the board close-up's map: its names as tall as this share of a cell, ...
CLOSE_NAMES_PX = 23.0  # ... and at least this big, else the map is left out (16 px on a 1024 x 768 projector)
NUMBER_CELL = 50.0  # a cell this wide or more carries its number ("0.43" at 16 px)
NUMBER_SHARE = 2.6  # a cell's number at most this many times smaller than its width ("0.43" then fits inside it)
ROW_CELL_MOST = 72.0  # a map of one row (Heatmap.row_only): its cells at most this wide (times the type's scale)


def one_row(hm: Heatmap) -> int | None:
    """The row a map drawn as its one row (Heatmap.row_only) shows, or None: a whole matrix (rows not filled yet
    grey)."""
    t = len(hm.matrix)
    rows = [i for i in hm.rows if 0 <= i < t]
    return rows[0] if hm.row_only and len(rows) == 1 else None


def _name_room(labels, width: float, sc: float) -> float:
    """The room left of the cells for the rows' names (16 px times the type's scale): name_margin of the widest."""
    metrics = widths(16.0 * sc)
    return name_margin(max((metrics.horizontalAdvance(n) for n in labels[:LABELLED]), default=0.0), width)


def name_margin(widest: float, width: float) -> float:
    """The room left of the cells for names the widest of which is `widest` px: 64 px, more for a wider name, up to a
    quarter of the area's `width` (review33 #12: one formula for the map's three)."""
    return max(64.0, min(widest + 8, width / 4))


def row_cell(hm: Heatmap, width: float, sc: float) -> float:
    """The side of a one-row map's cells (Heatmap.row_only) in an area `width` wide at type scale `sc`."""
    t = len(hm.matrix)
    margin = _name_room(hm.labels, width, sc) if t <= LABELLED else 0.0
    return min((width - margin) / max(1, t), ROW_CELL_MOST * sc)


def row_map_height(hm: Heatmap, width: float, sc: float) -> float | None:
    """How high a one-row map (Heatmap.row_only) is in an area `width` wide: its title's band and its row; None
    where its cells are too narrow for their numbers (teacher33 #3: a row of colours without numbers over an empty
    grey block said nothing), the map then left out."""
    cell = row_cell(hm, width, sc)
    return TITLE_H * sc + _column_room(hm, sc) + cell + 4.0 if cell >= NUMBER_CELL else None


def map_cell(hm: Heatmap, width: float, height: float, sc: float) -> float:
    """The side of a whole matrix's cells (not one_row) in an area `width` x `height` at type scale `sc`, as
    HeatmapItem._grid lays them out: under NUMBER_CELL they carry no numbers (scene.board gives such a map's room to
    the lines)."""
    t = len(hm.matrix)
    top = NAMES_TOP * sc if t <= LABELLED else 0.0
    margin = _name_room(hm.labels, width, sc) if top else 0.0
    return max(0.0, min(width - margin, height - TITLE_H * sc - top)) / max(1, t)


def _column_room(hm: Heatmap, sc: float) -> float:
    """The band over a one-row map's cells for its columns' names (jareview8 #7: in the close-up, with the desks
    hidden, nothing said whose share each number is): NAMES_TOP, none beyond LABELLED students."""
    return NAMES_TOP * sc if len(hm.matrix) <= LABELLED else 0.0


def close_map(chart: QRectF, inner: QRectF, lines_h: float, rows: int, chalk: float, gap: float = 16.0):
    """(area or None, type scale) of the board close-up's attention map (teacher32 #1: a ~140 px square under the
    chalk, its names ~10 px, half the board empty): all the board under its lines (`lines_h` high), its names and
    title as big as its cells allow (NAME_SHARE of a cell, up to the chalk's scale); None where its names would be
    under CLOSE_NAMES_PX (a class of 30: 30 rows in the room under the chalk), the map then left out."""
    top = min(chart.top(), inner.top() + lines_h + gap)
    area = QRectF(inner.x(), top, inner.width(), inner.bottom() - top)
    # h = (TITLE_H + NAMES_TOP) * scale + rows * cell, and 16 * scale = NAME_SHARE * cell
    scale = min(chalk, area.height() / (TITLE_H + NAMES_TOP + rows * 16.0 / NAME_SHARE))
    return (area if 16.0 * scale >= CLOSE_NAMES_PX else None), scale


def _pool(a: np.ndarray, k: int, op) -> np.ndarray:  # [n k, n k] -> [n, n]: op over each k x k block
    """k strided slices combined with an elementwise ufunc, rows then columns: NumPy reduces a short axis
    (k = 2) slowly, ~35 ms for a 1024 x 1024 matrix, this ~2 ms."""
    rows = a[0::k].copy()
    for i in range(1, k):
        op(rows, a[i::k], out=rows)
    out = rows[:, 0::k].copy()
    for i in range(1, k):
        op(out, rows[:, i::k], out=out)
    return out


class HeatmapItem(CachedItem):
    """The attention matrix, rows filled so far; the focus row outlined; numbers when cells are big."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.heatmap: Heatmap | None = None
        self.area = QRectF()
        self.theme: Theme = palette.CLASSROOM
        self.least_px: float | None = None
        self._names_rows: int | None = None  # a whole matrix's column names: 1 or 2 rows, 0 seat numbers (_grid)

    def set_heatmap(self, hm: Heatmap, rect: QRectF, theme: Theme, least_px: float | None = None) -> None:
        """Draw `hm` in `rect`. `least_px`: the board close-up's map (its type scaled to its cells, close_map) has its
        numbers wherever they are this big or bigger, the app's least number size for the class (student39 #2: 9
        students' cells of 46 px, under NUMBER_CELL, left its numbers out where they fit at 17.8 px)."""
        # the matrix is fixed for a given title (layer, head) and sentence: its last row stands in for it
        fingerprint = tuple(hm.matrix[-1]) if len(hm.matrix) else ()
        if 0 < np.size(hm.matrix) <= 65536:  # a what-if edit may change any row: a small matrix is summed whole
            fingerprint += (float(np.sum(hm.matrix * np.arange(1, np.size(hm.matrix) + 1).reshape(np.shape(hm.matrix)))),)
        key = (hm.title, tuple(hm.labels), fingerprint, tuple(hm.edited), tuple(hm.rows), hm.focus_row, rect.x(), rect.y(),
               rect.width(), rect.height(), theme.name, theme.font_scale, least_px)
        if key == self._key:
            return
        self.heatmap, self.area, self.theme, self.least_px = hm, QRectF(rect), theme, least_px
        self.set_key(key, QRectF(rect).adjusted(-4, -4, 4, 4))

    @staticmethod
    def colours(m: np.ndarray, mask, k: int, th: Theme) -> np.ndarray:  # [t, t] weights -> [ceil(t / k)]^2 RGB
        """The matrix's colours; masked cells (the frame's mask: later students) grey.
        With more cells than pixels (k > 1), each pixel shows the strongest weight of its k x k cells, so a
        lone strong link stays visible, and is grey only if all its cells are masked."""
        t = m.shape[0]
        masked = np.asarray(mask, bool) if mask is not None and np.shape(mask) == m.shape else np.zeros(m.shape, bool)
        if k > 1:
            n = -(-t // k)
            weights, hidden = np.zeros((n * k, n * k), np.float32), np.ones((n * k, n * k), bool)
            weights[:t, :t], hidden[:t, :t] = m, masked
            m, masked = _pool(weights, k, np.maximum), _pool(hidden, k, np.logical_and)
        base = palette.sequential_rgb(m, th.color("heat_low"), th.color("heat_high"))
        base[masked] = palette.MASKED_CELL
        return base

    def cell_at(self, local) -> tuple[int, int] | None:
        """(row, column) of the cell under a point in item coordinates, or None (cells as last painted)."""
        x0, y0, cell, t = getattr(self, "grid", (0, 0, 0, 0))
        if not cell:
            return None
        i, j = int((local.y() - y0) // cell), int((local.x() - x0) // cell)
        row = one_row(self.heatmap) if self.heatmap is not None else None
        return (i, j) if 0 <= i < t and 0 <= j < t and row in (None, i) else None

    @staticmethod
    def _masked_rects(mask: np.ndarray, filled: np.ndarray, x0: float, y0: float, cell: float) -> list[QRectF]:
        """The masked cells of the filled rows: one rectangle per cell in a small matrix (as the reference
        pictures have them), one per run of masked cells in a row beyond LABELLED rows (a causal mask of 64
        students is 2,016 cells, ~64 runs; the hatch is anchored to the device, so it looks the same)."""
        t = len(mask)
        if t <= LABELLED:
            return [QRectF(x0 + j * cell, y0 + i * cell, cell, cell) for i, j in np.argwhere(mask) if filled[i]]
        out = []
        for i in np.flatnonzero(filled):
            edges = np.flatnonzero(np.diff(np.concatenate([[0], mask[i].astype(np.int8), [0]])))
            out += [QRectF(x0 + j0 * cell, y0 + i * cell, (j1 - j0) * cell, cell) for j0, j1 in zip(edges[::2], edges[1::2])]
        return out

    def paint(self, p: QPainter, option, widget=None) -> None:
        hm = self.heatmap
        if hm is None or not len(hm.matrix):
            return
        # the cells, numbers and names come back whenever the same rows of the same matrix do (a jump back to a
        # chapter, its beats showing one head's whole matrix): kept as a picture. The hatch of the masked cells
        # is anchored to the device, so it and the outlines over cells are painted in place (Qt paints a cached
        # item into a transparent picture of its own, where the kept picture drawn 1:1 is an exact copy)
        pictures.paint_item(self, p, (self._key, self._matrix_key()), self._paint_body)
        self._paint_marks(p)

    def _matrix_key(self):  # the matrix's and mask's numbers, for a picture kept beyond this sentence
        hm = self.heatmap
        if np.size(hm.matrix) > 65536:  # GPT-2's 1024 x 1024: the item's key (its last row) names it
            return np.shape(hm.matrix), hm.mask is None
        mask = None if hm.mask is None else digest(np.packbits(np.asarray(hm.mask, bool)))
        return digest(np.asarray(hm.matrix)), mask

    def _grid(self, p: QPainter):
        """(x0, y0, cell, side, t, k, margin) of the matrix's cells at this painter's scale, or None (no room)."""
        hm, r = self.heatmap, self.area
        t = len(hm.matrix)
        sc = self.theme.font_scale  # (the board close-up's map: bigger type, a taller title's band)
        row = one_row(hm)
        if row is not None:  # the one row right under the title, its cells up to ROW_CELL_MOST (row_map_height)
            margin = name_margin(self._widest(), r.width()) if t <= LABELLED else 0.0
            cell = row_cell(hm, r.width(), sc)
            side = cell * t
            return (r.x() + margin + (r.width() - margin - side) / 2,
                    r.y() + TITLE_H * sc + _column_room(hm, sc) - row * cell, cell, side, t, 1, margin)
        top = NAMES_TOP * sc if t <= LABELLED else 0.0
        margin = name_margin(self._widest(), r.width()) if top else 0.0  # the names' room
        side = min(r.width() - margin, r.height() - TITLE_H * sc - top)
        self._names_rows = self.column_rows(side / t) if top and side > 4 else 1
        if self._names_rows == 2:  # the columns' names on two rows: a row's more room, where the cells keep their
            two = min(r.width() - margin, r.height() - TITLE_H * sc - 2 * top)  # numbers (review41 #1: 4:3 ja's
            if self.numbered(two / t) or not self.numbered(side / t):  # step 23 lost all 49 to a second row)
                top, side = 2 * top, two
            else:  # else the seat numbers on one row, as the desks' tags number them
                self._names_rows = 0
        if side <= 4:
            return None
        cell = side / t
        x0 = r.x() + margin + (r.width() - margin - side) / 2
        y0 = r.y() + TITLE_H * sc + top
        tr = p.worldTransform()
        pixels = side * math.hypot(tr.m11(), tr.m12())  # device pixels across the matrix
        k = math.ceil(t / pixels) if t > pixels else 1  # cells per pixel: GPT-2's 1024 on ~560 pixels
        return x0, y0, cell, side, t, k, margin

    def number_px(self, cell: float) -> float:
        """The size of the numbers in cells `cell` wide: 16 px times the type's scale, no wider than a cell."""
        return min(16.0 * self.theme.font_scale, cell / NUMBER_SHARE)

    def numbered(self, cell: float) -> bool:
        """Whether cells `cell` wide carry their numbers: NUMBER_CELL wide, or, in the close-up (least_px), numbers
        at least least_px big."""
        return cell >= NUMBER_CELL or self.least_px is not None and self.number_px(cell) >= self.least_px

    def _label_font(self):
        return fonts.font(16.0 * self.theme.font_scale)

    def _widest(self) -> float:
        """The widest row name at its font (16 px), kept for the labels it was measured on."""
        key = (tuple(self.heatmap.labels[:LABELLED]), self.theme.font_scale)
        if getattr(self, "_widest_key", None) != key:
            metrics = QFontMetricsF(self._label_font())
            self._widest_key, self._widest_w = key, max((metrics.horizontalAdvance(n) for n in key[0]), default=0.0)
        return self._widest_w

    def row_labels(self, grid) -> list[tuple[QRectF, str]]:
        """Each row's name and its box: right-aligned 8 px left of the cells, in all the room the area leaves
        there (teacher24 L3: 「ゆっくり」 was cut to 「ゆっ…」 at a fixed 56 px with more room beside it), and cut
        with "…" only where that room is too narrow."""
        x0, y0, cell, side, t, k, margin = grid
        room = x0 - self.area.x() - 8
        g = self._label_font()
        row = one_row(self.heatmap)
        return [(QRectF(x0 - 8 - room, y0 + i * cell, room, cell), elide(name, g, room))
                for i, name in enumerate(self.heatmap.labels[:t]) if row in (None, i)]

    def column_rows(self, cell: float) -> int:
        """How a whole matrix's columns are named over cells `cell` wide, at the rows' 16 px (teacher40 #3: its rows
        were named, its columns not, so "「猫」 listens to 「マット」" meant counting columns): 1, each name over
        its column where every name fits its cell; 2, on two rows by seat (as the bar chart's names) where every
        name fits two cells; else 0: the seat numbers, as on the desks' tags (① 猫)."""
        metrics = QFontMetricsF(self._label_font())
        widest = max((metrics.horizontalAdvance(n) for n in self.heatmap.labels[:LABELLED]), default=0.0)
        return 1 if widest <= cell - 4 else 2 if widest <= 2 * cell - 8 else 0

    def column_labels(self, grid) -> list[tuple[QRectF, str]]:
        """The columns' names and their boxes, centred over their cells: a one-row map's cut with "…" to a cell's
        width; a whole matrix's at the rows' 16 px, on one or two rows or as seat numbers (column_rows); [] beyond
        LABELLED students."""
        x0, y0, cell, side, t, k, margin = grid
        row = one_row(self.heatmap)
        room = _column_room(self.heatmap, self.theme.font_scale)
        if not room:
            return []
        if row is None:  # a whole matrix: its names band is NAMES_TOP a row, right over the cells
            rows = self._names_rows  # as _grid chose them for these cells
            rows = self.column_rows(cell) if rows is None else min(rows, self.column_rows(cell))
            line = NAMES_TOP * self.theme.font_scale
            if rows == 0:
                return [(QRectF(x0 + j * cell, y0 - line, cell, line), str(j + 1)) for j in range(t)]
            return [(QRectF(x0 + j * cell - (cell if rows == 2 else 0), y0 - line * (rows - j % rows),
                            cell * (3 if rows == 2 else 1), line), name)
                    for j, name in enumerate(self.heatmap.labels[:t])]
        g, top = self.column_font(cell), y0 + row * cell - room
        return [(QRectF(x0 + j * cell, top, cell, room), elide(name, g, cell - 2))
                for j, name in enumerate(self.heatmap.labels[:t])]

    def column_font(self, cell: float):
        """The column names' font: the rows' 16 px, smaller (to 12 px) where the widest name is wider than a cell
        (「マット」 over a 50 px cell), so that fewer names are cut."""
        sc = self.theme.font_scale
        size = 16.0 * sc
        widest = max((QFontMetricsF(fonts.font(size)).horizontalAdvance(n) for n in self.heatmap.labels), default=0.0)
        if widest > cell - 2:
            size = max(12.0 * sc, size * (cell - 2) / widest)
        return fonts.font(size)

    def _filled(self, t: int) -> np.ndarray:
        filled = np.zeros(t, bool)
        filled[[i for i in self.heatmap.rows if 0 <= i < t]] = True
        return filled

    def _paint_body(self, p: QPainter) -> None:
        """The title, the cells' colours, the rows not filled yet, the numbers and the names."""
        hm, r, th = self.heatmap, self.area, self.theme
        sc = th.font_scale
        p.setPen(qcolor(th.color("board_text")))
        f = fonts.font(18 * sc, True)
        p.setFont(f)
        p.drawText(QRectF(r.x(), r.y(), r.width(), 26 * sc), ALIGN_LEFT, elide(hm.title, f, r.width()))
        grid = self._grid(p)
        if grid is None:
            return
        x0, y0, cell, side, t, k, margin = grid
        m = np.asarray(hm.matrix)
        # the colours of the whole matrix change only with the matrix and theme; rows fill in every frame
        # (each frame's matrix is a new view of the same trace array: its data address and shape name it)
        base_key = (m.__array_interface__["data"][0], m.shape, m.strides, th.name, k)
        if getattr(self, "_base_key", None) != base_key or self._base_matrix.base is not m.base:
            base = self.colours(m, hm.mask, k, th)
            self._base_key, self._base_matrix, self._base_rgb = base_key, m, base  # m kept: the address stays its own
            self._base_image = rgba_image(base)
        rgb = self._base_rgb
        filled = self._filled(t)
        p.save()
        try:  # a SIGTERM raised in here (stopping.Terminated) must not leave the painter's state unbalanced
            row = one_row(hm)
            if row is not None:  # the one row alone: no grey block of rows not filled
                p.setClipRect(QRectF(x0, y0 + row * cell, side, cell), Qt.ClipOperation.IntersectClip)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            p.drawImage(QRectF(x0, y0, side, side), self._base_image)
            empty = qcolor(th.color("heat_empty"))  # rows not filled in yet: one rectangle per stretch of them
            edges = np.flatnonzero(np.diff(np.concatenate([[0], (~filled).astype(np.int8), [0]])))
            for i0, i1 in zip(edges[::2], edges[1::2]):
                p.fillRect(QRectF(x0, y0 + i0 * cell, side, (i1 - i0) * cell), empty)
        finally:
            p.restore()
        if self.numbered(cell):  # "0.43" at 16 px, the least a projected picture reads at (inside its cell: clear of
            f = fonts.font(self.number_px(cell))  # the hatch of the masked cells, painted after it; the close-up's
            # bigger type no wider than a cell)
            heard = (~np.asarray(hm.mask, bool) if hm.mask is not None and np.shape(hm.mask) == m.shape
                     else np.ones(m.shape, bool))  # with no mask (a discussion) every cell has its number
            for i in np.flatnonzero(filled).tolist():
                for j in np.flatnonzero(heard[i]).tolist():
                    p.setPen(qcolor(palette.text_on(rgb[i, j])))
                    text_lines.draw_text(p, QRectF(x0 + j * cell, y0 + i * cell, cell, cell), ALIGN_CENTER,
                                         fmt(m[i, j]), f)
        if margin and cell >= 18:  # names right-aligned against the rows, at 16 px (a long one cut with "…"),
            g = self._label_font()  # ending 8 px left of the cells
            p.setPen(qcolor(th.color("board_muted")))
            for box, shown in self.row_labels(grid):
                text_lines.draw_text(p, box, ALIGN_RIGHT, shown, g)
            labels = self.column_labels(grid)  # whose share each number is
            cf = self.column_font(cell) if one_row(hm) is not None else g
            for box, shown in labels:
                text_lines.draw_text(p, box, ALIGN_CENTER, shown, cf)

    def _paint_marks(self, p: QPainter) -> None:
        """Over the cells, in place: the masked cells' hatch, what-if edits' outlines, the asker's row."""
        hm, th = self.heatmap, self.theme
        grid = self._grid(p)
        if grid is None:
            return
        x0, y0, cell, side, t, k, margin = grid
        self.grid = (x0, y0, cell, t)  # where the cells are, for cell_at (a double-click's what-if edit)
        filled = self._filled(t)
        m = np.asarray(hm.matrix)
        if hm.mask is not None and k == 1 and cell >= 6 and np.shape(hm.mask) == m.shape:
            p.save()
            try:
                hatch(p, self._masked_rects(np.asarray(hm.mask, bool), filled, x0, y0, cell))
            finally:
                p.restore()
        edited_outline(p, [QRectF(x0 + j * cell, y0 + i * cell, cell, cell) for i, j in hm.edited if i < t and j < t], th)
        if 0 <= hm.focus_row < t and filled[hm.focus_row]:
            p.setPen(QPen(qcolor(th.color("heat_focus")), 3.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(x0 - 1.5, y0 + hm.focus_row * cell - 1.5, side + 3, cell + 3))
