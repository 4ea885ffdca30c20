"""Link routes that stay apart and off the cards' numbers: of a few variants of each labelled link's route into
the asker's desk, the one that runs least alongside the links already drawn, and of those the one that runs least
over the digits of the desks' cards.

The default route (link_geometry.route) nests arcs by distance, but two desks nearly in line with the asker, or two
rows away from it, still arrive side by side for 60-160 px. So the heaviest link first, then each other
labelled one, tries other bows (flatter, rounder, to the other side) and other entry points along the
asker's edge, and keeps the first that runs alongside no checked link for more than TOLERANCE px and over no
card's numbers (a link within the asker's row may run straight along the lane under the row's name tags, or arch
over them, instead of over its cards). The heaviest is checked against every link drawn; the other labelled ones
against the labelled ones (the unlabelled rest are a faint crowd behind them; in a class of up to 12 they are
placed last, off the numbers and apart from every link). In a class of up to 12 the names and badges on the name
tags count as numbers (Classroom._number_cells), and a link within the asker's row may also run flat over the tags.
The choice depends only on the desks and the links' weights, so it is made once per set of links, not once per
animation frame.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import numpy as np

from .link_grid import CELL, Grid

Curve = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]

SAMPLES = 32         # straight pieces per curve that others are measured against ...
FINE = 96            # ... and points along the curve being placed (its run alongside is counted in steps of these)
NEAR_END = 48.0      # px around a link's ends where links may meet (all meet at the asker's desk)
MARGIN = 3.0         # links closer than their half widths plus this cannot be told apart on a projector
KEEP = 18.0          # px a link's default route may run alongside another (a crossing at a shallow angle) ...
TOLERANCE = 17.0     # ... and a changed route (kept inside KEEP: a change is worth making only if it parts; at 16 the
                     # third of three links from one side of an asker at a row's end found no lane: polish7)
REORDERS = 3         # the labelled links' placings tried again in another order (choose)
# (CELL, link_grid: the grid the other links' pieces are filed in, so a point meets only the pieces near it)
# (bow, entry): the bow as a multiple of the default (negative: to the other side), and where on the asker's
# edge the link ends as a fraction of the desk's width off its middle (None: the default, by distance).
# Smallest changes first, the default first of all; tried one bow (8 entries) at a time.
BOWS = (1.0, 1.8, 0.5, -1.0, 2.6, -1.8, 0.15, -2.6, 3.5, -3.5, 0.0, -0.04, -0.15)  # 0: straight (within a row: the
# lane under the tags); -0.04, -0.15: flat arches to the other side (within a row: along the gap above the name tags)
ENTRIES = (None, -0.3, 0.3, -0.15, 0.15, -0.45, 0.45, 0.0)
VARIANTS = [(b, e) for b in BOWS for e in ENTRIES]
# bows made and measured together: the default's other entries, then the next two, then the first to the other
# side (the one most links kept off the cards' numbers take), then the rest (at 64 students half the links that need
# a change part within the first three bows; at 1,024 most never part and try all ten, so one batch of six costs
# about as much as one bow alone)
_E = len(ENTRIES)


def _bows(*bows: int) -> list[list[int]]:  # each bow's variants (positions in VARIANTS), one group per bow
    return [list(range(b * _E, (b + 1) * _E)) for b in bows]


# batches of groups of variants: a batch is made and measured at once, then walked a group at a time (the search
# stops after the first group with a variant that parts and keeps off numbers)
CHUNKS = (_bows(0), _bows(1, 2), _bows(3), _bows(*range(4, len(BOWS))))
# a link that only runs over numbers (a case older choices never met) tries first the bows that most often keep
# off them, at the default entry: straight (a link within the asker's row then runs along the lane between the name
# tags and the cards), to the other side (within the row: an arch over the name tags), then flatter arches that keep
# to the gap between rows; then their other entries; then the rest
LANE, FLAT, LOW = BOWS.index(0.0), BOWS.index(-0.04), BOWS.index(-0.15)
OFF_NUMBERS = ([[LANE * _E], [FLAT * _E], [LOW * _E], [3 * _E], [2 * _E], [6 * _E]],
               [g[1:] for g in _bows(0, LANE, FLAT, LOW, 3, 2, 6)], _bows(1, 4, 5, 7, 8, 9))


def polylines(curves: list[Curve], n: int = SAMPLES) -> np.ndarray:  # n cubic Béziers -> [n, n + 1, 2] points
    c = np.asarray(curves, dtype=np.float32).reshape(-1, 4, 2)
    w0, w1, w2, w3 = _weights(n)
    return w0 * c[:, None, 0] + w1 * c[:, None, 1] + w2 * c[:, None, 2] + w3 * c[:, None, 3]


@lru_cache(maxsize=4)
def _weights(n: int) -> tuple[np.ndarray, ...]:  # the cubic's four [1, n + 1, 1] Bernstein weights, made once per n
    t = np.linspace(0.0, 1.0, n + 1, dtype=np.float32)[None, :, None]
    u = 1.0 - t
    return u ** 3, 3 * u * u * t, 3 * u * t * t, t ** 3


def alongside(cands: np.ndarray, cand_w: float, others: np.ndarray, other_w: np.ndarray) -> np.ndarray:
    """How long (px) each candidate runs alongside each other link, away from both links' ends:
    [k, P, 2] candidates and [m, S + 1, 2] others -> [k, m] (see Filed)."""
    return Filed(others, other_w, cand_w).alongside(cands)


class Filed:
    """Other links' straight pieces filed in a grid of CELL px by the box each covers (grown by the distance
    that counts for a candidate cand_w wide), so that each candidate point is measured only against the pieces
    filed in its own cell: the same answer as measuring it against every piece (a piece close enough to count
    always covers the point's cell), at 64 students a few thousand measures instead of a million. Filed once
    per link placed, asked for each bow of its variants."""

    def __init__(self, others: np.ndarray, other_w: np.ndarray, cand_w: float):  # [m, S + 1, 2], [m]
        self.others, m = others, len(others)
        n_s = others.shape[1] - 1
        reach = ((cand_w + other_w) / 2 + MARGIN).astype(np.float32)                   # [m]
        a, b = others[:, :-1].reshape(-1, 2), others[:, 1:].reshape(-1, 2)             # [m * S, 2] pieces
        piece_link = np.repeat(np.arange(m), n_s)
        r = reach[piece_link]
        c0 = np.floor((np.minimum(a, b) - r[:, None]) / CELL).astype(np.int64)
        c1 = np.floor((np.maximum(a, b) + r[:, None]) / CELL).astype(np.int64)
        self.grid = Grid(c0, c1)
        filed = self.grid.order
        # each filed piece's start, direction, squared length, reach and link, in cell order (a cell's pieces are
        # then read from neighbouring memory), each link's ends; as separate x and y (sums of two, not reductions)
        d = b - a
        dd = np.maximum(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1], 1e-9)
        self.ax, self.ay, self.dx, self.dy, self.dd, self.r = (v[filed] for v in (a[:, 0], a[:, 1], d[:, 0], d[:, 1],
                                                                                   dd, r))
        self.link = piece_link[filed]
        self.x0, self.y0 = np.ascontiguousarray(others[:, 0, 0]), np.ascontiguousarray(others[:, 0, 1])
        self.x1, self.y1 = np.ascontiguousarray(others[:, -1, 0]), np.ascontiguousarray(others[:, -1, 1])

    def alongside(self, cands: np.ndarray) -> np.ndarray:  # [k, P, 2] -> [k, m] px run alongside
        k, n_p, m = len(cands), cands.shape[1], len(self.others)
        out = np.zeros((k, m), dtype=np.float32)
        if m == 0 or k == 0:
            return out
        # the candidate points away from their own ends (x * x + y * y > NEAR_END ** 2 is _hypot(x, y) > NEAR_END:
        # 48 ** 2 is exact, and the root of the next float32 up rounds beyond 48: tests/test_link_routes.py), and the
        # pieces filed in their cells
        cx, cy = cands[..., 0], cands[..., 1]                                          # [k, P] each
        own = _far(cx - cx[:, :1], cy - cy[:, :1]) & _far(cx - cx[:, -1:], cy - cy[:, -1:])
        which = np.flatnonzero(own)
        wx, wy = cx.reshape(-1)[which], cy.reshape(-1)[which]
        count, end, filed = self.grid.meet(wx, wy)
        if filed is None:
            return out
        px, py = np.repeat(wx, count), np.repeat(wy, count)
        rx, ry = px - self.ax[filed], py - self.ay[filed]
        dx, dy = self.dx[filed], self.dy[filed]
        t = rx * dx  # (rx * dx + ry * dy) / dd clipped to [0, 1], in place
        t += ry * dy
        t /= self.dd[filed]
        np.minimum(np.maximum(t, 0.0, out=t), 1.0, out=t)
        dx *= t  # rx - t * dx, ry - t * dy, then their length, in place
        dy *= t
        rx -= dx
        ry -= dy
        rx *= rx
        ry *= ry
        rx += ry
        close = np.sqrt(rx, out=rx) < self.r[filed]  # then, of the close pairs only, whether away from the other's ends
        hit = np.flatnonzero(close)
        link = self.link[filed[hit]]
        hx, hy = px[hit], py[hit]
        far = _far(hx - self.x0[link], hy - self.y0[link]) & _far(hx - self.x1[link], hy - self.y1[link])
        at = np.searchsorted(end, hit[far], "right")                                   # which point (of `which`)
        pairs = sorted_unique(which[at] * m + link[far])                               # (point, link), once each
        kk, mm = pairs // m // n_p, pairs % m
        rows = sorted_unique(kk)  # the mean step of each candidate alongside any (np.diff's differences)
        sx, sy = cx[rows], cy[rows]
        step = np.zeros(k, np.float32)
        step[rows] = _hypot(sx[:, 1:] - sx[:, :-1], sy[:, 1:] - sy[:, :-1]).mean(1)
        np.add.at(out, (kk, mm), step[kk])
        return out


def _far(x: np.ndarray, y: np.ndarray) -> np.ndarray:  # _hypot(x, y) > NEAR_END without the root (see alongside)
    x *= x
    y *= y
    x += y
    return x > NEAR_END * NEAR_END


def _hypot(x: np.ndarray, y: np.ndarray) -> np.ndarray:  # _length of vectors given as x and y: the same sums
    return np.sqrt(x * x + y * y)


def _length(v: np.ndarray) -> np.ndarray:  # [..., 2] -> [...]: np.linalg.norm(v, axis=-1)'s sum and root,
    return np.sqrt((v * v).sum(-1))            # without its checks and copies (called ~10 times a link placed)


def _take(curves, index: list[int]) -> list:
    """curves[index] of a sequence that takes a list of positions (LinkLayer's variants: made in one batch), else
    item by item (a plain list)."""
    try:
        return list(curves[index])
    except TypeError:
        return [curves[k] for k in index]


def sorted_unique(a: np.ndarray) -> np.ndarray:  # [k] ints -> their distinct values, ascending
    """np.unique's answer without np.unique: that asks np.ma.is_masked, and its first call in a process imports
    numpy.ma (60-230 ms, inside the first frame whose links need a route)."""
    s = np.sort(a)
    return s[np.concatenate(([True], s[1:] != s[:-1]))] if len(s) else s


def over_numbers(cands: np.ndarray, width: float, numbers: np.ndarray, grid: Grid | None = None) -> np.ndarray:
    """How long (px) each candidate line, `width` wide, runs over the cards' numbers ([r, 4] x0, y0, x1, y1 boxes
    of cells that show digits): [k, P, 2] -> [k]. The boxes are filed by the cells they cover grown by half the
    width or more (digits_grid; `grid`, if given, made by it for a width at least this one), so each point is
    measured only against the boxes of its own cell (a candidate's bounding box meets many of a class's digit
    boxes that its points pass far from)."""
    if not len(numbers) or not len(cands):
        return np.zeros(len(cands), dtype=np.float32)
    reach = width / 2
    grid = digits_grid(numbers, width) if grid is None else grid
    x, y = cands[..., 0].reshape(-1), cands[..., 1].reshape(-1)
    count, end, at = grid.meet(x, y)
    if at is None:
        return np.zeros(len(cands), dtype=np.float32)
    px, py, box = np.repeat(x, count), np.repeat(y, count), numbers[grid.order[at]]  # [p] each, [p, 4]
    dx = np.maximum(np.maximum(box[:, 0] - px, 0.0), px - box[:, 2])
    dy = np.maximum(np.maximum(box[:, 1] - py, 0.0), py - box[:, 3])
    hits = np.zeros(len(x), dtype=bool)  # whether each point is over some box
    hits[np.searchsorted(end, np.flatnonzero((dx * dx + dy * dy) < reach ** 2), "right")] = True
    step = _length(np.diff(cands, axis=1)).mean(1)
    return hits.reshape(cands.shape[:2]).sum(axis=1) * step


def digits_grid(numbers: np.ndarray, width: float) -> Grid:
    """The digit boxes ([r, 4]) filed by the cells each covers grown by half of `width` (and a pixel, for
    rounding): a point within half the width of a box lies in one of them (over_numbers)."""
    reach = width / 2 + 1.0
    return Grid(np.floor((numbers[:, :2] - reach) / CELL).astype(np.int64),
                np.floor((numbers[:, 2:] + reach) / CELL).astype(np.int64))


def choose(defaults: list[Curve | None], variants: Callable[[int], list[Curve]], widths: list[float],
           order: list[int], checked: list[set[int]], numbers: np.ndarray | None = None, reorder: int = 0,
           light: frozenset[int] = frozenset(), keys: list | None = None) -> list[int]:
    """Which variant each link takes: defaults[i] is link i's default curve (None: it has no variants, it is not
    drawn or not to the hub), variants(i) all its candidate curves (the default first; asked only of a link
    whose default runs alongside another or over the cards' numbers), order the links to place (heaviest first),
    checked[i] the links link i must keep apart from, `numbers` the [r, 4] boxes of the cards' digits the links
    in `order` keep off (None: none). A link keeps its default when it runs alongside none of them for more than
    KEEP px and over no numbers; else it takes the first (smallest) change that parts within TOLERANCE and runs
    over no numbers, or failing that the variant that best parts (its longest run alongside beyond TOLERANCE),
    then runs least over numbers, then least alongside (links that cannot be told apart are worse than a line
    over digits: tests/test_links_readable.py). Without numbers that is the variant whose longest run alongside
    is least. Of the first `reorder` links of `order` (the labelled ones of a small class), one left alongside
    another or over numbers is placed again second, after the heaviest, and so on from that placing up to
    REORDERS times; the placing that leaves the labelled links least of such runs, summed (less alongside, or as
    much alongside and less over numbers), is taken (three links from one side of an asker at a row's end: the one
    placed last found the lanes taken). A link
    in `light` (a small class's unlabelled ones) tries only the first two batches of changes, the smallest.
    `keys` (optional): each link's variants as a hashable key (the desks, the hub, its ends and width: what its
    curves are made from), so that its placing is kept across sets of links too (_PLACINGS)."""
    numbers = np.zeros((0, 4), np.float32) if numbers is None else np.asarray(numbers, np.float32).reshape(-1, 4)
    w = np.asarray(widths, dtype=np.float32)
    memo: dict = {}  # each link's placing by what is placed before it, shared by the placings below (see _place)
    digits = digits_grid(numbers, float(w.max())) if len(numbers) and len(w) else None  # (for the widest link)
    chosen, left = _place(defaults, variants, w, order, checked, numbers, light, memo, digits, keys)
    head, rest = order[:reorder], order[reorder:]
    unread = [i for i in left if i in head]
    # the labelled links' own px, as a reorder of them alone is measured (review18: the unlabelled ones' px were
    # counted in this total but not in the reorder's, so a reorder worse for the labelled links was taken)
    total = _summed(left[i] for i in unread)
    better = None
    for _ in range(REORDERS if unread else 0):  # each placing again from the one before, the best of them taken
        late = [head.index(i) for i in unread if head.index(i) > 1]
        if not late:
            break
        k = min(late)
        head = [head[0], head[k]] + [j for j in head[1:] if j != head[k]]
        left_again = _place(defaults, variants, w, head, checked, numbers, light, memo, digits, keys)[1]
        unread = list(left_again)
        if _summed(left_again.values()) < total:
            total, better = _summed(left_again.values()), head
    if better is not None:  # the rest placed after the better order of the labelled ones
        chosen = _place(defaults, variants, w, better + rest, checked, numbers, light, memo, digits, keys)[0]
    return chosen


def _place(defaults: list[Curve | None], variants: Callable[[int], list[Curve]], w: np.ndarray, order: list[int],
           checked: list[set[int]], numbers: np.ndarray, light: frozenset[int],
           memo: dict | None = None, digits: Grid | None = None,
           keys: list | None = None) -> tuple[list[int], dict[int, tuple]]:
    """choose's placing in one order: each link's variant, and each link left alongside another or over numbers
    with the px it is left so (its run alongside beyond TOLERANCE, its run over numbers), in the order placed. A
    link is measured as it is placed, against those placed before it and the others' defaults: the links placed
    first are left the same whatever is placed after them. A link's placing depends only on which variant each
    link it keeps apart from was given (none: its default), so it is kept in `memo` by those and found there when
    another placing of the same choice meets them again (a small class's reorders place the heaviest first every
    time, and the best order is placed once more at the end: teaching model, 12 students, 83 ms a set). `digits`:
    the digit boxes filed for the widest link (digits_grid), or None."""
    chosen, left = [0] * len(defaults), {}
    have = [i for i, c in enumerate(defaults) if c is not None]
    lines = dict(zip(have, polylines([defaults[i] for i in have]))) if have else {}
    given: dict[int, int] = {}  # link -> the variant it was given (its line then that variant's)
    memo = {} if memo is None else memo
    for i in order:
        if defaults[i] is None:
            continue
        others = sorted(j for j in checked[i] if j != i and j in lines)
        if not others and not len(numbers):
            continue
        key = (i, tuple(given.get(j, -1) for j in others))
        found = memo.get(key)
        if found is None:
            found = memo[key] = _kept_place_one(i, defaults[i], variants, w, [lines[j] for j in others], others,
                                                numbers, i in light, digits, None if keys is None else keys[i])
        best, best_cost, line = found
        if line is None:  # its default kept
            continue
        chosen[i], lines[i], given[i] = best, line, best
        if best_cost[0] or best_cost[1]:
            left[i] = best_cost[:2]
    return chosen, left


PLACINGS = 512  # links' placings kept across sets of links (_kept_place_one), the least recently used go first
_PLACINGS: dict[tuple, tuple] = {}


def _kept_place_one(i: int, default: Curve, variants, w: np.ndarray, lines: list[np.ndarray], others: list[int],
                    numbers: np.ndarray, light: bool, digits: Grid | None, key) -> tuple[int, tuple, np.ndarray | None]:
    """_place_one, kept by everything it reads: the link's own curves (`key`, choose's keys: the desks, the hub, its
    ends and width; its default curve), its width, the lines it keeps apart from and their widths, the numbers and
    whether it is light. The sets of links of one beat and the next share many placings (GPT-2 at 6 students: 70
    placings in 28 sets were 40 different ones). `digits` is not in the key: it only files `numbers` for
    over_numbers, whose answer is the same with it or without."""
    if key is None:
        return _place_one(i, default, variants, w, lines, others, numbers, light, digits)
    full = (key, default, float(w[i]), tuple(w[others].tolist()), b"".join(line.tobytes() for line in lines),
            numbers.tobytes(), light)
    found = _PLACINGS.pop(full, None)
    if found is None:
        found = _place_one(i, default, variants, w, lines, others, numbers, light, digits)
        if found[2] is not None:
            found[2].flags.writeable = False  # shared by every set that finds it
        if len(_PLACINGS) >= PLACINGS:
            del _PLACINGS[next(iter(_PLACINGS))]
    _PLACINGS[full] = found  # (re)inserted last: dicts keep insertion order
    return found


def _place_one(i: int, default: Curve, variants: Callable[[int], list[Curve]], w: np.ndarray, lines: list[np.ndarray],
               others: list[int], numbers: np.ndarray, light: bool,
               digits: Grid | None = None) -> tuple[int, tuple, np.ndarray | None]:
    """Link i's placing against the lines of the links it keeps apart from (`others`, their [S + 1, 2] polylines):
    (its variant, that variant's cost, its line; None: the default kept, as it runs alongside none of them for
    more than KEEP px and over no numbers)."""

    def costs(cands: np.ndarray, runs: np.ndarray) -> list[tuple]:  # [k, P, 2], [k, m] -> cost of each, least best
        over = over_numbers(cands, w[i], numbers, digits).tolist()
        top = runs.max(axis=1) if runs.shape[1] else np.zeros(len(runs), np.float32)
        excess = np.maximum(top - TOLERANCE, 0.0)
        return list(zip(excess.tolist(), over, top.tolist(), runs.sum(axis=1).tolist()))

    filed = Filed(np.stack(lines) if lines else np.zeros((0, SAMPLES + 1, 2), np.float32), w[others], w[i])
    cand = polylines([default], FINE)
    first = filed.alongside(cand)
    best_cost = costs(cand, first)[0]
    if best_cost[2] <= KEEP and not best_cost[1]:
        return 0, best_cost, None
    curves = variants(i)  # (a sequence whose curves may be made as a slice of them is asked for)
    best = 0
    seen = {default}  # a variant that would cross a name tag is drawn as another (link_geometry.route), so many
    # repeat: an earlier equal curve has the same cost and wins. The bows are made and measured in a few
    # batches (CHUNKS), then walked one bow at a time as if each had been measured alone: the same choice. A
    # link that only runs over numbers (a case older choices never met) tries first the variants that most
    # often keep off them (OFF_NUMBERS)
    batches = CHUNKS if best_cost[2] > KEEP else OFF_NUMBERS
    for batch in batches[:2] if light else batches:
        index = [k for group in batch for k in group]  # positions in VARIANTS
        part = _take(curves, index)
        new = []
        for k, c in enumerate(part):
            if c not in seen:
                seen.add(c)
                new.append(k)
        cands = polylines([part[k] for k in new], FINE)
        cost = dict(zip(new, costs(cands, filed.alongside(cands)))) if new else {}
        done, start = False, 0
        for group in batch:  # a group (a bow) at a time, as if each had been measured alone
            for k in range(start, start + len(group)):
                if k in cost and cost[k] < best_cost:
                    best, best_cost = index[k], cost[k]
            start += len(group)
            if not best_cost[0] and not best_cost[1]:
                done = True
                break
        if done:
            break
    return best, best_cost, polylines(curves[best:best + 1])[0]


def _summed(costs) -> tuple[float, float]:
    """(px alongside beyond TOLERANCE, px over numbers) of some links left so, summed."""
    costs = list(costs)
    return (sum(c[0] for c in costs), sum(c[1] for c in costs))
