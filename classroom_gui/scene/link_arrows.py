"""A question's arrows (Link.arrow): where a whole link from the asker stops at its classmate's desk, and the
arrowhead drawn there. In a still (an export, a slide) the question step's thin lines between name tags read as
stray strokes or borders (teacher33 #4); as arrows they read as the asker looking at each classmate."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QPainterPath, QPen

from .items import qcolor
from .link_geometry import Point, Rect, link_curves
from .link_labels import point_at
from .link_routes import VARIANTS

ARROW_REACH = 10.0     # px an arrow (Link.arrow) runs into its classmate's desk, at most: to its padding, short of its
# cards (arrow_stop); the head then lies in that padding and the gap between desks


def arrow_stops(made: list, shown: dict[int, float], links: list, desks: dict[int, Rect], scale: float,
                numbers: np.ndarray | None = None, widths: list[float] | None = None, route: tuple = ()) -> dict:
    """{k: where along made[k] its line stops} for each whole arrow (links[k].arrow, shown[k] >= 1) among the links
    drawn (links.LinkLayer.set_links): where it meets its classmate's desk (arrow_stop), or sooner, before it
    would first paint over a card's digits (`numbers`, [n, 4] x0, y0, x1, y1) outside the asker's desk (teacher36
    #1: at 16 students the arrows to far seats struck through desks 4, 8 and 9's numbers; they now stop short,
    pointing the way to their classmate, like a radar's ticks). `route` (hub, header_h, gap): first re-route in
    `made` the arrows whose route crosses digits (clear_arrows)."""
    if route and widths:
        clear_arrows(made, shown, links, desks, *route, numbers, widths, scale)
    out = {}
    for k, t in shown.items():
        if t < 1 or not links[k].arrow:
            continue
        stop = arrow_stop(made[k], desks.get(links[k].target), ARROW_REACH * scale)
        if numbers is not None and len(numbers):
            room = _room(widths[k] if widths else 0.0, scale)  # the line's or its head's half width
            stop = min(stop, digits_stop(made[k], desks.get(links[k].source), numbers, room))
        out[k] = stop
    return out


def clear_arrows(made: list, shown: dict[int, float], links: list, desks: dict[int, Rect], hub, header_h: float,
                 gap: float, numbers: np.ndarray | None, widths: list[float], scale: float) -> None:
    """Re-route in `made` each whole arrow whose route would cross a card's digits before its classmate's desk: of
    every route variant (link_routes.VARIANTS), the first that reaches the classmate clear of digits, else the one
    whose clear part ends nearest the classmate (arrow_stops then stops it there, pointing its way)."""
    if numbers is None or not len(numbers):
        return
    for k, t in shown.items():
        link = links[k]
        if t < 1 or not link.arrow or made[k] is None or desks.get(link.target) is None:
            continue
        reach, room = ARROW_REACH * scale, _room(widths[k], scale)
        stop = arrow_stop(made[k], desks[link.target], reach)
        if digits_stop(made[k], desks.get(link.source), numbers, room) >= stop:
            continue
        best, near = made[k], _gap_to(made[k], stop, numbers, desks, link, room)
        for c in link_curves(link, desks, hub, header_h, gap, VARIANTS, widths[k]):
            if c is None:
                continue
            d = _gap_to(c, arrow_stop(c, desks[link.target], reach), numbers, desks, link, room)
            if d < near:
                best, near = c, d
                if d <= 0:
                    break
        made[k] = best


def _room(width: float, scale: float) -> float:  # px an arrow's line or head reaches either side of its middle
    return max(width / 2, 0.3 * (18.0 * scale + width)) + 1.0


def _gap_to(c, stop: float, numbers: np.ndarray, desks: dict, link, room: float) -> float:
    """How far (px) from its classmate's desk an arrow along c ends when stopped short of digits (0: reaches it)."""
    end = min(stop, digits_stop(c, desks.get(link.source), numbers, room))
    if end >= stop:
        return 0.0
    x, y = point_at(c, end)
    dx, dy, w, h = desks[link.target]
    return float(max(dx - x, x - dx - w, dy - y, y - dy - h, 0.0)) + 1e-3


def digits_stop(c: tuple[Point, Point, Point, Point], asker: Rect | None, numbers: np.ndarray, room: float,
                steps: int = 96) -> float:
    """Where along c (0..1) a line stops short of the first card's digits it would come within `room` px of,
    outside the asker's desk (where it starts), else 1."""
    t = np.linspace(0.0, 1.0, steps + 1)
    u = 1 - t
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = c
    px = ax * u ** 3 + 3 * bx * u * u * t + 3 * cx * u * t * t + dx * t ** 3
    py = ay * u ** 3 + 3 * by * u * u * t + 3 * cy * u * t * t + dy * t ** 3
    cells = np.asarray(numbers, np.float64)
    if asker is not None:  # (its own cards: the line leaves from its edge)
        x, y, w, h = asker
        cells = cells[~((cells[:, 0] >= x) & (cells[:, 2] <= x + w) & (cells[:, 1] >= y) & (cells[:, 3] <= y + h))]
    if not len(cells):
        return 1.0
    gx = np.maximum(np.maximum(cells[None, :, 0] - px[:, None], 0.0), px[:, None] - cells[None, :, 2])
    gy = np.maximum(np.maximum(cells[None, :, 1] - py[:, None], 0.0), py[:, None] - cells[None, :, 3])
    over = np.flatnonzero((np.hypot(gx, gy) < room).any(axis=1))
    if not len(over):
        return 1.0
    return float(t[max(over[0] - 1, 1)])


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
