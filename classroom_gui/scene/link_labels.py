"""Where the links' share labels go: along their link, or beside its far desk, never on another label, a
desk's words or numbers, the title, the card legend or the blackboard, and a little apart from them
(TEXT_GAP) where there is room; the heaviest link's label always, unless its desk's badge shows that share.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QRectF

from ..lesson.canvas import PICTURE_TOP, WIDESCREEN, Canvas
from ..lesson.frame import Link
from .own_desk import own_desk_spots
from .text_width import widths

Point = tuple[float, float]


def point_at(c, t: float) -> Point:  # a cubic Bézier (4 points) at t in 0..1
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = c
    u = 1 - t
    w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return ax * w0 + bx * w1 + cx * w2 + dx * w3, ay * w0 + by * w1 + cy * w2 + dy * w3


LABEL_PX = 16.0        # a share's label is never smaller than this (1080p canvas pixels)


LABEL_TOP = PICTURE_TOP + 2.0  # no label above this: a PPTX slide's picture of the class starts there (a 4:3 deck's
# top labels were cut there: teacher7 L3), and the title row is above it


def label_room(canvas: Canvas) -> QRectF:
    """Where labels may go on `canvas`: over the class, from under the title down to the caption."""
    class_x, board_x = canvas.classroom[0], canvas.board[0]
    return QRectF(class_x - 24, LABEL_TOP, board_x - class_x + 18, canvas.caption_y - 4 - LABEL_TOP)


ROOM = label_room(WIDESCREEN)
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85)  # where on its link a label may sit, best first


def pill_rect(text: str, px: float, at: Point) -> QRectF:  # the rectangle PillItem draws, centred on `at`
    w = widths(px, True).horizontalAdvance(text) + px * 0.9
    h = px * 1.45
    return QRectF(at[0] - w / 2, at[1] - h / 2, w, h)


@lru_cache(maxsize=1100)
def _near_grid(x: float, y: float, px: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The [833, 2] spots around where a link meets its far desk at (x, y), nearest first (in the gap beyond
    the desk's edge, on its name tag between the name and the badge, or in the room below its cards),
    read-only, kept per desk: a desk's spots are the same
    every frame whichever link ends there (512 links a frame at 512 students; _candidates keeps whole curves,
    which change with the focus). An array, 13 KB a desk: as 833 Python tuples they were 90 KB (103 MB full).
    With them the grid they are taken from: its 17 columns' x and 49 rows' y, and each spot's column and row
    (spots[k] == (xs[col[k]], ys[row[k]]) exactly: the same sums), which _first_spots tests a column and a row
    at a time."""
    h = px * 1.45
    # a grid of 17 x 49 spots; NumPy does the same float sums as a loop over them would, and the sort is
    # stable (on math.hypot's own keys, as Python's sorted() was), so spots at equal distances keep the loop's order
    xs = x + _ACROSS * px * 0.8
    ys = y + _DOWN * h / 6
    keys = list(map(math.hypot, (xs - x).tolist(), (2 * (ys - y)).tolist()))
    order = np.argsort(np.array(keys), kind="stable")  # (the same order as sorted() on the same keys)
    spots = np.stack([xs[order], ys[order]], axis=1).astype(np.float64)
    cols, rows = x + _COLUMNS * px * 0.8, y + _ROWS * h / 6
    col, row = (_ACROSS[order] + 8).astype(np.int16), (_DOWN[order] + 24).astype(np.int16)
    for a in (spots, cols, rows, col, row):
        a.flags.writeable = False  # shared by every caller
    return spots, cols, rows, col, row


def _near(x: float, y: float, px: float) -> np.ndarray:  # _near_grid's spots alone
    return _near_grid(x, y, px)[0]


_ACROSS = np.repeat(np.arange(-8, 9), 49)  # the spots' columns and rows, column by column
_DOWN = np.tile(np.arange(-24, 25), 17)
_COLUMNS, _ROWS = np.arange(-8, 9), np.arange(-24, 25)


@lru_cache(maxsize=1024)
def _candidates(where, px: float) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """A label's candidate spots (a travelling label's one point, or along its curve and then near its far
    end) as a read-only [n, 2] array, with their bounds (min x, min y, max x, max y). Kept: links end at the
    same few desks from frame to frame, and sorting the ~830 spots near an end took ~1 ms a label."""
    if isinstance(where[0], (int, float)):
        at = np.array([where], np.float64)
    else:
        at = np.concatenate([_along(where), _near_grid(*where[0], px)[0]])
    at.flags.writeable = False  # shared by every frame that asks
    (x0, y0), (x1, y1) = at.min(axis=0).tolist(), at.max(axis=0).tolist()
    return at, (x0, y0, x1, y1)


