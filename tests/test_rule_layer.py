"""Chapter 6 reads one layer of the other rule's trace (rules.layer_under): the same numbers, bit for bit, as that
rule's whole trace (rules.under), what-if edits included, without computing or keeping the whole trace."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.cache import cache_of
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import forward
from classroom_gui.model.whatif import Edit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402

CONFIG = replace(GPT2_SMALL, n_layer=4, n_embd=64, n_head=4, vocab_size=300)
PARAMS = random_params(CONFIG, seed=11)


@pytest.mark.parametrize("T", [9, 130])  # a full trace, and a lean one (gpt.LEAN_FROM)
@pytest.mark.parametrize("rule", ["causal", "none"])
def test_one_layer_of_the_other_rule_is_that_rules_trace(T, rule):
    ids = np.arange(T) * 7 % CONFIG.vocab_size
    edits = (Edit("k", 0, 1, 2, 3, 5.0), Edit("score", 2, 0, T - 1, 1, 4.0), Edit("v", 3, 2, 0, 0, -2.0))
    trace = forward(ids, PARAMS, CONFIG, mask=rule, edits=edits)
    other = rules.IN_TURN if rule == rules.DISCUSSION else rules.DISCUSSION
    got = [rules.layer_under(trace, other, layer) for layer in range(CONFIG.n_layer)]
    assert not rules.has(trace, other)  # no whole trace of the other rule was made ...
    assert rules.layer_under(trace, other, 3) is got[3]  # ... the newest layer is kept
    full = rules.under(trace, other)
    for layer, part in enumerate(got):
        want = full.layers[layer]
        assert np.array_equal(part.weights, want.weights) and np.array_equal(part.mask, want.mask)
        assert np.array_equal(part.head(2).scores, want.head(2).scores)
    assert rules.layer_under(trace, rule, 1) is trace.layers[1]  # its own rule: the trace itself
    assert rules.layer_under(trace, other, 0) is full.layers[0]  # once the whole trace is there, from it


def test_the_mask_chapter_shows_both_rules_without_a_second_trace():
    ids = np.arange(140) * 3 % CONFIG.vocab_size
    trace = forward(ids, PARAMS, CONFIG, mask="causal")
    trace.vocab = [f"w{i}" for i in range(CONFIG.vocab_size)]
    timeline = timeline_for(trace.n_tokens, CONFIG.n_layer)
    beat = next(i for i, b in enumerate(timeline.beats) if b.chapter == "mask")
    frame = frame_at(trace, Selection(focus=5, layer=2, head=1, rule="causal"), timeline.beat_stop(beat))
    assert "rule.none.layer" in cache_of(trace) and not rules.has(trace, "none")  # one layer, not a whole trace
    free = rules.under(trace, "none").layers[2].weights[1, 5]
    assert frame.bars.values == [float(v) for v in free]  # discussion's shares, on the left
    assert frame.bars_beside.values == [float(v) for v in trace.layers[2].weights[1, 5]]
