"""A student's desk as drawn on the canvas: the body, the name tag with seat number, tags and badge, and the
strips on it (notebook, cards: scene.strip).

In a big class a strip that is settled (fully visible) is painted into its desk's cached picture, and one
that is fading or growing in gets its own StripItem on top, so the animation is only opacity and position:
at 64 students that keeps a frame at ~70 items instead of ~330, which is most of what rendering costs. A
small class keeps every strip on its own item, which saves a desk repaint whenever a card settles. (A class
of more than 32 draws its plain desks in one picture instead: scene.class_image.)
"""
from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen

from ..lesson.frame import Strip, Student
from . import fonts, palette, pictures
from .desk_tag import badge_pens, badge_size, fit_name, paint_pill, pill_text
from .items import ALIGN_CENTER, ALIGN_LEFT, CachedItem, fitted_font, mix, qcolor
from .layout import NAME_MIN, SEAT_DIGITS_MIN, DeskBox
from .palette import Theme
from .strip import StripItem, StripView

GLOW = 8.0  # the focus desk's spotlight reaches this far outside the desk
BODY, SEAT, NAME, BADGE = 1, 2, 4, 8  # a desk's parts: body and outline, seat number, name with its tags, badge
ALL = BODY | SEAT | NAME | BADGE


def circled(b: DeskBox) -> bool:
    """The seat number in a circle, where its digits stay 16 px; else plain digits as big as the name."""
    d = b.tag_h * 0.72
    return d * 0.55 >= NAME_MIN or (d >= 20 and b.name_px < NAME_MIN)


def name_left(b: DeskBox, seat: int = 0, font_scale: float = 1.0) -> float:
    """Where a desk's name starts: after the seat number (`seat`, 1-based), a circle or plain digits; from seat 100
    on after its digits as drawn and a gap, where they are wider than the room two digits have (fix80: 「100」 at 16 px
    ran 4 px into the name at 1920 x 1080 with 128 students, 「114cat」 read 「11₄cat」)."""
    if circled(b):
        return b.pad + b.tag_h * 0.72 + b.pad * 0.8
    left = b.pad + b.name_px * 1.3 + 3
    if seat >= 100:
        left = max(left, b.pad + _digits_w(str(seat), seat_px(b, font_scale)) + 3)
    return left


def seat_px(b: DeskBox, font_scale: float) -> float:  # a plain seat number's size (before fitting the desk)
    return (b.name_px if b.name_px >= NAME_MIN else b.name_px * 0.9) * font_scale


@lru_cache(maxsize=4096)
def _digits_w(number: str, px: float) -> float:
    return QFontMetricsF(fitted_font(number, px, 0.0, bold=True)).horizontalAdvance(number)


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

    blits = True

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
                item.place(sbox.x, y, v)
                item.set_lift(round((1 - v) * 6))  # rising into place, by whole device pixels
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
        s, b = self.student, self.box
        beside = 0.0 if b.badge_h else self._badge_size()[0]  # (a badge on a line of its own leaves the name be)
        self.name_font, self.name_text = fit_name(s.text, b, self.theme.font_scale, self._name_left(), beside,
                                                  s.unknown)

    def _name_left(self) -> float:
        return name_left(self.box, self.student.index + 1, self.theme.font_scale)

    def _name_w(self) -> float:  # the name as drawn: its widest line (a symbol's code may take two: desk_tag.fit_name)
        fm = QFontMetricsF(self.name_font)
        return max(fm.horizontalAdvance(line) for line in self.name_text.split("\n"))

    def _circled(self) -> bool:
        return circled(self.box)

    def _badge_size(self) -> tuple[float, float]:
        if not self.student.badge:
            return 0.0, 0.0
        return badge_size(self.student.badge, self.box, self.theme.font_scale, self._name_left(), self.student.text,
                          self.student.unknown)

    def tag_rects(self) -> tuple[QRectF, QRectF | None]:
        """Where the name tag (seat number, name and its "?" tag) and the badge (None: none) are drawn, each as
        tall as the header's line it is on, in the desk's coordinates: what the links and their labels keep off
        (scene.classroom)."""
        b = self.box
        end = self._name_left() + self._name_w()
        if self.student.unknown:  # the "?" tag, 5 px after the word (_paint_name)
            end += 5 + b.tag_h * 0.62
        bw, _ = self._badge_size()
        top, hh = (b.tag_h, b.badge_h) if b.badge_h else (0.0, b.header_h)  # the badge's line (_paint_badge)
        return QRectF(b.pad, 0.0, end - b.pad, b.header_h), QRectF(b.w - b.pad - bw, top, bw, hh) if bw else None

    def paint(self, p: QPainter, option, widget=None) -> None:
        s, b = self.student, self.box
        if s is None or b is None:
            return
        p.save()
        try:  # jumping about the lesson (scrubbing, chapter keys), most desks show what they showed before
            pictures.paint_item(self, p, self._key, self._paint_desk)
        finally:  # an exception must not leave the painter's state unbalanced
            p.restore()

    def _paint_desk(self, p: QPainter) -> None:
        """The desk's `parts` and its settled cards. Its body first, from a kept picture of its own on the desk's own
        new picture (scene.pictures.paint_part: a desk's body and outline stay while its name tag, badge and cards
        change; #18: a new desk picture at 6 students painted ~0.2 ms of large antialiased shapes)."""
        s, b, th = self.student, self.box, self.theme
        if self.parts & BODY:
            key = ("body", s.state, s.unknown, b.w, b.h, b.radius, b.header_h, th.name, th.font_scale)  # (_paint_body's)
            pictures.paint_part(p, key, self.rect(), self._paint_body)
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
        hh = b.tag_h
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
            px = seat_px(b, th.font_scale)
            font = fitted_font(number, px, room, bold=True, min_px=min(px, NAME_MIN) if px >= NAME_MIN else 6)
            t = p.worldTransform()  # (the device scale: the screen's, a picture's, or a kept picture's)
            if font.pixelSize() * math.hypot(t.m11(), t.m12()) >= SEAT_DIGITS_MIN:  # else specks: left off
                p.setFont(font)
                p.setPen(qcolor(th.color("text") if focus else th.color("text_muted")))
                p.drawText(QRectF(b.pad, 0, room, hh), ALIGN_LEFT, number)
        if self.parts & NAME:
            self._paint_name(p)
        if self.parts & BADGE:
            self._paint_badge(p)

    def _paint_name(self, p: QPainter) -> None:
        s, b, th = self.student, self.box, self.theme
        hh = b.tag_h
        left = self._name_left()  # the word
        p.setFont(self.name_font)
        p.setPen(qcolor(th.color("text_muted") if s.state == "masked" else th.color("text")))
        p.drawText(QRectF(left, 0, b.w - left, hh), ALIGN_LEFT, self.name_text)
        x = left + self._name_w() + 5
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
        bw, px = self._badge_size()
        if bw:
            paint_pill(p, self.box, bw, px, badge_pens(self.theme, self.badge_role), self.badge_text())

    def badge_text(self) -> str:
        """The badge as its pill shows it: ending in "…" where the pill is too narrow (its tooltip has it)."""
        bw, px = self._badge_size()
        return pill_text(self.student.badge, bw, px) if bw else ""
