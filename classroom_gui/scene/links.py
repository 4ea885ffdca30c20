"""Links between students, drawn as a few paths rather than many items.

Every link of one (role, width bucket) goes into ONE QGraphicsPathItem, and the travelling dots or
opinion cards of the same (role, bucket) into one more: at 32 students one item per link cost 200 ms a frame, one path
about 5 ms. The paths are opaque straight pieces with square caps, which Qt rasterizes fastest (see
add_segments). A link runs between desks (see route) along a curve, as thick as its weight; while
`progress` < 1 only the part already travelled is drawn, with a dot (or, for opinions, a small card
scaled by its share) at the front. Labels go on the strongest few links only.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from ..lesson.frame import Link
from .items import PillItem, mix, qcolor
from .link_labels import LABEL_PX, pill_rect, place_labels, point_at
from .link_routes import VARIANTS, choose
from .palette import Theme

BUCKETS = 8            # line widths used: weight 0..1 quantised into this many steps
MAX_LABELS = 6         # labels on the strongest links when there are many
CURVE_SEGMENTS = 12    # straight pieces per bowed link (see add_segments)
CROWDED = 24           # more links than this: the unlabelled crowd is drawn lighter still
FEW_MARKERS = 12       # up to this many links the travelling markers are round dots and rounded cards
ROUTE_SETS = 256       # link sets whose chosen routes are remembered (scrubbing back finds them)
MAX_LINKS = 96         # a fan over a bigger class draws this many: the strongest half and a spread of the rest
CLEAR_OF_ALL = 128     # up to this many students the heaviest link keeps clear of every link drawn; in a bigger
                       # class only of the labelled ones (the faint crowd beneath it cannot hide it, and keeping
                       # clear of 95 links cost 40-90 ms a new frame at 512 students)
Z_LINKS, Z_MARKERS, Z_LABELS = 20.0, 21.0, 22.0

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h


def _number(link: Link) -> float:
    """The number a link shows (Link.value; a NaN or a link without one ranks last among equals)."""
    v = link.value
    return v if v is not None and v == v else -math.inf


def bucket(weight: float) -> int:
    return min(BUCKETS - 1, max(0, int(round(max(0.0, min(1.0, weight)) * (BUCKETS - 1)))))


def bucket_width(b: int, scale: float) -> float:  # line width of a bucket; scale shrinks lines in big classes
    return (1.6 + 13.0 * b / (BUCKETS - 1)) * scale


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


def hub_of(links: list[Link], asker: int | None = None) -> int | None:
    """The student every link of a frame starts or ends at (the asker, given or found), or None."""
    if asker is not None and all(asker in (link.source, link.target) for link in links):
        return asker
    counts: dict[int, int] = {}
    for link in links:
        for s in {link.source, link.target}:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] == len(links) else None


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


def add_segments(path: QPainterPath, c: tuple[Point, Point, Point, Point], n: int) -> None:
    """The cubic as n straight pieces, each its own moveTo/lineTo pair.

    A path made only of such pairs is a "lines" path to Qt's raster engine, which draws it with its fast
    line rasterizer as long as the pen is opaque with flat or square caps: 63 links at 64 students cost
    ~2 ms that way, against 25-180 ms for the same links as Bézier curves, with round caps or with alpha.
    """
    prev = c[0]
    for k in range(1, n + 1):
        nxt = point_at(c, k / n)
        path.moveTo(*prev)
        path.lineTo(*nxt)
        prev = nxt


@lru_cache(maxsize=2048)
def segments(c: tuple[Point, Point, Point, Point]) -> QPainterPath:
    """A whole link's add_segments path, kept: the links of a class run between the same desks from frame to
    frame (~60 curves at 64 students, 25 Python calls each). Shared: never modify the result."""
    path = QPainterPath()
    add_segments(path, c, CURVE_SEGMENTS)
    return path


class LinkLayer:
    """Owns the link paths, markers and labels of a scene and refills them for each frame."""

    def __init__(self, scene: QGraphicsScene):
        self.scene = scene
        self.lines: dict[tuple[str, int, bool], QGraphicsPathItem] = {}
        self.markers: dict[tuple[str, int], QGraphicsPathItem] = {}
        self.labels: list[PillItem] = []
        self.label_texts: list[str] = []
        # what was drawn last, for tests: (link, its drawn curve, line width)
        self.curves: list[tuple[Link, tuple[Point, Point, Point, Point], float]] = []
        self.label_boxes: list[tuple[Link, QRectF]] = []  # and where its labels went
        self._avoid: tuple[list[QRectF], np.ndarray | None] = ([], None)  # and the texts they kept off (see avoid)
        self._route_sets: dict[tuple, dict[int, tuple[float, float | None]]] = {}  # link set -> route variants

    def _path_item(self, items: dict[tuple, QGraphicsPathItem], key: tuple,
                   z: float) -> QGraphicsPathItem:
        """The path item for (role, width bucket) in `items` (lines or markers), made on first use."""
        item = items.get(key)
        if item is None:
            item = items[key] = QGraphicsPathItem()
            item.setZValue(z)
            item.setBrush(Qt.BrushStyle.NoBrush)
            self.scene.addItem(item)
        return item

    @staticmethod
    def _hide_unused(items: dict, used: dict) -> None:
        for key, item in items.items():
            if key not in used:
                item.setVisible(False)

    def set_links(self, links: list[Link], desks: dict[int, Rect], header_h: float, gap: float, theme: Theme,
             scale: float, avoid: list[QRectF] = (), asker: int | None = None,
             avoid_edges: np.ndarray | None = None) -> None:
        """Draw these links between these desks (canvas rectangles by seat), their labels keeping off the texts in
        `avoid` and in `avoid_edges` (more of them as [n, 4] edges: link_labels.edges_of)."""
        paths: dict[tuple[str, int, bool], QPainterPath] = {}  # (role, width bucket, in the faint crowd)
        dots: dict[str, QPainterPath] = {}
        ranked = self.strongest(links)  # sorted once a frame: labels, the drawn few and the routes read it
        order = ranked if len(links) > MAX_LABELS + 2 else None  # None: few enough to label all
        labelled = set(range(len(links))) if order is None else set(order[:MAX_LABELS])
        fast = len(links) > FEW_MARKERS
        # the links left without a label (beyond the strongest MAX_LABELS) are a faint crowd behind the labelled
        # ones: a teacher points at the few strong links and their shares, the rest say "everyone, a little"
        # (each share is on its desk's badge); a fan over the whole class is lighter still, so the desks read
        faint = 0.72 if len(links) > CROWDED else 0.55
        label_spots: list[tuple[Link, Point]] = []
        hub = hub_of(links, asker)
        self.curves = []
        drawn = self.drawn(order) if order is not None and len(order) > MAX_LINKS else list(range(len(links)))
        variants = self._routes(links, ranked, drawn, labelled, desks, hub, header_h, gap, scale)
        for i in drawn:
            link = links[i]
            b = bucket(link.weight)
            c = link_curve(link, desks, hub, header_h, gap, variants.get(i, VARIANTS[0]), bucket_width(b, scale))
            if c is None or link.progress <= 0:
                continue
            t = max(0.0, min(1.0, link.progress))
            part = c if t >= 1 else split(c, t)
            self.curves.append((link, part, bucket_width(b, scale)))
            path = paths.setdefault((link.role, b, i not in labelled), QPainterPath())
            if t >= 1:  # a whole link: its pieces as kept (the same elements as add_segments gives)
                path.addPath(segments(c))
            else:
                add_segments(path, part, CURVE_SEGMENTS)
            if t < 1:
                self._marker(dots.setdefault((link.role, b), QPainterPath()), link, part[3], scale,
                             fast)
            if i in labelled and link.label:
                if t >= 1:
                    label_spots.append((link, c if hub != link.source else tuple(reversed(c))))
                else:  # the label rides just above the travelling dot or card
                    x, y = part[3]
                    lift = self._marker_size(link.role, link.weight, scale) / 2 + 14 * scale
                    label_spots.append((link, (x, y - lift)))
        self._hide_unused(self.lines, paths)
        for key, path in paths.items():
            role, b, crowd = key
            item = self._path_item(self.lines, key, Z_LINKS - 0.5 if crowd else Z_LINKS)
            colour = mix(theme.role(role), theme.color("background"), faint) if crowd else theme.role(role)
            pen = QPen(qcolor(colour), bucket_width(b, scale))
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            if item.pen() != pen:
                item.setPen(pen)
            if item.path() != path:
                item.setPath(path)
            item.setVisible(True)
        self._hide_unused(self.markers, dots)
        for key, path in dots.items():
            item = self._path_item(self.markers, key, Z_MARKERS)
            role, b = key
            if fast:  # squares drawn as short thick lines: the fast rasterizer again
                pen = QPen(qcolor(theme.role(role)), self._marker_size(role, b / (BUCKETS - 1), scale))
                pen.setCapStyle(Qt.PenCapStyle.SquareCap)
                item.setPen(pen)
                item.setBrush(Qt.BrushStyle.NoBrush)
            else:
                item.setPen(QPen(qcolor("#FFFFFF"), 2.0))
                item.setBrush(qcolor(theme.role(role)))
            item.setPath(path)
            item.setVisible(True)
        self._avoid = (list(avoid), avoid_edges)
        self._show_labels(label_spots, theme, scale, *self._avoid)

    @property
    def avoid(self) -> list[QRectF]:
        """The texts the last labels kept off, as rectangles (for tests: a frame passes most as edges)."""
        rects, edges = self._avoid
        return rects + ([] if edges is None else [QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in edges.tolist()])

    def _routes(self, links: list[Link], ranked: list[int], drawn: list[int], labelled: set[int],
                desks: dict[int, Rect], hub: int | None, header_h: float, gap: float,
                scale: float) -> dict[int, tuple[float, float | None]]:
        """Each drawn link's route variant (link_routes.VARIANTS), chosen so that the heaviest link runs
        alongside no other and the labelled ones alongside no labelled one; remembered for the last ROUTE_SETS
        sets of links (`ranked`: every link's index, strongest first)."""
        if hub is None or len(drawn) < 2:
            return {}
        key = (hub, header_h, gap, scale, tuple(sorted(desks.items())),
               tuple((i, links[i].source, links[i].target, bucket(links[i].weight), i in labelled) for i in drawn),
               self.heaviest(links, ranked), tuple(i for i in ranked if i in labelled))  # the order routes are placed
        known = self._route_sets.pop(key, None)
        if known is None:
            known = self._choose_routes(links, ranked, drawn, labelled, desks, hub, header_h, gap, scale)
            if len(self._route_sets) >= ROUTE_SETS:
                del self._route_sets[next(iter(self._route_sets))]  # the least recently used
        self._route_sets[key] = known  # (re)inserted last: dicts keep insertion order
        return known

    def _choose_routes(self, links, ranked, drawn, labelled, desks, hub, header_h, gap, scale):
        on = set(drawn)
        top = self.heaviest(links, ranked)  # the heaviest keeps clear of every link, when there is one (a
        top = top if top is not None and top in on else -1  # question sent to all has none)
        marked = {i for i in drawn if i in labelled and links[i].label} | ({top} - {-1})
        crowd = len(desks) > CLEAR_OF_ALL  # then only the marked links are checked, against each other
        widths = [bucket_width(bucket(links[i].weight), scale) for i in drawn]
        defaults = []
        for i, width in zip(drawn, widths):
            link = links[i]
            to_hub = link.source != link.target and hub in (link.source, link.target) and (i in marked or not crowd)
            defaults.append(link_curve(link, desks, hub, header_h, gap, VARIANTS[0], width) if to_hub else None)

        class variants:  # every variant's curve, only for a link whose default runs alongside another, made a
            def __init__(self, k: int):  # slice (a bow) at a time: most links part at their first bows
                self.link, self.width = links[drawn[k]], widths[k]

            def __len__(self) -> int:
                return len(VARIANTS)

            def __getitem__(self, part: slice) -> list:
                return [link_curve(self.link, desks, hub, header_h, gap, v, self.width) for v in VARIANTS[part]]

        pos = {i: k for k, i in enumerate(drawn)}
        everyone = set(range(len(drawn)))
        apart = {pos[j] for j in marked}
        checked = [(apart if crowd else everyone) if i == top else apart if i in marked else set() for i in drawn]
        chosen = choose(defaults, variants, widths, [pos[i] for i in ranked if i in marked], checked)
        return {i: VARIANTS[chosen[pos[i]]] for i in drawn}

    @classmethod
    def heaviest(cls, links: list[Link], ranked: list[int] | None = None) -> int | None:
        """The one link heavier than every other (of equal shares, as of scores, the highest number), or None.
        `ranked` is strongest(links), when the caller has it."""
        order = cls.strongest(links) if ranked is None else ranked
        if len(order) < 2:
            return order[0] if order else None
        a, b = links[order[0]], links[order[1]]
        return order[0] if (a.weight, _number(a)) != (b.weight, _number(b)) and a.weight >= b.weight else None

    @staticmethod
    def strongest(links: list[Link]) -> list[int]:
        """Link indices, heaviest first; equally heavy ones (as when scores are shown) by the number they show."""
        if len(links) < 64:
            return sorted(range(len(links)), key=lambda i: (links[i].weight, _number(links[i])), reverse=True)
        # a fan over a big class (1,023 links): the same order from one NumPy sort, equals in their own order
        weight = np.fromiter((link.weight for link in links), np.float64, len(links))
        number = np.fromiter((_number(link) for link in links), np.float64, len(links))
        return np.lexsort((np.arange(len(links)), -number, -weight)).tolist()

    @staticmethod
    def drawn(order: list[int]) -> list[int]:
        """Which of more than MAX_LINKS links (given strongest first) to draw: a fan of 1,023 lines from one
        student of GPT-2's 1024 is a solid blot that costs 60 ms to paint, so it is drawn as the strongest
        half plus others spread evenly over the class. Labels stay on the strongest (MAX_LABELS)."""
        half = MAX_LINKS // 2
        rest = sorted(order[half:])
        step = len(rest) / (MAX_LINKS - half)
        return sorted(order[:half] + [rest[int(k * step)] for k in range(MAX_LINKS - half)])

    @staticmethod
    def _marker_size(role: str, weight: float, scale: float) -> float:  # height of the dot or card
        if role == "value":  # an opinion card, shrunk to its share
            return (8 + 20 * math.sqrt(max(0.0, min(1.0, weight)))) * scale
        return 14.0 * scale

    @classmethod
    def _marker(cls, path: QPainterPath, link: Link, at: Point, scale: float, fast: bool) -> None:
        x, y = at
        s = cls._marker_size(link.role, link.weight, scale)
        if fast:  # with many links: a square (or a card-shaped bar), stroked by a pen of width s
            half = 0.3 * s if link.role == "value" else 0.0
            path.moveTo(x - half, y)
            path.lineTo(x + half + 0.01, y)
        elif link.role == "value":
            path.addRoundedRect(QRectF(x - s * 0.8, y - s / 2, s * 1.6, s), s * 0.2, s * 0.2)
        else:
            path.addEllipse(QPointF(x, y), s / 2, s / 2)

    def _show_labels(self, spots: list[tuple[Link, object]], theme: Theme, scale: float, avoid: list[QRectF],
                     avoid_edges: np.ndarray | None = None) -> None:
        px = max(LABEL_PX, 17.0 * scale) * theme.font_scale
        spots = place_labels(spots, px, avoid, avoid_edges)
        while len(self.labels) < len(spots):
            pill = PillItem()
            pill.setZValue(Z_LABELS)
            self.scene.addItem(pill)
            self.labels.append(pill)
        self.label_texts = []
        self.label_boxes = [(link, pill_rect(link.label, px, at)) for link, at in spots]
        for pill, (link, (x, y)) in zip(self.labels, spots):
            pill.set_label(link.label, px, theme.role(link.role), "#FFFFFF", theme.color("text"))
            pill.setPos(round(x), round(y))  # whole pixels: a cached item moved by a fraction is repainted
            pill.setVisible(True)
            self.label_texts.append(link.label)
        for pill in self.labels[len(spots):]:
            pill.setVisible(False)
