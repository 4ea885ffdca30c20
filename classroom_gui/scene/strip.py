"""A card or notebook as drawn on the canvas: StripView is one strip's drawing (what it shows, where its cells
are, how to paint it); StripItem gives a strip an item of its own (a card fading in on a desk, a wide strip on
the blackboard). Desks paint settled strips into their own picture (scene.desk).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Strip
from ..lesson.numbers import fmt, fmt_many
from . import fonts, palette, pictures, text_lines
from .card_labels import label_texts
from .items import digest as numbers_digest
from .items import ALIGN_LEFT, SHADOW, CachedItem, as_list, cell_image, fitted_font, qcolor
from .layout import LABEL_LINE, StripBox
from .palette import Theme
from .whatif_marks import edited_outline, hatch


class StripView:
    """One card or notebook: an optional label row, a role-coloured tab, then cells coloured by value.

    `version` goes up whenever what it shows changes; items that paint it compare versions.
    """

    __slots__ = ("strip", "box", "theme", "scale", "masked", "on_board", "_texts", "version", "content", "_key")

    def __init__(self):
        self.strip: Strip | None = None
        self.box: StripBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self.scale = 1.0
        self.masked = False
        self.on_board = False           # labels in chalk on the blackboard
        self._texts: list[str] | None = []  # cell_texts, written when first asked (None: not yet)
        self.version = 0
        self.content = ()  # what it shows, the numbers by digest: equal whenever the same comes back (unlike version)
        self._key = None

    def set(self, strip: Strip, box: StripBox, theme: Theme, scale: float, masked: bool = False,
            on_board: bool = False) -> bool:
        values = strip.values  # a list, or a wide NumPy row (lesson.frame.row): its bytes are its key
        # bytes, not tuples: GPT-2's strips hold 768 or 3,072 numbers, and every strip is keyed every frame
        key = (strip.role, values.tobytes() if isinstance(values, np.ndarray) else tuple(values), strip.label, strip.raised,
               np.asarray(strip.zeroed, bool).tobytes(), tuple(strip.edited), box, theme.name,
               theme.font_scale, scale, masked, on_board)
        self.strip = strip  # the newest, even when it shows the same (visible may differ)
        if key == self._key:
            return False
        self._key = key
        self.content = (key[0], numbers_digest(values) if isinstance(values, np.ndarray) else key[1]) + key[2:]
        self.box, self.theme, self.scale, self.masked, self.on_board = box, theme, scale, masked, on_board
        self._texts = None  # written when painted: a picture kept from before needs none
        self.version += 1
        return True

    @property
    def cell_texts(self) -> list[str]:
        """The numbers painted in the cells, in order: only where they are big enough to read (never on GPT-2's
        768-cell strips), else []. One card, one number of decimals: 2, or 1 for every number of a card where one
        of them does not fit its cell with 2 (was "-11.1 0.67 4.52 … -24.6" on one notebook: teacher10 L4)."""
        if self._texts is None:
            b, values = self.box, self.strip.values
            self._texts = []
            if b.number_px:
                shown = values[: b.shown] if b.shown else values
                # a hidden unit keeps the sign of a negative that rounds to 0 (-0.00): ReLU crosses it out, and
                # a bare 0.00 there beside a 0.00 ReLU keeps would look like the same number treated two ways
                signed = self.strip.role == "hidden"
                texts = fmt_many(shown, signed=signed)
                if not all_fit(tuple(texts), b.number_px * self.theme.font_scale, b.cell_w - 4):
                    texts = fmt_many(shown, 1, signed=signed)
                self._texts = texts + (["…"] if b.shown else [])
        return self._texts

    def label_shown(self) -> list[str]:
        """The lines of the label row as painted (the last ending in "…" if the label is cut), [] without one."""
        b = self.box
        if not b.label_h:
            return []
        return label_texts(self.strip.label, b.label_px * self.theme.font_scale, b.w - b.label_px * 1.24 - 6,
                           b.label_lines)

    def bounds(self) -> QRectF:  # in the strip's own coordinates, with room for a raised card's shadow
        b, raised = self.box, self.strip.raised
        over = 6.0 if raised else 2.0
        return QRectF(-over, -over, b.w + 2 * over, b.h + 2 * over + (4 if raised else 0))

    def cell_rect(self, i: int) -> QRectF:
        b = self.box
        r, c = divmod(i, b.cols)
        return QRectF(b.tab_w + c * b.cell_w, b.label_h + r * b.row_h, b.cell_w, b.row_h)

    def cell_at(self, local: QPointF) -> int:  # -1 outside the cells
        b = self.box
        if b is None or self.strip is None:
            return -1
        x, y = local.x() - b.tab_w, local.y() - b.label_h
        if x < 0 or y < 0 or x >= b.w - b.tab_w or y >= b.h - b.label_h:
            return -1
        i = int(y // b.row_h) * b.cols + int(x // b.cell_w)
        return i if i < (b.shown + 1 if b.shown else len(self.strip.values)) else -1

    def tooltip(self, local: QPointF) -> str:
        i = self.cell_at(local)
        if i < 0:
            return self.strip.label if self.strip else ""
        if self.box.shown and i == self.box.shown:  # the "…" cell: the whole card
            return f"{self.strip.label}: " + ", ".join(fmt(v) for v in as_list(self.strip.values))
        zero = " (→ 0)" if i < len(self.strip.zeroed) and self.strip.zeroed[i] else ""  # the label names the activation
        return f"{self.strip.label} [{i + 1}] = {fmt(self.strip.values[i])}{zero}"

    def paint(self, p: QPainter) -> None:
        # Runs only when the content changed, but then for every strip of the class at once: a handful
        # of painter calls, no numpy.
        self.paint_body(p)
        self.paint_marks(p)

    def paint_body(self, p: QPainter) -> None:
        """Everything but what paint_marks adds: the part of a masked strip that can be kept as a picture. Its label
        row first, from a kept picture of its own on the strip's own new picture (scene.pictures.paint_part: a
        card's label stays while its numbers change; #18's cold jumps painted ~24 labels anew)."""
        s, b, th = self.strip, self.box, self.theme
        grey = self.masked
        edge = qcolor(th.color("masked") if grey else th.role(s.role))
        cells = QRectF(0, b.label_h, b.w, b.h - b.label_h)
        radius = min(4.0, cells.height() * 0.3)
        if b.label_h:
            key = ("label", s.label, s.role, grey, self.on_board, b.w, b.label_h, b.label_px, th.name, th.font_scale)
            pictures.paint_part(p, key, QRectF(-2, -2, b.w + 4, b.label_h + 4), self._paint_label)
        if s.raised:  # the question card is held up: a soft shadow under it and a bold edge
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(SHADOW)
            p.drawRoundedRect(cells.translated(2, 4), radius, radius)
        p.fillRect(QRectF(0, b.label_h, b.tab_w + 1, cells.height()), edge)
        values = cell_values(s.values, b.shown)  # in NumPy: a wide strip is never walked in Python
        n = len(values)
        zeroed = zeroed_cells(s.zeroed, n, b.shown)
        if n:
            if p.testRenderHint(QPainter.RenderHint.SmoothPixmapTransform):
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # cells stay crisp blocks
            img = cell_image(values, b.rows, b.cols, self.scale, grey, zeroed)
            p.drawImage(QRectF(b.tab_w, b.label_h + 1, b.w - b.tab_w - 1, b.rows * b.row_h - 2), img)
            cw = b.cell_w
            if cw >= 9:  # below that the separators would be all there is to see
                p.setPen(QPen(qcolor(th.color("cell_border")), 1.0 if cw >= 16 else 0.6))
                lines = grid_lines(b)
                if lines:
                    p.drawLines(lines)
            if self.cell_texts:
                self._paint_numbers(p, zeroed)
            if cw >= 8 and zeroed.any():  # narrower cells just show the zeroed grey
                p.setPen(QPen(qcolor(th.color("zeroed")), max(1.2, min(2.2, cw * 0.06))))
                crosses = []
                for i in np.flatnonzero(zeroed).tolist():
                    r = self.cell_rect(i).adjusted(3, 3, -3, -3)
                    crosses += [QLineF(r.topLeft(), r.bottomRight()), QLineF(r.bottomLeft(), r.topRight())]
                p.drawLines(crosses)
            edited_outline(p, [self.cell_rect(i) for i in s.edited if i < n], th)

    def _paint_label(self, p: QPainter) -> None:
        """The label row: a dot in the role's colour, then the label (on 1 or 2 lines, cut with "…")."""
        b, th, grey = self.box, self.theme, self.masked
        f = fonts.font(b.label_px * th.font_scale, bold=True)
        dot = b.label_px * 0.62
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(qcolor(th.color("masked") if grey else th.role(self.strip.role)))
        p.drawRoundedRect(QRectF(1, (b.label_h - dot) / 2 - 1, dot * 1.6, dot), dot / 2, dot / 2)
        ink = ("board_muted" if grey else "board_text") if self.on_board else ("text_muted" if grey else "text")
        p.setFont(f)
        p.setPen(qcolor(th.color(ink)))
        line_h = b.label_px * LABEL_LINE  # (a label row of 2 lines: desk.label_rows)
        for i, text in enumerate(self.label_shown()):
            p.drawText(QRectF(dot * 1.6 + 5, i * line_h, b.w - dot * 1.6 - 5, line_h - 2), ALIGN_LEFT, text)

    def paint_marks(self, p: QPainter) -> None:
        """The hatch over a masked strip's cells, then the card's edge: painted where the strip is, since the
        hatch's pattern is anchored to the device (see StripItem.paint)."""
        s, b, th = self.strip, self.box, self.theme
        edge = qcolor(th.color("masked") if self.masked else th.role(s.role))
        cells = QRectF(0, b.label_h, b.w, b.h - b.label_h)
        radius = min(4.0, cells.height() * 0.3)
        if self.masked and (b.shown or len(s.values)):  # a student who has not spoken: grey and hatched, so it reads
            hatch(p, [QRectF(b.tab_w, b.label_h + 1, b.w - b.tab_w - 1, b.rows * b.row_h - 2)],  # without colour too
                  light=self.on_board)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(edge, 3.0 if s.raised else 1.3))
        p.drawRoundedRect(cells.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)

    def _paint_numbers(self, p: QPainter, zeroed: np.ndarray) -> None:
        b, th = self.box, self.theme
        px = b.number_px * th.font_scale
        room = b.cell_w - 4
        p.setPen(qcolor(th.color("text_muted") if self.masked else th.color("cell_text")))
        # each number's kept layout looked up once (shown_number would look it up again to measure it, and
        # draw_centred a third time): a new card's ~9-24 numbers, ~24 new cards in a cold jump (#18)
        font, line, draw = fonts.font(px), text_lines.line, text_lines.draw_line_centred
        # a number seen before in a cell of this place and font: its kept line drawn where draw_line_centred drew it
        # (_PLACED), without looking up its layout or placing it again (~3 us a number). Not while draw_line_centred
        # is watched (tests' text census): there every number goes through it.
        placed = _PLACED if draw is _LINE_CENTRED else None
        fid = id(font)
        for text, rect, zero in zip(self.cell_texts, cell_rects(b), zeroed.tolist()):
            if zero:
                continue
            if placed is not None:
                hit = placed.get((text, fid, rect))
                if hit is not None:
                    hit[0].line.draw(p, hit[1])
                    continue
            ln = line(text, font)
            if text != "…" and ln.advance > room:  # too wide still: shown_number's narrower number
                text_lines.draw_centred(p, rect, *shown_number(text, px, room))
                continue
            at = text_lines.centred_at(ln, rect) if placed is not None else None
            if at is None:  # (watched, or not placed by a kept line: drawn by draw_text each time)
                draw(p, rect, ln, text, font)
                continue
            ln.line.draw(p, at)  # (what draw_line_centred draws)
            if len(placed) >= PLACED:
                placed.clear()
            placed[(text, fid, rect)] = (ln, at)  # (ln keeps its font alive: fid is never another's)

    def painted_numbers(self) -> list[str]:
        """The cells' numbers as painted (shown_number: a number still too wide loses a decimal)."""
        b = self.box
        return [shown_number(text, b.number_px * self.theme.font_scale, b.cell_w - 4)[0] for text in self.cell_texts]


