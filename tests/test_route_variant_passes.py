"""A link whose route must change makes its variants' curves in at most two passes (link_geometry.link_curves: its
first batch alone, then all the rest together), not one pass a batch: at 64 students the heaviest link, kept clear
of every drawn link, mostly tries all 104 variants, and four passes cost about a millisecond more than two. The
choice is the same (tests/test_route_choices.py compares it with the fixture's)."""
from __future__ import annotations

from collections import Counter

import pytest

from classroom_gui.scene import link_geometry, links
from test_route_choices import CASES, arguments


@pytest.mark.parametrize("name", ["random 64", "gpt2 128"])
def test_variants_made_in_two_passes(monkeypatch, name):
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
        passes.clear()
        got = layer._choose_routes(*arguments(case, s))
        assert [[i, *got[i]] for i in sorted(got)] == s["chosen"]
        assert max(passes.values(), default=0) <= 2
        most = max(most, max(passes.values(), default=0))
    assert most == 2  # some link went past its first batch: the passes themselves are counted
