"""Where a link's line runs, as plain geometry (no Qt): the cubic Bézier between two desks (curve), the route
of a link to or from the asker that keeps clear of both desks' name tags and below the title row (route,
below_ceiling, crosses_tags), and the ends of a link between two other desks (link_ends). links.LinkLayer draws
them; link_routes chooses among route's variants."""
from __future__ import annotations

import numpy as np

from ..lesson.canvas import CANVASES
from ..lesson.frame import Link
from .link_shapes import clear_of, curve, rows, shape, shapes  # noqa: F401 (clear_of, curve, rows: as before)

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h


ROUNDER = 1.25  # a bow to the other side that would cross a name tag is taken this much rounder on the usual side
CEILING = 66.0  # canvas y no line rises above: the title row (areas.title_rect's two lines end at 64) stays clear
LEFT_WALL = 2.0  # canvas x no line runs left of: the canvas's (and a PPTX picture's) left edge
FLOOR = min(c.caption_y for c in CANVASES.values()) - 6.0  # canvas y no line sinks below: every canvas's caption
               # stays clear; an arch down over a bottom row's cards (3 rows: 9 students at 16:9) ran under it


MANY = 4  # variants of one route from this many on are made together in NumPy (fewer: one at a time in Python)
ROUTES_KEPT = 8192  # curves kept (route's answers): a class's links run between the same desks from frame to frame
_ROUTES: dict[tuple, dict[tuple, tuple[Point, Point, Point, Point]]] = {}  # what a route joins -> variant -> curve
_KEPT = [0]  # curves in _ROUTES (a route's variants are let go together, the first kept first)


def _keep(base: tuple, curves: dict) -> None:
    """Keep these curves (variant -> curve) of the route `base` (what it joins), letting the first kept routes go
    while more than ROUTES_KEPT curves are kept. By route, not by curve: a new set at 1,024 students looks up 104
    variants of a route, and each (route, variant) key hashed the route's two desks again."""
    kept = _ROUTES.get(base)
    if kept is None:
        kept = _ROUTES[base] = {}
    _KEPT[0] += len(curves.keys() - kept.keys())
    kept.update(curves)
    while _KEPT[0] > ROUTES_KEPT and len(_ROUTES) > 1:
        first = next(iter(_ROUTES))
        _KEPT[0] -= len(_ROUTES.pop(first))


def route(other: Rect, hub: Rect, header_h: float, gap: float, bow: float = 1.0,
          entry: float | None = None, width: float = 0.0) -> tuple[Point, Point, Point, Point]:
    """The curve from a student's desk to the hub's (the asker's), so that no two links to one hub run
    together (they once all ran in the ~14 px gap between rows, where six lines could not be told apart), and
    so that no line crosses the name tag of either desk it joins ("mat" once sat under the line from "mat").

    A link from a row above leaves its desk's bottom edge and arches up over that row, and ends just above
    the hub's name tag; one from a row below leaves just above its own name tag and arches up over the hub's
    row into the hub's bottom edge; one within the hub's row joins the name tags' lower edges and arches down
    over that row's cards (or, bowed to the other side, joins the tops of the two desks and arches over the name
    tags, off the cards' numbers; or, at bow 0, runs straight along the lane between the name tags and the cards,
    where a desk has no digits); the asker's own link is a loop above its name tag. So the families keep to their
    own rows, and within a family the arch grows with the distance: links from further away arch higher and
    nest instead of lying on top of each other. An end at a name tag stays clear_of(width) off it.
    `bow` scales the arch (negative: to the other side) and `entry` (a fraction of the hub's width off its
    middle) moves where it arrives: the variants link_routes chooses from when the default runs alongside
    another link. A bow to the other side mostly crosses an end's name tag (an arch down from the row below
    runs through its own): such a variant arches on the usual side instead, a little rounder (ROUNDER) than the
    bow of the same size there (a distinct variant, to part links the others do not), and a variant still
    crossing is the default. No arch rises above CEILING (below_ceiling): a far desk's would reach into the
    title row.
    """
    return routes(other, hub, header_h, gap, ((bow, entry),), width)[0]


