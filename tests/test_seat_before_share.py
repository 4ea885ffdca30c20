"""jareview6 3: where a word sits more than once, the student listened to most is said with its seat *before* the
name, as a share in brackets follows: 「3番の席の「猫」（0.63）」, not 「「猫」（3番の席）（0.63）」 (two （） in a row),
in every sentence that names one (softmax.weights, mask.future, mask.none, layers.layer, the heads' board), by one
helper (Ctx.heard)."""
from __future__ import annotations

import re

import pytest

from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import seat_quoted
from classroom_gui.model.sentence import run_sentence

KEYS = ("softmax.weights", "mask.future", "mask.none", "layers.layer", "heads.others")


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, "猫が猫を見た", "causal").trace


def frames(trace, lang, focus):
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    for i, b in enumerate(tl.beats):
        if b.key in KEYS:
            yield b.key, frame_at(trace, Selection(focus=focus, lang=lang, rule="causal"), tl.beat_stop(i))


def test_no_seat_and_share_stack_two_brackets(trace):
    said = {}
    for focus in range(trace.n_tokens):
        for key, fr in frames(trace, "ja", focus):
            for line in [fr.narration, *fr.board]:
                assert not re.search(r"番の席）（", line), (key, focus, line)
                said.setdefault(key, []).append(line)
    for key in ("softmax.weights", "mask.future", "layers.layer"):  # a repeated 「猫」: its seat, then its share
        assert any(re.search(r"\d番の席の「猫」（\d\.\d\d）", line) for line in said[key]), (key, said[key][:3])
    # 「を」 (seat 4) listens most to the second 「猫」 once the later words are masked
    fr = dict(frames(trace, "ja", 3))["softmax.weights"]
    assert re.search(r"「を」がいちばんよく聞くのは3番の席の「猫」（0\.\d\d）です。$", fr.narration), fr.narration


def test_english_says_the_seat_in_the_boards_form(checkpoint):
    """boards25: English names a repeated word in one form, its most used, '"猫" (seat 3)' (every board row, the
    scores' and shares' lists, the notes), where this sentence said "seat 3's "猫"" beside '"猫" (seat 1)'; fix67: with
    its share in the same bracket, '"猫" (seat 3, 0.63)', not '"猫" (seat 3) (0.63)' (the one helper's form)."""
    trace = run_sentence(checkpoint, "猫が猫を見た", "causal").trace
    fr = dict(frames(trace, "en", 3))["softmax.weights"]
    said = seat_quoted("en", list(trace.tokens), 2, share=fmt(trace.layers[0].head(0).weights[3][2]))
    assert fr.narration.endswith(f"listens most to {said}."), (said, fr.narration)
    assert "seat 3's" not in fr.narration and not re.search(r"\(seat \d+\) \(", fr.narration)
