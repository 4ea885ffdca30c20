"""fast.py's steps give gpt.py's plain numbers bit for bit (np.array_equal), lean traces give the full ones,
and the one block (gpt.transformer_block) that the forward, training and the key/value cache share agrees
with itself across them.

Cases: the shipped teaching model, and GPT-2 small's layer shapes (benchmarks/random_weights.py: 12 heads of
64, n_embd 768, gelu_new; 2 layers and a 1,000-word vocabulary, which change no step's shape) at lengths on
both sides of fast.ROWS and of fast.CHUNK's row blocks, under both rules, with and without what-if edits.

BLAS is held to one thread throughout: OpenBLAS rounds a product differently when it shares it over two
threads (measured here: 12 heads of 64 from 130 students on), so its thread count is the one setting that
changes the numbers, and it is the library's, not fast.py's. fast.py's attention always runs its
products on one BLAS thread; with BLAS's default threads the plain path's products may differ in the last bit.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.model import backprop, fast, forward, parallel
from classroom_gui.model.kv_cache import KVCache, step
from classroom_gui.model.trace import DERIVED
from classroom_gui.model.whatif import Edit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402

@pytest.fixture(autouse=True)
def one_blas_thread():
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


STEPS = ("x", "q", "k", "v", "weights", "context", "resid_attn", "output") + DERIVED


def assert_same(a, b):
    assert a.n_tokens == b.n_tokens
    for la, lb in zip(a.layers, b.layers, strict=True):
        for name in STEPS:
            x, y = getattr(la, name), getattr(lb, name)
            assert x.dtype == y.dtype and np.array_equal(x, y), name
        assert np.array_equal(la.ffn_hidden, lb.ffn_hidden)
        assert np.array_equal(la.scaled, lb.scaled)
    assert np.array_equal(a.ln_f, b.ln_f)
    assert np.array_equal(a.next_logits, b.next_logits)


@pytest.fixture(scope="module")
def teaching(checkpoint):
    return checkpoint.config, checkpoint.params


@pytest.fixture(scope="module")
def gpt2_shapes():
    config = replace(GPT2_SMALL, n_layer=2, vocab_size=1000)
    return config, random_params(config, seed=3)


def _edits(T: int, config) -> tuple:
    last = T - 1
    return (Edit("q", 0, 1, last, 2, 1.5), Edit("v", 1, 0, 0, 1, -2.0), Edit("score", 0, 0, last, 0, 3.0),
            Edit("mask", 1, 0, 0, last, 0.0))  # the first student hears the last one in layer 2


@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("T", [6, 13, 64])
@pytest.mark.parametrize("edited", [False, True])
def test_teaching_model_fast_equals_plain(teaching, T, rule, edited):
    config, params = teaching
    ids = np.random.default_rng(T).integers(0, config.vocab_size, T)
    edits = _edits(T, config) if edited else ()
    assert_same(forward(ids, params, config, mask=rule, edits=edits),
                forward(ids, params, config, mask=rule, edits=edits, plain=True))


@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("T", [6, 64, 65, 130, 213, 520])
def test_gpt2_shapes_fast_equals_plain(gpt2_shapes, T, rule):
    config, params = gpt2_shapes
    ids = np.random.default_rng(T).integers(0, config.vocab_size, T)
    fast_trace = forward(ids, params, config, mask=rule, lean=False)
    assert_same(fast_trace, forward(ids, params, config, mask=rule, plain=True, lean=False))
    assert_same(fast_trace, forward(ids, params, config, mask=rule))  # lean from LEAN_FROM students on


@pytest.mark.parametrize("T", [70, 200])
def test_gpt2_shapes_with_edits_and_split_over_threads(gpt2_shapes, monkeypatch, T):
    config, params = gpt2_shapes
    ids = np.random.default_rng(T).integers(0, config.vocab_size, T)
    plain = forward(ids, params, config, edits=_edits(T, config), plain=True)
    monkeypatch.setattr(parallel, "MIN_WORK", 1)  # every step that can split does, into 3 uneven parts
    monkeypatch.setattr(parallel, "PARTS", 3)
    monkeypatch.setattr(parallel, "_pool", None)
    assert_same(forward(ids, params, config, edits=_edits(T, config)), plain)
    assert_same(forward(ids, params, config, lean=True), forward(ids, params, config, plain=True))


def test_a_lean_trace_keeps_only_what_it_must_until_asked(gpt2_shapes):
    config, params = gpt2_shapes
    ids = np.arange(fast.ROWS * 2)
    lean = forward(ids, params, config, lean=True)
    assert all(layer.steps == {} for layer in lean.layers)
    lean.layers[1].q, lean.layers[1].head(2).context  # held; made for one head alone
    assert all(layer.steps == {} for layer in lean.layers)
    lean.layers[1].ln_2  # made from the kept resid_attn alone
    assert set(lean.layers[1].steps) == {"ln_2"} and lean.layers[0].steps == {}
    lean.layers[1].ffn_out  # and the FFN's steps from it, not the attention's
    assert set(lean.layers[1].steps) == {"ln_2", "ffn_pre", "ffn_out"}
    assert_same(lean, forward(ids, params, config, lean=False))


def test_training_runs_the_same_block_bit_for_bit(teaching):
    """backprop.forward on one sequence is gpt.forward's numbers exactly: the same transformer_block."""
    config, params = teaching
    ids = np.random.default_rng(5).integers(0, config.vocab_size, 17)
    for rule in ("causal", "none"):
        trace = forward(ids, params, config, mask=rule, plain=True)
        logits, cache = backprop.forward(ids[None], params, config, mask=rule)
        for layer, block in zip(trace.layers, cache["blocks"], strict=True):
            for name in ("ln_1", "heads_concat", "resid_attn", "ln_2", "ffn_pre"):
                assert np.array_equal(block[name], getattr(layer, name)), name
            for name in ("q", "k", "v", "weights"):
                assert np.array_equal(block[name][0], getattr(layer, name)), name
        assert np.array_equal(logits[0], trace.logits)