def routes(other: Rect, hub: Rect, header_h: float, gap: float, variants, width: float = 0.0) -> list:
    """route's curve for each (bow, entry) of `variants`, made together: the name tag checks of all of them are one
    NumPy pass (crosses_tags_many) instead of one small pass per variant, which at 1,024 students was most of the
    cost of choosing a link's route. Kept (the last ROUTES_KEPT curves) by what they join and their variant."""
    base = (other, hub, header_h, gap, width)
    kept = _ROUTES.get(base, {})
    out = [kept.get(v) for v in variants]
    todo = list(dict.fromkeys(v for v, c in zip(variants, out) if c is None))
    if not todo:
        return out
    # each variant ends as the first of [its own bow, a rounder one on the usual side, the default] that crosses no
    # name tag of the two desks (the default is not checked); the bows to check go in rounds, all at once
    if len(todo) >= MANY and other != hub:  # many: made, checked and lowered together in NumPy (link_shapes.shapes)
        made = [((a, b), (c, d), (e, f), (g, h))
                for a, b, c, d, e, f, g, h in _together(other, hub, header_h, gap, todo, width).reshape(-1, 8).tolist()]
    else:
        made = [below_ceiling(c, width) for c in _alone(other, hub, header_h, gap, todo, width)]
    new = dict(zip(todo, made))
    _keep(base, new)
    return [new[v] if c is None else c for v, c in zip(variants, out)]


def _alone(other: Rect, hub: Rect, header_h: float, gap: float, todo: list, width: float) -> list:
    """routes' curves before the ceiling, made one variant at a time."""
    final: dict = {}
    tried = {v: v for v in todo}  # variant -> the (bow, entry) it is tried as now
    while tried:
        made = {v: shape(other, hub, header_h, gap, b, e, width) for v, (b, e) in tried.items()}
        check = [v for v, (b, _) in tried.items() if b != 1.0 and other != hub]
        cross = dict(zip(check, crosses_tags_many([made[v] for v in check], (other, hub), header_h, width / 2))) \
            if check else {}  # (a default alone, as each link's first route is, has nothing to check)
        later = {}
        for v, (b, e) in tried.items():
            if cross.get(v, False):
                later[v] = (abs(b) * ROUNDER if b < 0 else 1.0, e)
            else:
                final[v] = made[v]
        tried = later
    return [final[v] for v in todo]


def _together(other: Rect, hub: Rect, header_h: float, gap: float, todo: list, width: float) -> np.ndarray:
    """routes' curves of many variants of one desk's route into the hub (not the hub's own) as arrays, [k, 4, 2],
    each _alone's then below_ceiling's to the bit: every variant's three tries (its own bow; for a bow to the other
    side, the rounder one on the usual side; the default at its entry) made and checked for name tags in one pass,
    then the first try that crosses none taken, and lowered under the ceiling."""
    k = len(todo)
    other_side = [i for i, (b, _) in enumerate(todo) if b < 0]
    m = len(other_side)
    tries = list(todo) + [(abs(todo[i][0]) * ROUNDER, todo[i][1]) for i in other_side] + [(1.0, e) for _, e in todo]
    # each distinct try made once (rows makes each row alone, so a row is the same made among any others): the k
    # defaults repeat the default bow's own variants, which a batch of every variant holds too
    unique = list(dict.fromkeys(tries))
    if len(unique) < len(tries):
        place = {t: n for n, t in enumerate(unique)}
        made = shapes(other, hub, header_h, gap, unique, width)[[place[t] for t in tries]]
    else:
        made = shapes(other, hub, header_h, gap, tries, width)
    check = np.array([b != 1.0 for b, _ in tries[:k + m]] + [False] * k)  # (a default is not checked)
    cross = np.zeros(len(tries), bool)
    if check.any():
        cross[check] = crosses_tags_many(made[check], (other, hub), header_h, width / 2)
    take = np.where(cross[:k], k + m + np.arange(k), np.arange(k))  # a bow crossing a tag: the default ...
    if m:  # ... but one to the other side first tries the rounder one on the usual side
        i = np.array(other_side)
        take[i] = np.where(cross[i], np.where(cross[k:k + m], k + m + i, k + np.arange(m)), i)
    out = made[take]
    inside = within(out, width)
    if not inside.all():
        out[~inside] = lowered(out[~inside], width)
    return out


