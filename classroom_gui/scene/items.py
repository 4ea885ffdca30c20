"""The canvas's basic items and drawing helpers: the cached item every other item builds on, a text
block that fits its box, a label pill, a panel, colours and fonts. Desks and strips are in scene.desk, the
title row's legend in scene.legend.

Each item repaints only when its content key changes; in between Qt blits the picture it cached in
device pixels (DeviceCoordinateCache), so a frame that only moves or fades things costs a few blits.
Everything an item paints comes from plain attributes set by show-methods, which tests read back.
"""
from __future__ import annotations

import hashlib
import math
import sys
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from . import fonts, palette, pictures
from .paint_guard import guarded
from .text_width import widths

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
LEVELS = 200  # steps of the diverging map between -scale and +scale (strips of up to WIDE numbers)
WIDE = 64     # wider strips (GPT-2's 768 or 3072) get their exact colour, as they always have
_CELL_RGBA = np.concatenate([palette.diverging_rgb(np.linspace(-1.0, 1.0, LEVELS + 1), 1.0),
                             np.full((LEVELS + 1, 1), 255, np.uint8)], axis=1)  # [LEVELS + 1, 4]: the table
_MASKED_RGBA = np.array(palette.MASKED_CELL + (255,), np.uint8)
_ZEROED_RGBA = np.array((236, 236, 236, 255), np.uint8)
_CELL_BYTES = [bytes(rgba) for rgba in _CELL_RGBA.tolist()]  # (small_rgba's table)
_ZEROED_BYTES = bytes(_ZEROED_RGBA.tolist())
_CLEAR = bytes(4)
# RGBA bytes -> the bytes of a QImage.Format_ARGB32_Premultiplied pixel (a 32-bit 0xAARRGGBB: B, G, R, A in memory
# on a little-endian machine): the raster engine's own format, which it blends without converting. The same
# premultiplied numbers as an RGBA8888_Premultiplied picture in another byte order, so the same pixels on the
# canvas; drawn ~4-6x faster (#18: a canvas-sized RGBA picture cost ~1 ms of every frame at 64 students:
# scene.class_cards, scene.crowd)
ARGB32 = [2, 1, 0, 3] if sys.byteorder == "little" else [3, 0, 1, 2]
CELL_IMAGES = 4096  # cached strip pictures (a few KB each): every strip of a 1,024-student GPT-2 class


def as_list(values) -> list[float]:
    """A Strip's values (a NumPy row of the trace, or a list) as a list of Python floats."""
    return values.tolist() if isinstance(values, np.ndarray) else values


def cell_rgba(values, rows: int, cols: int, scale: float, grey: bool, zeroed) -> np.ndarray:
    """[rows * cols, 4] uint8 RGBA, one pixel per cell: a strip of up to WIDE numbers in the LEVELS-step table, a
    wider one in its exact colour; NaN (the "…" cell) transparent, a masked student's cells grey, ReLU's zeroed
    cells light grey, the rest of the last row transparent. A short strip's colours are looked up in Python
    (small_rgba), a wide one's in NumPy, never walked in Python."""
    if not grey and (values.size if isinstance(values, np.ndarray) else len(values)) <= WIDE:
        return small_rgba(values, rows, cols, scale, zeroed)
    return numpy_rgba(values, rows, cols, scale, grey, zeroed)


def small_rgba(values, rows: int, cols: int, scale: float, zeroed) -> np.ndarray:
    """numpy_rgba of a short strip not greyed, in a loop: its ~15 NumPy calls on a card's 8 or 24 numbers took
    ~15-40 us of every new card (#18: ~24 new cards in a 6-student cold jump), the loop ~5. The same bytes: the
    same float product, clipped, rounded half to even (Python's round is np.rint)."""
    xs = np.asarray(values, dtype=np.float64).ravel().tolist()
    k, half = LEVELS / 2 / max(scale, 1e-9), LEVELS // 2
    table = _CELL_BYTES
    # (NaN, the "…" cell, stays transparent: x == x is False); one join of the cells' 4 bytes each
    cells = [table[round(min(max(x * k, -half), half)) + half] if x == x else _CLEAR for x in xs]
    z = np.asarray(zeroed, bool).ravel()[: len(xs)]
    if z.any():
        for i in np.flatnonzero(z).tolist():
            cells[i] = _ZEROED_BYTES
    cells.append(bytes(4 * (rows * cols - len(xs))))
    return np.frombuffer(bytearray(b"".join(cells)), np.uint8).reshape(rows * cols, 4)


