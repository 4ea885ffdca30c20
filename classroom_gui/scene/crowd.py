"""CrowdItem draws a very big class (hundreds of tiny desks) as ONE item instead of one DeskItem each.

At 1024 students a desk is ~19 x 15 px: only its body, name-tag band, outline and seat number show (no
strips fit). Qt blitting 1024 cached pictures costs ~25 ms a frame and refilling 1024 items ~20 ms, so
here the desks' colour blocks are one numpy-built image (rebuilt only when a desk's state, opacity or
the geometry changes), and the seat numbers a second image painted once per geometry and opacities.
Desks that stand out (the asker, active, unknown word, a badge) are still drawn by real DeskItems.
"""
from __future__ import annotations

import math
from operator import attrgetter, itemgetter

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Student
from . import fonts, palette
from .items import ALIGN_LEFT, ARGB32, CachedItem, qcolor
from .layout import SEAT_DIGITS_MIN, DeskBox
from .palette import Theme
from .text_width import widths

CROWD_FROM = 256  # more desks than this, and none has room for strips: one CrowdItem


_X, _Y, _STATE = attrgetter("x"), attrgetter("y"), attrgetter("state")


def _distinct(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(a's distinct values in order of first appearance, where each first appears, and for each element the
    number of its value in that order) without np.unique (its first call imports numpy.ma: see link_routes)."""
    order = np.argsort(a, kind="stable")
    s = a[order]
    new = np.concatenate(([True], s[1:] != s[:-1])) if len(s) else np.zeros(0, bool)
    group = np.cumsum(new) - 1                     # sorted position -> its value's number, ascending
    firsts = order[new]                            # each value's first element (stable: the earliest)
    rank = np.empty(len(firsts), np.int64)
    rank[np.argsort(firsts, kind="stable")] = np.arange(len(firsts))  # ascending number -> order of appearance
    which = np.empty(len(a), np.int64)
    which[order] = rank[group]
    return a[np.sort(firsts)], np.sort(firsts), which


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

    def set_students(self, students: list[Student], box: DeskBox | None, theme: Theme, hidden: set[int] = frozenset()) -> None:
        """Draw these desks, except those whose index is in `hidden` (drawn by DeskItems instead)."""
        self.students, self.box, self.theme = students, box, theme
        if not students:
            self.setVisible(False)
            return
        # one pass over the desks (all of one size here): where each is and how it looks
        xs = [s.x for s in students]
        ys = [s.y for s in students]
        looks = [(s.index, s.state, 0.0 if s.index in hidden else s.opacity) for s in students]
        w, h = students[0].w, students[0].h
        self._origin = (math.floor(min(xs)) - 2, math.floor(min(ys)) - 2)
        bounds = QRectF(self._origin[0], self._origin[1], math.ceil(max(xs) + w) - self._origin[0] + 4,
                        math.ceil(max(ys) + h) - self._origin[1] + 6)
        geometry = (xs, ys, w, h)
        self._numbers_want = (geometry, [(i, a) for i, _, a in looks], box, theme.name, theme.font_scale)
        self.set_key((geometry, looks, box, theme.name, theme.font_scale), bounds)
        self.setVisible(True)

    def student_at(self, x: float, y: float) -> Student | None:
        for s, (_, a) in zip(self.students, self._numbers_want[1]):
            if a <= 0.001:
                continue
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
            self._numbers = self._faded_numbers(rect, scale)
            self._numbers_key = nkey
        p.drawImage(rect, self._blocks)
        p.drawImage(rect, self._numbers)

    def _build_blocks(self, rect: QRectF, scale: float) -> QImage:
        """Every desk is one of a few premultiplied pixel blocks (by state), copied to its place."""
        th, b = self.theme, self.box
        w, h = max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale))
        ox, oy = self._origin
        dw, dh = max(1, round(b.w * scale)), max(1, round(b.h * scale))
        drop = max(1, round(3 * scale))
        bw = max(1, round(1.4 * scale * 0.7))
        band_h = max(1, round(b.header_h * scale))
        shadow, border = _rgba(th.color("desk_shadow")), _rgba(th.color("desk_border"))
        looks = {"masked": (_rgba(th.color("masked_desk")), _rgba(th.color("masked")))}
        normal = (_rgba(th.color("desk")), _rgba(th.color("header")))
        templates: dict[tuple, np.ndarray] = {}

        def template(state: str, a: float) -> np.ndarray:
            key = (state if state in looks else "", a)
            t = templates.get(key)
            if t is None:
                body, band = looks.get(state, normal)
                t = np.zeros((dh + drop, dw, 4), np.float32)
                t[drop:, 1:dw - 1] = shadow
                t[:dh] = border
                t[bw:dh - bw, bw:dw - bw] = body
                t[bw:min(dh - bw, band_h), bw:dw - bw] = band
                t[:dh, :, 3] = 255
                t[..., :3] *= t[..., 3:4] / 255.0  # premultiply
                t = np.rint(t * a).astype(np.uint8)[..., ARGB32]  # (ARGB32's byte order: drawn unconverted)
                t = np.ascontiguousarray(t).view(np.uint32)[..., 0]  # [th, tw]
                templates[key] = t
            return t

        # each desk's template (state and opacity), then one 4-byte-pixel slice copy a desk into a picture padded
        # by a desk on the right and below, so that no copy needs cutting (the picture is a view of it); the
        # loop does nothing else (~1 us a desk: 1,024 desks cost ~6 ms when it also looked templates up)
        # (per desk only C loops: each distinct opacity is rounded once, as Python's round() rounds it, and a
        # desk's template is found from its state and opacity as one number each)
        n = len(self.students)
        raw = np.fromiter(map(itemgetter(1), self._numbers_want[1]), np.float64, n)
        shades = sorted(set(raw.tolist()))
        rounded = np.array([round(max(0.0, min(1.0, a)), 3) for a in shades], np.float64)
        alphas = rounded[np.searchsorted(np.array(shades, np.float64), raw)] if n else raw
        xs = np.rint((np.fromiter(map(_X, self.students), np.float64, n) - ox) * scale).astype(np.int64)
        ys = np.rint((np.fromiter(map(_Y, self.students), np.float64, n) - oy) * scale).astype(np.int64)
        masked = np.fromiter(map("masked".__eq__, map(_STATE, self.students)), bool, n)
        ids: dict[tuple, int] = {}
        pairs = (masked.astype(np.float64) * 2.0 + 1.0) * 10.0 + alphas  # (state, opacity) as one number
        _, first, which = _distinct(pairs)
        for k in first.tolist():
            ids[("masked" if masked[k] else "", float(alphas[k]))] = len(ids)
        tiles = [template(state, a) for state, a in ids]
        drawn = np.flatnonzero((alphas > 0.001) & (xs >= 0) & (ys >= 0))
        th_, tw_ = dh + drop, dw
        pad = np.zeros((h + th_, w + tw_), np.uint32)
        for t, x0, y0 in zip(which[drawn].tolist(), xs[drawn].tolist(), ys[drawn].tolist()):
            pad[y0:y0 + th_, x0:x0 + tw_] = tiles[t]
        out = QImage(pad.data, w, h, (w + tw_) * 4, QImage.Format.Format_ARGB32_Premultiplied)
        out.buffer = pad  # the picture is the array's bytes (its rows tw_ pixels apart): kept alive with it
        return out

    def _faded_numbers(self, rect: QRectF, scale: float) -> QImage:
        """The seat numbers, each as faded as its desk. Drawing 1024 numbers costs ~20 ms, and a fading class
        (the mask chapter, students sitting down) changes every desk's opacity every frame; so the numbers
        are drawn once per seating at full strength, with a map of which desk owns each pixel, and faded
        here by scaling each pixel (premultiplied) by its desk's opacity."""
        geometry, looks, *rest = self._numbers_want
        key = (geometry, [i for i, _ in looks], rest, scale)
        if key != getattr(self, "_plain_key", None):
            pixels, owner = self._draw_numbers(rect, scale)
            inked = np.flatnonzero(pixels.view(np.uint32).reshape(-1))  # the few pixels the numbers cover
            self._plain = (pixels.shape, inked, pixels.reshape(-1, 4)[inked], owner.reshape(-1)[inked])
            self._plain_key = key
        (h, w, _), inked, ink, owner = self._plain
        alpha = np.append(np.clip(np.fromiter(map(itemgetter(1), looks), np.float64, len(looks)), 0.0, 1.0),
                          0.0).astype(np.float32)  # last: no desk
        faded = np.zeros((h * w, 4), np.uint8)
        faded[inked] = ink * alpha[owner][:, None]
        return QImage(faded.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()

    def _draw_numbers(self, rect: QRectF, scale: float) -> tuple[np.ndarray, np.ndarray]:
        """[h, w, 4] premultiplied pixels of every seat number at full strength, and [h, w] the index of the
        desk each pixel belongs to (len(students) where none does)."""
        th, b = self.theme, self.box
        w, h = max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale))
        img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        try:
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            p.scale(scale, scale)
            p.translate(-self._origin[0], -self._origin[1])
            # the longest seat number ("1024") fits the desk: the font shrinks for it, down to 6 px
            px = b.name_px * 0.9 * th.font_scale
            longest = str(max(s.index for s in self.students) + 1)
            room = max(1.0, b.w - b.pad - 1)  # to the desk's right edge (drawText clips to its rectangle)
            wide = widths(px, True).horizontalAdvance(longest)
            if wide > room:
                px = max(6.0, px * room / wide)
            p.setFont(fonts.font(px, True))
            p.setPen(qcolor(th.color("text_muted")))
            hh = min(b.header_h, b.h)
            for s in self.students if px * scale >= SEAT_DIGITS_MIN else ():  # too small to read: none
                p.drawText(QRectF(s.x + b.pad, s.y, room, hh), ALIGN_LEFT, str(s.index + 1))
        finally:
            p.end()
        pixels = np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())[:, : w * 4]
        owner = np.full((h, w), len(self.students), np.int32)
        ox, oy = self._origin
        reach_w = max(1, math.ceil((b.w + 4) * scale))  # a 6 px number may still run a little past its desk
        reach_h = max(1, math.ceil((b.h + 2) * scale))
        for i, s in enumerate(self.students):  # left to right: a neighbour's own pixels end up its own
            x0, y0 = max(0, round((s.x - ox) * scale)), max(0, round((s.y - oy) * scale))
            owner[y0:y0 + reach_h, x0:x0 + reach_w] = i
        return pixels.reshape(h, w, 4).copy(), owner
