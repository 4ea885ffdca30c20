"""functions.py's steps written for speed give the numbers of their plain formulas bit for bit: linear's np.dot
is x @ w, layer_norm's reductions into one column are the textbook order of operations.

Shapes: the teaching model's (n_embd 24, 3C 72, FFN 96, vocabulary 4,695) and GPT-2 small's (768, 2,304,
3,072), from one student (the key/value cache's step) to 1,024, contiguous and as row views.
"""
from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from classroom_gui.model.functions import layer_norm, linear

SHAPES = [(24, 72), (24, 24), (24, 96), (96, 24), (24, 4695), (768, 2304), (768, 3072), (3072, 768)]


@pytest.mark.parametrize("threads", [1, None])
@pytest.mark.parametrize("k,n", SHAPES)
def test_linear_is_x_at_w_plus_b_bit_for_bit(k, n, threads):
    rng = np.random.default_rng(k * n)
    w = rng.standard_normal((k, n), dtype=np.float32)
    b = rng.standard_normal(n, dtype=np.float32)
    with threadpool_limits(limits=threads, user_api="blas"):
        for T in (1, 2, 6, 13, 64, 130, 1024):
            if T * k * n > 8e8:
                continue
            x = rng.standard_normal((T + 1, k), dtype=np.float32)
            for rows in (x[:T], x[1:]):  # a contiguous block, and a view one row in
                want = rows @ w
                want += b
                assert np.array_equal(linear(rows, w, b), want), (T, k, n)
    x3 = rng.standard_normal((2, 3, k), dtype=np.float32)  # training's [B, T, C]: the matmul path
    assert np.array_equal(linear(x3, w, b), x3 @ w + b)


def textbook_layer_norm(x, g, b, eps):  # the formula, one temporary per step
    n = x.shape[-1]
    y = x - np.add.reduce(x, axis=-1, keepdims=True) / n
    var = np.add.reduce(y * y, axis=-1, keepdims=True) / n
    return g * y / np.sqrt(var + x.dtype.type(eps)) + b


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(1, 24), (6, 24), (64, 24), (3, 768), (2, 5, 24)])
def test_layer_norm_is_the_textbook_formula_bit_for_bit(shape, dtype):
    rng = np.random.default_rng(sum(shape))
    x = (rng.standard_normal(shape) * 3 + 1).astype(dtype)
    g = rng.standard_normal(shape[-1]).astype(dtype)
    b = rng.standard_normal(shape[-1]).astype(dtype)
    got = layer_norm(x, g, b, 1e-5)
    assert got.dtype == dtype and np.array_equal(got, textbook_layer_norm(x, g, b, 1e-5))
    out = np.empty_like(x)
    assert layer_norm(x, g, b, 1e-5, out=out) is out and np.array_equal(out, got)
