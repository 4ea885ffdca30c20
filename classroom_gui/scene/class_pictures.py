"""A big class's composed pictures (its desks' shells, its cards: scene.class_image), kept by what they show and
shared by every ClassImage, least recently used first out, within a budget in bytes.

Shared so that a picture the window's drawing ahead painted on its hidden twin scene (view.canvas_warm) is the
one the canvas's own ClassImage finds when the lesson jumps there: a key names the picture's content (the desks,
the numbers, the layout, the theme, the device scale and origin), never the item that drew it. The budget follows
the canvas (CanvasView.fit_pictures: a few canvases of pictures, more while a class is drawn ahead); each
ClassImage also holds on to its last two pictures, so an export bigger than the budget still finds them.
"""
from __future__ import annotations

from PySide6.QtGui import QImage

KEPT = 5  # canvases of pictures kept by default (a ClassImage used to keep its shells picture and 4 cards pictures)
MIN_BYTES = 24 << 20  # never less: a small canvas still keeps a few moments' pictures

_kept: dict = {}  # key -> QImage, the least recently used first (dicts keep insertion order)
_bytes = [0, MIN_BYTES]  # bytes kept, the budget


def budget(width: float, height: float, canvases: int = KEPT) -> int:
    """Bytes for `canvases` pictures of width x height device pixels (32-bit), at least MIN_BYTES."""
    return max(MIN_BYTES, int(canvases * 4 * max(0.0, width) * max(0.0, height)))


def set_limit(nbytes: int) -> None:
    """Keep at most nbytes of pictures (a smaller budget lets the least recently used go at once)."""
    _bytes[1] = max(0, int(nbytes))
    _trim()


def limit() -> int:
    return _bytes[1]


def kept_bytes() -> int:
    return _bytes[0]


def find(key) -> QImage | None:
    """The picture called `key`, now the most recently used; None when it is not kept."""
    img = _kept.pop(key, None)
    if img is not None:
        _kept[key] = img
    return img


def keep(key, img: QImage) -> None:
    """Keep `img` as `key` (a picture bigger than the whole budget is not kept)."""
    old = _kept.pop(key, None)
    if old is not None:
        _bytes[0] -= old.sizeInBytes()
    if img.sizeInBytes() > _bytes[1]:
        return
    _kept[key] = img
    _bytes[0] += img.sizeInBytes()
    _trim()


def kept_or_drawn(last: tuple | None, key, draw) -> tuple:
    """(key, picture): `last` ((key, picture) held by the caller) if it is key's, else the one kept, else draw()'s,
    then kept."""
    if last is not None and last[0] == key:
        return last
    img = find(key)
    if img is None:
        img = draw()
        keep(key, img)
    return key, img


def clear() -> None:
    _kept.clear()
    _bytes[0] = 0


def _trim() -> None:
    while _bytes[0] > _bytes[1] and _kept:
        _bytes[0] -= _kept.pop(next(iter(_kept))).sizeInBytes()
