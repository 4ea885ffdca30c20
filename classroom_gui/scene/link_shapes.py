"""A link's route before the checks (link_geometry.routes adds the name tag check and the ceiling): the cubic
Bézier between two desks (curve), the shape of one (bow, entry) variant of a route into the hub (shape), and the
shapes of many variants at once in NumPy (shapes), with the same sums in the same order as shape's, so that both
give the same curves to the bit (tests/test_link_shapes.py). At 1,024 students a new set's heaviest links try up
to 104 variants each, and making them one at a time in Python was half of route choice (#18, session 17)."""
from __future__ import annotations

import math

import numpy as np

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h
Curve = tuple[Point, Point, Point, Point]

SPREAD, SPAN = 0.4, 1300.0  # a link ends up to SPREAD of the hub's width off its middle, less the further (canvas px) it comes from
BEND = 0.25  # a link bows by 3/4 of this times its length: neighbours' links part by ~1/4 of a desk's width
FAR = 1e9  # route's curves bow by BEND times their length, never capped (curve's `bow` for them)


def curve(a: Point, b: Point, bow: float = 40.0, bend: float = 0.18, side: int = -1) -> Curve:
    """A cubic Bézier from a to b bowing by up to `bow` pixels to one side: upwards for side = -1 (or to the
    left for a vertical line), downwards for side = +1; a == b gives a small loop above the point. Curves of
    one side and bend towards one end point are scaled copies of each other, so links from sources in one
    line with their hub still part."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    d = math.hypot(dx, dy)
    if d < 1e-6:
        r = bow * 0.9
        return a, (ax - r, ay - 1.6 * r), (ax + r, ay - 1.6 * r), a
    nx, ny = -dy / d, dx / d
    if ny * side < 0 or (abs(ny) < 1e-9 and nx > 0):
        nx, ny = -nx, -ny
    off = min(d * bend, bow / 0.75)  # a quadratic's peak is 3/4 of its control point's offset
    mx, my = (ax + bx) / 2 + nx * off, (ay + by) / 2 + ny * off
    c1 = (ax + (mx - ax) * 2 / 3, ay + (my - ay) * 2 / 3)
    c2 = (bx + (mx - bx) * 2 / 3, by + (my - by) * 2 / 3)
    return a, c1, c2, b


def clear_of(width: float) -> float:
    """How far a line `width` wide ends off a name tag's edge so that none of it, square cap included (its
    corner lies width / 2 * sqrt(2) from the end), paints over the tag's name, seat number or badge."""
    return width * 0.71 + 1.0


def shape(other: Rect, hub: Rect, header_h: float, gap: float, bow: float, entry: float | None,
          width: float) -> Curve:
    """link_geometry.route's curve for one (bow, entry) before the name tag check and the ceiling."""
    ox, oy, ow, oh = other
    hx, hy, hw, hh = hub
    clear = clear_of(width)
    if other == hub:
        return curve((ox + ow / 2, oy - clear), (hx + hw / 2, hy - clear), header_h * 0.5 + gap * 0.6)
    # links arrive side by side on the hub's edge: a near desk's towards its own side and a far desk's
    # nearer the middle, so that the far desk's higher arch spans the near one's and they nest
    x = ox + ow / 2
    off = x - hx - hw / 2
    hub_x = hx + hw / 2 + math.copysign(SPREAD * hw * max(0.0, 1 - abs(off) / SPAN), off) if abs(off) > 1 else hx + hw / 2
    if entry is not None:
        hub_x = hx + hw / 2 + entry * hw
    if abs(oy - hy) < 1.0:
        if bow == 0.0:  # the lane: straight along the gap between the name tags and the cards (no digits there)
            return curve((x, oy + header_h + clear), (hub_x, hy + header_h + clear), FAR, 0.0, side=1)
        if bow < 0:  # the other side of a row is above it: from just above one name tag to just above the other's
            return curve((x, oy - clear), (hub_x, hy - clear), FAR, BEND * -bow, side=-1)
        return curve((x, oy + header_h + clear), (hub_x, hy + header_h + clear), FAR, BEND * bow, side=1)
    if oy < hy:
        return curve((x, oy + oh), (hub_x, hy - clear), FAR, BEND * bow, side=-1)
    return curve((x, oy - clear), (hub_x, hy + hh), FAR, BEND * bow, side=-1)


