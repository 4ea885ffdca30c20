"""LinkLayer numbers each seating (desks by seat) for its route sets' keys: the same desks get the same number in every
layer (the canvas warmer's twin shares the canvas's route sets), other desks another, and a number is never given to
other desks after the numbers are let go."""
from __future__ import annotations


def test_equal_desks_share_a_number_across_layers_and_other_desks_do_not(qapp, monkeypatch):
    from PySide6.QtWidgets import QGraphicsScene

    from classroom_gui.scene import links

    monkeypatch.setattr(links, "_SEATINGS", {})
    a, b = links.LinkLayer(QGraphicsScene()), links.LinkLayer(QGraphicsScene())
    desks = {0: (10.0, 20.0, 100.0, 80.0), 1: (130.0, 20.0, 100.0, 80.0)}
    first = a._seating_of(desks)
    assert a._seating_of(dict(desks)) == first                          # the same desks, a new dict
    assert b._seating_of({1: desks[1], 0: desks[0]}) == first           # another layer, another order
    moved = {0: (10.0, 20.0, 100.0, 80.0), 1: (131.0, 20.0, 100.0, 80.0)}
    other = a._seating_of(moved)
    assert other != first and a._seating_of(desks) == first and b._seating_of(moved) == other


def test_a_number_let_go_is_not_given_to_other_desks(qapp, monkeypatch):
    from PySide6.QtWidgets import QGraphicsScene

    from classroom_gui.scene import links

    monkeypatch.setattr(links, "_SEATINGS", {})
    monkeypatch.setattr(links, "SEATINGS", 2)
    layer = links.LinkLayer(QGraphicsScene())
    given = [layer._seating_of({0: (float(k), 0.0, 10.0, 10.0)}) for k in range(5)]  # the numbers let go twice
    assert len(set(given)) == 5 and len(links._SEATINGS) <= 2


def test_route_sets_are_chosen_again_for_moved_desks(qapp):
    from PySide6.QtWidgets import QGraphicsScene

    from classroom_gui.lesson.frame import Link
    from classroom_gui.scene import links
    from classroom_gui.scene.palette import CLASSROOM as theme

    layer = links.LinkLayer(QGraphicsScene())
    row = {k: (40.0 + 160.0 * k, 300.0, 140.0, 120.0) for k in range(4)}
    fan = [Link(k, 0, w, "weight", label=f"{w:.2f}") for k, w in zip(range(1, 4), (0.5, 0.3, 0.2))]
    layer.set_links(fan, row, 30.0, 14.0, theme, 1.0, asker=0)
    here = [c for _, c, _ in layer.curves]
    lower = {k: (x, y + 200.0, w, h) for k, (x, y, w, h) in row.items()}
    layer.set_links(fan, lower, 30.0, 14.0, theme, 1.0, asker=0)
    assert [c for _, c, _ in layer.curves] != here and len(layer._route_sets) == 2
    layer.set_links(fan, dict(row), 30.0, 14.0, theme, 1.0, asker=0)
    assert [c for _, c, _ in layer.curves] == here and len(layer._route_sets) == 2  # found again