def routes_forget() -> None:
    """Drop the kept curves (benchmarks time route choice cold; tests start clean)."""
    _ROUTES.clear()
    _KEPT[0] = 0


route.cache_clear = routes_forget  # as when route was an lru_cache (scripts/soak_memory.py clears such caches)


def below_ceiling(c: tuple[Point, Point, Point, Point], width: float) -> tuple[Point, Point, Point, Point]:
    """The curve with its arch lowered just enough that no part of the line (half its width beyond the centre
    line) rises above CEILING into the title row or runs off the canvas's left edge (LEFT_WALL: a link down a
    4:3 class's first column bows left of the desks, past x = 0 on a PPTX picture: teacher7 L3). A far desk's
    arch up from a row below grows with the link's length. The control points move linearly with the arch
    (curve's offset and loop radius), so lowering by a factor s is the chord's curve plus s times the arch:
    lowered's, for this one curve (review20 #5: the scalar twin it kept was held equal to it only by a test)."""
    top, left, bottom = CEILING + width / 2, LEFT_WALL + width / 2, FLOOR - width / 2
    if (min(p[1] for p in c) > top + 1e-6 and min(p[0] for p in c) > left + 1e-6
            and max(p[1] for p in c) < bottom - 1e-6):
        return c  # the curve lies within its control points' box (the margin: rounding)
    (a, b), (c_, d), (e, f), (g, h) = lowered(np.array([c], np.float64), width)[0].tolist()
    return (a, b), (c_, d), (e, f), (g, h)


def lowered(cs: np.ndarray, width) -> np.ndarray:
    """below_ceiling for [k, 4, 2] curves (of one width, or [k] widths) at once: each the chord plus the largest
    share (0..1) of its arch that keeps the centre line (at TAG_SAMPLES pieces) inside the walls (the Bernstein
    products as a stacked matmul, so a curve lowered among many is lowered as alone: tests/test_link_shapes.py);
    a curve no share of whose arch keeps it inside (a chord beyond a wall: random desks only) keeps its arch."""
    width = np.broadcast_to(np.asarray(width, np.float64), (len(cs),))
    top, left, bottom = CEILING + width / 2, LEFT_WALL + width / 2, FLOOR - width / 2
    a, b = cs[:, 0], cs[:, 3]
    flat = np.stack([a, a + (b - a) / 3, a + (b - a) * 2 / 3, b], axis=1)  # the arch at 0: the straight chord
    s = np.minimum(np.minimum(_rooms(cs, flat, 1, top), _rooms(cs, flat, 0, left)),
                   _rooms(cs, flat, 1, bottom, below=True))[:, None, None]
    return np.where(s >= 1.0, cs, flat + s * (cs - flat))


def within(cs: np.ndarray, width) -> np.ndarray:
    """below_ceiling's first test for [k, 4, 2] curves (of one width, or [k] widths) at once: [k] whether each is
    left as it is (the same comparisons of the same numbers)."""
    top, left, bottom = CEILING + width / 2, LEFT_WALL + width / 2, FLOOR - width / 2
    return ((cs[:, :, 1].min(axis=1) > top + 1e-6) & (cs[:, :, 0].min(axis=1) > left + 1e-6)
            & (cs[:, :, 1].max(axis=1) < bottom - 1e-6))


def _rooms(cs: np.ndarray, flat: np.ndarray, axis: int, wall: np.ndarray, below: bool = False) -> np.ndarray:
    """The largest share (0..1) of the arch of each of [k, 4, 2] curves (over its chord, `flat`) that keeps the
    centre line at or beyond its wall ([k]) along `axis` (1: y, 0: x; beyond = greater, or smaller when `below`):
    [k] (a curve that cannot be kept inside: 1)."""
    sign = -1.0 if below else 1.0  # a floor is a ceiling of the coordinates turned over
    wall = sign * wall
    now = np.matmul((sign * cs[:, :, axis])[:, None, :], _BERNSTEIN.T)[:, 0]  # [k, S + 1] centre-line coordinates
    chord = np.matmul((sign * flat[:, :, axis])[:, None, :], _BERNSTEIN.T)[:, 0]
    rise = chord - now  # how far the arch moves each point towards the wall
    up = rise > 1e-9
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(up, (chord - wall[:, None]) / np.where(up, rise, 1.0), np.inf).min(axis=1)
    return np.where(now.min(axis=1) >= wall, 1.0, np.clip(share, 0.0, 1.0))


