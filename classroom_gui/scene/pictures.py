"""Pictures of items kept by what they show: an item whose content comes back (scrubbing back, a chapter key,
playing a beat again) is blitted from here instead of being painted again.

Qt's DeviceCoordinateCache keeps one picture per item, the last one; this keeps every recent one, in
QPixmapCache (bounded by its cost limit, set by scene.classroom), named after the item's content key and
the device scale, and drawn 1:1 in device pixels: painted at the same fraction of a pixel as the item would be, so the
picture is the one painting directly gives.
"""
from __future__ import annotations

import itertools
import math
from typing import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPaintEngine, QPainter, QPixmap, QPixmapCache, QTransform
from PySide6.QtWidgets import QGraphicsItem

MAX_PIXELS = 1 << 20  # a bigger picture (a desk at 4K and more) is painted directly, not kept; but an item's only
# picture (paint_item's `only`: a blitting item, no Qt item cache) is kept whatever its size, as Qt's cache kept it
# QPixmapCache's budget follows the pixels drawn. One canvas's pictures (Qt's item caches and the kept pictures
# of this file) measured ~6.6 bytes per device pixel (a 796 x 685 canvas: 3.6 MB); a budget of FRAMES_KEPT
# canvases keeps the recent moments of a lesson for jumping back. A fixed 256 MB made a small window keep ~70
# canvases of old moments: the soak's memory grew by the cache's filling for thousands of actions.
BYTES_PER_PIXEL = 8
FRAMES_KEPT = 8
MIN_KB, MAX_KB = 32 * 1024, 256 * 1024  # 32 MB: one 1080p canvas with room; 256 MB: 4K, where it stops


def name_of(key) -> str:
    """A short name for a hashable content key: the same name while the key is remembered (the NAMES most
    recent), so a picture is found again when its content comes back."""
    name = _NAMES.pop(key, None)
    if name is None:
        name = f"picture{next(_COUNTER)}"
        if len(_NAMES) >= NAMES:
            del _NAMES[next(iter(_NAMES))]  # the least recently used
    _NAMES[key] = name  # (re)inserted last: dicts keep insertion order
    return name


NAMES = 16384  # content keys remembered (more than QPixmapCache will hold pictures for, at 1080p)
_NAMES: dict = {}
_COUNTER = itertools.count()


def budget_kb(width: float, height: float, frames: int = FRAMES_KEPT) -> int:
    """QPixmapCache's limit in KB for `frames` canvases of width x height device pixels, within MIN_KB..MAX_KB."""
    return int(min(MAX_KB, max(MIN_KB, frames * BYTES_PER_PIXEL * max(0.0, width) * max(0.0, height) / 1024)))


def fit_cache(width: float, height: float) -> None:
    """The window's canvas is width x height device pixels: keep pictures of FRAMES_KEPT such canvases (a
    smaller canvas gives the rest back at once: QPixmapCache drops its least recently used pictures)."""
    QPixmapCache.setCacheLimit(budget_kb(width, height))


def make_room(width: float, height: float) -> None:
    """A picture of width x height is being rendered (an export): room for two of them, so the frames of a
    deck or video blit what the previous frame painted. Only raises; the canvas's next fit_cache lowers it."""
    if QPixmapCache.cacheLimit() < budget_kb(width, height, 2):
        QPixmapCache.setCacheLimit(budget_kb(width, height, 2))


def in_place(item: QGraphicsItem) -> bool:
    """An item told to paint in place: no Qt item cache and not blitting (a test counting what is drawn, a census
    of texts, an SVG or PDF page: render.paint_scene)."""
    return item.cacheMode() == QGraphicsItem.CacheMode.NoCache and not getattr(item, "blits", False)


