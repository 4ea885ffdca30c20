"""routes28 (#18): own_desk_spots measures a block of spots only against the desks that could be nearer than the
spots' own (a class of 64: ~840 spots x 64 desks, ~3-6 ms a label, on a first visit to a beat). The answer must be
the one every spot against every desk gives, for every desk of a class, spots along a link and around its end, and
spots exactly where a gap equals the own desk's gap plus half a label (the comparison's edge)."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.scene import link_labels, own_desk


def every_desk(at, w, h, desks, own):  # the comparison as it was made before the pruning: all pairs at once
    left, top = at[:, 0] - w / 2, at[:, 1] - h / 2
    right, bottom = left + w, top + h
    l2, t2, r2, b2 = (desks[:, i][None, :] for i in range(4))
    dx = np.maximum(np.maximum(l2 - right[:, None], left[:, None] - r2), 0.0)
    dy = np.maximum(np.maximum(t2 - bottom[:, None], top[:, None] - b2), 0.0)
    gaps = np.hypot(dx, dy)
    mine = gaps[:, own].copy()
    gaps[:, own] = np.inf
    return mine + h / 2 <= gaps.min(axis=1) if desks.shape[0] > 1 else np.ones(len(at), bool)


def seated(n: int, cols: int, w: float = 170.0, h: float = 100.0) -> np.ndarray:
    xs = np.arange(n) % cols * (w + 20.0) + 40.0
    ys = np.arange(n) // cols * (h + 20.0) + 100.0
    return np.stack([xs, ys, xs + w, ys + h], axis=1)


@pytest.mark.parametrize("n,cols", [(2, 2), (6, 3), (16, 4), (25, 5), (64, 8), (128, 16)])
def test_the_pruned_search_answers_as_every_desk_does(n, cols):
    rng = np.random.default_rng(n)
    desks = seated(n, cols)
    for own in range(n):
        x, y = float(desks[own, 0] + 85.0), float(desks[own, 1])
        at = np.concatenate([rng.uniform(0, 1700, (9, 2)), link_labels._near_grid(x, y, 16.0)[0]])
        for w in (31.0, 77.5):
            got = own_desk.own_desk_spots(at, w, 27.2, desks, own)
            assert got.dtype == bool and got.shape == (len(at),)
            assert np.array_equal(got, every_desk(at, w, 27.2, desks, own)), (n, own, w)


def test_ties_at_the_edge_of_the_comparison_are_kept():
    """Spots whose gap to a neighbour is exactly the own gap + half a label (<=: still the own desk's), and ones a
    hair nearer the neighbour: the same answers as the full comparison, in a class big enough to be pruned."""
    desks = seated(64, 8)
    own, h, w = 9, 20.0, 40.0
    left_of_next = desks[own + 1, 0]  # the neighbour on the right, 20 px from the own desk's right edge
    right_of_own = desks[own, 2]
    y = float(desks[own, 1] + 50.0)
    xs = []
    for k in range(200):  # label's right edge r: gap to own = r - w - right_of_own... walk across the lane finely
        xs.append(right_of_own + w / 2 + k * 0.1)
    at = np.array([(x, y) for x in xs] + [(left_of_next - w / 2 - 0.5 * h / 2 + d, y) for d in (-1e-9, 0.0, 1e-9)])
    assert np.array_equal(own_desk.own_desk_spots(at, w, h, desks, own), every_desk(at, w, h, desks, own))


def test_far_desks_are_left_out_of_a_ring_of_spots():
    """The pruning is real: around a desk of a class of 64, a block of the grid's spots meets only a few desks."""
    desks = seated(64, 8)
    own = 27
    at = link_labels._near_grid(float(desks[own, 0] + 85.0), float(desks[own, 1]), 16.0)[0][:own_desk.SPOTS_AT_ONCE]
    w, h = 40.0, 23.2
    left, top = at[:, 0] - w / 2, at[:, 1] - h / 2
    reach = float(own_desk._gaps(left, top, left + w, top + h, desks[own:own + 1]).max()) + h / 2
    near = own_desk._could_be_nearer(left, top, left + w, top + h, np.delete(desks, own, axis=0), reach)
    assert 0 < near.sum() < 20
