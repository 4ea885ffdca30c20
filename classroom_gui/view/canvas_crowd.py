"""CrowdItem draws a very big class (hundreds of tiny desks) as ONE item instead of one DeskItem each.

At 1024 students a desk is ~19 x 15 px: only its body, name-tag band, outline and seat number show (no
strips fit). Qt blitting 1024 cached pictures costs ~25 ms a frame and refilling 1024 items ~20 ms, so
here the desks' colour blocks are one numpy-built image (rebuilt only when a desk's state, opacity or
the geometry changes), and the seat numbers a second image painted once per geometry and opacities.
Desks that stand out (the asker, active, unknown word, a badge) are still drawn by real DeskItems.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Student
from . import fonts, palette
from .canvas_items import ALIGN_LEFT, CachedItem, qcolor
from .canvas_layout import DeskBox
from .palette import Theme

CROWD_FROM = 256  # more desks than this, and none has room for strips: one CrowdItem


def _rgba(color: str) -> np.ndarray:
    r, g, b = palette.hex_rgb(color)
    return np.array([r, g, b, 255], np.uint8)


class CrowdItem(CachedItem):
    """All the plain desks of a big class; students[i] is drawn at its Frame rectangle."""

    def __init__(self):
        super().__init__()
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # it caches its own two images
        self.students: list[Student] = []
        self.box: DeskBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self._blocks: QImage | None = None
        self._blocks_key = None
        self._numbers: QImage | None = None
        self._numbers_key = None
        self._origin = (0.0, 0.0)
        self._numbers_want = None

    def show(self, students: list[Student], box: DeskBox, theme: Theme) -> None:
        self.students, self.box, self.theme = students, box, theme
        if not students:
            self.setVisible(False)
            return
        # one pass over the desks (all of one size here): where each is and how it looks
        xs = [s.x for s in students]
        ys = [s.y for s in students]
        looks = [(s.index, s.state, s.opacity) for s in students]
        w, h = students[0].w, students[0].h
        self._origin = (math.floor(min(xs)) - 2, math.floor(min(ys)) - 2)
        bounds = QRectF(self._origin[0], self._origin[1], math.ceil(max(xs) + w) - self._origin[0] + 4,
                        math.ceil(max(ys) + h) - self._origin[1] + 6)
        geometry = (xs, ys, w, h)
        self._numbers_want = (geometry, [(i, a) for i, _, a in looks], box, theme.name, theme.font_scale)
        self.set_key((geometry, looks, box, theme.name, theme.font_scale), bounds)
        self.setVisible(True)

    def student_at(self, x: float, y: float) -> Student | None:
        for s in self.students:
            if s.x <= x < s.x + s.w and s.y <= y < s.y + s.h:
                return s
        return None

    # --- painting --------------------------------------------------------------------------------------
    def paint(self, p: QPainter, option, widget=None) -> None:
        if not self.students or self.box is None:
            return
        t = p.worldTransform()
        scale = round(max(0.25, min(8.0, math.hypot(t.m11(), t.m12()))), 3)
        rect = self.rect()
        key = (self._key, scale)
        if key != self._blocks_key:
            self._blocks = self._build_blocks(rect, scale)
            self._blocks_key = key
        nkey = (self._numbers_want, scale)
        if nkey != self._numbers_key:
            self._numbers = self._build_numbers(rect, scale)
            self._numbers_key = nkey
        p.drawImage(rect, self._blocks)
        p.drawImage(rect, self._numbers)

    def _pixel_rects(self, scale: float) -> np.ndarray:
        ox, oy = self._origin
        xy = np.array([(s.x - ox, s.y - oy, s.x + s.w - ox, s.y + s.h - oy) for s in self.students], np.float64)
        return np.rint(xy * scale).astype(np.int64)

    def _build_blocks(self, rect: QRectF, scale: float) -> QImage:
        th, b = self.theme, self.box
        w, h = max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale))
        img = np.zeros((h, w, 4), np.uint8)  # RGBA, premultiplied below
        rects = self._pixel_rects(scale)
        shadow = _rgba(th.color("desk_shadow"))
        border = _rgba(th.color("desk_border"))
        colours = {
            "masked": (_rgba(th.color("masked_desk")), _rgba(th.color("masked"))),
        }
        normal = (_rgba(th.color("desk")), _rgba(th.color("header")))
        bw = max(1, round(1.4 * scale * 0.7))
        band_h = max(1, round(b.header_h * scale))
        drop = max(1, round(3 * scale))
        for s, (x0, y0, x1, y1) in zip(self.students, rects.tolist()):
            a = max(0.0, min(1.0, s.opacity))
            if a <= 0.001 or x1 <= x0 or y1 <= y0:
                continue
            body, band = colours.get(s.state, normal)
            alpha = round(a * 255)
            img[y0 + drop:y1 + drop, x0 + 1:x1 - 1] = shadow[None, None, :] * [1, 1, 1, a]
            img[y0:y1, x0:x1] = border
            img[y0 + bw:y1 - bw, x0 + bw:x1 - bw] = body
            img[y0 + bw:min(y1 - bw, y0 + band_h), x0 + bw:x1 - bw] = band
            if alpha < 255:
                img[y0:y1, x0:x1, 3] = alpha
        # premultiply for ARGB32_Premultiplied via RGBA8888_Premultiplied
        a = img[..., 3:4].astype(np.uint16)
        img[..., :3] = (img[..., :3].astype(np.uint16) * a // 255).astype(np.uint8)
        out = QImage(img.data, w, h, w * 4, QImage.Format.Format_RGBA8888_Premultiplied).copy()
        return out

    def _build_numbers(self, rect: QRectF, scale: float) -> QImage:
        th, b = self.theme, self.box
        w, h = max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale))
        img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        try:
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.scale(scale, scale)
            p.translate(-self._origin[0], -self._origin[1])
            p.setFont(fonts.font(b.name_px * 0.9 * th.font_scale, True))
            p.setPen(qcolor(th.color("text_muted")))
            hh = min(b.header_h, b.h)
            for s in self.students:
                a = max(0.0, min(1.0, s.opacity))
                if a <= 0.001:
                    continue
                p.setOpacity(a)
                p.drawText(QRectF(s.x + b.pad, s.y, b.name_px * 1.4, hh), ALIGN_LEFT, str(s.index + 1))
        finally:
            p.end()
        return img
