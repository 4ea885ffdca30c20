"""What a lean trace makes for one head alone (LayerTrace.weights_of, HeadTrace), each step it makes from the
steps it needs (LayerTrace.step) and what it holds (q, context, resid_attn) is the full forward's numbers bit
for bit, on the shipped teaching model and on random GPT-2 small weights, in both rules, with what-if edits, at
several layers and heads; asking for one head derives no step of its layer, and a step derives no other."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.model import forward, load_checkpoint
from classroom_gui.model.trace import DERIVED
from classroom_gui.model.whatif import Edit
from classroom_gui.resources import teaching_model_dir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402


def _teaching(T: int):
    """The shipped model over T students (its 64 positions reused in turn, as bench_frames does)."""
    ck = load_checkpoint(teaching_model_dir())
    params, config = dict(ck.params), ck.config
    params["wpe.weight"] = np.ascontiguousarray(params["wpe.weight"][np.arange(T) % config.n_positions])
    return params, replace(config, n_positions=T)


@pytest.fixture(scope="module")
def gpt2_small():
    config = replace(GPT2_SMALL, n_layer=3, vocab_size=2000)  # every layer the same shapes as GPT-2 small's
    return random_params(config, seed=3), config


def _check(params, config, T: int, rule: str, edits=()):
    ids = np.random.default_rng(T).integers(0, config.vocab_size, T)
    lean = forward(ids, params, config, mask=rule, edits=edits, lean=True)
    full = forward(ids, params, config, mask=rule, edits=edits, lean=False)
    for layer, (mine, theirs) in enumerate(zip(lean.layers, full.layers, strict=True)):
        assert np.array_equal(mine.q, theirs.q), layer
        for h in sorted({0, config.n_head // 2, config.n_head - 1}):
            head = mine.head(h)
            assert np.array_equal(head.context, theirs.head(h).context), (layer, h)
            assert np.array_equal(head.scores, theirs.head(h).scores), (layer, h)
        assert mine.steps == {}, "one head's numbers derived the whole layer"
    # a lean layer that let go of its shares makes one head's shares alone, from the kept q and k
    for layer, (mine, theirs) in enumerate(zip(lean.layers, full.layers, strict=True)):
        mine.let_go_of_weights()
        assert mine.kept_weights is None
        for h in range(config.n_head):
            assert np.array_equal(mine.weights_of(h), theirs.weights[h]), (layer, h)
        head = mine.head(config.n_head - 1)
        assert np.array_equal(head.weights, theirs.weights[-1]) and np.array_equal(head.context, theirs.context[-1])
        assert mine.steps == {}, "one head's shares derived the whole layer"
    # each step of a lean layer is made from the steps it needs only (MADE_FROM), as the full forward made it
    lean = forward(ids, params, config, mask=rule, edits=edits, lean=True)
    for layer, (mine, theirs) in enumerate(zip(lean.layers, full.layers, strict=True)):
        for name in ("q", "context", "resid_attn"):  # held
            assert np.array_equal(getattr(mine, name), getattr(theirs, name)), (layer, name)
        for name, made in (("ffn_out", {"ln_2", "ffn_pre", "ffn_out"}), ("ln_1", {"ln_1"}),
                           ("attn_out", {"heads_concat", "attn_out"})):
            before = set(mine.steps)
            assert np.array_equal(getattr(mine, name), getattr(theirs, name)), (layer, name)
            assert set(mine.steps) - before == made, (layer, name)
        for name in DERIVED:
            assert np.array_equal(getattr(mine, name), getattr(theirs, name)), (layer, name)
        mine.let_go_of_weights()  # every head's shares, made head by head
        assert np.array_equal(mine.weights, theirs.weights), layer


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("T", [40, 150])
def test_teaching_model(rule, T):
    params, config = _teaching(T)
    _check(params, config, T, rule)


@pytest.mark.parametrize("rule", ["none", "causal"])
def test_gpt2_small_shapes(gpt2_small, rule):
    params, config = gpt2_small
    _check(params, config, 130, rule)


def test_gpt2_small_shapes_with_what_if_edits(gpt2_small):
    params, config = gpt2_small
    edits = (Edit("score", 1, 5, 7, 3, 2.5), Edit("v", 2, 11, 20, 4, -1.0), Edit("mask", 0, 0, 9, 2, 1.0))
    _check(params, config, 96, "causal", edits)


def test_a_layer_looked_at_is_freed_without_the_cycle_collector():
    """A HeadTrace kept in its layer's _heads must not hold the layer (a lambda over it made a reference
    cycle, and every layer a frame had shown stayed in memory until a full collection, which
    collector.py makes rare)."""
    import gc
    import weakref

    params, config = _teaching(200)
    ids = np.random.default_rng(0).integers(0, config.vocab_size, 200)
    gc.disable()
    try:
        for lean in (True, False):
            trace = forward(ids, params, config, mask="none", lean=lean)
            layer = weakref.ref(trace.layers[1])
            assert trace.layers[1].head(0).context.shape == (200, config.n_embd // config.n_head)
            trace.layers[1].let_go_of_weights()
            trace.layers[1].head(1).context
            del trace
            assert layer() is None, f"lean={lean}: the layer outlived its trace"
    finally:
        gc.enable()