def test_the_key_value_cache_runs_the_forwards_block(teaching, monkeypatch):
    """kv_cache.step is gpt.transformer_block with the cached cards: its answer is the forward's to float32
    rounding (one row against many is another BLAS call), and it calls the block once a layer."""
    config, params = teaching
    ids = [5, 17, 300, 42, 8]
    cache = KVCache(config)
    calls = []
    block = step.__globals__["transformer_block"]
    monkeypatch.setitem(step.__globals__, "transformer_block", lambda *a, **k: (calls.append(a[3]), block(*a, **k))[1])
    for i, token in enumerate(ids):
        logits = step(token, i, cache, params, config)
    assert calls == list(range(config.n_layer)) * len(ids)
    np.testing.assert_allclose(logits, forward(ids, params, config).next_logits, rtol=0, atol=2e-5)


def test_a_non_finite_question_gives_the_plain_rows_nan_everywhere():
    """A NaN question (a checkpoint with non-finite weights) makes Plain's whole share row NaN (0 / NaN), the
    unheard part too; the causal path's early row blocks, which set the unheard part to 0 and divide only the
    heard part, must divide it too (they left 448 of a row's 512 cells at 0)."""
    from classroom_gui.model import gpt
    from classroom_gui.model.functions import causal_mask

    rng = np.random.default_rng(0)
    q, k, v = (rng.standard_normal((2, 512, 16)).astype(np.float32) for _ in range(3))
    q[0, 3] = q[1, 400] = np.nan  # a row whose block ends before half the class, and one after
    got, want = fast.attention(q, k, v, causal_mask(512), 4.0), gpt.attention(q, k, v, causal_mask(512), 4.0)
    assert np.isnan(want[0][0, 3]).all() and np.isnan(want[0][1, 400]).all()
    for a, b in zip(got, want):
        assert np.array_equal(a, b, equal_nan=True)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_non_finite_score_under_the_mask_is_masked_as_in_plain(bad):
    """The causal rows add -inf to the cells under the mask instead of copying it in; a NaN or +inf score
    there (a self-introduction card with a non-finite number, or a product that overflows) would then stay
    NaN, where the plain path's -inf makes the earlier students' rows finite. Those rows must stay finite
    and bit-equal; the later students, who hear the card, get the plain path's NaN rows."""
    from classroom_gui.model import gpt
    from classroom_gui.model.functions import causal_mask

    rng = np.random.default_rng(1)
    q, k, v = (rng.standard_normal((2, 300, 16)).astype(np.float32) for _ in range(3))
    k[0, 100, 3] = bad  # inside a row block's own diagonal block (rows 64-127 here)
    k[1, 299] = bad     # the last student: masked in every earlier row, the last row block's diagonal included
    k[0, 70, 0] = np.float32(3e38)
    q[0, :, 0] = np.abs(q[0, :, 0]) + np.float32(2)  # q . k overflows to +inf at column 70 (masked for rows < 70),
    #                                                   where q / 4 . k (fast.py's power-of-two scaling) would not
    with np.errstate(over="ignore", invalid="ignore"):  # the overflow and inf - inf are the case itself
        got, want = fast.attention(q, k, v, causal_mask(300), 4.0), gpt.attention(q, k, v, causal_mask(300), 4.0)
    assert np.isfinite(want[0][0, :70]).all() and np.isnan(want[0][0, 70:]).all() and np.isfinite(want[0][1, :299]).all()
    for a, b in zip(got, want):
        assert np.array_equal(a, b, equal_nan=True)


@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("T", [fast.BLOCKED_FROM - 1, fast.BLOCKED_FROM])
def test_attention_on_both_sides_of_the_row_blocks_equals_plain(T, rule):
    """Whole heads just below fast.BLOCKED_FROM, row blocks (and the scaled questions) from it on: both give
    gpt.attention's shares and contexts bit for bit, GPT-2's 12 heads of 64 with one what-if score each side."""
    from classroom_gui.model import gpt
    from classroom_gui.model.functions import attention_mask

    rng = np.random.default_rng(T)
    q, k, v = (rng.standard_normal((12, T, 64)).astype(np.float32) for _ in range(3))
    edits = (Edit("score", 0, 1, T - 1, 0, 4.0), Edit("score", 0, 11, T // 2, 3, -2.5))
    got, want = fast.attention(q, k, v, attention_mask(T, rule), 8.0, edits), \
        gpt.attention(q, k, v, attention_mask(T, rule), 8.0, edits)
    for a, b in zip(got, want, strict=True):
        assert np.array_equal(a, b)
