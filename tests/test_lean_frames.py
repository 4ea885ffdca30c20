"""Every frame of the lesson asks a lean trace (model.trace.LayerTrace) only for what it shows: one head's
shares, the layer steps it draws and the steps they are made of, never every head's shares (the
whole block again, ~0.3 s at GPT-2 small with 512 students); and what it shows is the full trace's numbers."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.lesson.panels import warm
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import forward, trace as trace_module
from classroom_gui.model.gpt import LEAN_FROM

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402

# beat key -> the layer steps its frame may make (what it draws, and what that is made from); others: none
MAY_MAKE = {
    "heads.concat": {"heads_concat"},  # from the held context of every head
    "heads.project": {"heads_concat", "attn_out"},
    "heads.residual": {"ln_2"},  # from the held resid_attn
    "ffn.hidden": {"ln_2", "ffn_pre"}, "ffn.activation": {"ln_2", "ffn_pre"}, "ffn.residual": {"ln_2", "ffn_pre"},
}


@pytest.fixture(scope="module")
def classes():
    config = replace(GPT2_SMALL, n_layer=3, n_embd=64, n_head=4, vocab_size=300)
    params = random_params(config, seed=21)
    ids = np.arange(LEAN_FROM) % config.vocab_size
    return [forward(ids, params, config, lean=lean) for lean in (True, False)]


@pytest.mark.parametrize("layer", [0, 2])
def test_each_frame_makes_only_the_steps_it_shows(classes, monkeypatch, layer):
    lean, full = classes
    warm(lean)
    warm(full)
    made = []
    real = trace_module.LayerTrace.step

    def spying(self, name):
        if self.steps.get(name) is None and self.derive is not None:
            made.append(name)
        return real(self, name)

    monkeypatch.setattr(trace_module.LayerTrace, "step", spying)
    sel = Selection(focus=5, layer=layer, head=1)
    timeline = timeline_for(lean.n_tokens, lean.config.n_layer)
    for beat in timeline.beats:
        for t in (beat.start, beat.start + beat.duration * 0.6):
            for x in lean.layers:  # each frame as the first to ask: nothing derived at hand
                x.steps, x._heads = {}, {}
            made.clear()
            mine = frame_at(lean, sel, t)
            assert set(made) <= MAY_MAKE.get(beat.key, set()), (beat.key, made)
            theirs = frame_at(full, sel, t)
            assert mine.board == theirs.board and mine.narration == theirs.narration, beat.key
            assert np.array_equal(mine.heatmap.matrix, theirs.heatmap.matrix), beat.key
            for a, b in zip(mine.students, theirs.students, strict=True):
                for sa, sb in zip([a.notebook, *a.cards], [b.notebook, *b.cards], strict=True):
                    assert (sa is None) == (sb is None) and (sa is None or np.array_equal(sa.values, sb.values)), \
                        beat.key
    assert all(x.kept_weights is None for x in lean.layers)


def test_chapter_10s_board_reads_each_heads_strongest_classmate_without_the_shares(classes):
    lean, full = classes
    warm(lean)
    for layer, theirs in zip(lean.layers, full.layers):
        layer.steps, layer._heads = {}, {}
        for seat in (0, 1, 64, LEAN_FROM - 1):
            seats, shares = layer.best_heard(seat)
            rows = theirs.weights[:, seat]
            assert seats.tolist() == [int(np.argmax(r)) for r in rows]
            assert shares.tolist() == [r[int(np.argmax(r))] for r in rows]
        assert layer.steps == {} and layer._heads == {}
