"""routes28 (#18): a link's placing (link_routes._place_one) is kept across sets of links by everything it reads
(link_routes._PLACINGS: its curves' desks, hub, ends and width, its default curve, the lines it keeps apart from, the
numbers), so that a beat's sets find the placings an earlier beat made. Chosen with the placings kept, in the
fixture's order and reversed, and with a store of 5, every set takes what main chose (tests/fixtures/
route_choices.json, as test_route_choices); the store stays within its bound; and placings are found kept."""
from __future__ import annotations

import pytest

from classroom_gui.scene import link_geometry, link_routes, links
from classroom_gui.scene.links import LinkLayer
from test_route_choices import CASES, arguments


@pytest.fixture(autouse=True)
def full_search(monkeypatch):  # the fixture holds the full search's choices (routes30: links.BOUNDED lifted)
    monkeypatch.setattr(links, "BOUNDED", 10 ** 9)


def choose_all(sets, counted: list) -> None:
    layer = LinkLayer.__new__(LinkLayer)
    for case, s in sets:
        link_geometry.routes_forget()
        got = layer._choose_routes(*arguments(case, s))
        assert [[i, *got[i]] for i in sorted(got)] == s["chosen"], (case["name"], s["chosen"])
        assert len(link_routes._PLACINGS) <= link_routes.PLACINGS
    counted.append(len(link_routes._PLACINGS))


@pytest.mark.parametrize("reverse", [False, True])
def test_kept_placings_choose_as_cold_ones(monkeypatch, reverse):
    made = []
    was = link_routes._place_one
    monkeypatch.setattr(link_routes, "_place_one", lambda *a: made.append(1) or was(*a))
    link_routes._PLACINGS.clear()
    sets = [(case, s) for case in CASES for s in case["sets"]]
    sets = sets[::-1] if reverse else sets
    asked = []
    was_kept = link_routes._kept_place_one
    monkeypatch.setattr(link_routes, "_kept_place_one", lambda *a: asked.append(1) or was_kept(*a))
    choose_all(sets + sets, [])  # the second time round, every placing is found kept
    assert len(made) < len(asked)
    assert len(made) <= len(asked) // 2


def test_a_small_store_stays_bounded_and_chooses_the_same(monkeypatch):
    monkeypatch.setattr(link_routes, "PLACINGS", 5)
    link_routes._PLACINGS.clear()
    sizes = []
    choose_all([(case, s) for case in CASES for s in case["sets"]], sizes)
    assert 0 < sizes[-1] <= 5
