"""A student's desk and the strips on it (notebook, cards), as drawn on the canvas.

StripView is one strip's drawing: what it shows, where its cells are, how to paint it. In a big class
a strip that is settled (fully visible) is painted into its desk's cached picture, and one that is
fading or growing in gets its own StripItem on top, so the animation is only opacity and position: at
64 students that keeps a frame at ~70 items instead of ~330, which is most of what rendering costs.
A small class keeps every strip on its own item, which saves a desk repaint whenever a card settles.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen

from ..lesson.frame import Strip, Student
from ..lesson.numbers import fmt
from . import fonts, palette, pictures
from .items import digest as numbers_digest
from .items import (ALIGN_CENTER, ALIGN_LEFT, SHADOW, CachedItem, as_list, cell_image, elide, fitted_font, mix,
                           qcolor)
from .layout import NAME_MIN, DeskBox, StripBox
from .palette import Theme
from .whatif_marks import edited_outline, hatch

GLOW = 8.0  # the focus desk's spotlight reaches this far outside the desk
BODY, SEAT, NAME, BADGE = 1, 2, 4, 8  # a desk's parts: body and outline, seat number, name with its tags, badge
ALL = BODY | SEAT | NAME | BADGE


class StripView:
    """One card or notebook: an optional label row, a role-coloured tab, then cells coloured by value.

    `version` goes up whenever what it shows changes; items that paint it compare versions.
    """

    __slots__ = ("strip", "box", "theme", "scale", "masked", "on_board", "cell_texts", "version", "content", "_key")

    def __init__(self):
        self.strip: Strip | None = None
        self.box: StripBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self.scale = 1.0
        self.masked = False
        self.on_board = False           # labels in chalk on the blackboard
        self.cell_texts: list[str] = []  # the numbers painted in the cells, in order ([] when too small)
        self.version = 0
        self.content = ()  # what it shows, the numbers by digest: equal whenever the same comes back (unlike version)
        self._key = None

    def set(self, strip: Strip, box: StripBox, theme: Theme, scale: float, masked: bool = False,
            on_board: bool = False) -> bool:
        values = strip.values  # a list, or a wide NumPy row (lesson.state.row): its bytes are its key
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
        self.cell_texts = []  # numbers only where they are big enough to read (never on GPT-2's 768-cell strips)
        if box.number_px:
            shown = as_list(values[: box.shown] if box.shown else values)
            self.cell_texts = [fmt(v) for v in shown] + (["…"] if box.shown else [])
        self.version += 1
        return True

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
        s, b, th = self.strip, self.box, self.theme
        grey = self.masked
        edge = qcolor(th.color("masked") if grey else th.role(s.role))
        cells = QRectF(0, b.label_h, b.w, b.h - b.label_h)
        radius = min(4.0, cells.height() * 0.3)
        if b.label_h:
            f = fonts.font(b.label_px * th.font_scale, bold=True)
            dot = b.label_px * 0.62
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(edge)
            p.drawRoundedRect(QRectF(1, (b.label_h - dot) / 2 - 1, dot * 1.6, dot), dot / 2, dot / 2)
            ink = ("board_muted" if grey else "board_text") if self.on_board else ("text_muted" if grey else "text")
            p.setFont(f)
            p.setPen(qcolor(th.color(ink)))
            p.drawText(QRectF(dot * 1.6 + 5, 0, b.w - dot * 1.6 - 5, b.label_h - 2), ALIGN_LEFT,
                       elide(s.label, f, b.w - dot * 2 - 6))
        if s.raised:  # the question card is held up: a soft shadow under it and a bold edge
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(SHADOW)
            p.drawRoundedRect(cells.translated(2, 4), radius, radius)
        p.fillRect(QRectF(0, b.label_h, b.tab_w + 1, cells.height()), edge)
        values = np.asarray(s.values, dtype=np.float64)  # in NumPy: a wide strip is never walked in Python
        if b.shown:  # the first numbers, then an empty "…" cell
            values = np.append(values[: b.shown], np.nan)
        n = len(values)
        zeroed = np.zeros(n, bool)
        given = np.asarray(s.zeroed[:n], bool)
        zeroed[: given.size] = given
        if b.shown:
            zeroed[-1] = False
        if n:
            if p.testRenderHint(QPainter.RenderHint.SmoothPixmapTransform):
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # cells stay crisp blocks
            img = cell_image(values, b.rows, b.cols, self.scale, grey, zeroed)
            p.drawImage(QRectF(b.tab_w, b.label_h + 1, b.w - b.tab_w - 1, b.rows * b.row_h - 2), img)
            cw, rh = b.cell_w, b.row_h
            if cw >= 9:  # below that the separators would be all there is to see
                p.setPen(QPen(qcolor(th.color("cell_border")), 1.0 if cw >= 16 else 0.6))
                lines = [QLineF(b.tab_w + c * cw, b.label_h, b.tab_w + c * cw, b.h) for c in range(1, b.cols)]
                lines += [QLineF(b.tab_w, b.label_h + r * rh, b.w, b.label_h + r * rh) for r in range(1, b.rows)]
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
            if grey:  # a student who has not spoken: grey and hatched, so it reads without colour too
                hatch(p, [QRectF(b.tab_w, b.label_h + 1, b.w - b.tab_w - 1, b.rows * b.row_h - 2)], light=self.on_board)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(edge, 3.0 if s.raised else 1.3))
        p.drawRoundedRect(cells.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)

    def _paint_numbers(self, p: QPainter, zeroed: list[bool]) -> None:
        b, th = self.box, self.theme
        px = b.number_px * th.font_scale
        base = fonts.font(px)
        fm = QFontMetricsF(base)
        room = b.cell_w - 4
        p.setFont(base)
        p.setPen(qcolor(th.color("text_muted") if self.masked else th.color("cell_text")))
        for i, text in enumerate(self.cell_texts):
            if zeroed[i]:
                continue
            r = self.cell_rect(i)
            if text != "…" and fm.horizontalAdvance(text) > room:  # "-12.34": one decimal less, then shrink
                text = fmt(float(text), 1)
                p.setFont(fitted_font(text, px, room, min_px=14))
                p.drawText(r, ALIGN_CENTER, text)
                p.setFont(base)
            else:
                p.drawText(r, ALIGN_CENTER, text)


class StripItem(CachedItem):
    """A strip with an item of its own: a card fading in on a desk, or a wide strip on the blackboard."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = StripView()

    def set_view(self, view: StripView) -> None:
        self.view = view
        self.set_key((id(view), view.version), view.bounds())

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
        if view.masked:  # hatched: painted in place, where the hatch lines up with its neighbours'
            view.paint(p)
        else:
            pictures.paint_item(self, p, view.content, view.paint)


