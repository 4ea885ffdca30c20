"""The names under the board's bar chart (board_bars) on two rows, each given the room its neighbours leave
(row_room), the last moved left to end at the chart's edge where that keeps it clear (last_name_x), or turned to
read upwards under bars too thin for names across (turned_name). More rows than two: bar_rows.
Geometry in logical canvas pixels, as board_bars' paint lays the names out."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from .items import ALIGN_RIGHT, elide


def row_room(labels, i: int, fm: QFontMetricsF, slot: float, label_px: float, r: QRectF, cx: float) -> float:
    """How wide name i of two rows may be, centred under its bar: two slots less a gap, or more where the names two
    slots either side in its row are short enough to leave it room at their whole width (teacher20 L1: the answer
    chart's 「yester…」 at 4:3 beside "kind" and "today"); never past the chart's edges. Two neighbours each
    take more than two slots' share only where the other is narrower than its share, so they never meet."""
    n, gap = len(labels), label_px * 0.6
    share = slot - gap / 2  # half of two slots less a gap: what every name may take
    halves = []
    for j in (i - 2, i + 2):
        if not 0 <= j < n:
            continue
        ink = fm.horizontalAdvance(labels[j])
        if j == n - 1 and cx + 2 * slot + ink / 2 > r.right():  # the last name, moved left or cut at the edge
            left = last_name_x(labels, fm, slot, label_px, r, ink)
            left = cx + 1.5 * slot if left is None else left
            halves.append(left - gap - cx)
        else:
            halves.append(2 * slot - ink / 2 - gap)
    halves.append(cx - r.x())  # never past the chart's left edge
    if i < n - 1:
        halves.append(r.right() - cx)
    return 2 * max(share, min(halves))


def last_name_x(labels, fm: QFontMetricsF, slot: float, label_px: float, r: QRectF, ink: float) -> float | None:
    """Where the last of two rows of names, `ink` wide, starts when centred under its bar it would pass the chart's
    right edge: moved left to end at the edge where that keeps it clear of the name two slots before; None where it
    is cut short instead (the paint loop's placement, and row_room's room beside it)."""
    return r.right() - ink if last_moves_left(labels, fm, slot, label_px) else None


def last_moves_left(labels, fm: QFontMetricsF, slot: float, label_px: float) -> bool:
    """Whether the last of two rows of names, moved left to end at the chart's right edge, stays clear of the
    name two slots before it in its row (centred under its bar)."""
    last = fm.horizontalAdvance(labels[-1])
    before = fm.horizontalAdvance(labels[-3]) if len(labels) >= 3 else 0.0
    return last + before / 2 + label_px * 0.6 <= 2.5 * slot


def turned_length(label: str, fm: QFontMetricsF) -> float:
    """How tall `label` stands under a thin bar (turned_name)."""
    return fm.horizontalAdvance(label)


def turned_name(p: QPainter, label: str, font, cx: float, top: float, room: float) -> tuple[str, QRectF]:
    """`label` painted under a thin bar, turned to read upwards, centred on x = cx and hanging from `top`, at most
    `room` tall, Japanese too: one line, never a stack of one character a line (teacher30 #7: 「マ/ッ/ト」); a name
    too long ends in "…" (elide, in pixels). (The name as painted, where its ink is.)"""
    fm = QFontMetricsF(font)
    p.save()
    p.setFont(font)
    name = elide(label, font, room)
    ink, h = fm.horizontalAdvance(name), fm.height()
    p.translate(cx, top + room)
    p.rotate(-90)
    p.drawText(QRectF(0, -h / 2, room, h), ALIGN_RIGHT, name)  # its end at the top, under the bar
    p.restore()
    return name, QRectF(cx - h / 2, top, h, ink)
