"""teacher33 #6: the 16-word class's mask board (step 17) wrote "The": 0.07319, its softmax board (step 20) 0.073: the
same share in two forms. The asker's shares now have one number of decimals on every board (lesson.share_places), and
each board still redoes from its own digits: the softmax board's exp ÷ sum rounds by hand to each share, the mask
board's shares shared out again round to the in-turn badges."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from classroom_gui.lesson.numbers import hand_divide, places_of
from classroom_gui.lesson.state import Selection, default_focus, frame_at, prepared_run, timeline_for

LONG = "The cat sat on the mat and the dog sat on the rug near the door"
SEED = "The cat sat on the mat"
PAIR = re.compile(r'^"(.+?)"(?: \(seat (\d+)\))?: ([\d.]+) ⇒ ([\d.]+)$')
DIVIDED = re.compile(r'^"(.+?)"(?: \(seat (\d+)\))?: ([\d.]+) ÷ ([\d.]+) = ([\d.]+)$')


def boards(checkpoint, text: str, rule: str, layer: int = 0):
    trace = prepared_run(checkpoint, text, rule).trace
    sel = Selection(focus=default_focus(trace.tokens, rule), lang="en", rule=rule, layer=layer)
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


SHARE = re.compile(r'^"(.+?)"(?: \(seat (\d+)\))?: .* = ([\d.]+)$')  # any softmax line's share (1e+11 scores too)
WORDS = ["the", "cat", "sat", "on", "mat", "dog", "rug"]


@pytest.mark.parametrize("n_embd, positions, words, layer", [(256, 128, 60, 0), (512, 160, 70, 1)])
def test_every_class_writes_a_share_in_one_form(tmp_path, n_embd, positions, words, layer):
    """review33 #1: above the old cost cap (16 x 768 students x notebook numbers) the softmax boards kept their own
    3 decimals while the mask board wrote 4-5. A class of 94 pieces x 256 (the one-decimals rule now reaches it: GPT-2's
    17-64 pieces) and one of 110 x 512 (past it: the mask board takes each softmax board's own digits), where the
    mask board's decimals for the asker are more than the softmax board's own (found by a search of seeds)."""
    from helpers import random_checkpoint

    checkpoint = random_checkpoint(tmp_path / "ck", seed=2, n_embd=n_embd, n_head=2, n_positions=positions)
    got = boards(checkpoint, " ".join((WORDS * 20)[2:2 + words]), "none", layer)
    mask = {(m.group(1), m.group(2)): m.group(3) for m in map(PAIR.match, got["mask"]) if m}
    soft = {(m.group(1), m.group(2)): m.group(3) for m in map(SHARE.match, got["softmax"]) if m}
    both = set(mask) & set(soft)
    assert len(both) >= 5
    assert {key: mask[key] for key in both} == {key: soft[key] for key in both}


def reruns(monkeypatch) -> list:
    """Every forward the lesson's rules make from here on (rules.under, rules.layer_under), counted."""
    from classroom_gui.lesson import rules

    made, rerun = [], rules.rerun
    monkeypatch.setattr(rules, "rerun", lambda *a, **k: made.append(k.get("mask")) or rerun(*a, **k))
    return made


def test_a_change_of_layer_after_both_rules_are_made_makes_no_forward(checkpoint, monkeypatch):
    """review33 #2: each change of layer ran the other rule's forward through it on the GUI thread (GPT-2 at 16
    pieces, 166-363 ms). Once both rules' traces of the class are made (share_places.both_rules: the window does it
    after the class is shown, on the worker for GPT-2), a frame of chapters 5-8 at another layer only reads them."""
    from classroom_gui.lesson.share_places import both_rules

    trace = prepared_run(checkpoint, LONG, "none").trace
    both_rules(trace)
    made = reruns(monkeypatch)
    sel = Selection(focus=default_focus(trace.tokens, "none"), lang="en", rule="none")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for layer in range(trace.config.n_layer):
        for i, beat in enumerate(timeline.beats):
            if beat.chapter in ("softmax", "mask"):
                frame_at(trace, replace(sel, layer=layer), timeline.beat_stop(i))
    assert made == []


@pytest.mark.parametrize("big", [False, True])
def test_the_window_makes_both_rules_of_the_class_it_shows(qtbot, tmp_path, checkpoint, monkeypatch, big):
    """review33 #2: the window makes both rules' traces of a new sentence's class once it is shown (on the worker for
    a big model), so a change of layer costs no forward on the GUI thread."""
    from helpers import window_on

    from classroom_gui.lesson import rules
    from classroom_gui.view import window_jobs

    if big:
        monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    monkeypatch.setattr(w.canvas.warmer, "start", lambda *a, **k: None)  # (its frames ahead would make them too)
    w.sentence.setText(LONG)
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None and w.run.text == LONG, timeout=20000)
    qtbot.waitUntil(lambda: all(rules.has(w.model.shown_trace(), r) for r in rules.RULES), timeout=20000)


