"""A question's arrows (Link.arrow): where a whole link from the asker stops at its classmate's desk, and the
arrowhead drawn there. In a still (an export, a slide) the question step's thin lines between name tags read as
stray strokes or borders (teacher33 #4); as arrows they read as the asker looking at each classmate."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QPainterPath, QPen

from .items import qcolor
from .link_geometry import Point, Rect
from .link_labels import point_at

ARROW_REACH = 10.0     # px an arrow (Link.arrow) runs into its classmate's desk, at most: to its padding, short of its
# cards (arrow_stop); the head then lies in that padding and the gap between desks


def arrow_stops(made: list, shown: dict[int, float], links: list, desks: dict[int, Rect], scale: float) -> dict:
    """{k: where along made[k] its line stops} for each whole arrow (links[k].arrow, shown[k] >= 1) among the links
    drawn (links.LinkLayer.set_links): where it meets its classmate's desk (arrow_stop)."""
    return {k: arrow_stop(made[k], desks.get(links[k].target), ARROW_REACH * scale) for k, t in shown.items()
            if t >= 1 and links[k].arrow}


def show_heads(layer, heads: dict, theme, scale: float, z: float, first: int = 0, step: float = 0.0) -> None:
    """The arrowheads (`heads`: a path a role, arrow_head's) as the link layer's items at depth z, one a role; the
    rest hidden. Each is `step` above the one before, from the `first`-th: they stack in this frame's order, as a new
    canvas makes them (fix80: items of one depth stacked in the order earlier frames had made them)."""
    layer._hide_unused(layer.heads, heads)
    for k, (key, path) in enumerate(heads.items(), first):
        item = layer._path_item(layer.heads, key, z + k * step)
        item.setPen(QPen(qcolor(theme.color("background")), 1.5 * scale))
        item.setBrush(qcolor(theme.role(key[0])))
        item.setPath(path)
        item.setVisible(True)


def arrow_stop(c: tuple[Point, Point, Point, Point], desk: Rect | None, reach: float, steps: int = 64) -> float:
    """Where along c (0..1) an arrow to `desk` stops: `reach` px after the curve first enters the desk (a link along
    the lane under the name tags ran on to the desk's middle, under its name, where its head lay on the notebook's
    top border and first numbers), else at its end."""
    if desk is None:
        return 1.0
    x, y, w, h = desk
    t = np.linspace(0.0, 1.0, steps + 1)
    u = 1 - t
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = c
    px = ax * u ** 3 + 3 * bx * u * u * t + 3 * cx * u * t * t + dx * t ** 3
    py = ay * u ** 3 + 3 * by * u * u * t + 3 * cy * u * t * t + dy * t ** 3
    inside = np.flatnonzero((px > x) & (px < x + w) & (py > y) & (py < y + h))
    if not len(inside) or inside[0] == 0:
        return 1.0
    run = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(px), np.diff(py)))])  # length along the curve
    past = np.flatnonzero(run >= run[inside[0]] + reach)
    return float(t[past[0]]) if len(past) else 1.0


def arrow_head(path: QPainterPath, c: tuple[Point, Point, Point, Point], width: float, scale: float) -> None:
    """An arrowhead on `path` whose tip is the curve's end c[3], pointing the way the curve arrives there (a
    question's arrows, Link.arrow: in a still, a thin line between two name tags read as a stray stroke)."""
    length = 18.0 * scale + width
    half = 0.3 * length
    (x, y), (x0, y0) = c[3], c[0]
    chord = math.hypot(x - x0, y - y0)
    # a short link (to the desk just below, across the 14 px gap between rows) points along its chord, its head no
    # longer than the link: longer, it lay on the asker's cards
    (px, py) = point_at(c, 0.92) if chord > 3 * length else (x0, y0)
    length = min(length, chord)
    dx, dy = x - px, y - py
    norm = math.hypot(dx, dy)
    if norm < 1e-6:
        return
    dx, dy = dx / norm, dy / norm
    bx, by = x - dx * length, y - dy * length
    path.moveTo(x, y)
    path.lineTo(bx - dy * half, by + dx * half)
    path.lineTo(bx + dy * half, by - dx * half)
    path.closeSubpath()