@lru_cache(maxsize=1024)
def badge_size(badge: str, box: DeskBox, font_scale: float, name_left: float) -> tuple[float, float]:
    """(width, font px) of a desk's badge pill: kept, since a big class asks for the same few shares often."""
    px = max(box.name_px * 0.82, min(box.name_px, NAME_MIN)) * font_scale
    w = QFontMetricsF(fonts.font(px, True)).horizontalAdvance(badge) + px * 1.0
    room = box.w - 2 * box.pad - name_left + box.pad  # never over the seat number
    return max(px * 2.0, min(w, room)), px  # a badge wider than that ends in "…" (the tooltip has it)


@lru_cache(maxsize=64)
def header_shape(w: float, h: float, r: float) -> QPainterPath:  # a band with the desk's rounded top corners
    path = QPainterPath()
    path.moveTo(0, h)
    path.lineTo(0, r)
    path.arcTo(QRectF(0, 0, 2 * r, 2 * r), 180, -90)
    path.lineTo(w - r, 0)
    path.arcTo(QRectF(w - 2 * r, 0, 2 * r, 2 * r), 90, -90)
    path.lineTo(w, h)
    path.closeSubpath()
    return path


class DeskItem(CachedItem):
    """One student's desk: the body, the name tag with seat number, tags and badge, and the settled strips.

    views[k] is the k-th strip of the student (notebook first); settled ones are painted here at
    view_pos[k], the others by child StripItems (children share the desk's opacity).
    """

    def __init__(self):
        super().__init__()
        self.student: Student | None = None
        self.box: DeskBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self.badge_role = "weight"
        self.views: list[StripView] = []
        self.view_pos: list[tuple[float, float]] = []
        self.settled: list[bool] = []
        self.items: list[StripItem] = []       # one per view, used while that strip animates
        self.name_font = fonts.font(16, True)  # the font the name is painted in (tests read it)
        self.parts = ALL  # which parts _paint_desk paints (scene.class_image keeps each part's picture)
        self.name_text = ""

    def set_student(self, s: Student, box: DeskBox, theme: Theme, badge_role: str, strips: list[Strip],
             scales: dict[str, float], embed: bool = True) -> None:
        """embed=False keeps every strip on its own item: fewer repaints when a card settles, worth it
        while the class is small and items are few."""
        views, items = self.views, self.items
        while len(views) < len(strips):
            views.append(StripView())
            items.append(StripItem(self))
        masked = s.state == "masked"
        n = len(box.strips)
        self.view_pos = []
        self.settled = []
        painted = []
        for k in range(n):
            strip, sbox, view, item = strips[k], box.strips[k], views[k], items[k]
            view.set(strip, sbox, theme, scales.get(strip.role, 1.0), masked)
            y = sbox.y - (box.lift if strip.raised else 0.0)
            self.view_pos.append((sbox.x, y))
            v = strip.visible
            settled = embed and v >= 0.999
            self.settled.append(settled)
            if settled:
                painted.append((k, view.content, y))
                item.clear()
            else:
                v = max(0.0, v)
                item.set_view(view)
                item.place(sbox.x, y + round((1 - v) * 6), v)  # whole pixels: no repaint while it slides
        for item in items[n:]:
            item.clear()
        self.student, self.box, self.theme, self.badge_role = s, box, theme, badge_role
        key = (s.index, s.text, s.unknown, s.state, s.badge, box, theme.name, theme.font_scale, badge_role,
               tuple(painted))
        if self.set_key(key, QRectF(-GLOW, -GLOW, box.w + 2 * GLOW, box.h + 2 * GLOW)):
            self._fit_name()

    # --- what tests and tooltips ask -------------------------------------------------------------------
    def cell_pos(self, k: int, i: int) -> QPointF:
        """Scene position of the centre of cell i of strip k (for tooltips and tests)."""
        x, y = self.view_pos[k]
        return self.mapToScene(self.views[k].cell_rect(i).center() + QPointF(x, y))

    def tooltip_at(self, local: QPointF) -> str:
        for k, (x, y) in enumerate(self.view_pos):
            view = self.views[k]
            if QRectF(x, y, view.box.w, view.box.h).contains(local):
                return view.tooltip(local - QPointF(x, y))
        return self.tooltip()

    def tooltip(self) -> str:
        s = self.student
        if s is None:
            return ""
        tip = f"{s.index + 1}: {s.text}"
        if s.unknown:
            tip += " (?)"
        if s.badge:
            tip += f"  [{s.badge}]"
        return tip

    # --- painting --------------------------------------------------------------------------------------
    def _fit_name(self) -> None:
        s, b, th = self.student, self.box, self.theme
        px = b.name_px * th.font_scale
        room = b.w - self._name_left() - self._tags_width() - b.pad
        # a long name is cut with "…" rather than shrunk below what a projector shows (its tooltip has it all)
        least = min(px, NAME_MIN) if px >= NAME_MIN else max(7.0, px * 0.6)
        self.name_font = fitted_font(s.text, px, room, bold=True, min_px=max(least, px * 0.6))
        self.name_text = elide(s.text, self.name_font, room)

    def _name_left(self) -> float:
        b = self.box
        d = b.header_h * 0.72
        return b.pad + (d + b.pad * 0.8 if self._circled() else b.name_px * 1.3 + 3)  # after the seat number

    def _circled(self) -> bool:
        """The seat number in a circle, where its digits stay 16 px; else plain digits as big as the name."""
        b = self.box
        d = b.header_h * 0.72
        return d * 0.55 >= NAME_MIN or (d >= 20 and b.name_px < NAME_MIN)

    def _badge_size(self) -> tuple[float, float]:
        if not self.student.badge:
            return 0.0, 0.0
        return badge_size(self.student.badge, self.box, self.theme.font_scale, self._name_left())

    def _tags_width(self) -> float:
        w = self._badge_size()[0]
        if self.student.unknown:
            w += self.box.header_h * 0.62 + 4
        return w + (4 if w else 0)

    def paint(self, p: QPainter, option, widget=None) -> None:
        s, b = self.student, self.box
        if s is None or b is None:
            return
        p.save()
        try:
            # jumping about the lesson (scrubbing, chapter keys), most desks show what they showed before
            pictures.paint_item(self, p, self._key, self._paint_desk)
        finally:  # an exception must not leave the painter's state unbalanced
            p.restore()

    def _paint_desk(self, p: QPainter) -> None:
        if self.parts & BODY:
            self._paint_body(p)
        self._paint_tag(p)
        for k, settled in enumerate(self.settled):
            if settled:
                x, y = self.view_pos[k]
                p.translate(x, y)
                self.views[k].paint(p)
                p.translate(-x, -y)

    def _paint_body(self, p: QPainter) -> None:
        s, b, th = self.student, self.box, self.theme
        body = QRectF(0, 0, b.w, b.h)
        r = b.radius
        focus, active, masked = s.state == "focus", s.state == "active", s.state == "masked"
        p.setPen(Qt.PenStyle.NoPen)
        if focus:  # a spotlight behind the asker
            p.setBrush(qcolor(th.color("focus"), 0.55))
            p.drawRoundedRect(body.adjusted(-7, -7, 7, 7), r + 6, r + 6)
        else:
            p.setBrush(qcolor(th.color("desk_shadow")))
            p.drawRoundedRect(body.translated(0, 3), r, r)
        p.setBrush(qcolor(th.color("masked_desk") if masked else th.color("desk")))
        p.drawRoundedRect(body, r, r)
        band = th.color("header")  # the name tag band
        if focus:
            band = mix(th.color("focus"), "#FFFFFF", 0.35)
        elif active:
            band = mix(th.color("active"), "#FFFFFF", 0.6)
        elif masked:
            band = th.color("masked")
        p.setBrush(qcolor(band))
        p.drawPath(header_shape(b.w, b.header_h, r))
        # outline: state colour; dashed when the model does not know the word
        if focus:
            pen = QPen(qcolor(th.color("focus_border")), 3.2)
        elif active:
            pen = QPen(qcolor(th.color("active")), 3.2)
        else:
            pen = QPen(qcolor(th.color("desk_border")), 1.4)
        if s.unknown:
            if not (focus or active):
                pen.setColor(qcolor(th.color("unknown")))
            pen.setWidthF(max(pen.widthF(), 2.2))
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(body.adjusted(0.5, 0.5, -0.5, -0.5), r, r)

    def _paint_tag(self, p: QPainter) -> None:
        s, b, th = self.student, self.box, self.theme
        hh = b.header_h
        d = hh * 0.72
        seat = QRectF(b.pad, (hh - d) / 2, d, d)
        focus = s.state == "focus"
        number = str(s.index + 1)
        if not self.parts & SEAT:
            pass
        elif self._circled():  # the seat number in a circle (filled for the asker)
            p.setPen(QPen(qcolor(th.color("text")), 1.0))
            p.setBrush(qcolor(th.color("text") if focus else "#FFFFFF"))
            p.drawEllipse(seat)
            p.setFont(fitted_font(number, d * 0.55 * th.font_scale, d * 0.86, bold=True, min_px=6))
            p.setPen(qcolor("#FFFFFF" if focus else th.color("text")))
            p.drawText(seat, ALIGN_CENTER, number)
        else:  # a tiny desk: a circle would shrink "64" below reading size, so plain muted digits
            room = max(b.name_px * 1.4, b.w - b.pad - 1)  # "1024" shrinks to fit (drawText clips)
            px = (b.name_px if b.name_px >= NAME_MIN else b.name_px * 0.9) * th.font_scale
            p.setFont(fitted_font(number, px, room, bold=True, min_px=min(px, NAME_MIN) if px >= NAME_MIN else 6))
            p.setPen(qcolor(th.color("text") if focus else th.color("text_muted")))
            p.drawText(QRectF(b.pad, 0, room, hh), ALIGN_LEFT, number)
        if self.parts & NAME:
            self._paint_name(p)
        if self.parts & BADGE:
            self._paint_badge(p)

    def _paint_name(self, p: QPainter) -> None:
        s, b, th = self.student, self.box, self.theme
        hh = b.header_h
        left = self._name_left()  # the word
        p.setFont(self.name_font)
        p.setPen(qcolor(th.color("text_muted") if s.state == "masked" else th.color("text")))
        p.drawText(QRectF(left, 0, b.w - left, hh), ALIGN_LEFT, self.name_text)
        x = left + QFontMetricsF(self.name_font).horizontalAdvance(self.name_text) + 5
        if s.unknown:  # "?" tag right after the word
            t = hh * 0.62
            tag = QRectF(x, (hh - t) / 2, t, t)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(qcolor(th.color("unknown")))
            p.drawEllipse(tag)
            p.setPen(qcolor("#FFFFFF"))
            p.setFont(fonts.font(t * 0.75, True))
            p.drawText(tag, ALIGN_CENTER, "?")

    def _paint_badge(self, p: QPainter) -> None:
        s, b, th = self.student, self.box, self.theme
        hh = b.header_h
        bw, px = self._badge_size()
        if bw:
            bh = px * 1.5
            pill = QRectF(b.w - b.pad - bw, (hh - bh) / 2, bw, bh)
            p.setPen(QPen(qcolor(th.role(self.badge_role)), 2.0))
            p.setBrush(qcolor(th.color("badge")))
            p.drawRoundedRect(pill, bh / 2, bh / 2)
            p.setPen(qcolor(th.color("text")))
            p.setFont(fonts.font(px, True))
            p.drawText(pill, ALIGN_CENTER, elide(s.badge, fonts.font(px, True), bw - px * 0.6))
