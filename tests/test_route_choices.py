"""Route choice chooses what the fixture's code chose (first main c680e91's, before #18's sixteenth session made it
cheaper; links17 regenerated it with route choice that keeps off the name tags and has flat routes over them; fix24
again, with the labelled links' reorders judged by their own px: only the random 12-student class's set changed, three
of its links): the link sets the
real canvas asked routes for, for the seed and random classes of 12, 64 and 512 students and GPT-2-shaped ones of
128 and 1,024 (tests/fixtures/route_choices.json, written by scripts/make_route_fixture.py), are chosen again,
cold (no kept curves), and every drawn link takes the same (bow, entry). The fixture holds the full search's
choices: the classes over links.BOUNDED students are chosen here with the bound lifted (routes30; the bounded search
itself: tests/test_route_bounded.py)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.lesson.frame import Link
from classroom_gui.scene import link_geometry, links
from classroom_gui.scene.links import LinkLayer

CASES = json.loads((Path(__file__).parent / "fixtures" / "route_choices.json").read_text())


def arguments(case: dict, s: dict) -> tuple:
    links = [Link(source, target, weight, role, label, progress, value)
             for source, target, weight, role, label, progress, value in s["links"]]
    desks = {seat: (x, y, w, h) for seat, x, y, w, h in case["desks"]}
    numbers = None if s["numbers"] is None else np.asarray(s["numbers"], np.float32).reshape(-1, 4)
    return (links, s["ranked"], s["drawn"], set(s["labelled"]), desks, s["hub"], s["header_h"], s["gap"],
            s["scale"], numbers)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_routes_are_the_ones_main_chose(monkeypatch, case):
    monkeypatch.setattr(links, "BOUNDED", 10 ** 9)  # the full search, as the fixture's code made it
    layer = LinkLayer.__new__(LinkLayer)
    changed = 0
    for s in case["sets"]:
        link_geometry.routes_forget()
        got = layer._choose_routes(*arguments(case, s))
        assert [[i, *got[i]] for i in sorted(got)] == s["chosen"]
        changed += sum(row[1:] != [1.0, None] for row in s["chosen"])
    assert changed  # the sets include links that left their default route: the choice itself is compared


def test_kept_curves_choose_as_cold_ones():
    """Choosing a class's sets one after another (the curves made for one kept for the next, as in the window)
    chooses as choosing each cold."""
    layer = LinkLayer.__new__(LinkLayer)
    link_geometry.routes_forget()
    for case in CASES[:3]:
        for s in case["sets"]:
            got = layer._choose_routes(*arguments(case, s))
            assert [[i, *got[i]] for i in sorted(got)] == s["chosen"]
