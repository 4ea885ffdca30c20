"""The classroom's own QGraphicsItems: a desk with its name tag, a strip of numbered cells (card or
notebook), a text block that fits its box, and a small label pill.

Each item repaints only when its content key changes; in between Qt blits the picture it cached in
device pixels (DeviceCoordinateCache), so a frame that only moves or fades things costs a few blits.
Everything an item paints comes from plain attributes set by show-methods, which tests read back
(e.g. StripItem.cell_texts is exactly the list of numbers painted in the cells).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Strip, Student
from ..lesson.numbers import fmt
from . import fonts, palette
from .canvas_layout import DeskBox, StripBox
from .palette import Theme

ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@lru_cache(maxsize=1024)
def qcolor(color: str, alpha: float = 1.0) -> QColor:  # shared: never modify the result
    c = QColor(color)
    if alpha < 1.0:
        c.setAlphaF(max(0.0, alpha))
    return c


SHADOW = QColor(0, 0, 0, 45)
LEVELS = 200  # steps of the diverging map between -scale and +scale
_CELL_RGBA = [bytes(rgb) + b"\xff" for rgb in palette.diverging_rgb(np.linspace(-1.0, 1.0, LEVELS + 1), 1.0).tolist()]
_MASKED_RGBA = bytes(palette.MASKED_CELL) + b"\xff"
_ZEROED_RGBA = bytes((236, 236, 236, 255))
_EMPTY_RGBA = bytes(4)


def cell_image(values, rows: int, cols: int, scale: float, grey: bool, zeroed: list[bool]) -> QImage:
    """A cols x rows image, one pixel per cell, in the diverging colours (drawn scaled up, unsmoothed)."""
    inv = LEVELS / 2 / max(scale, 1e-9)
    half = LEVELS // 2
    if grey:
        px = [_MASKED_RGBA] * len(values)
    else:
        px = [_CELL_RGBA[half + round(max(-half, min(half, v * inv)))] if v == v else _EMPTY_RGBA for v in values]
    for i, z in enumerate(zeroed):
        if z:
            px[i] = _ZEROED_RGBA
    px += [_EMPTY_RGBA] * (rows * cols - len(px))
    data = b"".join(px)
    return QImage(data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888).copy()  # copy: own the pixels


def mix(a: str, b: str, t: float) -> str:  # t = 0 -> a, 1 -> b
    ra, rb = palette.hex_rgb(a), palette.hex_rgb(b)
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(ra, rb))
    return f"#{r:02X}{g:02X}{bl:02X}"


def fitted_font(text: str, px: float, max_w: float, bold: bool = False, min_px: float = 7.0):
    """The UI font at px, shrunk until `text` fits max_w (or min_px is reached)."""
    f = fonts.font(px, bold)
    w = QFontMetricsF(f).horizontalAdvance(text)
    if w > max_w > 0 and px > min_px:
        f = fonts.font(max(min_px, math.floor(px * max_w / w)), bold)
    return f


def elide(text: str, font, max_w: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, max_w))


def rgba_image(rgb: np.ndarray, alpha: np.ndarray | None = None) -> QImage:  # [rows, cols, 3] uint8 -> QImage
    rows, cols = rgb.shape[:2]
    a = np.full((rows, cols, 1), 255, np.uint8) if alpha is None else alpha.reshape(rows, cols, 1).astype(np.uint8)
    buf = np.ascontiguousarray(np.concatenate([rgb, a], axis=2))
    return QImage(buf.data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888).copy()  # copy: own the pixels


class CachedItem(QGraphicsItem):
    """An item painted from its content; repainted only when set_key() sees a different key."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._key = None
        self._bounds = QRectF()
        self._placed = None

    def set_key(self, key, bounds: QRectF) -> bool:
        if key == self._key:
            return False
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(bounds)
        self._key = key
        self.update()
        return True

    def boundingRect(self) -> QRectF:
        return self._bounds

    def place(self, x: float, y: float, opacity: float = 1.0, z: float | None = None) -> None:
        """Position, opacity (0 hides) and stacking, touching Qt only for what changed: a 64-student
        frame places ~320 items, and most of them stay where they were."""
        state = (x, y, opacity, z)
        if state == self._placed:
            return
        self._placed = state
        self.setPos(x, y)
        self.setOpacity(opacity)
        self.setVisible(opacity > 0.001)
        if z is not None:
            self.setZValue(z)

    def hide_item(self) -> None:
        if self._placed is not None:
            self._placed = None
            self.setVisible(False)


