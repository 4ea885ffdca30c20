"""link_shapes.shapes (a route's variants made together in NumPy) gives shape's curves (one at a time in Python) to the
bit, for desks above, below and beside the hub, every bow and entry route choice tries, and line widths; and
link_geometry.routes, which uses it for many variants, gives the curves route gives for each alone."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.scene import link_geometry as g
from classroom_gui.scene.link_routes import VARIANTS
from classroom_gui.scene.link_shapes import shape, shapes
from helpers import add_segments


def desks(rng, n: int) -> list[tuple[float, float, float, float]]:
    """Random desks on four rows (the first, the hub, on the second: some share its row), of a class's sizes,
    small to big."""
    w = float(rng.choice([18.0, 40.0, 100.0, 160.0]))  # (no chord below the caption: below_ceiling)
    h = w * 0.75
    rows = rng.integers(0, 4, n)
    rows[0] = 1  # the hub (first) on the second row: others above, beside and below it
    cols = rng.integers(0, 12, n)
    return [(float(40 + c * w * 1.1 + rng.uniform(0, 0.3)), float(120 + r * h * 1.3), w, h) for r, c in zip(rows, cols)]


@pytest.mark.parametrize("seed", range(6))
def test_shapes_together_are_shape_alone_to_the_bit(seed):
    rng = np.random.default_rng(seed)
    hub, *others = desks(rng, 24)
    width = float(rng.uniform(0.5, 15.0))
    # route choice's variants and the rounder ones a tag check turns bows to the other side into
    variants = VARIANTS + [(abs(b) * g.ROUNDER, e) for b, e in VARIANTS if b < 0]
    kinds = set()
    for other in others:
        if other == hub:
            continue
        got = shapes(other, hub, 30.0, 14.0, variants, width)
        want = np.array([shape(other, hub, 30.0, 14.0, b, e, width) for b, e in variants], np.float64)
        assert got.tobytes() == want.tobytes()  # bit for bit, not merely close
        kinds.add("row" if abs(other[1] - hub[1]) < 1.0 else "above" if other[1] < hub[1] else "below")
    assert kinds == {"row", "above", "below"}


@pytest.mark.parametrize("seed", range(3))
def test_routes_made_together_are_route_alone_on_random_classes(seed):
    rng = np.random.default_rng(100 + seed)
    hub, *others = desks(rng, 16)
    width = float(rng.uniform(1.0, 12.0))
    for other in others:
        g.routes_forget()
        together = g.routes(other, hub, 30.0, 14.0, VARIANTS, width)
        alone = []
        for v in VARIANTS:
            g.routes_forget()
            alone.append(g.route(other, hub, 30.0, 14.0, *v, width))
        assert together == alone
    g.routes_forget()


def test_curves_lowered_together_are_lowered_alone_to_the_bit():
    """link_geometry.lowered (many curves under the ceiling, off the left wall and above the floor at once) lowers
    each as below_ceiling lowers it alone, bit for bit; a lowered curve is its chord plus one share of its arch, its
    centre line inside every wall and touching one (no more lowered than needed); those inside are left alone."""
    rng = np.random.default_rng(7)
    ends = rng.uniform([20.0, 150.0], [1800.0, 850.0], (400, 2, 2))  # (a chord past a wall has no answer)
    # arches of every size up and down, some far over the title row, the left edge or the caption
    lift = rng.uniform(-900.0, 900.0, (400, 1)) * np.array([[0.3, 1.0]])
    a, b = ends[:, 0], ends[:, 1]
    cs = np.stack([a, a + (b - a) / 3 + lift, a + (b - a) * 2 / 3 + lift, b], axis=1)
    width = 6.0
    alone = np.array([g.below_ceiling(tuple(map(tuple, c)), width) for c in cs.tolist()], np.float64)
    outside = ~g.within(cs, width)
    together = cs.copy()
    together[outside] = g.lowered(cs[outside], width)
    assert together.tobytes() == alone.tobytes()
    moved = (alone != cs).any(axis=(1, 2))
    assert 40 < moved.sum() and (moved <= outside).all()
    # each moved curve: the chord (the arch's ends, straight) plus a share s in [0, 1) of the arch, the same for
    # both inner control points, its centre line (at the samples the walls are measured on) inside and at a wall
    flat = np.stack([a, a + (b - a) / 3, a + (b - a) * 2 / 3, b], axis=1)[moved]
    arch, got = cs[moved] - flat, alone[moved] - flat
    share = (got[:, 1:3] * arch[:, 1:3]).sum(axis=(1, 2)) / (arch[:, 1:3] ** 2).sum(axis=(1, 2))
    assert ((0.0 <= share) & (share < 1.0)).all()
    assert np.allclose(got, share[:, None, None] * arch, atol=1e-6)
    line = g._BERNSTEIN @ alone[moved]  # [k, S + 1, 2]
    top, left, bottom = g.CEILING + width / 2, g.LEFT_WALL + width / 2, g.FLOOR - width / 2
    assert (line[..., 1] >= top - 1e-6).all() and (line[..., 0] >= left - 1e-6).all()
    assert (line[..., 1] <= bottom + 1e-6).all()
    gap = np.minimum(np.minimum(line[..., 1].min(1) - top, line[..., 0].min(1) - left), bottom - line[..., 1].max(1))
    assert (gap < 1e-6).all()  # lowered just enough: touching a wall


def test_links_default_routes_made_together_are_link_curve_alone():
    """link_curves_each (a new set's drawn links, their default routes made together) gives link_curve's curve for
    each link alone, to the bit: links into and out of the hub (reversed), its own loop, links between two other
    desks, a chosen variant, and far desks' arches lowered under the ceiling."""
    from classroom_gui.lesson.frame import Link
    rng = np.random.default_rng(3)
    seats = dict(enumerate(desks(rng, 60)))
    hub = 0
    links = [Link(s, hub, 0.5) for s in range(1, 40)] + [Link(hub, s, 0.5) for s in range(40, 55)]
    links += [Link(hub, hub, 0.5), Link(56, 57, 0.5), Link(58, hub, 0.5)]
    variants = [(1.0, None)] * (len(links) - 1) + [(-1.8, 0.3)]
    widths = rng.uniform(1.0, 12.0, len(links)).tolist()
    g.routes_forget()
    together = g.link_curves_each(links, seats, hub, 30.0, 14.0, variants, widths)
    alone = []
    for link, v, w in zip(links, variants, widths):
        g.routes_forget()
        alone.append(g.link_curve(link, seats, hub, 30.0, 14.0, v, w))
    assert together == alone
    flat = np.array(alone, np.float64)
    assert (flat[:, :, 1].min(axis=1) < g.CEILING + 20).any()  # some reach the ceiling (lowered to it)
    g.routes_forget()


def test_links_pieces_made_together_are_add_segments_to_the_bit(qapp):
    """links.segments_each (a new set's whole links' pieces, the points made in NumPy) gives add_segments' path
    element for element, exactly (QPainterPath's == compares loosely), and keeps each path: asked again, the
    same object."""
    from PySide6.QtGui import QPainterPath

    from classroom_gui.scene import links
    rng = np.random.default_rng(11)
    curves = [tuple(map(tuple, c)) for c in rng.uniform(-50.0, 1900.0, (40, 4, 2)).tolist()]
    made = links.segments_each(curves)
    for c, path in zip(curves, made):
        direct = QPainterPath()
        add_segments(direct, c, links.CURVE_SEGMENTS)
        assert path.elementCount() == direct.elementCount() == 2 * links.CURVE_SEGMENTS
        for k in range(direct.elementCount()):
            a, b = path.elementAt(k), direct.elementAt(k)
            assert (a.x, a.y, a.type) == (b.x, b.y, b.type)
    assert all(a is b for a, b in zip(links.segments_each(curves[::-1])[::-1], made))


def test_a_full_store_of_pieces_keeps_the_ones_asked_for(qapp, monkeypatch):
    """With the store of whole links' pieces full, a set that asks for kept curves and new ones gets all of them:
    the kept ones are used again (the least recently used others make room) and the new ones made."""
    from classroom_gui.scene import links
    monkeypatch.setattr(links, "SEGMENTS_KEPT", 4)
    monkeypatch.setattr(links, "_SEGMENTS", {})
    curves = [((float(k), 0.0), (1.0, 5.0), (9.0, 5.0), (10.0, float(k))) for k in range(8)]
    first = links.segments_each(curves[:4])  # the store is full
    again = links.segments_each([curves[0], curves[4], curves[5], curves[6]])  # curves[0] is the oldest kept
    assert again[0] is first[0] and len(links._SEGMENTS) == 4
    assert [p.elementCount() for p in again] == [2 * links.CURVE_SEGMENTS] * 4
