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

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from ..lesson import layout
from ..lesson.frame import Link
from . import fonts
from .items import PillItem, mix, qcolor
from .palette import Theme

BUCKETS = 8            # line widths used: weight 0..1 quantised into this many steps
MAX_LABELS = 6         # labels on the strongest links when there are many
CURVE_SEGMENTS = 12    # straight pieces per bowed link (see add_segments)
CROWDED = 24           # more links than this are drawn in a lighter tint of their colour
FEW_MARKERS = 12       # up to this many links the travelling markers are round dots and rounded cards
MAX_LINKS = 96         # a fan over a bigger class draws this many: the strongest half and a spread of the rest
Z_LINKS, Z_MARKERS, Z_LABELS = 20.0, 21.0, 22.0

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h


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
BEND = 0.25  # a link bows by 3/4 of this times its length: neighbours' links part by ~1/4 of a desk's width


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


def route(other: Rect, hub: Rect, header_h: float, gap: float) -> tuple[Point, Point, Point, Point]:
    """The curve from a student's desk to the hub's (the asker's), so that no two links to one hub run
    together (they once all ran in the ~14 px gap between rows, where six lines could not be told apart).

    A link from a row above leaves its desk's bottom edge and arches up over that row; one from a row below
    leaves the top edge and arches down over its row; one within the hub's row joins the name tags' lower
    edges and arches down over that row's cards. So the families keep to their own rows, and within a family the arch grows
    with the distance: links from further away arch higher and nest instead of lying on top of each other.
    """
    ox, oy, ow, oh = other
    hx, hy, hw, hh = hub
    if other == hub:
        return curve((ox + ow / 2, oy + header_h * 0.3), (hx + hw / 2, hy + header_h * 0.3), header_h * 0.5 + gap * 0.6)
    # links arrive side by side on the hub's edge: a near desk's towards its own side and a far desk's
    # nearer the middle, so that the far desk's higher arch spans the near one's and they nest
    x = ox + ow / 2
    off = x - hx - hw / 2
    hub_x = hx + hw / 2 + math.copysign(SPREAD * hw * max(0.0, 1 - abs(off) / SPAN), off) if abs(off) > 1 else hx + hw / 2
    if abs(oy - hy) < 1.0:
        return curve((x, oy + header_h), (hub_x, hy + header_h), 1e9, BEND, side=1)
    if oy < hy:
        return curve((x, oy + oh), (hub_x, hy), 1e9, BEND, side=-1)
    return curve((x, oy), (hub_x, hy + hh), 1e9, BEND, side=1)


def link_curve(link: Link, desks: dict[int, Rect], hub: int | None, header_h: float,
               gap: float) -> tuple[Point, Point, Point, Point] | None:
    """The link's whole curve, from its source to its target (None if a desk is not drawn)."""
    src, dst = desks.get(link.source), desks.get(link.target)
    if src is None or dst is None:
        return None
    if hub == link.source:
        return tuple(reversed(route(dst, src, header_h, gap)))
    if hub == link.target:
        return route(src, dst, header_h, gap)
    a, b, bow = link_ends(src, dst, header_h, gap)
    return curve(a, b, bow)


def link_ends(src: Rect, dst: Rect, header_h: float, gap: float) -> tuple[Point, Point, float]:
    """Where a link between two desks starts and ends, and how far it may bow, for links with no common hub:
    within a row from the name tags' tops bowing into the gap above, between rows edge to edge."""
    sx, sy, sw, sh = src
    dx, dy, dw, dh = dst
    if src == dst:
        return (sx + sw / 2, sy + header_h * 0.3), (dx + dw / 2, dy + header_h * 0.3), header_h * 0.5 + gap * 0.6
    if abs(sy - dy) < 1.0:
        return (sx + sw / 2, sy + 1), (dx + dw / 2, dy + 1), gap * 0.6 + 8
    if dy > sy:
        return (sx + sw / 2, sy + sh), (dx + dw / 2, dy), 0.0
    return (sx + sw / 2, sy), (dx + dw / 2, dy + dh), 0.0


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


def point_at(c: tuple[Point, Point, Point, Point], t: float) -> Point:
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


