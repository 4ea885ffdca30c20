"""Link routes that stay apart: of a few variants of each labelled link's route into the asker's desk, the
one that runs least alongside the links already drawn.

The default route (links.route) nests arcs by distance, but two desks nearly in line with the asker, or two
rows away from it, still arrive side by side for 60-160 px. So the heaviest link first, then each other
labelled one, tries other bows (flatter, rounder, to the other side) and other entry points along the
asker's edge, and keeps the first that runs alongside no checked link for more than TOLERANCE px. The
heaviest is checked against every link drawn; the other labelled ones against the labelled ones (the
unlabelled rest are a faint crowd behind them). The choice depends only on the desks and the links' weights,
so it is made once per set of links, not once per animation frame.
"""
from __future__ import annotations

import numpy as np

Curve = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]

SAMPLES = 32         # straight pieces per curve that others are measured against ...
FINE = 96            # ... and points along the curve being placed (its run alongside is counted in steps of these)
NEAR_END = 48.0      # px around a link's ends where links may meet (all meet at the asker's desk)
MARGIN = 3.0         # links closer than their half widths plus this cannot be told apart on a projector
KEEP = 18.0          # px a link's default route may run alongside another (a crossing at a shallow angle) ...
TOLERANCE = 16.0     # ... and a changed route (kept well inside KEEP: a change is worth making only if it clearly parts)
# (bow, entry): the bow as a multiple of the default (negative: to the other side), and where on the asker's
# edge the link ends as a fraction of the desk's width off its middle (None: the default, by distance).
# Smallest changes first, the default first of all; tried one bow (8 entries) at a time.
BOWS = (1.0, 1.8, 0.5, -1.0, 2.6, -1.8, 0.15, -2.6, 3.5, -3.5)
ENTRIES = (None, -0.3, 0.3, -0.15, 0.15, -0.45, 0.45, 0.0)
VARIANTS = [(b, e) for b in BOWS for e in ENTRIES]


def polylines(curves: list[Curve], n: int = SAMPLES) -> np.ndarray:  # n cubic Béziers -> [n, n + 1, 2] points
    c = np.asarray(curves, dtype=np.float32).reshape(-1, 4, 2)
    t = np.linspace(0.0, 1.0, n + 1, dtype=np.float32)[None, :, None]
    u = 1.0 - t
    return (u ** 3 * c[:, None, 0] + 3 * u * u * t * c[:, None, 1] + 3 * u * t * t * c[:, None, 2]
            + t ** 3 * c[:, None, 3])


def alongside(cands: np.ndarray, cand_w: float, others: np.ndarray, other_w: np.ndarray) -> np.ndarray:
    """How long (px) each candidate runs alongside each other link, away from both links' ends:
    [k, P, 2] candidates and [m, S + 1, 2] others -> [k, m]. Only the (point, link) pairs inside the link's
    bounding box (grown by the distance that counts) are measured: at 64 students that is a tenth of them."""
    k, n_p, m = len(cands), cands.shape[1], len(others)
    out = np.zeros((k, m), dtype=np.float32)
    if m == 0:
        return out
    reach = (cand_w + other_w) / 2 + MARGIN                                        # [m]
    lo, hi = others.min(1) - reach[:, None], others.max(1) + reach[:, None]        # [m, 2]
    inside = ((cands[:, :, None] >= lo[None, None]) & (cands[:, :, None] <= hi[None, None])).all(-1)  # [k, P, m]
    own = np.linalg.norm(cands - cands[:, :1], axis=-1), np.linalg.norm(cands - cands[:, -1:], axis=-1)
    inside &= ((own[0] > NEAR_END) & (own[1] > NEAR_END))[:, :, None]
    kk, pp, mm = np.nonzero(inside)
    if len(kk) == 0:
        return out
    pts = cands[kk, pp]                                                            # [N, 2]
    far = ((np.linalg.norm(pts - others[mm, 0], axis=-1) > NEAR_END)
           & (np.linalg.norm(pts - others[mm, -1], axis=-1) > NEAR_END))
    kk, pp, mm, pts = kk[far], pp[far], mm[far], pts[far]
    s0, d = others[:, :-1], np.diff(others, axis=1)                                # [m, S, 2]
    rel = pts[:, None, :] - s0[mm]                                                 # [N, S, 2]
    dm = d[mm]
    t = np.clip((rel * dm).sum(-1) / np.maximum((dm * dm).sum(-1), 1e-9), 0.0, 1.0)
    gap = np.linalg.norm(rel - t[..., None] * dm, axis=-1).min(-1)                 # [N]
    close = gap < reach[mm]
    step = np.linalg.norm(np.diff(cands, axis=1), axis=-1).mean(1)                 # [k]
    np.add.at(out, (kk[close], mm[close]), step[kk[close]])
    return out


def choose(variants: list[list[Curve]], widths: list[float], order: list[int], checked: list[set[int]]) -> list[int]:
    """Which variant each link takes: variants[i] are link i's candidate curves (the default first),
    order the links to place (heaviest first), checked[i] the links link i must keep apart from. A link
    keeps its default when it runs alongside none of them for more than KEEP px; else it takes the
    first (smallest) change that does, or failing that the variant whose longest run alongside is least."""
    chosen = [0] * len(variants)
    lines = {i: polylines(v[:1])[0] for i, v in enumerate(variants) if v}
    w = np.asarray(widths, dtype=np.float32)
    for i in order:
        if not variants[i]:
            continue
        others = sorted(j for j in checked[i] if j != i and j in lines)
        if not others:
            continue
        theirs = np.stack([lines[j] for j in others])
        first = alongside(polylines(variants[i][:1], FINE), w[i], theirs, w[others])[0]
        if first.max() <= KEEP:
            continue
        cands = polylines(variants[i], FINE)
        best, best_cost = 0, (first.max(), first.sum())
        for k0 in range(0, len(cands), len(ENTRIES)):  # a bow at a time: ~25 MB at 64 students
            runs = alongside(cands[k0:k0 + len(ENTRIES)], w[i], theirs, w[others])  # [k, m]
            for k, run in enumerate(runs):
                cost = (run.max(), run.sum())
                if cost < best_cost:
                    best, best_cost = k0 + k, cost
            if best_cost[0] <= TOLERANCE:
                break
        chosen[i] = best
        lines[i] = polylines(variants[i][best:best + 1])[0]
    return chosen