class StripItem(CachedItem):
    """A card or notebook: an optional label row, a role-coloured tab, then cells coloured by value.

    Position (setPos) is the top-left of the strip box; `visible` is applied by the owner as opacity
    and a small slide, so fading a card in never repaints it.
    """

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.strip: Strip | None = None
        self.box: StripBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self.scale = 1.0
        self.masked = False
        self.on_board = False             # labels in chalk on the blackboard
        self.cell_texts: list[str] = []   # the numbers painted in the cells, in order ([] when too small)

    def show(self, strip: Strip, box: StripBox, theme: Theme, scale: float, masked: bool = False,
             on_board: bool = False) -> None:
        values = tuple(strip.values)
        key = (strip.role, values, strip.label, strip.raised, tuple(strip.zeroed), box, theme.name, scale, masked,
               on_board)
        if key == self._key:
            return
        self.strip, self.box, self.theme, self.scale, self.masked = strip, box, theme, scale, masked
        self.on_board = on_board
        self.cell_texts = [fmt(v) for v in values] if box.number_px else []
        over = 6.0 if strip.raised else 2.0
        self.set_key(key, QRectF(-over, -over, box.w + 2 * over, box.h + 2 * over + (4 if strip.raised else 0)))

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
        return i if i < len(self.strip.values) else -1

    def tooltip(self, local: QPointF) -> str:
        i = self.cell_at(local)
        if i < 0:
            return self.strip.label if self.strip else ""
        zero = " (ReLU → 0)" if i < len(self.strip.zeroed) and self.strip.zeroed[i] else ""
        return f"{self.strip.label} [{i + 1}] = {fmt(self.strip.values[i])}{zero}"

    def paint(self, p: QPainter, option, widget=None) -> None:
        # Called only when the content changed (otherwise Qt blits the cached picture), but then for
        # every strip of the class at once: kept to a handful of painter calls and no numpy.
        s, b, th = self.strip, self.box, self.theme
        if s is None or b is None:
            return
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
        n = len(s.values)
        zeroed = [bool(z) for z in s.zeroed[:n]] + [False] * max(0, n - len(s.zeroed))
        if n:
            if p.testRenderHint(QPainter.RenderHint.SmoothPixmapTransform):
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # cells stay crisp blocks
            img = cell_image(s.values, b.rows, b.cols, self.scale, grey, zeroed)
            p.drawImage(QRectF(b.tab_w, b.label_h + 1, b.w - b.tab_w - 1, b.rows * b.row_h - 2), img)
            if b.cell_w >= 9:  # below that the separators would be all there is to see
                p.setPen(QPen(qcolor(th.color("cell_border")), 1.0 if b.cell_w >= 16 else 0.6))
                lines = [QLineF(b.tab_w + c * b.cell_w, b.label_h, b.tab_w + c * b.cell_w, b.h)
                         for c in range(1, b.cols)]
                lines += [QLineF(b.tab_w, b.label_h + r * b.row_h, b.w, b.label_h + r * b.row_h) for r in range(1, b.rows)]
                if lines:
                    p.drawLines(lines)
            if self.cell_texts:
                self._paint_numbers(p, zeroed)
            if any(zeroed):
                p.setPen(QPen(qcolor(th.color("zeroed")), max(1.2, min(2.2, b.cell_w * 0.06))))
                crosses = []
                for i in (i for i, z in enumerate(zeroed) if z):
                    r = self.cell_rect(i).adjusted(3, 3, -3, -3)
                    crosses += [QLineF(r.topLeft(), r.bottomRight()), QLineF(r.bottomLeft(), r.topRight())]
                p.drawLines(crosses)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(edge, 3.0 if s.raised else 1.3))
        p.drawRoundedRect(cells.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)

    def _paint_numbers(self, p: QPainter, zeroed: np.ndarray) -> None:
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
            if fm.horizontalAdvance(text) > room:  # e.g. "-12.34": shrink this one number, never clip it
                p.setFont(fitted_font(text, px, room))
                p.drawText(r, ALIGN_CENTER, text)
                p.setFont(base)
            else:
                p.drawText(r, ALIGN_CENTER, text)