PLACED = text_lines.LINES // 2  # numbers kept placed in their cells (a lesson at 64 students keeps ~200): each
# holds its Line, so no more than half as many as text_lines keeps, which then still bounds the live layouts (review24)
_PLACED: dict[tuple[str, int, tuple], tuple[text_lines.Line, QPointF]] = {}  # (text, font id, cell) -> (line, at)
_LINE_CENTRED = text_lines.draw_line_centred  # (the function itself, not a spy on it)


def cell_values(values, shown: int) -> np.ndarray:
    """A strip's numbers as its cells show them, float64: all of them, or the first `shown` and a NaN for the "…"
    cell (np.append's ~4 us, a few times over, were most of what a new card's ~10 us of NumPy set-up cost)."""
    if not shown:
        return np.asarray(values, dtype=np.float64)
    head = np.asarray(values[:shown], dtype=np.float64)
    out = np.empty(head.size + 1)
    out[:-1] = head
    out[-1] = np.nan
    return out


def zeroed_cells(zeroed, n: int, shown: int) -> np.ndarray:
    """[n] bool: which of n cells ReLU crossed out (`zeroed`, often empty), never the "…" cell of a `shown` strip."""
    out = np.zeros(n, bool)
    if len(zeroed):
        given = np.asarray(zeroed[:n], bool)
        out[: given.size] = given
        if shown:
            out[-1] = False
    return out