class LinkLayer:
    """Owns the link paths, markers and labels of a scene and refills them for each frame."""

    def __init__(self, scene: QGraphicsScene):
        self.scene = scene
        self.lines: dict[tuple[str, int], QGraphicsPathItem] = {}
        self.markers: dict[tuple[str, int], QGraphicsPathItem] = {}
        self.labels: list[PillItem] = []
        self.label_texts: list[str] = []
        # what was drawn last, for tests: (link, its drawn curve, line width)
        self.curves: list[tuple[Link, tuple[Point, Point, Point, Point], float]] = []
        self.label_boxes: list[tuple[Link, QRectF]] = []  # and where its labels went
        self.avoid: list[QRectF] = []  # and the texts they kept off

    def _path_item(self, items: dict[tuple[str, int], QGraphicsPathItem], key: tuple[str, int],
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

    def show(self, links: list[Link], desks: dict[int, Rect], header_h: float, gap: float, theme: Theme,
             scale: float, avoid: list[QRectF] = (), asker: int | None = None) -> None:
        paths: dict[tuple[str, int], QPainterPath] = {}
        dots: dict[str, QPainterPath] = {}
        order = self._strongest(links) if len(links) > MAX_LABELS + 2 else None  # None: few enough to label all
        labelled = set(range(len(links))) if order is None else set(order[:MAX_LABELS])
        fast = len(links) > FEW_MARKERS
        crowded = len(links) > CROWDED  # a fan over the whole class: lighter, so the desks still read
        label_spots: list[tuple[Link, Point]] = []
        hub = hub_of(links, asker)
        self.curves = []
        for i in self._drawn(order) if order is not None and len(order) > MAX_LINKS else range(len(links)):
            link = links[i]
            c = link_curve(link, desks, hub, header_h, gap)
            if c is None or link.progress <= 0:
                continue
            t = max(0.0, min(1.0, link.progress))
            part = c if t >= 1 else split(c, t)
            self.curves.append((link, part, bucket_width(bucket(link.weight), scale)))
            path = paths.setdefault((link.role, bucket(link.weight)), QPainterPath())
            add_segments(path, part, CURVE_SEGMENTS)
            if t < 1:
                self._marker(dots.setdefault((link.role, bucket(link.weight)), QPainterPath()), link, part[3], scale,
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
            item = self._path_item(self.lines, key, Z_LINKS)
            role, b = key
            colour = theme.role(role) if not crowded else mix(theme.role(role), theme.color("background"), 0.4)
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
        self.avoid = list(avoid)
        self._show_labels(label_spots, theme, scale, self.avoid)

    @staticmethod
    def _strongest(links: list[Link]) -> list[int]:
        """Link indices, heaviest first; equally heavy ones (as when scores are shown) by their label's number."""
        def strength(i: int) -> tuple[float, float]:
            try:
                number = float(links[i].label.replace("−", "-"))
            except ValueError:
                number = float("-inf")
            return links[i].weight, number
        return sorted(range(len(links)), key=strength, reverse=True)

    @staticmethod
    def _drawn(order: list[int]) -> list[int]:
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

    def _show_labels(self, spots: list[tuple[Link, object]], theme: Theme, scale: float, avoid: list[QRectF]) -> None:
        px = max(LABEL_PX, 17.0 * scale) * theme.font_scale
        spots = place_labels(spots, px, avoid)
        while len(self.labels) < len(spots):
            pill = PillItem()
            pill.setZValue(Z_LABELS)
            self.scene.addItem(pill)
            self.labels.append(pill)
        self.label_texts = []
        self.label_boxes = [(link, pill_rect(link.label, px, at)) for link, at in spots]
        for pill, (link, (x, y)) in zip(self.labels, spots):
            pill.show(link.label, px, theme.role(link.role), "#FFFFFF", theme.color("text"))
            pill.setPos(round(x), round(y))  # whole pixels: a cached item moved by a fraction is repainted
            pill.setVisible(True)
            self.label_texts.append(link.label)
        for pill in self.labels[len(spots):]:
            pill.setVisible(False)