def numpy_rgba(values, rows: int, cols: int, scale: float, grey: bool, zeroed) -> np.ndarray:
    """cell_rgba in NumPy, whatever the strip's width."""
    v = np.asarray(values, dtype=np.float64).ravel()
    n = v.size
    rgba = np.zeros((rows * cols, 4), np.uint8)
    nan = np.isnan(v)
    if grey:
        rgba[:n] = _MASKED_RGBA
    elif n > WIDE:
        rgba[:n, :3] = palette.diverging_rgb(v, scale)
        rgba[:n, 3] = np.where(nan, 0, 255)
    else:
        half = LEVELS // 2
        with np.errstate(invalid="ignore"):
            steps = np.rint(np.clip(v * (LEVELS / 2 / max(scale, 1e-9)), -half, half))  # rint: Python's round
        rgba[:n] = _CELL_RGBA[np.where(nan, 0, steps + half).astype(np.intp)]
        rgba[:n][nan] = 0
    z = np.asarray(zeroed, bool).ravel()[:n]
    rgba[: z.size][z] = _ZEROED_RGBA
    return rgba


def cell_image(values, rows: int, cols: int, scale: float, grey: bool, zeroed) -> QImage:
    """A cols x rows image, one pixel per cell, in the diverging colours (drawn scaled up, unsmoothed).

    Kept by what it shows (the numbers' bytes, grid, scale, grey, zeroed), so a desk repainted with numbers it
    showed before (scrubbing back, a chapter key) blits the picture instead of colouring the cells again."""
    v = np.asarray(values, dtype=np.float64)
    z = np.asarray(zeroed, bool)
    key = (digest(v), rows, cols, float(scale), bool(grey), z.tobytes())
    img = _CELL_CACHE.pop(key, None)
    if img is None:
        rgba = cell_rgba(v, rows, cols, scale, grey, z)
        img = QImage(rgba.data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888).copy()  # copy: own the pixels
        if len(_CELL_CACHE) >= CELL_IMAGES:
            del _CELL_CACHE[next(iter(_CELL_CACHE))]  # the least recently used
    _CELL_CACHE[key] = img  # (re)inserted last: dicts keep insertion order
    return img


_CELL_CACHE: dict[tuple, QImage] = {}


def digest(a: np.ndarray) -> bytes:  # 16 bytes naming an array's numbers: a key that stays small for 3,072
    return hashlib.blake2b(np.ascontiguousarray(a).data, digest_size=16).digest()


def mix(a: str, b: str, t: float) -> str:  # t = 0 -> a, 1 -> b
    ra, rb = palette.hex_rgb(a), palette.hex_rgb(b)
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(ra, rb))
    return f"#{r:02X}{g:02X}{bl:02X}"


@lru_cache(maxsize=4096)
def fitted_font(text: str, px: float, max_w: float, bold: bool = False, min_px: float = 7.0):
    """The UI font at px, shrunk until `text` fits max_w (or min_px is reached). Kept: a big class asks for
    the same seat numbers and names at every repaint (shared, like fonts.font: never modify the result)."""
    f = fonts.font(px, bold)
    w = widths(px, bold).horizontalAdvance(text)
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


class CachedItem(QGraphicsRectItem):
    """An item painted from its content; repainted only when set_key() sees a different key.

    A QGraphicsRectItem underneath only so that boundingRect() is answered in C++: Qt asks it several
    times per item per frame, ~1,300 calls into Python a frame at 64 students otherwise.

    `blits`: the item paints all of its content from kept pictures (scene.pictures.paint_item), so it has no Qt
    item cache (NoCache): its kept picture is drawn straight onto the painter's device. With Qt's cache a new
    moment copied each changed item's kept picture into a cleared cache picture of Qt's and blitted that again
    (#18: every item of a 6-student class changes on a jump). Items that paint marks in place over a kept
    picture (a hatch anchored to the device) keep Qt's cache, which is what those marks are anchored to.
    """

    blits = False
    blitted = None  # (key, where, (picture, x, y)): what a blitting item drew last (scene.pictures.paint_item)

    def __init_subclass__(cls, **kwargs):
        """Every paint() a subclass defines is guarded: an exception there is logged, never the window's end."""
        super().__init_subclass__(**kwargs)
        paint = cls.__dict__.get("paint")
        if paint is not None and not getattr(paint, "guarded", False):
            cls.paint = guarded(paint)

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.setPen(Qt.PenStyle.NoPen)  # the bounding rect is then exactly rect()
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache if self.blits
                          else QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._key = None
        self._placed = None

    def set_key(self, key, bounds: QRectF) -> bool:
        if key == self._key:
            return False
        if bounds != self.rect():
            self.setRect(bounds)
        self._key = key
        self.blitted = None  # (its last picture stays kept by name in QPixmapCache, which may let it go)
        self.update()
        return True

    def place(self, x: float, y: float, opacity: float = 1.0, z: float | None = None) -> None:
        """Position, opacity (0 hides) and stacking, touching Qt only for what changed: a 64-student
        frame places ~320 items, and most of them stay where they were."""
        state = (x, y, opacity, z)
        if state == self._placed:
            return
        self._placed = state
        move_cached(self, x, y)
        self.setOpacity(opacity)
        self.setVisible(opacity > 0.001)
        if z is not None:
            self.setZValue(z)

    def clear(self) -> None:
        if self._placed is not None:
            self._placed = None
            self.setVisible(False)

    def setVisible(self, visible: bool) -> None:
        """Shown or hidden; hidden, it lets its last picture go (the one place a hidden blitting item's is
        cleared, whoever hides it: place, clear, the board's lines; a bigger class's desks stay on as hidden
        items, which would hold a picture each). A new content lets it go in set_key."""
        super().setVisible(visible)
        if not visible:
            self.blitted = None