def shapes(other: Rect, hub: Rect, header_h: float, gap: float, variants: list[tuple[float, float | None]],
           width: float) -> np.ndarray:
    """shape for each (bow, entry) of `variants` from one desk into the hub, as a [k, 4, 2] float64 array (rows)."""
    bow = np.array([b for b, _ in variants], np.float64)
    entry = np.array([np.nan if e is None else e for _, e in variants], np.float64)
    k = len(variants)
    return rows(np.broadcast_to(np.asarray(other, np.float64), (k, 4)), hub, header_h, gap, bow, entry,
                np.full(k, width))


def rows(others: np.ndarray, hub: Rect, header_h: float, gap: float, bow: np.ndarray, entry: np.ndarray,
         width: np.ndarray) -> np.ndarray:
    """shape of each row, from its desk (others: [k, 4] x, y, w, h; none the hub) into the hub, at its bow, entry
    (NaN: None) and line width, as a [k, 4, 2] float64 array: the same operations on the same numbers, element by
    element (math.hypot for the lengths, as curve's), so every curve is shape's to the bit."""
    ox, oy, ow, oh = (others[:, j] for j in range(4))
    hx, hy, hw, hh = hub
    clear = clear_of(width)
    x = ox + ow / 2
    off = x - hx - hw / 2
    spread = np.where(np.abs(off) > 1, hx + hw / 2 + np.copysign(SPREAD * hw * np.maximum(0.0, 1 - np.abs(off) / SPAN), off),
                      hx + hw / 2)
    given = ~np.isnan(entry)
    bx = np.where(given, hx + hw / 2 + np.where(given, entry, 0.0) * hw, spread)
    ax = x
    row, up = np.abs(oy - hy) < 1.0, oy < hy
    above = row & (bow < 0)  # in the hub's row: above it, else below it (or the lane at bow 0: bend 0)
    ay = np.where(row, np.where(above, oy - clear, oy + header_h + clear), np.where(up, oy + oh, oy - clear))
    by = np.where(row, np.where(above, hy - clear, hy + header_h + clear), np.where(up, hy - clear, hy + hh))
    bend = np.where(above, BEND * -bow, np.where(row & (bow == 0.0), 0.0, BEND * bow))
    side = np.where(row & ~above, 1.0, -1.0)
    dx, dy = bx - ax, by - ay
    d = np.array(list(map(math.hypot, dx.tolist(), dy.tolist())), np.float64)
    if (d < 1e-6).any():  # a desk's end on the hub's own point: curve's small loop, one at a time
        return np.array([shape(tuple(o), hub, header_h, gap, b, None if e != e else e, w)
                         for o, b, e, w in zip(others.tolist(), bow.tolist(), entry.tolist(), width.tolist())], np.float64)
    nx, ny = -dy / d, dx / d
    flip = (ny * side < 0) | ((np.abs(ny) < 1e-9) & (nx > 0))
    nx, ny = np.where(flip, -nx, nx), np.where(flip, -ny, ny)
    lift = np.minimum(d * bend, FAR / 0.75)
    mx, my = (ax + bx) / 2 + nx * lift, (ay + by) / 2 + ny * lift
    out = np.empty((len(d), 4, 2), np.float64)
    out[:, 0, 0], out[:, 0, 1] = ax, ay
    out[:, 1, 0], out[:, 1, 1] = ax + (mx - ax) * 2 / 3, ay + (my - ay) * 2 / 3
    out[:, 2, 0], out[:, 2, 1] = bx + (mx - bx) * 2 / 3, by + (my - by) * 2 / 3
    out[:, 3, 0], out[:, 3, 1] = bx, by
    return out