@lru_cache(maxsize=256)
def cell_rects(b: StripBox) -> list[tuple[float, float, float, float]]:
    """(x, y, w, h) of each cell of a strip, in reading order (as cell_rect: a new card asks for ~24)."""
    cw, rh = b.cell_w, b.row_h
    return [(b.tab_w + c * cw, b.label_h + r * rh, cw, rh) for r in range(b.rows) for c in range(b.cols)]


@lru_cache(maxsize=256)
def grid_lines(b: StripBox) -> list[QLineF]:  # the separators between a strip's cells (shared: never modify)
    cw, rh = b.cell_w, b.row_h
    lines = [QLineF(b.tab_w + c * cw, b.label_h, b.tab_w + c * cw, b.h) for c in range(1, b.cols)]
    return lines + [QLineF(b.tab_w, b.label_h + r * rh, b.w, b.label_h + r * rh) for r in range(1, b.rows)]


@lru_cache(maxsize=1024)
def all_fit(texts: tuple[str, ...], px: float, room: float) -> bool:  # every number within its cell at px
    font = fonts.font(px)  # measured by the kept layouts that draw them (text_lines): QFontMetricsF's advance, to
    return all(text_lines.line(text, font).advance <= room for text in texts)  # the bit, without laying it out again


@lru_cache(maxsize=8192)
def shown_number(text: str, px: float, room: float):
    """(text, font) of a number in a cell `room` px wide: as it is at px, or "-12.34" with one decimal less and
    shrunk (to 14 px at least) to fit. Kept: a new moment paints hundreds of numbers, most of them seen before."""
    base = fonts.font(px)
    if text != "…" and text_lines.line(text, base).advance > room:  # (as all_fit measures)
        text = fmt(float(text), 1)
        return text, fitted_font(text, px, room, min_px=14)
    return text, base