def paint_item(item: QGraphicsItem, p: QPainter, key, paint: Callable[[QPainter], None], lift: int = 0) -> None:
    """An item's content (called `key`, hashable) from its kept picture; an item told not to cache and not to
    blit (NoCache without `blits`: a test counting what is drawn, a census of texts) paints in place.
    `lift`: drawn that many device pixels lower (a strip rising into place: strip.StripItem)."""
    if item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
        paint_cached(p, name_of(key), item.rect(), paint, lift=lift)
    elif in_place(item):
        lifted(p, lift, paint)
    else:  # its only picture: the one it drew last, while it shows the same at the same place (a frame that only
        # plays on repaints every item: ~35 a frame at 6 students, most of them as they were)
        tr = p.worldTransform()
        place = (tr.m11(), tr.m12(), tr.m21(), tr.m22(), tr.dx(), tr.dy(), lift)
        last = item.blitted
        if last is not None and last[0] is key and last[1] == place:
            blit(p, *last[2])
        else:
            pix, x, y = paint_cached(p, name_of(key), item.rect(), paint, only=True, lift=lift)
            item.blitted = (key, place, (pix, x, y)) if pix is not None else None


def paint_part(p: QPainter, key, bounds: QRectF, paint: Callable[[QPainter], None]) -> None:
    """A part that repeats from picture to picture (a card's label row, a desk's body), from a kept picture of its
    own (`key` names what it shows) once it came back, where it is the FIRST thing painted on an item's new
    transparent picture (paint_cached's, `p` its painter): there the blit is a copy of what painting it gives (the
    same pixels). The first time its key is seen it is painted directly (a part shown once, a masked card's grey
    label in one chapter, costs no picture of its own: #18's cold jumps to new cards and desk states paid ~0.1 ms
    a desk for one). Anywhere else it is painted directly: painted in place (a census of texts, an export's page,
    paint_cached painting directly where a picture would differ), after something else on the new picture (a
    settled card's label on its desk's picture), in a big class's pictures (scene.class_parts): a kept part
    blended over pixels already drawn would not be a copy (review20 #2)."""
    if p is not _FRESH[0]:
        paint(p)
        return
    _FRESH[0] = None  # (the part is painted: the picture is no longer new)
    if _PARTS.pop(key, None) is None:
        if len(_PARTS) >= NAMES:
            del _PARTS[next(iter(_PARTS))]  # the least recently seen
        _PARTS[key] = True
        paint(p)
        return
    _PARTS[key] = True  # (seen again: the most recent)
    paint_cached(p, name_of(key), bounds, paint)


_PARTS: dict = {}  # parts' keys seen (paint_part), least recently seen first
_FRESH: list = [None]  # the painter of the new transparent picture paint_cached is painting, until a part is painted


def lifted(p: QPainter, lift: int, paint: Callable[[QPainter], None]) -> None:
    """paint(p), `lift` device pixels lower (applied after the item's transform)."""
    if not lift:
        paint(p)
        return
    t = p.worldTransform()
    p.setWorldTransform(t * QTransform.fromTranslate(0, lift))  # (after the item's transform: device pixels)
    try:
        paint(p)
    finally:
        p.setWorldTransform(t)