TAG_SAMPLES = 24  # straight pieces of a curve looked at for crossing a name tag
_T = np.linspace(0.0, 1.0, TAG_SAMPLES + 1)
_BERNSTEIN = np.stack([(1 - _T) ** 3, 3 * (1 - _T) ** 2 * _T, 3 * (1 - _T) * _T ** 2, _T ** 3], axis=1)  # [S + 1, 4]


def crosses_tags(c: tuple[Point, Point, Point, Point], desks: tuple[Rect, ...], header_h: float, reach: float) -> bool:
    """Whether the curve, as TAG_SAMPLES straight pieces, comes within `reach` of any of these desks' name tags
    (the top header_h of each): pieces, not points, since a steep arch steps over a 30 px tag between points."""
    return bool(crosses_tags_many([c], desks, header_h, reach)[0])


def crosses_tags_many(cs: list, desks: tuple[Rect, ...], header_h: float, reach: float) -> np.ndarray:
    """crosses_tags for each of k curves at once: [k] bools."""
    c = np.asarray(cs, dtype=np.float64).reshape(-1, 4, 2)
    out = np.zeros(len(c), dtype=bool)
    if not len(c):
        return out
    lo, hi = c.min(axis=1), c.max(axis=1)  # [k, 2]: each curve lies within its control points' box
    pts = _BERNSTEIN @ c  # [k, S + 1, 2]
    for x, y, w, _ in desks:
        box = (x - reach, y - reach, x + w + reach, y + header_h + reach)
        near = (box[0] < hi[:, 0]) & (lo[:, 0] < box[2]) & (box[1] < hi[:, 1]) & (lo[:, 1] < box[3])
        if near.any():
            out[near] |= _pieces_meet(pts[near, :-1], pts[near, 1:], box)
    return out


