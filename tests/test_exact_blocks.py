"""exact_blocks: a causal attention made in row blocks that skip the students not yet heard gives gpt.py's
whole products bit for bit, on numbers other than those its plan was checked with, through the whole forward
(with what-if edits and heads shared over threads); a plan that would not reproduce them is not used.

BLAS is held to one thread, as in test_fast_equals_plain (its thread count changes its rounding)."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.model import exact_blocks, fast, forward, parallel
from classroom_gui.model.functions import causal_mask
from classroom_gui.model.whatif import Edit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402

T = 700  # GPT-2 small's heads: three column blocks on OpenBLAS 0.3.31's Haswell kernels (22 on SkylakeX's)


@pytest.fixture(autouse=True)
def one_blas_thread():
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def plan_or_skip(n: int = T):
    p = exact_blocks.plan(n, 64, np.float32)
    if p is None:
        pytest.skip(f"this BLAS has no exact blocked plan at T={n}: fast.attention makes whole products")
    return p


def test_a_plan_reproduces_the_whole_products_on_other_numbers():
    p = plan_or_skip()
    assert len(p.blocks) >= 3 and exact_blocks.skipped(p.blocks, T, p.rows) >= exact_blocks.MIN_SKIP
    rng = np.random.default_rng(12345)
    q, k, v = (rng.standard_normal((T, 64)).astype(np.float32) * 3 for _ in range(3))
    assert p.scores or p.context  # else plan() gives None
    if p.scores:  # the products this BLAS reproduces in pieces (OpenBLAS 0.3.31: both on Haswell kernels, the
        whole = np.matmul(q[None], k[None].swapaxes(-1, -2))[0]  # scores only on SkylakeX's)
        w = np.full((T, T), np.nan, np.float32)
        for r0 in range(0, T, p.rows):
            r1 = min(T, r0 + p.rows)
            exact_blocks.scores_rows(q, k, w, r0, r1, p.scores_upto(r1, T))
            assert np.array_equal(w[r0:r1, :r1], whole[r0:r1, :r1])
            assert np.isnan(w[r0:r1, max(c1 for _, c1 in p.scores_upto(r1, T)):]).all()  # skipped: never written
    if p.context:
        weights = np.tril(rng.random((T, T), dtype=np.float32))
        context = np.empty((T, 64), np.float32)
        for r0 in range(0, T, p.rows):
            r1 = min(T, r0 + p.rows)
            exact_blocks.context_rows(weights, v, context, r0, r1, p.upto(r1))
        assert np.array_equal(context, np.matmul(weights[None], v[None])[0])


def test_a_plan_that_does_not_reproduce_is_not_made(monkeypatch):
    """The check is what keeps a plan honest: with a piece rounding differently (one score nudged by an ulp),
    the scores are made whole again (and no plan at all where this BLAS's context was never made in pieces);
    with every piece off, no plan at all."""
    context = plan_or_skip().context
    real = exact_blocks.scores_rows

    def nudged(q, k, w, r0, r1, blocks):
        real(q, k, w, r0, r1, blocks)
        w[r1 - 1, 0] = np.nextafter(w[r1 - 1, 0], np.float32(np.inf))
    monkeypatch.setattr(exact_blocks, "scores_rows", nudged)
    monkeypatch.setattr(exact_blocks, "_plans", {})
    p = exact_blocks.plan(T, 64, np.float32)
    assert (p is not None and not p.scores and p.context) if context else p is None
    monkeypatch.setattr(exact_blocks, "context_rows", lambda w, v, out, r0, r1, blocks: out[r0:r1].fill(0))
    monkeypatch.setattr(exact_blocks, "_plans", {})
    assert exact_blocks.plan(T, 64, np.float32) is None


def test_short_classes_make_no_plan():
    """A class no longer than the whole product's first column block (320 columns on Haswell kernels, 32 on
    SkylakeX's) is one block: a plan would skip nothing."""
    first = plan_or_skip().blocks[0][1]
    assert exact_blocks.plan(first, 64, np.float32) is None
    assert exact_blocks.plan(first - 8, 64, np.float32) is None


def test_attention_with_a_plan_equals_the_whole_products():
    plan_or_skip()
    rng = np.random.default_rng(7)
    q, k, v = (rng.standard_normal((3, T, 64)).astype(np.float32) for _ in range(3))
    from classroom_gui.model import gpt

    got = fast.attention(q, k, v, causal_mask(T), 8.0)
    want = gpt.attention(q, k, v, causal_mask(T), 8.0)
    assert all(np.array_equal(a, b) for a, b in zip(got, want))


@pytest.mark.filterwarnings("ignore:invalid value encountered")  # 0 x inf, on the attention's own threads
def test_an_opinion_that_is_not_finite_spreads_as_in_the_whole_product():
    """A later student's inf opinion: the whole weights @ v multiplies it by the earlier students' 0 shares
    (0 x inf = NaN), so the skipping path must not skip it (an overflowing model can make one)."""
    plan_or_skip()
    rng = np.random.default_rng(8)
    q, k, v = (rng.standard_normal((2, T, 64)).astype(np.float32) for _ in range(3))
    v[:, 650, 3] = np.inf
    from classroom_gui.model import gpt

    got = fast.attention(q, k, v, causal_mask(T), 8.0)
    want = gpt.attention(q, k, v, causal_mask(T), 8.0)
    assert np.isnan(want[1]).any(axis=-1).sum() > 640  # every student before 650 too
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(got, want))


@pytest.fixture(scope="module")
def gpt2_shapes():
    config = replace(GPT2_SMALL, n_layer=2, vocab_size=1000)
    return config, random_params(config, seed=3)


def test_the_forward_with_a_plan_equals_plain_with_edits_and_threads(gpt2_shapes, monkeypatch):
    from test_fast_equals_plain import assert_same

    plan_or_skip()
    config, params = gpt2_shapes
    ids = np.random.default_rng(T).integers(0, config.vocab_size, T)
    last = T - 1
    edits = (Edit("score", 0, 0, last, 3, 2.5), Edit("score", 0, 1, 150, 149, -4.0),  # heard and unheard: 150
             Edit("score", 1, 2, 400, 500, 9.0), Edit("v", 1, 0, 10, 1, -2.0))          # hears none after it
    plain = forward(ids, params, config, edits=edits, plain=True, lean=False)
    assert_same(forward(ids, params, config, edits=edits, lean=False), plain)
    monkeypatch.setattr(parallel, "MIN_WORK", 1)  # heads shared over 3 threads, unevenly
    monkeypatch.setattr(parallel, "PARTS", 3)
    monkeypatch.setattr(parallel, "_pool", None)
    assert_same(forward(ids, params, config, edits=edits, lean=False), plain)
