"""Picture sizes as the user types them ('1920x1080', '4k', '1080p', '4:3'), read without Qt so that checking
the CLI's options never loads it."""
from __future__ import annotations

from ..scene.limits import MAX_SIDE, MIN_SIDE
from .files import ExportError

SIZES = {"1080p": (1920, 1080), "4k": (3840, 2160), "4:3": (1440, 1080), "720p": (1280, 720)}


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080', '4k', '1080p' or '4:3' -> (width, height)."""
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    try:
        w, h = (int(v) for v in key.replace("×", "x").split("x"))
    except ValueError:
        raise ExportError("error.size_unread", size=text, names=tuple(SIZES)) from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise ExportError("error.size_range", w=w, h=h, lo=MIN_SIDE, hi=MAX_SIDE)
    return w, h