def move_cached(item: QGraphicsItem, x: float, y: float) -> None:
    """The item at (x, y); one kept in Qt's device cache (DeviceCoordinateCache) and moved is painted anew there:
    Qt blits its cached picture at the new place rounded to whole device pixels, drawn at the old place's fraction
    of a pixel, so a link's label (whole canvas pixels, a fraction of a device pixel at 1024 x 768) came out 1 px
    off where it had been somewhere else before: a grab of one moment differed with the moments shown before it
    (fix80: 23 of 90 moments at 128 GPT-2 students, jumped to in another order)."""
    if item.pos().x() == x and item.pos().y() == y:
        return
    item.setPos(x, y)
    if item.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache:
        item.update()


class TextBlockItem(CachedItem):
    """Text in a box: wrapped, at the biggest size from max_px down to min_px that fits, elided below that."""

    blits = True

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.text = ""
        self.font = fonts.font(16)
        self.color = "#000000"
        self.area = QRectF()
        self.flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        self.background: str | None = None

    def set_text(self, text: str, rect: QRectF, max_px: float, min_px: float, color: str, *, bold: bool = False,
             align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, wrap: bool = True) -> None:
        flags = int(align | (Qt.TextFlag.TextWordWrap if wrap else 0))
        key = (text, rect.x(), rect.y(), rect.width(), rect.height(), max_px, min_px, color, bold, flags)
        if key == self._key:
            return
        self.color, self.area, self.flags = color, QRectF(rect), flags
        self.font, self.text = _fit_text(text, rect.width(), rect.height(), max_px, min_px, bold, flags)
        self.set_key(key, QRectF(rect).adjusted(-2, -2, 2, 2))

    def words(self) -> list[QRectF]:
        """Where its words are while visible (its box may be far wider or taller): what a label or a card keeps off."""
        if not self.isVisible() or not self.text:
            return []
        return [QFontMetricsF(self.font).boundingRect(self.area, self.flags, self.text)]

    def paint(self, p: QPainter, option, widget=None) -> None:
        if not self.text:
            return
        pictures.paint_item(self, p, self._key, self._paint_text)

    def _paint_text(self, p: QPainter) -> None:
        p.setFont(self.font)
        p.setPen(qcolor(self.color))
        p.drawText(self.area, self.flags, self.text)


@lru_cache(maxsize=1024)
def _fit_text(text: str, width: float, height: float, max_px: float, min_px: float, bold: bool, flags: int):
    """(font, text) for TextBlockItem: the biggest size that fits, the text cut with "…" below min_px. Kept:
    jumping back to a step measures its title and narration again otherwise (a dozen layouts each)."""
    rect = QRectF(0, 0, width, height)
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


class PillItem(CachedItem):
    """A small rounded label (link labels): centred on its position."""

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.text = ""
        self.font = fonts.font(14, True)
        self._style = ("#000000", "#FFFFFF", "#000000")

    def set_label(self, text: str, px: float, border: str, fill: str, color: str) -> None:
        key = (text, px, border, fill, color)
        if key == self._key:
            return
        self.text, self.font, self._style = text, fonts.font(px, True), (border, fill, color)
        w = widths(px, True).horizontalAdvance(text) + px * 0.9
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
        self.area = QRectF()

    def set_panel(self, rect: QRectF, fill: str, border: str, width: float, radius: float) -> None:
        self.area, self._style = QRectF(rect), (fill, border, width, radius)
        self.set_key((rect.x(), rect.y(), rect.width(), rect.height(), fill, border, width, radius),
                     QRectF(rect).adjusted(-width, -width, width, width + 4))

    def paint(self, p: QPainter, option, widget=None) -> None:
        fill, border, width, radius = self._style
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 28))
        p.drawRoundedRect(self.area.translated(0, 3), radius, radius)
        p.setPen(QPen(qcolor(border), width) if width else Qt.PenStyle.NoPen)
        p.setBrush(qcolor(fill))
        p.drawRoundedRect(self.area, radius, radius)
