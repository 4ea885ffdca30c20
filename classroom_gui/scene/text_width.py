"""Text widths kept per (font, string): the width of a string in a font never changes, and a first visit to a beat
measures the same strings again and again (a board's lines at each chalk size it tries, their prefixes where they
wrap, a label's pill, a card's label). A width is QFontMetricsF.horizontalAdvance's own answer, measured once.

widths(px, bold) is the canvas font's (fonts.font: the UI family at a whole pixel size) QFontMetricsF with its
horizontalAdvance(text) kept; everything else it is asked (height, elidedText, ...) goes to the QFontMetricsF as it is.
At most KEPT widths are kept, for every font together; the oldest go first.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFontMetricsF

from . import fonts

KEPT = 16384  # widths kept, all fonts (a string and a key: ~0.2 KB each, ~3 MB full)
_WIDTHS: dict[tuple[int, str], float] = {}  # (the font's number, text) -> width
_FONTS: dict[tuple, int] = {}  # (family, pixel size, bold) -> its number in _WIDTHS' keys


class Widths:
    """A canvas font's QFontMetricsF whose horizontalAdvance(text) is kept (text_width's KEPT)."""

    __slots__ = ("metrics", "number")

    def __init__(self, metrics: QFontMetricsF, number: int):
        self.metrics, self.number = metrics, number

    def horizontalAdvance(self, text: str, *more) -> float:  # noqa: N802 (QFontMetricsF's name)
        if more or not isinstance(text, str):
            return self.metrics.horizontalAdvance(text, *more)
        key = (self.number, text)
        w = _WIDTHS.get(key)
        if w is None:
            if len(_WIDTHS) >= KEPT:
                del _WIDTHS[next(iter(_WIDTHS))]  # the oldest
            w = _WIDTHS[key] = self.metrics.horizontalAdvance(text)
        return w

    def __getattr__(self, name: str):
        return getattr(self.metrics, name)


def widths(pixel_size: float, bold: bool = False) -> Widths:
    """fonts.font(pixel_size, bold)'s metrics, its widths kept (the font's pixel size is a whole number: 16.4 and 16
    are one font)."""
    return _widths(fonts.ui_family(), max(1, int(round(pixel_size))), bool(bold))


@lru_cache(maxsize=128)
def _widths(family: str, px: int, bold: bool) -> Widths:
    number = _FONTS.setdefault((family, px, bold), len(_FONTS))
    return Widths(QFontMetricsF(fonts.font(px, bold)), number)


def advance(text: str, pixel_size: float, bold: bool = False) -> float:
    """The width of `text` in fonts.font(pixel_size, bold), kept."""
    return widths(pixel_size, bold).horizontalAdvance(text)


def forget() -> None:
    """Let every kept width go (tests: the slow path again)."""
    _WIDTHS.clear()