def test_the_warm_up_of_the_other_rules_class_reads_its_base(checkpoint, monkeypatch):
    """review33 #7: warming the other rule's class (a rule switch, the compare dialog) worked the decimals from that
    class, which does not know its base's rule, and ran the base rule's forward again."""
    from classroom_gui.lesson import rules
    from classroom_gui.lesson.panels import warm

    base = prepared_run(checkpoint, LONG, "none").trace
    other = rules.under(base, "causal")
    made = reruns(monkeypatch)
    warm(other, ffn_layer=2, asker=default_focus(base.tokens, "causal"), head=1, base=base)
    assert made == []


def test_a_value_two_threads_ask_for_at_once_is_made_once(checkpoint):
    """review33 #7: the worker warming a class and a frame on the GUI thread could both make the other rule's
    forward (cache.kept had no lock)."""
    import threading

    from classroom_gui.lesson.cache import kept, kept_for

    trace = prepared_run(checkpoint, SEED, "none").trace
    for keep in (lambda make: kept(trace, "twice?", make), lambda make: kept_for(trace, "twice?.for", 1, make)):
        started, go, calls = threading.Event(), threading.Event(), []

        def make():
            calls.append(1)
            started.set()
            go.wait(10)
            return len(calls)
        first = threading.Thread(target=keep, args=(make,))
        first.start()
        started.wait(10)
        second = threading.Thread(target=keep, args=(make,))
        second.start()
        second.join(0.2)  # (the second waits for the first's value: let it get there)
        go.set()
        first.join()
        second.join()
        assert calls == [1]


def test_a_big_class_keeps_its_own_decimals_without_the_other_rules_forward(tmp_path):
    """row_places runs the other rule's forward only where both rules' traces are cheap (share_places.SAME_UP_TO);
    a bigger class's softmax boards keep their own decimals (0: shown_softmax's share_places), and no forward is
    made for them."""
    from helpers import random_checkpoint

    from classroom_gui.lesson.cache import cache_of
    from classroom_gui.lesson.share_places import SAME_UP_TO, row_places

    checkpoint = random_checkpoint(tmp_path / "ck", n_embd=512, n_head=2, n_positions=128)
    n = SAME_UP_TO // 512 + 1
    trace = prepared_run(checkpoint, " ".join((["the", "cat", "sat", "on", "mat"] * 60)[:n]), "none").trace
    assert trace.n_tokens * trace.config.n_embd > SAME_UP_TO
    assert row_places(trace, 0, 0, 1) == 0 and not any(str(k).startswith("rule.") for k in cache_of(trace))
    small = prepared_run(checkpoint, "the cat sat on the mat", "none").trace
    assert row_places(small, 0, 0, 1) >= 3 and any(str(k).startswith("rule.") for k in cache_of(small))
