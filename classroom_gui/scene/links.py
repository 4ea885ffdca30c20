"""Links between students, drawn as a few paths rather than many items.

Every link of one (role, width bucket) goes into ONE QGraphicsPathItem, and the travelling dots or
opinion cards of the same (role, bucket) into one more: at 32 students one item per link cost 200 ms a frame, one path
about 5 ms. The paths are opaque straight pieces with square caps, which Qt rasterizes fastest (see
scene.link_pieces). A link runs between desks (see route) along a curve, as thick as its weight; while
`progress` < 1 only the part already travelled is drawn, with a dot (or, for opinions, a small card
scaled by its share) at the front. Labels go on the strongest few links only.
"""
from __future__ import annotations

import math
from itertools import count, repeat
from operator import attrgetter, contains

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from ..lesson.frame import Link
from .items import PillItem, mix, move_cached, qcolor
from .link_pieces import pieces_each
from .link_arrows import arrow_head, arrow_stops, show_heads
from .link_labels import LABEL_PX, ROOM, pill_rect, place_labels
from .link_geometry import Point, Rect, link_curves, link_curves_each, split
from .link_routes import CHUNKS, VARIANTS, choose
from .palette import Theme

BUCKETS = 8            # line widths used: weight 0..1 quantised into this many steps
MAX_LABELS = 6         # labels on the strongest links when there are many
CURVE_SEGMENTS = 12    # straight pieces per bowed link (see scene.link_pieces)
CROWDED = 24           # more links than this: the unlabelled crowd is drawn lighter still
FEW_MARKERS = 12       # up to this many links the travelling markers are round dots and rounded cards
ROUTE_SETS = 256       # link sets whose chosen routes are remembered (scrubbing back finds them)
MAX_LINKS = 96         # a fan over a bigger class draws this many: the strongest half and a spread of the rest
CLEAR_OF_ALL = 128     # up to this many students the heaviest link keeps clear of every link drawn; in a bigger
                       # class only of the labelled ones (the faint crowd beneath it cannot hide it, and keeping
                       # clear of 95 links cost 40-90 ms a new frame at 512 students)
ROUTED_ALL = 12        # up to this many students the unlabelled links keep off the digits too (after the labelled
                       # ones, apart from all), and the labelled ones may be placed again in another order
                       # (link_routes.choose); a bigger class's desks show few digits and its crowd is faint
OFF_DIGITS = 16        # up to this many students the unlabelled links keep off the cards' digits and apart from all
                       # (placed after the labelled ones): at 16 the faint lines from "cat" ran across desks 3-5's
                       # numbers (teacher33 #1); a name tag counts only up to ROUTED_ALL (Classroom._number_cells)
BOUNDED = 256          # in a bigger class each labelled link tries only the first two batches of route changes
                       # (link_routes: bows 1.0, 1.8 and 0.5, 24 variants), as a small class's unlabelled ones do,
                       # and keeps the least bad of those: at 1,024 students most never part within all 104 (tiny
                       # desks, a crowd of links), and trying them all was ~21 ms of a new link set (#18, routes30)
TAGGED = 128           # up to this many students a label keeps off other desks' name tags (link_labels.FOREIGN)
SEATINGS = 64          # seatings numbered for the route sets' keys (a window meets a few: class sizes, canvases)
_SEATINGS: dict[tuple, int] = {}  # each seating (desks by seat) met -> its number, one for every layer: the canvas
_NUMBERS = count()  # warmer's twin shares the canvas's route sets; a number is never given twice (after a clear)
Z_LINKS, Z_MARKERS, Z_LABELS = 20.0, 21.0, 22.0
FIRST = [k for batch in CHUNKS[:2] for group in batch for k in group]  # the variants a bounded link may try
ORDER_STEP = 1e-4  # between a frame's path items of one kind (_path_item): a few hundred stay under 0.5 apart

def _number(link: Link) -> float:
    """The number a link shows (Link.value; a NaN or a link without one ranks last among equals)."""
    v = link.value
    return v if v is not None and v == v else -math.inf


def bucket(weight: float) -> int:
    return min(BUCKETS - 1, max(0, int(round(max(0.0, min(1.0, weight)) * (BUCKETS - 1)))))


def bucket_width(b: int, scale: float) -> float:  # line width of a bucket; scale shrinks lines in big classes
    return (1.6 + 13.0 * b / (BUCKETS - 1)) * scale