LIFT_ROOM = 8.0  # canvas px below a strip's place that a strip fading in may be drawn (set_lift), in its bounds


class StripItem(CachedItem):
    """A strip with an item of its own: a card fading in on a desk, or a wide strip on the blackboard.

    A strip fading in rises into place: set_lift(k) draws it k canvas px below its place, moved by WHOLE DEVICE
    pixels when painted (round(k x the device scale)). So at every lift its picture sits at the same fraction of a
    pixel and is one kept picture (scene.pictures), not one per lift: a jump to any moment of a fade finds the
    picture the drawing ahead painted at another moment of it (moved by canvas px, each lift was a new picture)."""

    blits = True  # (a hatched strip keeps Qt's cache: its hatch is painted in place, see _paint_masked)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = StripView()
        self.lift = 0

    def set_view(self, view: StripView) -> None:
        self.view = view
        key = (id(view), view.version)
        if key != self._key:  # (its bounds are measured only when it changed)
            cached = (QGraphicsItem.CacheMode.NoCache if self.blits and not view.masked
                      else QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if self.cacheMode() != cached:
                self.setCacheMode(cached)
            self.set_key(key, view.bounds().adjusted(0, 0, 0, LIFT_ROOM))

    def set_lift(self, lift: int) -> None:
        """Drawn `lift` (0 .. LIFT_ROOM) canvas px below its place (see the class's docstring)."""
        lift = max(0, min(int(LIFT_ROOM), int(lift)))
        if lift != self.lift:
            self.lift = lift
            self.update()

    def shape(self) -> QPainterPath:
        """Where the strip is drawn now (its place, `lift` px lower), not its bounds, which keep LIFT_ROOM below
        it for a fade: hovering just under a still strip names the desk or board there, not the strip."""
        path = QPainterPath()
        if self.view.strip is not None and self.view.box is not None:
            path.addRect(self.view.bounds().translated(0, self.lift))
        return path

    def set_strip(self, strip: Strip, box: StripBox, theme: Theme, scale: float, masked: bool = False,
             on_board: bool = False) -> None:
        self.view.set(strip, box, theme, scale, masked, on_board)
        self.set_view(self.view)

    @property
    def strip(self) -> Strip | None:
        return self.view.strip

    @property
    def cell_texts(self) -> list[str]:
        return self.view.cell_texts

    def tooltip(self, local: QPointF) -> str:
        return self.view.tooltip(local)

    def paint(self, p: QPainter, option, widget=None) -> None:
        view = self.view
        if view.strip is None or view.box is None:
            return
        t = p.worldTransform()
        dy = round(self.lift * t.m22())  # moved down by whole device pixels (applied after the item's transform)
        if not view.masked:
            pictures.paint_item(self, p, view.content, view.paint, lift=dy)
            return
        if dy:
            p.setWorldTransform(t * QTransform.fromTranslate(0, dy))
        try:
            self._paint_masked(p, view)
        finally:
            if dy:
                p.setWorldTransform(t)

    def _paint_masked(self, p: QPainter, view: StripView) -> None:
        if self.cacheMode() == QGraphicsItem.CacheMode.NoCache:
            view.paint(p)
        else:  # hatched: the hatch (anchored to the device) and the edge over it painted in place, on the rest
            # kept as a picture. Qt paints a cached item into a transparent picture of its own, where the kept
            # picture drawn 1:1 is an exact copy: the same pixels as painting it all in place.
            pictures.paint_item(self, p, view.content + ("body",), view.paint_body)
            view.paint_marks(p)
