"""Where the links' share labels go: along their link, or beside its far desk, never on another label, a
desk's words or numbers, the title or the blackboard; the heaviest link's label always.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from ..lesson import layout
from ..lesson.frame import Link
from . import fonts

Point = tuple[float, float]


def point_at(c, t: float) -> Point:  # a cubic Bézier (4 points) at t in 0..1
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = c
    u = 1 - t
    w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return ax * w0 + bx * w1 + cx * w2 + dx * w3, ay * w0 + by * w1 + cy * w2 + dy * w3


LABEL_PX = 16.0        # a share's label is never smaller than this (1080p canvas pixels)
ROOM = QRectF(layout.CLASS_X - 24, 4, layout.BOARD_X - layout.CLASS_X + 18, layout.CAPTION_Y - 8)  # where labels may go
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85)  # where on its link a label may sit, best first


def pill_rect(text: str, px: float, at: Point) -> QRectF:  # the rectangle PillItem draws, centred on `at`
    w = QFontMetricsF(fonts.font(px, True)).horizontalAdvance(text) + px * 0.9
    h = px * 1.45
    return QRectF(at[0] - w / 2, at[1] - h / 2, w, h)


def near_end(c: tuple[Point, Point, Point, Point], px: float) -> list[Point]:
    """Spots around where a link meets its far desk (c[0]), nearest first: in the gap beyond the desk's
    edge, on its name tag between the name and the badge, or in the room below its cards."""
    (x, y), h = c[0], px * 1.45
    spots = [(x + i * px * 0.8, y + k * h / 6) for i in range(-8, 9) for k in range(-24, 25)]
    return sorted(spots, key=lambda p: math.hypot(p[0] - x, 2 * (p[1] - y)))


def place_labels(spots: list[tuple[Link, object]], px: float, avoid: list[QRectF]) -> list[tuple[Link, Point]]:
    """Where each label goes so that no two overlap: the heaviest link first, each at the first spot along
    its curve (ALONG), or else beside its far end, that covers no placed label and no text in `avoid` (the
    desks' names, badges and numbers); the heaviest, failing that, at its curve's first spot. Any other
    label with no free spot is left off (the share is on its desk's badge too), so the largest share is
    always readable and no label hides a number. A spot given as a point (a
    travelling label) stays. A curve's far desk (whose label this is) is at its start, c[0]."""
    order = sorted(range(len(spots)), key=lambda i: -spots[i][0].weight)
    placed: list[QRectF] = []
    out: dict[int, Point] = {}
    for i in order:
        link, where = spots[i]
        if isinstance(where[0], (int, float)):
            candidates = [where]
        else:
            candidates = [point_at(where, t) for t in ALONG] + near_end(where, px)
        best, free = None, False
        size = pill_rect(link.label, px, (0.0, 0.0))  # measured once; each candidate is this, moved
        w, h = size.width() + 4, size.height() + 4
        xs, ys = [p[0] for p in candidates], [p[1] for p in candidates]
        reach = QRectF(min(xs) - w / 2, min(ys) - h / 2, max(xs) - min(xs) + w, max(ys) - min(ys) + h)
        near = [b for b in avoid if b.intersects(reach)]  # only the texts near its candidates are tested
        for at in candidates:
            r = QRectF(at[0] - w / 2, at[1] - h / 2, w, h)
            if any(r.intersects(p) for p in placed):
                continue
            if best is None:
                best = (at, r)
            body = r.adjusted(2, 2, -2, -2)  # the pill itself: it may touch a card's edge, never cover its numbers
            if not ROOM.contains(r):  # off the canvas, or over the blackboard or the caption
                continue
            if not any(body.intersects(b) for b in near):
                best, free = (at, r), True
                break
        if best is not None and (free or not placed):  # only the heaviest may cover text, if it must
            out[i] = best[0]
            placed.append(best[1])
    return [(spots[i][0], out[i]) for i in sorted(out)]