def hub_of(links: list[Link], asker: int | None = None) -> int | None:
    """The student every link of a frame starts or ends at (the asker, given or found), or None."""
    if asker is not None and all(map(contains, map(_ENDS, links), repeat(asker))):  # (C loops: 1,023 links)
        return asker
    counts: dict[int, int] = {}
    for link in links:
        for s in {link.source, link.target}:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] == len(links) else None


_ENDS, _WEIGHT, _VALUE = attrgetter("source", "target"), attrgetter("weight"), attrgetter("value")


SEGMENTS_KEPT = 2048  # whole links' paths kept (the least recently used go; a set asks for at most MAX_LINKS)
_SEGMENTS: dict[tuple, QPainterPath] = {}


def segments_each(curves: list[tuple[Point, Point, Point, Point]]) -> list[QPainterPath]:
    """A whole link's path of each curve (link_pieces.pieces_each), kept: the links of a class run between the same
    desks from frame to frame (~60 curves at 64 students); shared: never modify one. The points of those not kept
    computed together in NumPy (point_at's sums, element by element: the same points; a new set of 96 links at
    1,024 students made them 12 Python calls a curve)."""
    new = []
    for c in dict.fromkeys(curves):  # the kept ones asked for (re)inserted last, so that making new ones keeps them
        if c in _SEGMENTS:
            _SEGMENTS[c] = _SEGMENTS.pop(c)
        else:
            new.append(c)
    for curve, path in zip(new, pieces_each(new, CURVE_SEGMENTS)):
        if len(_SEGMENTS) >= SEGMENTS_KEPT:
            del _SEGMENTS[next(iter(_SEGMENTS))]
        _SEGMENTS[curve] = path
    return [_SEGMENTS[c] for c in curves]