_U = 1 - np.array(ALONG, np.float64)
_ALONG_W = [_U * _U * _U, 3 * _U * _U * np.array(ALONG), 3 * _U * np.array(ALONG) * np.array(ALONG),
            np.array(ALONG) * np.array(ALONG) * np.array(ALONG)]  # point_at's weights at each of ALONG


def _along(c) -> np.ndarray:
    """[len(ALONG), 2] point_at(c, t) for each t of ALONG: the same products and sums, element by element."""
    w0, w1, w2, w3 = _ALONG_W
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = c
    return np.stack([ax * w0 + bx * w1 + cx * w2 + dx * w3, ay * w0 + by * w1 + cy * w2 + dy * w3], axis=1)


def _edges(rects: list[QRectF]) -> np.ndarray:  # [n, 4] left, top, right, bottom as QRectF computes them
    e = np.array([(r.x(), r.y(), r.x() + r.width(), r.y() + r.height()) for r in rects], np.float64).reshape(-1, 4)
    return np.concatenate([np.minimum(e[:, :2], e[:, 2:]), np.maximum(e[:, :2], e[:, 2:])], axis=1)  # a negative size


def edges_of(x: np.ndarray, y: np.ndarray, w: np.ndarray, h: np.ndarray) -> np.ndarray:
    """[n, 4] edges of the rectangles (x, y, w, h), as _edges gives them for QRectF(x, y, w, h): a big class's
    name tags without a QRectF each (1,024 made and read back took ~4 ms a frame)."""
    e = np.stack([x, y, x + w, y + h], axis=1).astype(np.float64)
    return np.concatenate([np.minimum(e[:, :2], e[:, 2:]), np.maximum(e[:, :2], e[:, 2:])], axis=1)


def _hits(left, top, right, bottom, others: np.ndarray) -> np.ndarray:
    """[c] whether each rectangle (edges as arrays) overlaps any of `others` ([n, 4] edges), as
    QRectF.intersects decides it: a shared edge is no overlap, a rectangle of no width or height meets none."""
    if not len(others):
        return np.zeros(len(left), bool)
    l2, t2, r2, b2 = (others[:, i][None, :] for i in range(4))
    real = (l2 != r2) & (t2 != b2)
    over = (left[:, None] < r2) & (l2 < right[:, None]) & (top[:, None] < b2) & (t2 < bottom[:, None]) & real
    return over.any(axis=1)


def _first_spots(at: np.ndarray, w: float, h: float, placed: list[QRectF],
                 near: np.ndarray, gap: float = 0.0, grid=None, room: QRectF = ROOM) -> tuple[int, bool] | None:
    """The candidate a label takes, tested all at once: (the first whose w x h rectangle covers no placed
    label and whose pill, 2 px inside it, comes no nearer than `gap` px to any text in `near` ([n, 4] edges),
    within `room` (label_room); True), else (the first that covers no placed label; False), else None. The same sums in the
    same order as QRectF's own tests. grid: (k0, xs, ys, col, row) when at[k0:] are the spots of a grid (see
    _near_grid): those are tested against the texts a column and a row at a time."""
    best = _first_of(at, w, h, placed, near, (gap,), grid, room)
    return None if best is None else (best[0], best[1] is not None)


def _first_of(at: np.ndarray, w: float, h: float, placed: list[QRectF], near: np.ndarray, gaps: tuple[float, ...],
              grid=None, room: QRectF = ROOM, allowed: np.ndarray | None = None) -> tuple[int, int | None] | None:
    """_first_spots at each of `gaps` in turn, the spots' tests against the placed labels and the room made once:
    (the first free spot at the first gap that has one, that gap's position in `gaps`), else (the first open spot,
    None), else None. `allowed`: [len(at)] bool, the only spots that may be taken (see own_desk_spots)."""
    left, top = at[:, 0] - w / 2, at[:, 1] - h / 2
    right, bottom = left + w, top + h
    open_ = ~_hits(left, top, right, bottom, _edges(placed))
    if allowed is not None:
        open_ &= allowed
    if not open_.any():
        return None
    inside = ((left >= room.x()) & (right <= room.x() + room.width()) & (top >= room.y())
              & (bottom <= room.y() + room.height()))
    # every candidate is tested at once against the texts it could touch (_hits_near: those in its own band of
    # rows; _grid_hits: a grid's spots by columns and rows); the first free one is the answer. (Tested a block
    # of 64 candidates at a time, a label that found no free spot beside a desk of a big class went through
    # all 13 blocks twice)
    maybe = open_ & inside
    if maybe.any():
        which = np.flatnonzero(maybe)
        k0 = len(at) if grid is None else grid[0]
        head, tail = which[which < k0], which[which >= k0]
        for g, gap in enumerate(gaps):
            # the pill itself and the clearance it keeps: a pill against a name or a badge reads as part of it
            # ("mat0.63", "0.01 0.01"); with gap 0 it may touch a card's edge, never cover its numbers
            bl, bt = left + 2 - gap, top + 2 - gap
            bw, bh = w + -2 - 2 + 2 * gap, h + -2 - 2 + 2 * gap
            free = np.zeros(len(at), bool)
            l_, t_ = bl[head], bt[head]
            free[head] = ~(_hits if len(head) <= 64 else _hits_near)(l_, t_, l_ + bw, t_ + bh, near)  # (few: all pairs)
            if len(tail):
                free[tail] = ~_grid_hits(grid, w, h, gap, bw, bh, near)[tail - k0]
            if free.any():
                return int(np.argmax(free)), g
    return int(np.argmax(open_)), None


