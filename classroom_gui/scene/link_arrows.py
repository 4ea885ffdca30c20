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
from .link_routes import FINE, SAMPLES, TOLERANCE, VARIANTS, Filed, polylines

ARROW_REACH = 10.0     # px an arrow (Link.arrow) runs into its classmate's desk, at most: to its padding, short of its
# cards (arrow_stop); the head then lies in that padding and the gap between desks


def arrow_stops(made: list, shown: dict[int, float], links: list, desks: dict[int, Rect], scale: float,
                numbers: np.ndarray | None = None, widths: list[float] | None = None, route: tuple = ()) -> dict:
    """{k: where along made[k] its line stops} for each whole arrow (links[k].arrow, shown[k] >= 1) among the links
    drawn (links.LinkLayer.set_links): where it meets its classmate's desk (arrow_stop), or sooner, before it
    would first paint over a card's digits (`numbers`, [n, 4] x0, y0, x1, y1) past its first px (digits_stop; teacher36
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
            stop = min(stop, digits_stop(made[k], numbers, room))
        out[k] = stop
    return out


def clear_arrows(made: list, shown: dict[int, float], links: list, desks: dict[int, Rect], hub, header_h: float,
                 gap: float, numbers: np.ndarray | None, widths: list[float], scale: float) -> None:
    """Re-route in `made` each whole arrow whose route would cross a card's digits before its classmate's desk: of
    every route variant (link_routes.VARIANTS) that runs alongside no other link drawn (more than TOLERANCE px), one
    that reaches the classmate clear of digits, else the one whose clear part ends nearest it
    (arrow_stops then stops it there, pointing its way). Remembered for the last few sets (a still frame is drawn
    again and again)."""
    if numbers is None or not len(numbers):
        return
    todo = [k for k, t in shown.items() if t >= 1 and links[k].arrow and made[k] is not None
            and desks.get(links[k].target) is not None]
    if not todo:
        return
    key = (tuple(made), tuple(shown), tuple((links[k].source, links[k].target) for k in todo), hub, header_h, gap,
           tuple(widths), scale, numbers.tobytes(), tuple(desks[links[k].target] for k in todo))
    known = _CLEARED.pop(key, None)
    if known is None:
        known = _cleared(list(made), shown, links, desks, hub, header_h, gap, numbers, widths, scale, todo)
        if len(_CLEARED) >= 32:
            del _CLEARED[next(iter(_CLEARED))]
    _CLEARED[key] = known
    for k, c in known.items():
        made[k] = c


_CLEARED: dict[tuple, dict] = {}  # clear_arrows' answers, by the curves and desks they were found for


def _cleared(made, shown, links, desks, hub, header_h, gap, numbers, widths, scale, todo) -> dict:
    out = {}
    for k in todo:
        link = links[k]
        reach, room = ARROW_REACH * scale, _room(widths[k], scale)
        if digits_stop(made[k], numbers, room) >= arrow_stop(made[k], desks[link.target], reach):
            continue
        others = [j for j in shown if j != k and made[j] is not None]
        filed = Filed(polylines([made[j] for j in others]) if others else np.zeros((0, SAMPLES + 1, 2), np.float32),
                      np.array([widths[j] for j in others], np.float32), widths[k])
        cands = [made[k]] + [c for c in link_curves(link, desks, hub, header_h, gap, VARIANTS, widths[k])
                             if c is not None]
        runs = filed.alongside(polylines(cands, FINE)).max(axis=1, initial=0.0)
        gaps = [_gap_to(c, arrow_stop(c, desks[link.target], reach), numbers, desks, link, room) for c in cands]
        cost = [(r > TOLERANCE, d) for d, r in zip(gaps, runs.tolist())]  # apart from the others, then nearest
        best = min(range(len(cands)), key=cost.__getitem__)
        if best:
            made[k] = out[k] = cands[best]
    return out


def _room(width: float, scale: float) -> float:  # px an arrow's line or head reaches either side of its middle
    return max(width / 2, 0.3 * (18.0 * scale + width)) + 1.0


def _gap_to(c, stop: float, numbers: np.ndarray, desks: dict, link, room: float) -> float:
    """How far (px) from its classmate's desk an arrow along c ends when stopped short of digits (0: reaches it)."""
    end = min(stop, digits_stop(c, numbers, room))
    if end >= stop:
        return 0.0
    x, y = point_at(c, end)
    dx, dy, w, h = desks[link.target]
    return float(max(dx - x, x - dx - w, dy - y, y - dy - h, 0.0)) + 1e-3


def digits_stop(c: tuple[Point, Point, Point, Point], numbers: np.ndarray, room: float,
                steps: int = 96) -> float:
    """Where along c (0..1) a line stops short of the first card's digits it would come within `room` px of, but
    for its first 2 * room px (from the asker's edge), else 1."""
    t = np.linspace(0.0, 1.0, steps + 1)
    u = 1 - t
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = c
    px = ax * u ** 3 + 3 * bx * u * u * t + 3 * cx * u * t * t + dx * t ** 3
    py = ay * u ** 3 + 3 * by * u * u * t + 3 * cy * u * t * t + dy * t ** 3
    cells = np.asarray(numbers, np.float64)
    if not len(cells):
        return 1.0
    gx = np.maximum(np.maximum(cells[None, :, 0] - px[:, None], 0.0), px[:, None] - cells[None, :, 2])
    gy = np.maximum(np.maximum(cells[None, :, 1] - py[:, None], 0.0), py[:, None] - cells[None, :, 3])
    start = np.hypot(px - ax, py - ay) < 2 * room  # (where it leaves the asker's edge, beside its own cards)
    over = np.flatnonzero((np.hypot(gx, gy) < room).any(axis=1) & ~start)
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


def arrow_stop(c: tuple[Point, Point, Point, Point], desk: Rect | None, reach: float, steps: int = 256) -> float:
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