class LinkLayer:
    """Owns the link paths, markers and labels of a scene and refills them for each frame."""

    _seating: tuple[dict, int] = ({}, -1)  # (as __init__ sets it: a layer made without it still numbers its desks)

    def __init__(self, scene: QGraphicsScene):
        self.scene = scene
        self.room = ROOM  # where labels may go (set_links)
        self.lines: dict[tuple[str, int, bool], QGraphicsPathItem] = {}
        self.markers: dict[tuple[str, int], QGraphicsPathItem] = {}
        self.heads: dict[tuple[str], QGraphicsPathItem] = {}  # arrowheads (Link.arrow), filled, one item a role
        self.head_points: list[tuple[Link, Point]] = []  # where the last arrowheads' tips were (for tests)
        self.labels: list[PillItem] = []
        self.label_texts: list[str] = []
        # what was drawn last, for tests: (link, its drawn curve, line width)
        self.curves: list[tuple[Link, tuple[Point, Point, Point, Point], float]] = []
        self.label_boxes: list[tuple[Link, QRectF]] = []  # and where its labels went
        self._avoid: tuple[list[QRectF], np.ndarray | None] = ([], None)  # and the texts they kept off (see avoid)
        self._route_sets: dict[tuple, dict[int, tuple[float, float | None]]] = {}  # link set -> route variants
        self._seating: tuple[dict, int] = ({}, -1)  # the last desks met and their number (_SEATINGS)

    def _path_item(self, items: dict[tuple, QGraphicsPathItem], key: tuple,
                   z: float) -> QGraphicsPathItem:
        """The path item for (role, width bucket) in `items` (lines or markers), made on first use, at `z`: its
        place in this frame's order (ORDER_STEP apart), so that items whose lines cross stack as a new canvas makes
        them, whatever frames made them before (fix80: at one z they stacked in the order they were first made, and
        the crossings' antialiased pixels of a moment came out 1 off after other moments)."""
        item = items.get(key)
        if item is None:
            item = items[key] = QGraphicsPathItem()
            item.setBrush(Qt.BrushStyle.NoBrush)
            self.scene.addItem(item)
        if item.zValue() != z:
            item.setZValue(z)
        return item

    @staticmethod
    def _hide_unused(items: dict, used: dict) -> None:
        for key, item in items.items():
            if key not in used:
                item.setVisible(False)

    def set_links(self, links: list[Link], desks: dict[int, Rect], header_h: float, gap: float, theme: Theme,
             scale: float, avoid: list[QRectF] = (), asker: int | None = None,
             avoid_edges: np.ndarray | None = None, numbers: np.ndarray | None = None, room: QRectF = ROOM,
             badges: dict[int, str] | None = None, badges_say: bool = False, digits: np.ndarray | None = None) -> None:
        """Draw these links between these desks (canvas rectangles by seat), their labels keeping off the texts in
        `avoid` and in `avoid_edges` (more of them as [n, 4] edges: link_labels.edges_of) and inside `room`
        (link_labels.label_room of the canvas), the labelled lines off the cards' digits in `numbers` ([n, 4]
        x0, y0, x1, y1 boxes) where a route can; `badges` (seat -> the badge its desk draws) are not repeated by a
        label on that desk's name tag; `badges_say`: nor by a label at all (a big class's composed desks, each
        with its badge: teacher32 #6, GPT-2's 58 scores, every label the same number beside its own desk's badge,
        on the desks' edges between the rows); `digits` ([n, 4], the cards' digits alone): arrows keep off them."""
        self.room = room
        paths: dict[tuple[str, int, bool], QPainterPath] = {}  # (role, width bucket, in the faint crowd)
        dots: dict[str, QPainterPath] = {}
        heads: dict[tuple[str], QPainterPath] = {}
        self.head_points = []
        ranked = self.strongest(links)  # sorted once a frame: labels, the drawn few and the routes read it
        order = ranked if len(links) > MAX_LABELS + 2 else None  # None: few enough to label all
        labelled = set(range(len(links))) if order is None else set(order[:MAX_LABELS])
        fast = len(links) > FEW_MARKERS
        # the links left without a label (beyond the strongest MAX_LABELS) are a faint crowd behind the labelled
        # ones: a teacher points at the few strong links and their shares, the rest say "everyone, a little"
        # (each share is on its desk's badge); a fan over the whole class is lighter still, so the desks read
        faint = 0.72 if len(links) > CROWDED else 0.55
        label_spots: list[tuple[Link, Point]] = []
        homes: list[int | None] = []  # the seat whose share each label is (a whole link's far desk)
        hub = hub_of(links, asker)
        self.curves = []
        drawn = self.drawn(order) if order is not None and len(order) > MAX_LINKS else list(range(len(links)))
        buckets = [bucket(links[i].weight) for i in drawn]  # once a set (the routes' key and choice read them too)
        variants = self._routes(links, ranked, drawn, labelled, desks, hub, header_h, gap, scale, numbers, buckets)
        made = link_curves_each([links[i] for i in drawn], desks, hub, header_h, gap,
                                [variants.get(i, VARIANTS[0]) for i in drawn],
                                [bucket_width(b, scale) for b in buckets])
        shown = {k: max(0.0, min(1.0, links[i].progress)) for k, (i, c) in enumerate(zip(drawn, made))
                 if c is not None and not links[i].progress <= 0}  # how much of each link shows
        stops = arrow_stops(made, shown, [links[i] for i in drawn], desks, scale, digits,  # (at its classmate's
                            [bucket_width(b, scale) for b in buckets], (hub, header_h, gap))  # desk, off digits)
        whole = [k for k, t in shown.items() if t >= 1 and k not in stops]
        kept = dict(zip(whole, segments_each([made[k] for k in whole])))  # each whole link's pieces, made or kept
        moving = {k: split(made[k], t) for k, t in shown.items() if t < 1}  # a travelling link's part so far
        moving.update((k, split(made[k], t)) for k, t in stops.items())
        kept.update(zip(moving, pieces_each(list(moving.values()), CURVE_SEGMENTS)))  # (its pieces, made together)
        for k, (i, c, b) in enumerate(zip(drawn, made, buckets)):
            link = links[i]
            if k not in shown:
                continue
            t, part = shown[k], moving.get(k, c)
            self.curves.append((link, part, bucket_width(b, scale)))
            path = paths.setdefault((link.role, b, i not in labelled), QPainterPath())
            path.addPath(kept[k])  # its pieces (the same elements as pieces_each gives)
            if t < 1:
                self._marker(dots.setdefault((link.role, b), QPainterPath()), link, part[3], scale,
                             fast)
            elif link.arrow:
                self.head_points.append((link, part[3]))
                arrow_head(heads.setdefault((link.role,), QPainterPath()), part, bucket_width(b, scale), scale)
            far = link.source if hub != link.source else link.target
            if badges_say and t >= 1 and badges and badges.get(far) == link.label:
                continue  # (its line is drawn; its badge reads its number)
            if i in labelled and link.label:
                homes.append((link.source if hub != link.source else link.target) if t >= 1 else None)
                if t >= 1:
                    label_spots.append((link, c if hub != link.source else tuple(reversed(c))))
                else:  # the label rides just above the travelling dot or card
                    x, y = part[3]
                    lift = self._marker_size(link.role, link.weight, scale) / 2 + 14 * scale
                    label_spots.append((link, (x, y - lift)))
        self._hide_unused(self.lines, paths)
        for k, (key, path) in enumerate(paths.items()):
            role, b, crowd = key
            item = self._path_item(self.lines, key, (Z_LINKS - 0.5 if crowd else Z_LINKS) + k * ORDER_STEP)
            colour = mix(theme.role(role), theme.color("background"), faint) if crowd else theme.role(role)
            pen = QPen(qcolor(colour), bucket_width(b, scale))
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            if item.pen() != pen:
                item.setPen(pen)
            if item.path() != path:
                item.setPath(path)
            item.setVisible(True)
        self._hide_unused(self.markers, dots)
        for k, (key, path) in enumerate(dots.items()):
            item = self._path_item(self.markers, key, Z_MARKERS + k * ORDER_STEP)
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
        show_heads(self, heads, theme, scale, Z_MARKERS, first=len(dots), step=ORDER_STEP)  # (over the markers)
        self._avoid = (list(avoid), avoid_edges)
        tags = {seat: (x, y, w, header_h) for seat, (x, y, w, _h) in desks.items()} if len(desks) <= TAGGED else None
        self._show_labels(label_spots, theme, scale, *self._avoid, tags, homes, badges, desks)

    @property
    def avoid(self) -> list[QRectF]:
        """The texts the last labels kept off, as rectangles (for tests: a frame passes most as edges)."""
        rects, edges = self._avoid
        return rects + ([] if edges is None else [QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in edges.tolist()])

    def _routes(self, links: list[Link], ranked: list[int], drawn: list[int], labelled: set[int],
                desks: dict[int, Rect], hub: int | None, header_h: float, gap: float,
                scale: float, numbers: np.ndarray | None = None,
                buckets: list[int] | None = None) -> dict[int, tuple[float, float | None]]:
        """Each drawn link's route variant (link_routes.VARIANTS), chosen so that the heaviest link runs
        alongside no other and the labelled ones alongside no labelled one; remembered for the last ROUTE_SETS
        sets of links (`ranked`: every link's index, strongest first; `buckets`: each drawn link's bucket, if made)."""
        if hub is None or not drawn or (len(drawn) < 2 and numbers is None):  # one link: only the digits to keep off
            return {}
        buckets = [bucket(links[i].weight) for i in drawn] if buckets is None else buckets
        key = (hub, header_h, gap, scale, self._seating_of(desks),
               tuple((i, links[i].source, links[i].target, b, i in labelled) for i, b in zip(drawn, buckets)),
               self.heaviest(links, ranked), tuple(i for i in ranked if i in labelled),  # the order routes are placed
               None if numbers is None else numbers.tobytes())
        known = self._route_sets.pop(key, None)
        if known is None:
            known = self._choose_routes(links, ranked, drawn, labelled, desks, hub, header_h, gap, scale, numbers,
                                        buckets)
            if len(self._route_sets) >= ROUTE_SETS:
                del self._route_sets[next(iter(self._route_sets))]  # the least recently used
        self._route_sets[key] = known  # (re)inserted last: dicts keep insertion order
        return known

    def _seating_of(self, desks: dict[int, Rect]) -> int:
        """The desks as a small number, the same for the same desks (a frame's desks are the last frame's, mostly:
        compared, not sorted and hashed, as 1,024 desks in each _routes key were, twice a frame)."""
        last, number = self._seating
        if desks != last:
            seating = tuple(sorted(desks.items()))
            number = _SEATINGS.get(seating)
            if number is None:
                if len(_SEATINGS) >= SEATINGS:
                    _SEATINGS.clear()  # (their sets then miss: chosen again, the same)
                number = _SEATINGS[seating] = next(_NUMBERS)
            self._seating = (dict(desks), number)
        return number

    def _choose_routes(self, links, ranked, drawn, labelled, desks, hub, header_h, gap, scale, numbers=None,
                       buckets=None):
        on = set(drawn)
        top = self.heaviest(links, ranked)  # the heaviest keeps clear of every link, when there is one (a
        top = top if top is not None and top in on else -1  # question sent to all has none)
        marked = {i for i in drawn if i in labelled and links[i].label} | ({top} - {-1})
        crowd = len(desks) > CLEAR_OF_ALL  # then only the marked links are checked, against each other
        bounded = len(desks) > BOUNDED  # then each tries only the first two batches of changes (BOUNDED)
        widths = [bucket_width(b, scale) for b in ([bucket(links[i].weight) for i in drawn] if buckets is None
                                                   else buckets)]
        to_hub = [(i, width) for i, width in zip(drawn, widths) if links[i].source != links[i].target
                  and hub in (links[i].source, links[i].target) and (i in marked or not crowd)]
        made = dict(zip((i for i, _ in to_hub), link_curves_each([links[i] for i, _ in to_hub], desks, hub, header_h,
                                                                   gap, [VARIANTS[0]] * len(to_hub), [w for _, w in to_hub])))
        defaults = [made.get(i) for i in drawn]

        class variants:  # every variant's curve, only for a link whose default runs alongside another, made a
            def __init__(self, k: int):  # batch (a few bows) at a time: most links part at their first bows; the
                self.link, self.width, self.made = links[drawn[k]], widths[k], None  # heaviest below a crowd
                self.asked, self.whole = 0, drawn[k] == top  # (kept clear of every link: it mostly tries all 104,
                # in 4 passes ~1 ms more than in 2) its first batch alone, then all of them at the next ask; in a
                # crowd (most never part) every link all at its first ask (link_geometry.routes: one NumPy pass)

            def __len__(self) -> int:
                return len(VARIANTS)

            def __getitem__(self, part: slice | list[int]) -> list:  # a slice (the one chosen) or a batch's
                alone = isinstance(part, slice) or not (self.asked and self.whole)  # positions
                self.asked += not isinstance(part, slice)
                if bounded and not isinstance(part, slice):  # its first ask makes both batches it may try at
                    want = sorted(set(part) | set(FIRST))  # once (the second's then kept: link_geometry.routes)
                    made = dict(zip(want, link_curves(self.link, desks, hub, header_h, gap,
                                                      [VARIANTS[k] for k in want], self.width)))
                    return [made[k] for k in part]
                if (not crowd or bounded) and self.made is None and alone:
                    chosen = VARIANTS[part] if isinstance(part, slice) else [VARIANTS[k] for k in part]
                    return link_curves(self.link, desks, hub, header_h, gap, chosen, self.width)
                if self.made is None:
                    self.made = link_curves(self.link, desks, hub, header_h, gap, VARIANTS, self.width)
                return self.made[part] if isinstance(part, slice) else [self.made[k] for k in part]

        pos = {i: k for k, i in enumerate(drawn)}
        everyone = set(range(len(drawn)))
        apart = {pos[j] for j in marked}
        rest = len(desks) <= OFF_DIGITS and numbers is not None  # the unlabelled too: off the digits, apart from all
        checked = [(apart if crowd else everyone) if i == top else apart if i in marked else everyone if rest else set()
                   for i in drawn]
        order = [pos[i] for i in ranked if i in marked]
        reorder = len(order) if len(desks) <= ROUTED_ALL else 0  # a small class's labelled ones may be placed again
        light = [pos[i] for i in ranked if i in on and i not in marked] if rest else []
        seating = self._seating_of(desks)  # each link's curves are made from these (kept placings: link_routes)
        keys = [(seating, hub, header_h, gap, crowd, i == top, links[i].source, links[i].target, width)
                for i, width in zip(drawn, widths)]
        short = frozenset(light) | (frozenset(order) if bounded else frozenset())  # (link_routes: `light`)
        chosen = choose(defaults, variants, widths, order + light, checked, numbers, reorder, short, keys)
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
        weight = np.fromiter(map(_WEIGHT, links), np.float64, len(links))
        number = np.array(list(map(_VALUE, links)), np.float64)  # (None: NaN; _number ranks both last)
        number[np.isnan(number)] = -math.inf
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
                     avoid_edges: np.ndarray | None = None, tags: dict | None = None, homes=None,
                     badges: dict[int, str] | None = None, desks: dict[int, Rect] | None = None) -> None:
        px = max(LABEL_PX, 17.0 * scale) * theme.font_scale
        spots = place_labels(spots, px, avoid, avoid_edges, tags, homes, self.room, badges, desks)
        while len(self.labels) < len(spots):
            pill = PillItem()
            pill.setZValue(Z_LABELS)
            self.scene.addItem(pill)
            self.labels.append(pill)
        self.label_texts = []
        self.label_boxes = [(link, pill_rect(link.label, px, at)) for link, at in spots]
        for pill, (link, (x, y)) in zip(self.labels, spots):
            pill.set_label(link.label, px, theme.role(link.role), "#FFFFFF", theme.color("text"))
            move_cached(pill, round(x), round(y))  # whole canvas pixels: a cached item moved by a fraction is repainted
            pill.setVisible(True)
            self.label_texts.append(link.label)
        for pill in self.labels[len(spots):]:
            pill.setVisible(False)