class DeskItem(CachedItem):
    """One student's desk: the body, the name tag with the seat number, tags and the badge.

    The strips are child items (so they share the desk's opacity); the owner places them.
    """

    def __init__(self):
        super().__init__()
        self.student: Student | None = None
        self.box: DeskBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self.badge_role = "weight"
        self.strips: list[StripItem] = []
        self.name_font = fonts.font(16, True)  # the font the name is painted in (tests read it)
        self.name_text = ""

    def show(self, s: Student, box: DeskBox, theme: Theme, badge_role: str) -> None:
        self.student, self.box, self.theme, self.badge_role = s, box, theme, badge_role
        key = (s.index, s.text, s.unknown, s.state, s.badge, box, theme.name, badge_role)
        glow = 8.0
        if self.set_key(key, QRectF(-glow, -glow, box.w + 2 * glow, box.h + 2 * glow)):
            self._fit_name()

    def _fit_name(self) -> None:
        s, b, th = self.student, self.box, self.theme
        px = b.name_px * th.font_scale
        room = b.w - self._name_left() - self._tags_width() - b.pad
        self.name_font = fitted_font(s.text, px, room, bold=True, min_px=max(7.0, px * 0.6))
        self.name_text = elide(s.text, self.name_font, room)

    def _name_left(self) -> float:
        b = self.box
        return b.pad + b.header_h * 0.72 + b.pad * 0.8

    def _badge_size(self) -> tuple[float, float]:
        b = self.box
        if not self.student.badge:
            return 0.0, 0.0
        px = b.name_px * 0.82 * self.theme.font_scale
        w = QFontMetricsF(fonts.font(px, True)).horizontalAdvance(self.student.badge) + px * 1.0
        return w, px

    def _tags_width(self) -> float:
        b = self.box
        w = self._badge_size()[0]
        if self.student.unknown:
            w += b.header_h * 0.62 + 4
        return w + (4 if w else 0)

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

    def paint(self, p: QPainter, option, widget=None) -> None:
        s, b, th = self.student, self.box, self.theme
        if s is None or b is None:
            return
        p.save()
        body = QRectF(0, 0, b.w, b.h)
        r = b.radius
        focus, active, masked = s.state == "focus", s.state == "active", s.state == "masked"
        if focus:  # a spotlight behind the asker
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(qcolor(th.color("focus"), 0.55))
            p.drawRoundedRect(body.adjusted(-7, -7, 7, 7), r + 6, r + 6)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(qcolor(th.color("desk_shadow")))
            p.drawRoundedRect(body.translated(0, 3), r, r)
        p.setBrush(qcolor(th.color("masked_desk") if masked else th.color("desk")))
        p.drawRoundedRect(body, r, r)
        # name tag band
        band = th.color("header")
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
            pen.setColor(qcolor(th.color("unknown")) if not (focus or active) else pen.color())
            pen.setWidthF(max(pen.widthF(), 2.2))
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(body.adjusted(0.5, 0.5, -0.5, -0.5), r, r)
        self._paint_tag(p)
        p.restore()

    def _paint_tag(self, p: QPainter) -> None:
        s, b, th = self.student, self.box, self.theme
        hh = b.header_h
        d = hh * 0.72
        seat = QRectF(b.pad, (hh - d) / 2, d, d)
        focus = s.state == "focus"
        p.setPen(QPen(qcolor(th.color("text")), 1.0))
        p.setBrush(qcolor(th.color("text") if focus else "#FFFFFF"))
        p.drawEllipse(seat)
        number = str(s.index + 1)
        p.setFont(fitted_font(number, d * 0.55 * th.font_scale, d * 0.86, bold=True, min_px=6))
        p.setPen(qcolor("#FFFFFF" if focus else th.color("text")))
        p.drawText(seat, ALIGN_CENTER, number)
        # the word
        left = self._name_left()
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
        bw, px = self._badge_size()
        if bw:
            bh = px * 1.5
            pill = QRectF(b.w - b.pad - bw, (hh - bh) / 2, bw, bh)
            p.setPen(QPen(qcolor(th.role(self.badge_role)), 2.0))
            p.setBrush(qcolor(th.color("badge")))
            p.drawRoundedRect(pill, bh / 2, bh / 2)
            p.setPen(qcolor(th.color("text")))
            p.setFont(fonts.font(px, True))
            p.drawText(pill, ALIGN_CENTER, s.badge)


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


