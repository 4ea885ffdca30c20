"""Where link labels may go is computed fast and exactly as before: the spots near a link's far desk, in
NumPy, in the same order as the plain loop over them (ties keep the loop's order), and a curve's candidate
spots are kept for the frames that draw it again."""
from __future__ import annotations

import math
import random


def spots_by_loop(c, px):  # the plain definition: every spot of the grid, sorted by (stretched) distance
    (x, y), h = c[0], px * 1.45
    spots = [(x + i * px * 0.8, y + k * h / 6) for i in range(-8, 9) for k in range(-24, 25)]
    return sorted(spots, key=lambda p: math.hypot(p[0] - x, 2 * (p[1] - y)))


def test_spots_near_an_end_are_the_loops_in_its_order():
    from classroom_gui.scene.link_labels import near_end
    rng = random.Random(5)
    for _ in range(1500):
        end = (rng.uniform(0, 1920), rng.uniform(0, 1080))
        if rng.random() < 0.3:  # desks' edges sit at round numbers
            end = (round(end[0], 1), round(end[1]))
        c = (end, (0.0, 0.0), (1.0, 1.0), (2.0, 2.0))
        px = rng.choice([16.0, 17.0, 20.0, 12.75, 9.35])
        assert near_end(c, px) == spots_by_loop(c, px)


def test_a_curves_candidates_are_kept(qapp):
    from classroom_gui.scene import link_labels
    c = ((100.0, 200.0), (150.0, 120.0), (260.0, 120.0), (300.0, 210.0))
    first = link_labels._candidates(c, 16.0)
    assert link_labels._candidates(c, 16.0) is first
    points, at, (x0, y0, x1, y1) = first
    assert points[: len(link_labels.ALONG)] == [link_labels.point_at(c, t) for t in link_labels.ALONG]
    assert points[len(link_labels.ALONG):] == spots_by_loop(c, 16.0)
    assert at.shape == (len(points), 2) and not at.flags.writeable
    assert (x0, y0, x1, y1) == (min(p[0] for p in points), min(p[1] for p in points),
                                max(p[0] for p in points), max(p[1] for p in points))
