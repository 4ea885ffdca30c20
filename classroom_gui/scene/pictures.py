"""Pictures of items kept by what they show: an item whose content comes back (scrubbing back, a chapter key,
playing a beat again) is blitted from here instead of being painted again.

Qt's DeviceCoordinateCache keeps one picture per item, the last one; this keeps every recent one, in
QPixmapCache (bounded by its cost limit, set by scene.classroom), named after the item's content key and
the device scale, and drawn 1:1 in device pixels (never rescaled, so it stays crisp).
"""
from __future__ import annotations

import itertools
import math
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QPixmapCache

MAX_PIXELS = 1 << 20  # a bigger picture (a desk at 4K and more) is painted directly, not kept


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


def paint_cached(p: QPainter, name: str, bounds: QRectF, paint: Callable[[QPainter], None]) -> None:
    """Draw what `paint` draws inside `bounds` (item coordinates), from the picture called `name` at this
    painter's scale, painting it first when it is not kept (or the painter rotates or shears)."""
    tr = p.worldTransform()
    sx, sy = tr.m11(), tr.m22()
    w, h = math.ceil(bounds.width() * sx) + 1, math.ceil(bounds.height() * sy) + 1
    if tr.m12() or tr.m21() or sx <= 0 or sy <= 0 or w * h > MAX_PIXELS:
        paint(p)
        return
    key = f"{name}@{sx:.5f},{sy:.5f}"
    pix = QPixmapCache.find(key)
    if pix is None or pix.isNull():
        pix = QPixmap(w, h)
        pix.fill(Qt.GlobalColor.transparent)
        q = QPainter(pix)
        try:
            q.setRenderHints(p.renderHints())
            q.scale(sx, sy)
            q.translate(-bounds.x(), -bounds.y())
            paint(q)
        finally:
            q.end()
        QPixmapCache.insert(key, pix)
    p.save()
    try:  # 1:1 in device pixels, at the whole pixel nearest the item's corner
        corner = tr.map(bounds.topLeft())
        p.resetTransform()
        p.drawPixmap(QPointF(round(corner.x()), round(corner.y())), pix)
    finally:
        p.restore()