def _pieces_meet(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Whether any straight piece a[..., i, :]-b[..., i, :] ([k, n, 2] each) passes through the open box
    (x0, y0, x1, y1): Liang-Barsky clipping of the pieces not wholly on one side of it (a piece whose ends are
    both left of x0, right of x1, above y0 or below y1 cannot meet the open box, and clipping says so too: its
    entry parameter is >= 1 or its exit <= 0), all at once; [k] bools."""
    x0, y0, x1, y1 = box
    ax, ay, bx, by = a[..., 0], a[..., 1], b[..., 0], b[..., 1]
    out = np.zeros(a.shape[0], dtype=bool)
    maybe = ((np.minimum(ax, bx) < x1) & (np.maximum(ax, bx) > x0)
             & (np.minimum(ay, by) < y1) & (np.maximum(ay, by) > y0))                 # [k, n]
    curve, piece = np.nonzero(maybe)
    if not len(curve):
        return out
    ax, ay, bx, by = ax[curve, piece], ay[curve, piece], bx[curve, piece], by[curve, piece]
    p = np.stack([ax - bx, bx - ax, ay - by, by - ay], axis=-1)  # [m, 4]
    q = np.stack([ax - x0, x1 - ax, ay - y0, y1 - ay], axis=-1)
    flat = np.abs(p) < 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        t = q / np.where(flat, 1.0, p)
    lo = np.max(np.where(~flat & (p < 0), t, 0.0), axis=-1, initial=0.0)
    hi = np.min(np.where(~flat & (p > 0), t, 1.0), axis=-1, initial=1.0)
    out[curve[(lo < hi) & ~np.any(flat & (q <= 0), axis=-1)]] = True
    return out


def link_curve(link: Link, desks: dict[int, Rect], hub: int | None, header_h: float,
               gap: float, variant: tuple[float, float | None] = (1.0, None),
               width: float = 0.0) -> tuple[Point, Point, Point, Point] | None:
    """The link's whole curve, from its source to its target (None if a desk is not drawn); `variant` is
    route's (bow, entry) for a link to or from the hub, `width` the line's (its ends keep clear of name tags)."""
    return link_curves(link, desks, hub, header_h, gap, (variant,), width)[0]


def link_curves_each(links: list[Link], desks: dict[int, Rect], hub: int | None, header_h: float, gap: float,
                     variants: list[tuple[float, float | None]], widths: list[float]) -> list:
    """link_curve of each link at its variant and width, the default routes into or out of the hub that are not kept
    made together in NumPy (link_shapes.rows: the same curves to the bit) and kept as route keeps them: a new set
    of up to 96 drawn links made them one at a time."""
    out, todo = [], []  # todo: (position, the desk that is not the hub's, width)
    for link, v, w in zip(links, variants, widths):
        src, dst = desks.get(link.source), desks.get(link.target)
        if (v == DEFAULT and src is not None and dst is not None and link.source != link.target
                and hub in (link.source, link.target)):
            other = dst if hub == link.source else src
            c = _ROUTES.get((other, desks[hub], header_h, gap, w), _NONE).get(v)
            if c is None:
                todo.append((len(out), other, w))
            out.append(c if c is None or hub != link.source else tuple(reversed(c)))
        else:
            out.append(link_curve(link, desks, hub, header_h, gap, v, w))
    if len(todo) < MANY:
        for k, other, w in todo:
            out[k] = link_curve(links[k], desks, hub, header_h, gap, DEFAULT, w)
        return out
    hub_desk = desks[hub]
    width = np.array([w for _, _, w in todo], np.float64)
    n = len(todo)
    made = rows(np.array([o for _, o, _ in todo], np.float64), hub_desk, header_h, gap, np.ones(n), np.full(n, np.nan),
                width)
    inside = within(made, width)
    if not inside.all():
        made[~inside] = lowered(made[~inside], width[~inside])
    for (k, other, w), (a, b, c, d, e, f, g, h) in zip(todo, made.reshape(-1, 8).tolist()):
        curve_ = ((a, b), (c, d), (e, f), (g, h))
        _keep((other, hub_desk, header_h, gap, w), {DEFAULT: curve_})
        out[k] = tuple(reversed(curve_)) if hub == links[k].source else curve_
    return out


DEFAULT = (1.0, None)  # route's default variant (bow, entry)
_NONE: dict = {}  # (no variant kept)


def link_curves(link: Link, desks: dict[int, Rect], hub: int | None, header_h: float, gap: float,
                variants, width: float = 0.0) -> list:
    """link_curve for each of these variants, made together (routes)."""
    src, dst = desks.get(link.source), desks.get(link.target)
    if src is None or dst is None:
        return [None] * len(variants)
    if link.source == link.target:
        return [loop(src, desks, header_h, gap, width)] * len(variants)
    if hub == link.source:
        return [tuple(reversed(c)) for c in routes(dst, src, header_h, gap, variants, width)]
    if hub == link.target:
        return routes(src, dst, header_h, gap, variants, width)
    a, b, bow = link_ends(src, dst, header_h, gap, width)
    return [curve(a, b, bow)] * len(variants)


def loop(desk: Rect, desks: dict[int, Rect], header_h: float, gap: float,
         width: float = 0.0) -> tuple[Point, Point, Point, Point]:
    """A student's link to itself: a loop above its name tag, kept below the desk above it (a loop as tall as a
    name tag reached into that desk's last card, over its digits, in every step of a second row's asker) by
    flattening it into a wider, lower arch; the loop route and link_ends make when there is room."""
    x, y, w, _ = desk
    clear = clear_of(width)
    r = (header_h * 0.5 + gap * 0.6) * 0.9
    ax, ay = x + w / 2, y - clear
    peak, rx = 1.2 * r, r  # the cubic's top above its ends is 3/4 of its control points' height
    above = [oy + oh for ox, oy, ow, oh in desks.values() if oy + oh <= y + 1e-6 and ox < ax + r and ox + ow > ax - r]
    if above:
        room = ay - max(above) - width / 2 - MARGIN_ABOVE
        if room < peak:
            peak, rx = max(room, 3.0), 3.0 * r
    return below_ceiling(((ax, ay), (ax - rx, ay - peak / 0.75), (ax + rx, ay - peak / 0.75), (ax, ay)), width)


MARGIN_ABOVE = 2.0  # px a flattened loop keeps below the desk above


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