class TextBlockItem(CachedItem):
    """Text in a box: wrapped, at the biggest size from max_px down to min_px that fits, elided below that."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.text = ""
        self.font = fonts.font(16)
        self.color = "#000000"
        self.rect = QRectF()
        self.flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        self.background: str | None = None

    def show(self, text: str, rect: QRectF, max_px: float, min_px: float, color: str, *, bold: bool = False,
             align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, wrap: bool = True) -> None:
        flags = int(align | (Qt.TextFlag.TextWordWrap if wrap else 0))
        key = (text, rect.x(), rect.y(), rect.width(), rect.height(), max_px, min_px, color, bold, flags)
        if key == self._key:
            return
        self.color, self.rect, self.flags = color, QRectF(rect), flags
        self.font, self.text = self._fit(text, rect, max_px, min_px, bold, flags)
        self.set_key(key, QRectF(rect).adjusted(-2, -2, 2, 2))

    @staticmethod
    def _fit(text: str, rect: QRectF, max_px: float, min_px: float, bold: bool, flags: int):
        px = max_px
        while True:
            f = fonts.font(px, bold)
            used = QFontMetricsF(f).boundingRect(QRectF(0, 0, rect.width(), 1e6), flags, text)
            if (used.height() <= rect.height() and used.width() <= rect.width() + 0.5) or px <= min_px:
                break
            px = max(min_px, px - max(1.0, px * 0.08))
        if used.height() > rect.height():  # even the smallest size overflows: cut words and end with "…"
            words = text.split(" ") if " " in text else list(text)
            joiner = " " if " " in text else ""
            lo, hi = 0, len(words)
            fm = QFontMetricsF(f)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                trial = joiner.join(words[:mid]) + "…"
                if fm.boundingRect(QRectF(0, 0, rect.width(), 1e6), flags, trial).height() <= rect.height():
                    lo = mid
                else:
                    hi = mid - 1
            text = joiner.join(words[:lo]) + "…"
        return f, text

    def paint(self, p: QPainter, option, widget=None) -> None:
        if not self.text:
            return
        p.setFont(self.font)
        p.setPen(qcolor(self.color))
        p.drawText(self.rect, self.flags, self.text)


class PillItem(CachedItem):
    """A small rounded label (link labels): centred on its position."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.text = ""
        self.font = fonts.font(14, True)
        self._style = ("#000000", "#FFFFFF", "#000000")

    def show(self, text: str, px: float, border: str, fill: str, color: str) -> None:
        key = (text, px, border, fill, color)
        if key == self._key:
            return
        self.text, self.font, self._style = text, fonts.font(px, True), (border, fill, color)
        w = QFontMetricsF(self.font).horizontalAdvance(text) + px * 0.9
        h = px * 1.45
        self._pill = QRectF(-w / 2, -h / 2, w, h)
        self.set_key(key, self._pill.adjusted(-2, -2, 2, 2))

    def paint(self, p: QPainter, option, widget=None) -> None:
        border, fill, color = self._style
        p.setPen(QPen(qcolor(border), 2.0))
        p.setBrush(QBrush(qcolor(fill)))
        r = self._pill.height() / 2
        p.drawRoundedRect(self._pill, r, r)
        p.setPen(qcolor(color))
        p.setFont(self.font)
        p.drawText(self._pill, ALIGN_CENTER, self.text)


class PanelItem(CachedItem):
    """A rounded panel (blackboard, caption band)."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self._style = ("#FFFFFF", "#000000", 1.0, 12.0)
        self.rect = QRectF()

    def show(self, rect: QRectF, fill: str, border: str, width: float, radius: float) -> None:
        self.rect, self._style = QRectF(rect), (fill, border, width, radius)
        self.set_key((rect.x(), rect.y(), rect.width(), rect.height(), fill, border, width, radius),
                     QRectF(rect).adjusted(-width, -width, width, width + 4))

    def paint(self, p: QPainter, option, widget=None) -> None:
        fill, border, width, radius = self._style
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 28))
        p.drawRoundedRect(self.rect.translated(0, 3), radius, radius)
        p.setPen(QPen(qcolor(border), width) if width else Qt.PenStyle.NoPen)
        p.setBrush(qcolor(fill))
        p.drawRoundedRect(self.rect, radius, radius)
