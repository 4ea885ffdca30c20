"""A lean trace's derived steps are kept for a few layers only (model.layers_kept.DERIVED_KEPT, over every trace),
so walking a GPT-2 lesson through every layer does not keep every layer's steps; a layer that dropped
them derives them again, bit for bit."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from classroom_gui.model import forward
from classroom_gui.model.layers_kept import DERIVED_KEPT, HEAD_LAYERS_KEPT
from classroom_gui.model.trace import DERIVED

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
        layer.head(1).context  # one head's context: held, no steps derived
        assert layer.steps == {} or layer is lean.layers[0]  # (layer 0 was asked for every step above)
        layer.attn_out  # derives the layer's steps
        layer.head(2).context  # a head kept with the layer
    holding = [i for i, layer in enumerate(lean.layers) if layer.steps]
    assert holding == list(range(config.n_layer - DERIVED_KEPT, config.n_layer))
    assert [i for i, layer in enumerate(lean.layers) if layer._heads] == holding  # no head keeps dropped steps
    assert lean.layers[0].steps == {}  # dropped ...
    for name in DERIVED:  # ... and derived again: the same numbers, and the full trace's
        assert np.array_equal(getattr(lean.layers[0], name), first[name]), name
        assert np.array_equal(getattr(lean.layers[0], name), getattr(full.layers[0], name)), name
    assert all(layer.steps for layer in full.layers)  # a full trace keeps every step


def test_a_warmed_lean_trace_lets_go_of_its_shares_and_derives_them_bit_for_bit():
    """After the overview (lesson.panels.warm) a lean trace keeps no layer's shares, only each row's strongest
    share per head (chapter 10's board); one head's shares come back alone, equal to the full trace's, and
    every head's when asked (stacked head by head), kept and dropped with the layer's derived steps."""
    from classroom_gui.lesson.panels import overview, warm

    config = replace(GPT2_SMALL, n_layer=5, n_embd=64, n_head=4, vocab_size=300)
    params = random_params(config, seed=3)
    ids = np.arange(40) % config.vocab_size
    lean, full = forward(ids, params, config, lean=True), forward(ids, params, config, lean=False)
    lean.layers[2].ln_2  # layer 2 holds derived steps when the shares are let go
    held = lean.nbytes
    warm(lean)
    warm(full)
    assert np.array_equal(overview(lean), overview(full))
    assert [layer.kept_weights is not None for layer in lean.layers] == [False] * 5
    assert all(layer.kept_weights is not None for layer in full.layers)  # a full trace keeps its own
    best = sum(a.nbytes for layer in lean.layers for a in layer.best)
    # warm made the first layer's FFN steps (chapter 11's first frame) and W_O's (chapter 10's), the forward's
    # numbers bit for bit
    made = ["attn_out", "ffn_pre", "heads_concat", "ln_2"]
    assert sorted(lean.layers[0].steps) == made
    ffn = sum(lean.layers[0].steps[name].nbytes for name in made)
    for name in made:
        assert np.array_equal(lean.layers[0].steps[name], getattr(full.layers[0], name)), name
    # each layer keeps the shares of the head the lesson shows (warm's head, 0), the forward's own, bit for bit
    assert [layer.held_head[0] for layer in lean.layers] == [0] * 5
    for mine, theirs in zip(lean.layers, full.layers):
        assert np.array_equal(mine.held_head[1], theirs.weights[0]) and mine.held_head[1].base is None
    shown = sum(layer.held_head[1].nbytes for layer in lean.layers)
    assert shown == sum(layer.weights.nbytes for layer in full.layers) // 4
    assert lean.nbytes == held - sum(layer.weights.nbytes for layer in full.layers) + best + ffn + shown
    for i, layer in enumerate(lean.layers):
        for seat in (0, 17, 39):
            seats, shares = layer.best_heard(seat)
            rows = full.layers[i].weights[:, seat]
            assert np.array_equal(seats, rows.argmax(-1)) and np.array_equal(shares, rows.max(-1)), (i, seat)
            assert [tuple(map(float, b)) for b in zip(seats, shares)] == [
                tuple(map(float, b)) for b in zip(*full.layers[i].best_heard(seat))]
        assert np.array_equal(layer.head(3).weights, full.layers[i].weights[3]), i
        assert "weights" not in layer.steps, "one head's shares made every head's"
        assert np.array_equal(layer.weights, full.layers[i].weights), i
    assert [i for i, layer in enumerate(lean.layers) if layer.steps] == list(range(5))[-DERIVED_KEPT:]


def test_a_big_edited_class_keeps_the_shares_of_the_layer_edited_last():
    """A what-if edit of a lean class (the window's double-click) sheds the new trace's shares like a sentence's
    (the edited layer's too: a frame makes the head it shows): two edited traces of GPT-2 at 512 students no
    longer hold 0.2 GB each."""
    from classroom_gui.lesson.panels import overview
    from classroom_gui.lesson.whatif_state import WhatIf
    from classroom_gui.model import whatif
    from classroom_gui.model.gpt import LEAN_FROM

    config = replace(GPT2_SMALL, n_layer=3, n_embd=64, n_head=4, vocab_size=300)
    params = random_params(config, seed=5)
    ids = np.arange(LEAN_FROM) % config.vocab_size
    state = WhatIf(forward(ids, params, config))
    edit = whatif.Edit("score", 1, 2, LEAN_FROM - 1, 3, 4.0)
    shown = state.set(edit)
    full = forward(ids, params, config, edits=(edit,), lean=False)
    assert [layer.kept_weights is not None for layer in shown.layers] == [False, False, False]
    assert np.array_equal(overview(shown), overview(full))
    for mine, theirs in zip(shown.layers, full.layers):
        assert np.array_equal(mine.weights, theirs.weights)


def test_a_lean_forward_lets_go_of_each_layers_shares_as_it_makes_them():
    """lesson.overview.AsMade, the window's forwards' observer: the overview is the full trace's, no layer keeps
    its shares, and no two layers' shares are held together while the forward runs (tracemalloc's peak)."""
    import tracemalloc

    from classroom_gui.lesson.overview import AsMade, overview
    from classroom_gui.model.gpt import LEAN_FROM

    config = replace(GPT2_SMALL, n_layer=10, n_embd=32, n_head=8, vocab_size=300)
    params = random_params(config, seed=9)
    ids = np.arange(LEAN_FROM) % config.vocab_size
    full = forward(ids, params, config, lean=False)
    forward(ids, params, config, lean=True, observe=AsMade())  # warm: NumPy's and the pool's first allocations

    def peak(observe):
        tracemalloc.start()
        try:
            trace = forward(ids, params, config, lean=True, observe=observe)
            return trace, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    made = AsMade()
    lean, shed = peak(made)
    _, kept = peak(None)
    assert made.kept_with(lean) is lean and np.array_equal(overview(lean), overview(full))
    assert [layer.kept_weights is not None for layer in lean.layers] == [False] * 10
    shares = full.layers[0].weights.nbytes  # a block's temporaries are a few layers' shares at this size
    assert shed < kept - 4 * shares, f"{shed} vs {kept} bytes at most, shares {shares} a layer"
    for mine, theirs in zip(lean.layers, full.layers):
        assert np.array_equal(mine.weights, theirs.weights)


def test_chapter_6s_layer_of_the_other_rule_lets_the_layers_before_it_go_as_made(monkeypatch):
    """rules.layer_under runs layers 0..k of the other rule: a lean run lets go of every layer's shares as made,
    and layer k's, made again, are under()'s, bit for bit."""
    from classroom_gui.lesson import rules
    from classroom_gui.model.gpt import LEAN_FROM

    config = replace(GPT2_SMALL, n_layer=4, n_embd=32, n_head=4, vocab_size=300)
    params = random_params(config, seed=11)
    trace = forward(np.arange(LEAN_FROM) % config.vocab_size, params, config, mask="causal")
    seen = []
    real = rules.rerun

    def spying(*args, observe=None, **kwargs):
        part = real(*args, observe=observe, **kwargs)
        seen.extend(layer.kept_weights is not None for layer in part.layers)
        return part

    monkeypatch.setattr(rules, "rerun", spying)
    got = rules.layer_under(trace, "none", 2)
    assert seen == [False, False, False]
    other = forward(trace.token_ids, params, config, mask="none", lean=False)
    assert np.array_equal(got.weights, other.layers[2].weights)


def test_the_layer_every_frame_reads_keeps_its_steps_while_chapter_12_walks_the_others():
    """Derived arrays are dropped least recently read first, steps and heads apart: the selected layer (its head
    read by every frame) keeps its made steps while frames show one layer's head after another."""
    from classroom_gui.lesson.panels import warm

    config = replace(GPT2_SMALL, n_layer=6, n_embd=64, n_head=4, vocab_size=300)
    params = random_params(config, seed=13)
    lean = forward(np.arange(40) % config.vocab_size, params, config, lean=True)
    warm(lean)
    selected = lean.layers[1]
    selected.head(2), selected.ffn_pre
    for shown in lean.layers:  # a frame: the selected layer's head, then the shown layer's
        selected.head(2)
        shown.head(2)
        assert {"ln_2", "ffn_pre"} <= set(selected.steps) and 2 in selected._heads
    assert sum(bool(layer._heads) for layer in lean.layers) <= HEAD_LAYERS_KEPT
    for shown in lean.layers:  # other layers' heads only (chapter 13 shows the other rule's): they drop heads
        shown.head(0)
    assert {"ln_2", "ffn_pre"} <= set(selected.steps)  # ... never the selected layer's steps
    assert sum(bool(layer._heads) for layer in lean.layers) <= HEAD_LAYERS_KEPT


def test_the_compare_view_two_classes_two_layers_each_makes_no_head_twice():
    """The compare view draws two lean classes, and chapters 6, 12 and 13 read two layers of each: four layers'
    heads are kept, so a frame drawn again makes none of them again (with two kept, every compare frame made
    every shown head's [T, T] shares again)."""
    config = replace(GPT2_SMALL, n_layer=4, n_embd=64, n_head=4, vocab_size=300)
    params = random_params(config, seed=5)
    ids = np.arange(40) % config.vocab_size
    classes = [forward(ids, params, config, lean=True), forward(ids[::-1].copy(), params, config, lean=True)]
    for trace in classes:
        trace.let_go_of_weights()

    def frame():
        return [id(trace.layers[i].head(h)) for trace in classes for i in (1, 3) for h in (0, 2)]

    first = frame()
    assert frame() == first == frame()
