"""Link routes that stay apart: of a few variants of each labelled link's route into the asker's desk, the
one that runs least alongside the links already drawn.

The default route (link_geometry.route) nests arcs by distance, but two desks nearly in line with the asker, or two
rows away from it, still arrive side by side for 60-160 px. So the heaviest link first, then each other
labelled one, tries other bows (flatter, rounder, to the other side) and other entry points along the
asker's edge, and keeps the first that runs alongside no checked link for more than TOLERANCE px. The
heaviest is checked against every link drawn; the other labelled ones against the labelled ones (the
unlabelled rest are a faint crowd behind them). The choice depends only on the desks and the links' weights,
so it is made once per set of links, not once per animation frame.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

Curve = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]

SAMPLES = 32         # straight pieces per curve that others are measured against ...
FINE = 96            # ... and points along the curve being placed (its run alongside is counted in steps of these)
NEAR_END = 48.0      # px around a link's ends where links may meet (all meet at the asker's desk)
MARGIN = 3.0         # links closer than their half widths plus this cannot be told apart on a projector
KEEP = 18.0          # px a link's default route may run alongside another (a crossing at a shallow angle) ...
TOLERANCE = 16.0     # ... and a changed route (kept well inside KEEP: a change is worth making only if it clearly parts)
CELL = 24.0          # px: the grid the other links' pieces are filed in, so a point meets only the pieces near it
# (bow, entry): the bow as a multiple of the default (negative: to the other side), and where on the asker's
# edge the link ends as a fraction of the desk's width off its middle (None: the default, by distance).
# Smallest changes first, the default first of all; tried one bow (8 entries) at a time.
BOWS = (1.0, 1.8, 0.5, -1.0, 2.6, -1.8, 0.15, -2.6, 3.5, -3.5)
ENTRIES = (None, -0.3, 0.3, -0.15, 0.15, -0.45, 0.45, 0.0)
VARIANTS = [(b, e) for b in BOWS for e in ENTRIES]
# bows made and measured together: the default's other entries, then the next two, then the rest (at 64 students
# half the links that need a change part within the first three bows; at 1,024 most never part and try all ten,
# so one batch of seven costs about as much as one bow alone)
CHUNKS = (1, 2, len(BOWS) - 3)


def polylines(curves: list[Curve], n: int = SAMPLES) -> np.ndarray:  # n cubic Béziers -> [n, n + 1, 2] points
    c = np.asarray(curves, dtype=np.float32).reshape(-1, 4, 2)
    t = np.linspace(0.0, 1.0, n + 1, dtype=np.float32)[None, :, None]
    u = 1.0 - t
    return (u ** 3 * c[:, None, 0] + 3 * u * u * t * c[:, None, 1] + 3 * u * t * t * c[:, None, 2]
            + t ** 3 * c[:, None, 3])


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
        self.a, self.b = others[:, :-1].reshape(-1, 2), others[:, 1:].reshape(-1, 2)   # [m * S, 2] pieces
        self.piece_link = np.repeat(np.arange(m), n_s)
        self.r = r = reach[self.piece_link]
        a, b = self.a, self.b
        c0 = np.floor((np.minimum(a, b) - r[:, None]) / CELL).astype(np.int64)
        c1 = np.floor((np.maximum(a, b) + r[:, None]) / CELL).astype(np.int64)
        nx, ny = c1[:, 0] - c0[:, 0] + 1, c1[:, 1] - c0[:, 1] + 1
        per = nx * ny                                                                  # cells each piece covers
        piece = np.repeat(np.arange(len(a)), per)
        nth = np.arange(len(piece)) - np.repeat(np.cumsum(per) - per, per)
        cell = _cell_key(c0[piece, 0] + nth % nx[piece], c0[piece, 1] + nth // nx[piece])
        by_cell = np.argsort(cell, kind="stable")
        self.cell, self.piece = cell[by_cell], piece[by_cell]

    def alongside(self, cands: np.ndarray) -> np.ndarray:  # [k, P, 2] -> [k, m] px run alongside
        others, k, n_p, m = self.others, len(cands), cands.shape[1], len(self.others)
        out = np.zeros((k, m), dtype=np.float32)
        if m == 0 or k == 0:
            return out
        # the candidate points away from their own ends, and the pieces filed in their cells
        pts = cands.reshape(-1, 2)
        own = ((_length(cands - cands[:, :1]) > NEAR_END)
               & (_length(cands - cands[:, -1:]) > NEAR_END))
        which = np.flatnonzero(own.reshape(-1))
        key = _cell_key(*np.floor(pts[which] / CELL).astype(np.int64).T)
        lo, hi = np.searchsorted(self.cell, key, "left"), np.searchsorted(self.cell, key, "right")
        count = hi - lo
        pt = np.repeat(which, count)
        seg = self.piece[np.repeat(lo, count) + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)]
        link = self.piece_link[seg]
        p = pts[pt]
        far = ((_length(p - others[link, 0]) > NEAR_END)
               & (_length(p - others[link, -1]) > NEAR_END))
        a = self.a[seg]
        rel, d = p - a, self.b[seg] - a
        t = np.clip((rel * d).sum(-1) / np.maximum((d * d).sum(-1), 1e-9), 0.0, 1.0)
        close = far & (_length(rel - t[:, None] * d) < self.r[seg])
        pairs = sorted_unique(pt[close] * m + link[close])                             # (point, link), once each
        kk, mm = pairs // m // n_p, pairs % m
        step = _length(np.diff(cands, axis=1)).mean(1)                 # [k]
        np.add.at(out, (kk, mm), step[kk])
        return out


def _length(v: np.ndarray) -> np.ndarray:  # [..., 2] -> [...]: np.linalg.norm(v, axis=-1)'s sum and root,
    return np.sqrt((v * v).sum(-1))            # without its checks and copies (called ~10 times a link placed)


def sorted_unique(a: np.ndarray) -> np.ndarray:  # [k] ints -> their distinct values, ascending
    """np.unique's answer without np.unique: that asks np.ma.is_masked, and its first call in a process imports
    numpy.ma (60-230 ms, inside the first frame whose links need a route)."""
    s = np.sort(a)
    return s[np.concatenate(([True], s[1:] != s[:-1]))] if len(s) else s


def _cell_key(cx: np.ndarray, cy: np.ndarray) -> np.ndarray:  # one integer per grid cell (canvas px stay far below 2**20 cells)
    return (cx + (1 << 20)) * (1 << 21) + (cy + (1 << 20))


def choose(defaults: list[Curve | None], variants: Callable[[int], list[Curve]], widths: list[float],
           order: list[int], checked: list[set[int]]) -> list[int]:
    """Which variant each link takes: defaults[i] is link i's default curve (None: it has no variants, it is not
    drawn or not to the hub), variants(i) all its candidate curves (the default first; asked only of a link
    whose default runs alongside another), order the links to place (heaviest first), checked[i] the links
    link i must keep apart from. A link keeps its default when it runs alongside none of them for more than
    KEEP px; else it takes the first (smallest) change that does, or failing that the variant whose longest
    run alongside is least."""
    chosen = [0] * len(defaults)
    have = [i for i, c in enumerate(defaults) if c is not None]
    lines = dict(zip(have, polylines([defaults[i] for i in have]))) if have else {}
    w = np.asarray(widths, dtype=np.float32)
    for i in order:
        if defaults[i] is None:
            continue
        others = sorted(j for j in checked[i] if j != i and j in lines)
        if not others:
            continue
        filed = Filed(np.stack([lines[j] for j in others]), w[others], w[i])
        first = filed.alongside(polylines([defaults[i]], FINE))[0]
        if first.max() <= KEEP:
            continue
        curves = variants(i)  # (a sequence whose curves may be made as a slice of them is asked for)
        best, best_cost = 0, (first.max(), first.sum())
        seen = {defaults[i]}  # a variant that would cross a name tag is drawn as another (link_geometry.route), so many
        # repeat: an earlier equal curve has the same cost and wins. The bows are made and measured in a few
        # batches (CHUNKS), then walked one bow at a time as if each had been measured alone: the same choice
        k0 = 0
        for n_bows in CHUNKS:
            part = curves[k0:k0 + n_bows * len(ENTRIES)]
            new = []
            for k, c in enumerate(part):
                if c not in seen:
                    seen.add(c)
                    new.append(k)
            runs = filed.alongside(polylines([part[k] for k in new], FINE)) if new else ()  # [k, m]
            costs = dict(zip(new, ((run.max(), run.sum()) for run in runs)))
            done = False
            for b0 in range(0, len(part), len(ENTRIES)):  # a bow at a time
                for k in range(b0, b0 + len(ENTRIES)):
                    if k in costs and costs[k] < best_cost:
                        best, best_cost = k0 + k, costs[k]
                if best_cost[0] <= TOLERANCE:
                    done = True
                    break
            if done:
                break
            k0 += len(part)
        chosen[i] = best
        lines[i] = polylines(curves[best:best + 1])[0]
    return chosen