def _grid_hits(grid, w: float, h: float, gap: float, bw: float, bh: float, near: np.ndarray) -> np.ndarray:
    """[spots] whether each spot of the grid's pill (as _first_spots makes it) meets a text in `near`: a
    rectangle meets a text when its column's span across meets the text's and its row's span down does, so
    the 833 spots x n texts are decided by [17, n] and [49, n] comparisons (the same ones, on the same sums as
    each spot's own) and one product that counts, per column and row, the texts met by both. (Each spot
    against the texts near it took ~1 ms a test at 512 students, where no spot is free beside a crowded desk.)"""
    _, xs, ys, col, row = grid
    cl, ct = (xs - w / 2) + 2 - gap, (ys - h / 2) + 2 - gap
    if len(near):  # only the texts the grid's whole span meets (`near` reaches along the link too): a text beyond
        # it fails one of the comparisons below for every column or every row, so it adds to no count
        l2, t2, r2, b2 = near.T
        near = near[(cl[0] < r2) & (l2 < cl[-1] + bw) & (ct[0] < b2) & (t2 < ct[-1] + bh)]
    if not len(near):
        return np.zeros(len(col), bool)
    l2, t2, r2, b2 = near.T
    across = (cl[:, None] < r2) & (l2 < (cl + bw)[:, None]) & (l2 != r2) & (t2 != b2)    # [17, n]
    down = (ct[:, None] < b2) & (t2 < (ct + bh)[:, None])                                 # [49, n]
    met = across.astype(np.float32) @ down.T.astype(np.float32)                          # [17, 49] texts met
    return met[col, row] > 0.5


TALL = 64.0  # px: texts taller than this (few: the title, the legend) are tested against every candidate


