"""Where a link's line runs, as plain geometry (no Qt): the cubic Bézier between two desks (curve), the route
of a link to or from the asker that keeps clear of both desks' name tags and below the title row (route,
below_ceiling, crosses_tags), and the ends of a link between two other desks (link_ends). links.LinkLayer draws
them; link_routes chooses among route's variants."""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..lesson.frame import Link

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h


def curve(a: Point, b: Point, bow: float = 40.0, bend: float = 0.18,
          side: int = -1) -> tuple[Point, Point, Point, Point]:
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


SPREAD, SPAN = 0.4, 1300.0  # a link ends up to SPREAD of the hub's width off its middle, less the further (canvas px) it comes from
ROUNDER = 1.25  # a bow to the other side that would cross a name tag is taken this much rounder on the usual side
BEND = 0.25  # a link bows by 3/4 of this times its length: neighbours' links part by ~1/4 of a desk's width
CEILING = 66.0  # canvas y no line rises above: the title row (classroom.TITLE_TWO_LINES ends at 64) stays clear


def clear_of(width: float) -> float:
    """How far a line `width` wide ends off a name tag's edge so that none of it, square cap included (its
    corner lies width / 2 * sqrt(2) from the end), paints over the tag's name, seat number or badge."""
    return width * 0.71 + 1.0


@lru_cache(maxsize=8192)
def route(other: Rect, hub: Rect, header_h: float, gap: float, bow: float = 1.0,
          entry: float | None = None, width: float = 0.0) -> tuple[Point, Point, Point, Point]:
    """The curve from a student's desk to the hub's (the asker's), so that no two links to one hub run
    together (they once all ran in the ~14 px gap between rows, where six lines could not be told apart), and
    so that no line crosses the name tag of either desk it joins ("mat" once sat under the line from "mat").

    A link from a row above leaves its desk's bottom edge and arches up over that row, and ends just above
    the hub's name tag; one from a row below leaves just above its own name tag and arches up over the hub's
    row into the hub's bottom edge; one within the hub's row joins the name tags' lower edges and arches down
    over that row's cards; the asker's own link is a loop above its name tag. So the families keep to their
    own rows, and within a family the arch grows with the distance: links from further away arch higher and
    nest instead of lying on top of each other. An end at a name tag stays clear_of(width) off it.
    `bow` scales the arch (negative: to the other side) and `entry` (a fraction of the hub's width off its
    middle) moves where it arrives: the variants link_routes chooses from when the default runs alongside
    another link. No arch rises above CEILING (below_ceiling): a far desk's would reach into the title row.
    """
    ox, oy, ow, oh = other
    hx, hy, hw, hh = hub
    clear = clear_of(width)
    if other == hub:
        return below_ceiling(curve((ox + ow / 2, oy - clear), (hx + hw / 2, hy - clear), header_h * 0.5 + gap * 0.6),
                             width)
    # links arrive side by side on the hub's edge: a near desk's towards its own side and a far desk's
    # nearer the middle, so that the far desk's higher arch spans the near one's and they nest
    x = ox + ow / 2
    off = x - hx - hw / 2
    hub_x = hx + hw / 2 + math.copysign(SPREAD * hw * max(0.0, 1 - abs(off) / SPAN), off) if abs(off) > 1 else hx + hw / 2
    if entry is not None:
        hub_x = hx + hw / 2 + entry * hw
    if abs(oy - hy) < 1.0:
        c = curve((x, oy + header_h + clear), (hub_x, hy + header_h + clear), 1e9, BEND * bow, side=1)
    elif oy < hy:
        c = curve((x, oy + oh), (hub_x, hy - clear), 1e9, BEND * bow, side=-1)
    else:
        c = curve((x, oy - clear), (hub_x, hy + hh), 1e9, BEND * bow, side=-1)
    # a bow to the other side mostly crosses an end's name tag (an arch down from the row below runs through its
    # own): such a variant arches on the usual side instead, a little rounder than the bow of the same size
    # there (a distinct variant, to part links the others do not), and a variant still crossing is the default
    if bow != 1.0 and crosses_tags(c, (other, hub), header_h, width / 2):
        safer = abs(bow) * ROUNDER if bow < 0 else 1.0
        return route(other, hub, header_h, gap, safer, entry, width)
    return below_ceiling(c, width)


def below_ceiling(c: tuple[Point, Point, Point, Point], width: float) -> tuple[Point, Point, Point, Point]:
    """The curve with its arch lowered just enough that no part of the line (half its width above the centre
    line) rises above CEILING into the title row or off the canvas: a far desk's arch up from a row below
    grows with the link's length. The control points move linearly with the arch (curve's offset and loop
    radius), so lowering by a factor s is the chord's curve plus s times the arch."""
    top = CEILING + width / 2
    ys = _BERNSTEIN @ np.asarray([p[1] for p in c], dtype=np.float64)  # [S + 1] centre-line heights
    if ys.min() >= top:
        return c
    (ax, ay), (bx, by) = c[0], c[3]
    flat = ((ax, ay), (ax + (bx - ax) / 3, ay + (by - ay) / 3), (ax + (bx - ax) * 2 / 3, ay + (by - ay) * 2 / 3),
            (bx, by))  # the arch at 0: the straight chord
    ys0 = _BERNSTEIN @ np.asarray([p[1] for p in flat], dtype=np.float64)
    rise = ys0 - ys  # how much the arch lifts each point; the height at s is ys0 - s * rise
    up = rise > 1e-9
    s = float(np.clip(np.min((ys0[up] - top) / rise[up]), 0.0, 1.0))
    return tuple((fx + s * (cx - fx), fy + s * (cy - fy)) for (fx, fy), (cx, cy) in zip(flat, c))


