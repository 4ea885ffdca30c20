"""The heaviest link of a class up to links.CLEAR_OF_ALL students, kept clear of every drawn link, makes its route
variants' curves in at most two passes (link_geometry.link_curves: its first batch alone, then all the rest
together), not one pass a batch: it mostly tries all 104, and four passes cost about a millisecond more than two.
The other links still make theirs a batch at a time (most part at their first bows). The choice is the same
(tests/test_route_choices.py compares it with the fixture's)."""
from __future__ import annotations

from collections import Counter

import pytest

from classroom_gui.scene import link_geometry, link_routes, links
from test_route_choices import CASES, arguments


@pytest.mark.parametrize("name", ["random 64", "gpt2 128"])
def test_heaviest_makes_its_variants_in_two_passes(monkeypatch, name):
    case = next(c for c in CASES if c["name"] == name)
    made = link_geometry.link_curves
    passes: Counter = Counter()

    def counted(link, desks, hub, header_h, gap, variants, width):
        if len(variants) > 1:  # a batch of variants (one alone: the chosen one, found kept)
            passes[(link.source, link.target)] += 1
        return made(link, desks, hub, header_h, gap, variants, width)

    monkeypatch.setattr(links, "link_curves", counted)
    layer = links.LinkLayer.__new__(links.LinkLayer)
    most = 0
    for s in case["sets"]:
        link_geometry.routes_forget()
        link_routes._PLACINGS.clear()  # (placings kept by an earlier test would make no passes at all)
        passes.clear()
        args = arguments(case, s)
        got = layer._choose_routes(*args)
        assert [[i, *got[i]] for i in sorted(got)] == s["chosen"]
        top = links.LinkLayer.heaviest(args[0], args[1])
        heaviest = passes[(args[0][top].source, args[0][top].target)] if top is not None else 0
        assert heaviest <= 2
        most = max(most, heaviest)
    assert most == 2  # a heaviest link went past its first batch: its passes themselves are counted
