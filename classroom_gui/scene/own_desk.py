"""Which of a label's spots read as its own desk's (own_desk_spots): nearer to that desk than to any other, by at
least half the label's height (link_labels places a share's label only there, where it can)."""
from __future__ import annotations

import numpy as np


def own_desk_spots(at: np.ndarray, w: float, h: float, desks: np.ndarray, own: int) -> np.ndarray:
    """[len(at)] whether a w x h label centred at each spot reads as desk `own`'s (row `own` of `desks`, the whole
    desks' [n, 4] edges): nearer to it than to any other desk by at least half its height. (teacher33 #1: in a class
    of 16, 「2.42」 of seat 10 sat in the lane between desk 5's cards and desk 10's tag, touching both, and read as
    desk 5's; a gap is measured edge to edge, 0 where they touch.)

    The spots are taken SPOTS_AT_ONCE at a time, each block against only the desks that could be nearer than its own
    (_could_be_nearer): a desk farther from the whole block than the block's farthest spot is from its own desk
    (plus half a label) decides no spot, so it is left out. The same answer as every spot against every desk (the
    same gaps, compared the same way; test_own_desk_spots_pruned), for a tenth of the work in a class of 64 (a
    label's ~840 spots x 64 desks took ~3 ms, and a first visit places up to 6 labels)."""
    left, top = at[:, 0] - w / 2, at[:, 1] - h / 2
    right, bottom = left + w, top + h
    if desks.shape[0] <= 1:
        return np.ones(len(at), bool)
    if desks.shape[0] <= PRUNE_FROM:  # a small class: every spot against every desk at once costs less
        gaps = _gaps(left, top, right, bottom, desks)
        mine = gaps[:, own].copy()
        gaps[:, own] = np.inf
        return mine + h / 2 <= gaps.min(axis=1)
    mine = _gaps(left, top, right, bottom, desks[own:own + 1])[:, 0]
    others = np.delete(desks, own, axis=0)
    out = np.empty(len(at), bool)
    for a in range(0, len(at), SPOTS_AT_ONCE):
        b = min(len(at), a + SPOTS_AT_ONCE)
        reach = mine[a:b] + h / 2
        near = others[_could_be_nearer(left[a:b], top[a:b], right[a:b], bottom[a:b], others, float(reach.max()))]
        out[a:b] = True if not len(near) else reach <= _gaps(left[a:b], top[a:b], right[a:b], bottom[a:b],
                                                             near).min(axis=1)
    return out


PRUNE_FROM = 24  # desks: up to this many, own_desk_spots measures every spot against every desk (16: 0.46 ms, pruned 0.74)
SPOTS_AT_ONCE = 128  # own_desk_spots' block of spots: near a desk the grid's spots come nearest first, so a block is
# a ring around the link's end, and few desks are near a ring


def _gaps(left, top, right, bottom, desks: np.ndarray) -> np.ndarray:
    """[spots, desks] each rectangle's gap to each desk, edge to edge (0 where they touch or overlap)."""
    l2, t2, r2, b2 = (desks[:, i][None, :] for i in range(4))
    dx = np.maximum(np.maximum(l2 - right[:, None], left[:, None] - r2), 0.0)
    dy = np.maximum(np.maximum(t2 - bottom[:, None], top[:, None] - b2), 0.0)
    return np.hypot(dx, dy)


def _could_be_nearer(left, top, right, bottom, desks: np.ndarray, reach: float) -> np.ndarray:
    """[desks] False for a desk whose gap to every one of these rectangles is surely over `reach`: its gap to their
    bounding box (no more than its gap to any of them: the same subtractions, on edges no nearer) is over it by
    more than rounding could make up."""
    box = np.array([[left.min(), top.min(), right.max(), bottom.max()]])
    return _gaps(box[:, 0], box[:, 1], box[:, 2], box[:, 3], desks)[0] <= reach * (1 + 1e-9) + 1e-6
