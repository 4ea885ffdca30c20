"""A lean trace's derived steps are kept for a few layers only (model.trace.DERIVED_KEPT, over every trace),
so walking a GPT-2 lesson through every layer does not keep every layer's steps; a layer that dropped
them derives them again, bit for bit."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from classroom_gui.model import forward
from classroom_gui.model.trace import DERIVED, DERIVED_KEPT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402


def test_walking_every_layer_keeps_the_steps_of_a_few(monkeypatch):
    config = replace(GPT2_SMALL, n_layer=6, n_embd=64, n_head=4, vocab_size=300)
    params = random_params(config, seed=7)
    ids = np.arange(40) % config.vocab_size
    lean = forward(ids, params, config, lean=True)
    full = forward(ids, params, config, lean=False)
    first = {name: getattr(lean.layers[0], name).copy() for name in DERIVED}
    for layer in lean.layers:
        layer.head(1).context  # one head's context: made alone, no steps derived
        assert layer.steps == {} or layer is lean.layers[0]  # (layer 0 was asked for every step above)
        layer.attn_out  # derives the layer's steps
        layer.head(2).context  # a view of them, kept with the layer
    holding = [i for i, layer in enumerate(lean.layers) if layer.steps]
    assert holding == list(range(config.n_layer - DERIVED_KEPT, config.n_layer))
    assert [i for i, layer in enumerate(lean.layers) if layer._heads] == holding  # no head keeps dropped steps
    assert lean.layers[0].steps == {}  # dropped ...
    for name in DERIVED:  # ... and derived again: the same numbers, and the full trace's
        assert np.array_equal(getattr(lean.layers[0], name), first[name]), name
        assert np.array_equal(getattr(lean.layers[0], name), getattr(full.layers[0], name)), name
    assert all(layer.steps for layer in full.layers)  # a full trace keeps every step