TAG_SAMPLES = 24  # straight pieces of a curve looked at for crossing a name tag
_T = np.linspace(0.0, 1.0, TAG_SAMPLES + 1)
_BERNSTEIN = np.stack([(1 - _T) ** 3, 3 * (1 - _T) ** 2 * _T, 3 * (1 - _T) * _T ** 2, _T ** 3], axis=1)  # [S + 1, 4]


def crosses_tags(c: tuple[Point, Point, Point, Point], desks: tuple[Rect, ...], header_h: float, reach: float) -> bool:
    """Whether the curve, as TAG_SAMPLES straight pieces, comes within `reach` of any of these desks' name tags
    (the top header_h of each): pieces, not points, since a steep arch steps over a 30 px tag between points."""
    xs, ys = [p[0] for p in c], [p[1] for p in c]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)  # the curve lies within its control points' box
    boxes = [box for box in ((x - reach, y - reach, x + w + reach, y + header_h + reach) for x, y, w, _ in desks)
             if box[0] < x1 and x0 < box[2] and box[1] < y1 and y0 < box[3]]
    if not boxes:
        return False
    pts = _BERNSTEIN @ np.asarray(c, dtype=np.float64)  # [S + 1, 2]
    a, b = pts[:-1], pts[1:]
    return any(_pieces_meet(a, b, box) for box in boxes)


def _pieces_meet(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    """Whether any straight piece a[i]-b[i] ([n, 2] each) passes through the open box (x0, y0, x1, y1):
    Liang-Barsky clipping, all pieces at once."""
    x0, y0, x1, y1 = box
    p = np.stack([a[:, 0] - b[:, 0], b[:, 0] - a[:, 0], a[:, 1] - b[:, 1], b[:, 1] - a[:, 1]], axis=1)  # [n, 4]
    q = np.stack([a[:, 0] - x0, x1 - a[:, 0], a[:, 1] - y0, y1 - a[:, 1]], axis=1)
    flat = np.abs(p) < 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        t = q / np.where(flat, 1.0, p)
    lo = np.max(np.where(~flat & (p < 0), t, 0.0), axis=1, initial=0.0)
    hi = np.min(np.where(~flat & (p > 0), t, 1.0), axis=1, initial=1.0)
    return bool(np.any((lo < hi) & ~np.any(flat & (q <= 0), axis=1)))


def link_curve(link: Link, desks: dict[int, Rect], hub: int | None, header_h: float,
               gap: float, variant: tuple[float, float | None] = (1.0, None),
               width: float = 0.0) -> tuple[Point, Point, Point, Point] | None:
    """The link's whole curve, from its source to its target (None if a desk is not drawn); `variant` is
    route's (bow, entry) for a link to or from the hub, `width` the line's (its ends keep clear of name tags)."""
    src, dst = desks.get(link.source), desks.get(link.target)
    if src is None or dst is None:
        return None
    if hub == link.source:
        return tuple(reversed(route(dst, src, header_h, gap, *variant, width)))
    if hub == link.target:
        return route(src, dst, header_h, gap, *variant, width)
    a, b, bow = link_ends(src, dst, header_h, gap, width)
    return curve(a, b, bow)


def link_ends(src: Rect, dst: Rect, header_h: float, gap: float, width: float = 0.0) -> tuple[Point, Point, float]:
    """Where a link between two desks starts and ends, and how far it may bow, for links with no common hub:
    within a row from just above the name tags bowing into the gap above, between rows edge to edge (the
    lower desk's end just above its name tag)."""
    sx, sy, sw, sh = src
    dx, dy, dw, dh = dst
    clear = clear_of(width)
    if src == dst:
        return (sx + sw / 2, sy - clear), (dx + dw / 2, dy - clear), header_h * 0.5 + gap * 0.6
    if abs(sy - dy) < 1.0:
        return (sx + sw / 2, sy - clear), (dx + dw / 2, dy - clear), gap * 0.6 + 8
    if dy > sy:
        return (sx + sw / 2, sy + sh), (dx + dw / 2, dy - clear), 0.0
    return (sx + sw / 2, sy - clear), (dx + dw / 2, dy + dh), 0.0


def split(c: tuple[Point, Point, Point, Point], t: float) -> tuple[Point, Point, Point, Point]:
    """The first part of a cubic, from 0 to t (de Casteljau)."""
    def lerp(p, q):
        return p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
    p0, p1, p2, p3 = c
    a, b, cc = lerp(p0, p1), lerp(p1, p2), lerp(p2, p3)
    d, e = lerp(a, b), lerp(b, cc)
    return p0, a, d, lerp(d, e)