def _hits_near(left, top, right, bottom, others: np.ndarray) -> np.ndarray:
    """_hits's answer, each rectangle tested only against the texts whose top lies in the band it could reach
    (texts sorted by top, found by two searchsorted; every pair _hits would find true is among them, and each is
    decided by the same comparisons), so that 842 spots beside a desk of a class of 1,024 meet a row of name
    tags each instead of the ~1,000 near a long link."""
    if not len(others) or not len(left):
        return np.zeros(len(left), bool)
    height = others[:, 3] - others[:, 1]
    tall = height > TALL
    hit = _hits(left, top, right, bottom, others[tall])
    short = others[~tall]
    if not len(short):
        return hit
    short = short[np.argsort(short[:, 1], kind="stable")]
    reach = float(height[~tall].max()) + 1.0  # a text's top is at most this far above a rectangle it meets
    lo = np.searchsorted(short[:, 1], top - reach, "left")
    hi = np.searchsorted(short[:, 1], bottom, "left")  # (a text that starts at the bottom edge meets nothing)
    count = np.maximum(hi - lo, 0)
    if not count.sum():
        return hit
    pt = np.repeat(np.arange(len(left)), count)
    k = np.repeat(lo, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    l2, t2, r2, b2 = short[k, 0], short[k, 1], short[k, 2], short[k, 3]
    over = ((left[pt] < r2) & (l2 < right[pt]) & (top[pt] < b2) & (t2 < bottom[pt]) & (l2 != r2) & (t2 != b2))
    hit[pt[over]] = True
    return hit


TEXT_GAP = 0.5  # a label keeps this share of its font's px clear of every text (8 px at 16 px): a pill that
# touches a name or a badge reads as part of it
CLOSE = 0.4  # ... or, where no spot is that far from every text (a lane between rows of desks full of numbers),
# this share (6.4 px at 16 px: at 5 px "0.63" beside "mat" read as "mat0.63"), before a spot against a text


def place_labels(spots: list[tuple[Link, object]], px: float, avoid: list[QRectF],
                 more: np.ndarray | None = None, tags: dict[int, tuple] | None = None,
                 homes: list[int | None] | None = None, room: QRectF = ROOM,
                 shown: dict[int, str] | None = None, desks: dict[int, tuple] | None = None) -> list[tuple[Link, Point]]:
    """Where each label goes so that no two overlap: the heaviest link first, each at the first spot along
    its curve (ALONG), or else beside its far end, that covers no placed label and keeps TEXT_GAP clear of
    every text in `avoid` (the desks' names, badges and numbers, the title, the legend; failing that, that
    at least covers none); the heaviest, failing that, at its curve's first spot, unless its desk's badge shows
    that share (`shown`): then, as any other label with no free spot, it is left off (the badge has it), so the
    largest share always reads (on a label or its badge), once, and no label hides a number (`more`: further
    texts as [n, 4] edges, see edges_of). A spot given as a point (a travelling label) stays. A curve's far
    desk (whose label this is) is at its start, c[0].

    Kept for the last PLACINGS label sets (by labels, weights, spots, size and the texts to avoid): a moment
    that comes back (scrubbing back, playing a beat again) finds its labels where they were.

    `tags` (seat -> its name tag's x, y, w, h) and `homes` (the seat whose share each label is, None for a
    travelling one) keep a label off the neighbourhood of every other desk's name tag (FOREIGN): a label just
    above a desk's tag reads as that desk's share (teacher6 M3: 「上」 showed 「猫」's 0.50). A label with no free
    spot there may sit on its own desk's name tag, between the name and the badge, unless that badge shows its
    share already (`shown`: seat -> its badge's text).

    `desks` (seat -> its whole desk's x, y, w, h, with `tags`): a label goes where it reads as its own desk's, nearer
    to it than to any other (own_desk_spots); one whose desk's badge shows its share, nowhere else (left off: the
    badge reads it, beside the right desk); any other, failing that, as above (its number is shown nowhere else)."""
    edges = _edges(avoid)  # once a frame: a class of 512 has ~520 texts to avoid (more: those already as edges)
    if more is not None and len(more):
        edges = np.concatenate([edges, more])
    homes = homes if tags and homes is not None else [None] * len(spots)
    key = (tuple((link.label, link.weight, where) for link, where in spots), px, edges.tobytes(), tuple(homes),
           tuple(sorted(tags.items())) if tags else (), room.getRect(), tuple(sorted((shown or {}).items())),
           tuple(sorted(desks.items())) if tags and desks else ())
    known = _PLACED.pop(key, None)
    if known is None:
        known = _place(spots, px, edges, tags or {}, homes, room, shown or {}, desks if tags else None)
        if len(_PLACED) >= PLACINGS:
            del _PLACED[next(iter(_PLACED))]  # the least recently used
    _PLACED[key] = known  # (re)inserted last: dicts keep insertion order
    return [(spots[i][0], at) for i, at in known]


PLACINGS = 256
_PLACED: dict[tuple, list[tuple[int, Point]]] = {}


def _texts_near(avoid: np.ndarray, others: np.ndarray | None, bounds, w: float, h: float, gap: float) -> np.ndarray:
    """The texts (and `others`: more [n, 4] edges) a w x h label at spots within `bounds` (x0, y0, x1, y1) could
    touch, as QRectF.intersects decides it (a text of no size meets nothing)."""
    x0, y0, x1, y1 = bounds
    rx, ry, rw, rh = x0 - w / 2 - gap, y0 - h / 2 - gap, x1 - x0 + w + 2 * gap, y1 - y0 + h + 2 * gap  # their reach
    texts = avoid if others is None else np.concatenate([avoid, others])
    l, t, r, b = texts.T
    return texts[(l < rx + rw) & (rx < r) & (t < ry + rh) & (ry < b) & (l != r) & (t != b)]


FOREIGN = 0.5  # of a label's height: how far beyond its gap a label keeps from another desk's name tag


def _box(x: float, y: float, w: float, h: float) -> np.ndarray:  # one rectangle's [1, 4] edges
    return edges_of(*(np.array([v], np.float64) for v in (x, y, w, h)))


def _place(spots: list[tuple[Link, object]], px: float, avoid: np.ndarray, tags: dict[int, tuple],
           homes: list[int | None], room: QRectF = ROOM, shown: dict[int, str] | None = None,
           desks: dict[int, tuple] | None = None) -> list[tuple[int, Point]]:
    """place_labels' search: (index in spots, where) of each label placed, in spots' order (avoid: the
    texts' [n, 4] edges, see _edges; room: where labels may go; shown: the desks' badges; desks: the whole desks)."""
    shown = shown or {}
    seated = list(desks or {})
    bodies = edges_of(*(np.array([desks[k][j] for k in seated], np.float64) for j in range(4))) if seated else None
    row = {seat: k for k, seat in enumerate(seated)}
    order = sorted(range(len(spots)), key=lambda i: -spots[i][0].weight)
    gap = TEXT_GAP * px
    seats = list(tags)
    grown = edges_of(*(np.array([tags[k][j] for k in seats], np.float64) for j in range(4))) if seats else None
    if grown is not None:  # each name tag with the band around it where a label would read as its desk's
        grown += np.array([0.0, -1.0, 0.0, 1.0]) * FOREIGN * px * 1.45
    placed: list[QRectF] = []
    out: dict[int, Point] = {}
    for i in order:
        link, where = spots[i]
        at, (x0, y0, x1, y1) = _candidates(where, px)
        size = pill_rect(link.label, px, (0.0, 0.0))  # measured once; each candidate is this, moved
        w, h = size.width() + 4, size.height() + 4
        home = homes[i]
        others = None if home is None or grown is None else grown[[k for k, seat in enumerate(seats) if seat != home]]
        near = _texts_near(avoid, others, (x0, y0, x1, y1), w, h, gap)  # (off other desks' tags too)
        grid = None if isinstance(where[0], (int, float)) else (len(ALONG),) + _near_grid(*where[0], px)[1:]
        badged = others is not None and shown.get(home) == link.label  # its desk's badge shows this share
        if badged:  # then the label keeps off that name tag too: between the name and the badge it read "① The
            # (0.01) (0.01)" (teacher7 L2). (The tag less `gap` all round, kept `gap` clear as a text: the label may
            # come to its edge, and, at the last, overlap that much of it, above or below its name and badge)
            # With the whole desks known (`bodies`: a label then goes only beside its own desk, own_desk_spots), the
            # whole tag, kept `gap` clear: there the spots left are around that tag, and one at its edge read "mat
            # 0.63" against the name or "0.01 0.01" against the badge (test_link_labels_clear)
            x, y, tw, th = tags[home]
            inset = 0.0 if bodies is not None and home in row else gap
            tag = _box(x + inset, y + inset, tw - 2 * inset, th - 2 * inset)
            near = _texts_near(avoid, np.concatenate([others, tag]), (x0, y0, x1, y1), w, h, gap)
        # at TEXT_GAP (`gap`) to every text in `near`, else CLOSE, else (after its own name tag, below) touching
        mine = None if bodies is None or home not in row else own_desk_spots(at, w, h, bodies, row[home])
        first = _first_of(at, w, h, placed, near, (gap, CLOSE * px, 0.0), grid, room, mine)
        if mine is not None and not badged and (first is None or first[1] is None or first[1] >= 2):
            first = _first_of(at, w, h, placed, near, (gap, CLOSE * px, 0.0), grid, room)  # (its number is on no badge)
        best = None if first is None else (first[0], first[1] is not None and first[1] < 2)
        if (best is None or not best[1]) and home in tags and not badged:
            # nothing free near its link: on its own name tag, but for a label its badge shows (left off)
            x, y, tw, th = tags[home]
            mine = np.array([(x + tw * f, y + th / 2) for f in (0.5, 0.42, 0.58)], np.float64)
            (mx0, my0), (mx1, my1) = mine.min(axis=0).tolist(), mine.max(axis=0).tolist()
            own = _first_spots(mine, w, h, placed, _texts_near(avoid, others, (mx0, my0, mx1, my1), w, h, gap), gap,
                               None, room)
            if own is not None and own[1]:
                at, best = mine, own
        if best is not None and not best[1]:  # no spot with a gap: one against a text is better than none
            best = (first[0], first[1] is not None)
        free = best is not None and best[1]
        if best is not None:
            spot = tuple(at[best[0]].tolist())
            best = (spot, QRectF(spot[0] - w / 2, spot[1] - h / 2, w, h))
        # only the heaviest may cover text, if it must, and not where its desk's badge reads it (teacher10: 「マット」
        # 1.04 against its tag beside its badge's 1.04 read as the share twice)
        if best is not None and (free or not placed and not badged):
            out[i] = best[0]
            placed.append(best[1])
    return [(i, out[i]) for i in sorted(out)]