def paint_cached(p: QPainter, name: str, bounds: QRectF, paint: Callable[[QPainter], None],
                 only: bool = False, lift: int = 0) -> tuple[QPixmap | None, int, int]:
    """Draw what `paint` draws inside `bounds` (item coordinates), from the picture called `name` at this
    painter's scale, painting it first when it is not kept (or directly, where a picture would differ), `lift`
    device pixels lower.

    `only`: this is the item's only picture (a blitting item: items.CachedItem.blits, no Qt item cache). It is
    drawn as Qt drew an item's cache: at the painter's opacity, whatever its size, and painted where Qt's cache
    picture had its origin (the item's device rectangle, rounded and grown by a pixel, as QGraphicsScene's
    drawItemHelper makes it), so that its fractions of a pixel are the very numbers they were in Qt's cache:
    the same picture, kept under the same name, to the last bit of every glyph's place.

    Pattern brushes (the masked cells' hatch) are anchored to the device, so a kept picture's hatch may sit
    a pixel or two along from where painting in place puts it: items that must match to the pixel paint
    hatched content directly (StripItem does).

    Returns the picture and where it was drawn on the device, (None, 0, 0) when painted directly."""
    tr = p.worldTransform()
    sx, sy = tr.m11(), tr.m22()
    w, h = math.ceil(bounds.width() * sx) + 1, math.ceil(bounds.height() * sy) + 1
    # painted straight onto a target with the item's opacity (an export: no item cache there), each stroke is
    # blended on its own, not the picture at once: only painting directly gives the same pixels
    # and a vector target (PDF, SVG) keeps its text as text and its shapes as shapes
    engine = p.paintEngine()
    if (tr.m12() or tr.m21() or sx <= 0 or sy <= 0 or (not only and (w * h > MAX_PIXELS or p.opacity() < 1.0))
            or engine is None or engine.type() != RASTER):
        lifted(p, lift, paint)
        return None, 0, 0
    dx, dy = tr.dx(), tr.dy()
    ox = oy = 0
    if only:  # Qt's cache picture's origin on the device (drawItemHelper: deviceRect, itemToPixmap)
        origin = tr.mapRect(bounds).toRect()
        ox, oy = origin.x() - 1, origin.y() - 1  # (grown by a pixel)
        dx, dy = dx + -ox, dy + -oy  # (what tr * QTransform.fromTranslate(-ox, -oy) adds up: the same sums)
    # the corner, as QTransform.map places it on an unrotated scale: m11 * x + dx
    cx, cy = sx * bounds.x() + dx, sy * bounds.y() + dy
    x, y = math.floor(cx), math.floor(cy)
    fx, fy = cx - x, cy - y  # painted at the same fraction of a pixel as directly: same pixels
    y += lift  # whole device pixels lower, at the same fraction: one picture at every lift. (Added to dy before the
    # sum, a lift moved the fraction's last bits, 0.5496296296295913 -> ...915: #18's cold jumps at 1600 x 900 painted
    # ~1 in 10 of their new pictures again, a rising card's, for a fraction 2e-16 away from the kept one's)
    place = (name, sx, sy, fx, fy)
    key = _KEYS.get(place)
    if key is None:  # (a picture's key is written once: 4 floats' repr took ~5 us of every kept picture's blit)
        if len(_KEYS) >= NAMES:
            _KEYS.clear()
        key = _KEYS[place] = f"{name}@{sx!r},{sy!r}+{fx!r},{fy!r}"  # exact: a kept picture is never a near miss
    pix = QPixmapCache.find(key)
    if pix is None or pix.isNull():
        pix = QPixmap(w, h)
        pix.fill(Qt.GlobalColor.transparent)
        q = QPainter(pix)
        try:
            q.setRenderHints(p.renderHints())
            to_pixmap = QTransform(sx, 0, 0, sy, fx - bounds.x() * sx, fy - bounds.y() * sy)
            q.setTransform(to_pixmap)
            _FRESH[0] = q  # (a part painted first on it may be a kept picture's copy: paint_part)
            try:
                paint(q)
            finally:  # (whatever painter was new before has been painted on since: this picture's blit)
                _FRESH[0] = None
        finally:
            q.end()
        QPixmapCache.insert(key, pix)
    blit(p, pix, ox + x, oy + y)
    return pix, ox + x, oy + y


RASTER = QPaintEngine.Type.Raster
_KEYS: dict[tuple, str] = {}  # (name, scale, fraction) -> the picture's key in QPixmapCache


def blit(p: QPainter, pix: QPixmap, x: int, y: int) -> None:
    p.save()
    try:  # 1:1 in device pixels, at whole pixels
        p.resetTransform()
        p.drawPixmap(x, y, pix)
    finally:
        p.restore()
