"""Where link labels may go is computed fast and exactly as before: the spots near a link's far desk, in
NumPy, in the same order as the plain loop over them (ties keep the loop's order), and a curve's candidate
spots are kept for the frames that draw it again, as are a label set's places and a whole link's pieces."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest

from helpers import add_segments


def spots_by_loop(c, px):  # the plain definition: every spot of the grid, sorted by (stretched) distance
    (x, y), h = c[0], px * 1.45
    spots = [(x + i * px * 0.8, y + k * h / 6) for i in range(-8, 9) for k in range(-24, 25)]
    return sorted(spots, key=lambda p: math.hypot(p[0] - x, 2 * (p[1] - y)))


def test_spots_near_an_end_are_the_loops_in_its_order():
    from classroom_gui.scene.link_labels import _near
    rng = random.Random(5)
    for _ in range(1500):
        end = (rng.uniform(0, 1920), rng.uniform(0, 1080))
        if rng.random() < 0.3:  # desks' edges sit at round numbers
            end = (round(end[0], 1), round(end[1]))
        c = (end, (0.0, 0.0), (1.0, 1.0), (2.0, 2.0))
        px = rng.choice([16.0, 17.0, 20.0, 12.75, 9.35])
        assert [tuple(p) for p in _near(*c[0], px).tolist()] == spots_by_loop(c, px)


def test_a_curves_candidates_are_kept(qapp):
    from classroom_gui.scene import link_labels
    c = ((100.0, 200.0), (150.0, 120.0), (260.0, 120.0), (300.0, 210.0))
    first = link_labels._candidates(c, 16.0)
    assert link_labels._candidates(c, 16.0) is first
    at, (x0, y0, x1, y1) = first
    points = list(map(tuple, at.tolist()))
    assert points[: len(link_labels.ALONG)] == [link_labels.point_at(c, t) for t in link_labels.ALONG]
    assert points[len(link_labels.ALONG):] == spots_by_loop(c, 16.0)
    assert at.shape == (len(points), 2) and not at.flags.writeable
    assert (x0, y0, x1, y1) == (min(p[0] for p in points), min(p[1] for p in points),
                                max(p[0] for p in points), max(p[1] for p in points))


def test_a_label_set_placed_before_is_placed_the_same_without_searching(qapp, monkeypatch):
    from PySide6.QtCore import QRectF

    from classroom_gui.lesson.frame import Link
    from classroom_gui.scene import link_labels
    c1 = ((400.0, 300.0), (450.0, 220.0), (560.0, 220.0), (600.0, 310.0))
    c2 = ((800.0, 300.0), (760.0, 220.0), (660.0, 220.0), (600.0, 310.0))
    spots = [(Link(0, 1, 0.7, "query", label="0.70"), c1), (Link(2, 1, 0.3, "query", label="0.30"), c2)]
    avoid = [QRectF(380.0, 280.0, 60.0, 30.0)]
    first = link_labels.place_labels(spots, 16.0, avoid)
    searched = []
    monkeypatch.setattr(link_labels, "_place", lambda *a: searched.append(a) or [])
    again = [(Link(0, 1, 0.7, "query", label="0.70"), c1), (Link(2, 1, 0.3, "query", label="0.30"), c2)]
    assert [(l.label, at) for l, at in link_labels.place_labels(again, 16.0, avoid)] == [(l.label, at) for l, at in first]
    assert [l for l, _ in link_labels.place_labels(again, 16.0, avoid)] == [l for l, _ in again]  # the links asked about
    assert not searched
    link_labels.place_labels(again, 16.0, [QRectF(380.0, 280.0, 61.0, 30.0)])  # another text to avoid: placed anew
    assert len(searched) == 1


def test_a_whole_links_pieces_are_kept_and_the_same(qapp):
    from PySide6.QtGui import QPainterPath

    from classroom_gui.scene import links
    c = ((10.0, 20.0), (40.0, 5.0), (80.0, 5.0), (100.0, 30.0))
    direct = QPainterPath()
    add_segments(direct, c, links.CURVE_SEGMENTS)
    assert links.segments_each([c])[0] == direct and links.segments_each([c])[0] is links.segments_each([c])[0]
    both, other = QPainterPath(), ((200.0, 20.0), (240.0, 5.0), (280.0, 5.0), (300.0, 30.0))
    add_segments(both, c, links.CURVE_SEGMENTS)
    add_segments(both, other, links.CURVE_SEGMENTS)
    joined = QPainterPath()
    joined.addPath(links.segments_each([c])[0])
    joined.addPath(links.segments_each([other])[0])
    assert joined == both and joined.elementCount() == both.elementCount()


def test_a_desks_kept_spots_are_one_small_array(qapp):
    """_near keeps up to 1,100 desks: as a read-only float64 array a desk's 833 spots are 13 KB (as Python
    tuples they were ~90 KB, 103 MB for a full cache)."""
    from classroom_gui.scene import link_labels
    spots = link_labels._near(100.0, 200.0, 16.0)
    assert isinstance(spots, np.ndarray) and spots.shape == (833, 2) and not spots.flags.writeable
    assert spots.nbytes <= 833 * 2 * 8


def test_texts_tested_by_band_give_every_rectangles_own_answer():
    """_hits_near (each spot against the texts in its band of rows) says what _hits (every pair) says, on
    rectangles that touch, share edges, have no size, and beside texts taller than the band (title, legend)."""
    from classroom_gui.scene.link_labels import TALL, _hits, _hits_near

    rng = np.random.default_rng(3)
    for trial in range(40):
        n = int(rng.integers(0, 300))
        x, y = rng.integers(0, 400, n).astype(np.float64), rng.integers(0, 400, n).astype(np.float64)
        w, h = rng.integers(0, 40, n).astype(np.float64), rng.integers(0, 30, n).astype(np.float64)
        h[rng.random(n) < 0.05] = TALL + rng.integers(1, 200)  # a few tall ones
        texts = np.stack([x, y, x + w, y + h], axis=1)
        k = int(rng.integers(1, 900))
        left, top = rng.integers(-20, 420, k) + rng.random(k).round(1), rng.integers(-20, 420, k).astype(np.float64)
        right, bottom = left + float(rng.integers(1, 60)), top + float(rng.integers(1, 30))
        assert np.array_equal(_hits_near(left, top, right, bottom, texts), _hits(left, top, right, bottom, texts))


@pytest.mark.parametrize("seed", range(6))
def test_a_desks_spots_tested_a_column_and_a_row_at_a_time_give_each_spots_own_answer(qapp, seed):
    """_first_spots tests the 833 spots beside a far desk (a grid) against the texts by columns and rows
    (_grid_hits): the same spot as testing each spot's own rectangle, on texts that share edges with the
    spots' pills, have no size, and are dense enough that no spot is free."""
    from classroom_gui.scene.link_labels import _first_spots, _grid_hits, _hits, _near_grid

    rng = np.random.default_rng(seed)
    px, w, h = 16.0, 52.5 + seed, 27.2
    x, y = float(rng.uniform(300, 900)), float(rng.uniform(200, 700))
    spots, *grid = _near_grid(x, y, px)
    n = 10 + 40 * seed * seed  # texts, more each seed
    tw, th = rng.integers(0, 60, n).astype(float), rng.integers(0, 20, n).astype(float)  # (edges meet exactly)
    tw[::7] = 0.0  # no width: meets nothing
    # a text's edge on a pill's edge (gap 0): just left of, on, or just right of a column's pills; above/below a row's
    bw, bh = w - 4, h - 4
    tx = grid[0][rng.integers(0, 17, n)] - w / 2 + 2 + np.choose(rng.integers(0, 3, n), [0.0 * tw, bw + 0 * tw, -tw])
    ty = grid[1][rng.integers(0, 49, n)] - h / 2 + 2 + np.choose(rng.integers(0, 3, n),
                                                                 [rng.uniform(-30, 30, n).round(), bh + 0 * th, -th])
    near = np.stack([tx, ty, tx + tw, ty + th], axis=1)
    # and texts at and beyond the grid's whole span (a link's texts reach further; _grid_hits leaves those out):
    # edge to edge with the first column's or the last row's pills, a pixel inside, far off
    l0, r1 = grid[0][0] - w / 2 + 2, grid[0][-1] - w / 2 + 2 + bw
    t0, b1 = grid[1][0] - h / 2 + 2, grid[1][-1] - h / 2 + 2 + bh
    ym, xm = float(grid[1][24]), float(grid[0][8])
    beyond = [(l0 - 30, ym, l0, ym + 9), (r1, ym, r1 + 30, ym + 9), (l0 - 30, ym, l0 + 1, ym + 9),
              (xm, t0 - 20, xm + 9, t0), (xm, b1, xm + 9, b1 + 20), (xm, b1 - 1, xm + 9, b1 + 20), (-900, -900, -800, -800)]
    near = np.concatenate([near, np.array(beyond)])
    at = np.concatenate([np.full((9, 2), -999.0), spots])  # (the points along a link: outside the room)
    for gap in (0.0, 8.0):
        plain = _first_spots(at, w, h, [], near, gap)
        assert _first_spots(at, w, h, [], near, gap, (9, *grid)) == plain, gap
        # and spot by spot: each pill (made with _first_spots' sums) against every text
        pw, ph = w + -2 - 2 + 2 * gap, h + -2 - 2 + 2 * gap
        left, top = (spots[:, 0] - w / 2) + 2 - gap, (spots[:, 1] - h / 2) + 2 - gap
        want = _hits(left, top, left + pw, top + ph, near)
        assert np.array_equal(_grid_hits((9, *grid), w, h, gap, pw, ph, near), want) and 0 < want.sum(), gap
