"""teacher33 #6: the 16-word class's mask board (step 17) wrote "The": 0.07319, its softmax board (step 20) 0.073: the
same share in two forms. The asker's shares now have one number of decimals on every board (lesson.share_places), and
each board still redoes from its own digits: the softmax board's exp ÷ sum rounds by hand to each share, the mask
board's shares shared out again round to the in-turn badges."""
from __future__ import annotations

import re

import pytest

from classroom_gui.lesson.numbers import hand_divide, places_of
from classroom_gui.lesson.state import Selection, default_focus, frame_at, prepared_run, timeline_for

LONG = "The cat sat on the mat and the dog sat on the rug near the door"
SEED = "The cat sat on the mat"
PAIR = re.compile(r'^"(.+?)"(?: \(seat (\d+)\))?: ([\d.]+) ⇒ ([\d.]+)$')
DIVIDED = re.compile(r'^"(.+?)"(?: \(seat (\d+)\))?: ([\d.]+) ÷ ([\d.]+) = ([\d.]+)$')


def boards(checkpoint, text: str, rule: str):
    trace = prepared_run(checkpoint, text, rule).trace
    sel = Selection(focus=default_focus(trace.tokens, rule), lang="en", rule=rule)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    last = {b.chapter: i for i, b in enumerate(timeline.beats)}
    return {chapter: frame_at(trace, sel, timeline.beat_stop(i)).board
            for chapter, i in last.items() if chapter in ("mask", "softmax")}


@pytest.mark.parametrize("text", [LONG, SEED])
def test_a_share_reads_the_same_on_the_mask_and_softmax_boards(checkpoint, text):
    got = boards(checkpoint, text, "none")
    mask = {(m.group(1), m.group(2)): m.group(3) for m in map(PAIR.match, got["mask"]) if m}
    soft = {(m.group(1), m.group(2)): m for m in map(DIVIDED.match, got["softmax"]) if m}
    both = set(mask) & set(soft)
    assert len(both) >= 2
    for key in both:
        m = soft[key]
        assert mask[key] == m.group(5), (key, mask[key], m.group(5))  # one form on both boards
        assert hand_divide(m.group(3), m.group(4), places_of(m.group(5))) == m.group(5)  # and it redoes there


def test_a_big_class_keeps_its_own_decimals_without_the_other_rules_forward(tmp_path):
    """row_places runs the other rule's layer only where that is cheap (share_places.SAME_COST); a bigger class's
    softmax boards keep their own decimals (0: shown_softmax's share_places) and no forward is made."""
    from helpers import random_checkpoint

    from classroom_gui.lesson.cache import cache_of
    from classroom_gui.lesson.share_places import SAME_COST, row_places

    checkpoint = random_checkpoint(tmp_path / "ck", n_embd=64, n_head=2, n_positions=256)
    n = SAME_COST // 64 + 1
    trace = prepared_run(checkpoint, " ".join((["the", "cat", "sat", "on", "mat"] * 60)[:n]), "none").trace
    assert trace.n_tokens * trace.config.n_embd > SAME_COST
    assert row_places(trace, 0, 0, 1) == 0 and not any(str(k).startswith("rule.") for k in cache_of(trace))
    small = prepared_run(checkpoint, "the cat sat on the mat", "none").trace
    assert row_places(small, 0, 0, 1) >= 3 and any(str(k).startswith("rule.") for k in cache_of(small))
