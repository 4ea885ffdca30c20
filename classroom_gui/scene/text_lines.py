"""One-line texts (a card's numbers, a heatmap cell's share, a bar's value) drawn from kept QTextLayouts, pixel
for pixel what QPainter.drawText(rect, flags, text) draws, at about half its cost.

drawText(rect, flags, text) lays the text out again at every call (Qt's qt_format_text: a QTextLayout, its
script items, its shaping). A new moment of a 6-student class paints ~600 numbers, so the layout of each
(text, font) is kept here and only drawn: at the offset qt_format_text computes (the line's advance and its
ascent + descent, centred or aligned in the rectangle), clipped to the rectangle when the text overflows
it, as qt_format_text clips. tests/test_text_lines.py holds the pixels equal to drawText's over sizes,
scales, fractions of a pixel, alignments and overflowing texts.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QTextLayout

LINES = 8192  # kept layouts (~1 KB each): every number of a lesson's cards in a few sizes
LEFT, CENTRE, RIGHT = 0, 1, 2  # (TOP, MIDDLE, BOTTOM likewise)
_A = Qt.AlignmentFlag
# the alignments placed here, as (horizontal, vertical); any other flag (wrapping, mnemonics...) goes to Qt
ALIGNMENTS = {h | v: (hk, vk) for h, hk in ((_A.AlignLeft, LEFT), (_A.AlignHCenter, CENTRE), (_A.AlignRight, RIGHT))
              for v, vk in ((_A.AlignTop, LEFT), (_A.AlignVCenter, CENTRE), (_A.AlignBottom, RIGHT))}
ALIGNMENTS.update({int(k): v for k, v in ALIGNMENTS.items()})
ALIGN_CENTRE = _A.AlignCenter


class Line:
    """A laid-out text: its QTextLayout (kept alive: the line belongs to it), the line, and the sizes
    qt_format_text places it by. `plain`: one line, no tabs, no spaces at its ends (which Qt's right
    alignment measures differently): only such a text is drawn from here."""

    __slots__ = ("font", "layout", "line", "advance", "width", "height", "plain")

    def __init__(self, text: str, font: QFont):
        self.font = font  # kept: its id() is half the key
        self.plain = plain_text(text)
        self.layout = QTextLayout(text, font)
        self.layout.setCacheEnabled(True)
        self.layout.beginLayout()
        self.line = self.layout.createLine()
        self.line.setLineWidth(0x01000000)  # qt_format_text's width for a text that does not wrap
        self.line.setPosition(QPointF(0.0, 0.0))
        self.layout.endLayout()
        self.advance = self.line.horizontalAdvance()
        self.width = self.line.naturalTextWidth()
        self.height = self.line.ascent() + self.line.descent()  # (QTextLine.height() also counts rounding)


_LINES: dict[tuple[str, int], Line] = {}


def line(text: str, font: QFont) -> Line:
    """The kept layout of `text` in `font` (keyed by the font object: the canvas's fonts are shared, see
    fonts.font; the entry keeps its font alive, so its id is never another font's)."""
    key = (text, id(font))
    ln = _LINES.pop(key, None)
    if ln is None:
        ln = Line(text, font)
        if len(_LINES) >= LINES:
            del _LINES[next(iter(_LINES))]  # the least recently used
    _LINES[key] = ln  # (re)inserted last: dicts keep insertion order
    return ln


def draw_centred(p: QPainter, rect: tuple[float, float, float, float], text: str, font: QFont) -> None:
    """draw_text(p, QRectF(*rect), Qt.AlignCenter, text, font), with less Python on the way: a card's numbers
    (~600 of them when a 6-student class jumps to a new moment). QRectF.contains is done in floats here, with
    its own sums, so a text is clipped exactly where draw_text clips it."""
    draw_line_centred(p, rect, line(text, font) if text else None, text, font)


def draw_line_centred(p: QPainter, rect: tuple[float, float, float, float], ln: Line | None, text: str,
                      font: QFont) -> None:
    """draw_centred of a text whose kept layout `ln` (line(text, font); None for "") the caller has in hand."""
    at = centred_at(ln, rect) if ln is not None else None
    if at is not None:
        ln.line.draw(p, at)
    else:
        draw_text(p, QRectF(*rect), ALIGN_CENTRE, text, font)


def centred_at(ln: Line, rect: tuple[float, float, float, float]) -> QPointF | None:
    """Where draw_line_centred draws the kept line `ln` centred in rect (x, y, w, h), None where it leaves the text
    to draw_text (not plain, or not within rect: clipped there)."""
    if not ln.plain:
        return None
    x, y, rw, rh = rect
    left, top = x + (rw - ln.width) / 2, y + (rh - ln.height) / 2
    if rw and rh and ln.width and ln.height and left >= x and left + ln.width <= x + rw and top >= y \
            and top + ln.height <= y + rh:  # (rw, rh > 0 here: a card's cells)
        return QPointF(x + (rw - ln.advance) / 2, top)
    return None


def plain_text(text: str) -> bool:
    return bool(text) and text == text.strip() and not any(c in text for c in "\n\r\t\u2028\u2029")


def draw_text(p: QPainter, rect: QRectF, flags, text: str, font: QFont) -> None:
    """p.setFont(font); p.drawText(rect, flags, text), in the painter's pen, from the kept layout (a text
    draw_text cannot place as Qt does goes to drawText). The painter's font is left as it was."""
    align = ALIGNMENTS.get(flags)
    ln = line(text, font) if align is not None and text else None
    if ln is None or not ln.plain:
        p.save()
        try:
            p.setFont(font)
            p.drawText(rect, flags, text)
        finally:
            p.restore()
        return
    h, v = align
    x, y, rw, rh = rect.x(), rect.y(), rect.width(), rect.height()
    yoff = 0.0 if v == LEFT else (rh - ln.height) / 2 if v == CENTRE else rh - ln.height
    if h == CENTRE:
        xbox, xoff = (rw - ln.width) / 2, (rw - ln.advance) / 2
    elif h == RIGHT:
        xbox, xoff = rw - ln.width, rw - ln.advance
    else:
        xbox = xoff = 0.0
    at = QPointF(x + xoff, y + yoff)
    if rect.contains(QRectF(x + xbox, y + yoff, ln.width, ln.height)):
        ln.line.draw(p, at)
        return
    p.save()  # wider or taller than its rectangle: clipped to it, as drawText clips
    try:
        p.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        ln.line.draw(p, at)
    finally:
        p.restore()
