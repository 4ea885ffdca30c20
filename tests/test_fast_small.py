"""fast_small's kept weights (biases and gains repeated into rows, made once per weights and length) never
give old numbers: a bias changed in place, a matrix replaced in the dict, or another length each give the
plain path's numbers bit for bit; and the small path is the one the teaching model's forward takes."""
from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from classroom_gui.model import fast, fast_small, forward, gpt


@pytest.fixture(autouse=True)
def one_blas_thread():
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@pytest.fixture()
def teaching(checkpoint):
    return checkpoint.config, {name: a.copy() for name, a in checkpoint.params.items()}  # this test's own, to change


def same(a, b):
    return all(np.array_equal(getattr(x, n), getattr(y, n)) for x, y in zip(a.layers, b.layers)
               for n in ("ln_1", "weights", "ffn_pre", "output")) and np.array_equal(a.ln_f, b.ln_f)


def test_the_teaching_model_takes_the_small_path(teaching):
    config, params = teaching
    assert isinstance(fast.block_params(params, config, 6), fast_small.SmallWeights)
    assert fast.block_params(params, config, 6) is fast.block_params(params, config, 6)  # found again


def test_changed_or_replaced_weights_are_never_met_by_old_rows(teaching):
    config, params = teaching
    ids = np.arange(6) + 10
    forward(ids, params, config)
    params["h.1.ln_2.bias"][3] += 0.5                 # in place: the same array, other bytes
    assert same(forward(ids, params, config), forward(ids, params, config, plain=True))
    params["h.0.mlp.c_fc.weight"] = params["h.0.mlp.c_fc.weight"] * 1.5  # a new array under the same name
    assert same(forward(ids, params, config), forward(ids, params, config, plain=True))
    for T in (1, 7, config.n_positions):
        ids = np.arange(T) % config.vocab_size
        assert same(forward(ids, params, config, mask="none"), forward(ids, params, config, mask="none", plain=True))


def test_a_lean_small_trace_derives_the_full_numbers(teaching):
    config, params = teaching
    ids = np.arange(9) + 3
    assert same(forward(ids, params, config, lean=True), forward(ids, params, config, plain=True))


def test_weights_the_small_path_cannot_take_run_the_plain_steps(teaching):
    config, params = teaching
    params["h.0.ln_1.bias"] = params["h.0.ln_1.bias"].astype(np.float64)  # one dtype for all, or no rows
    assert fast.block_params(params, config, 6) is params
    ids = np.arange(6)
    assert same(forward(ids, params, config), forward(ids, params, config, plain=True))


def test_a_mask_changed_in_place_is_not_met_by_its_old_rows(teaching):
    """The small block keeps each mask's per-head rows only for a read-only mask (the rules' cached ones)."""
    config, params = teaching
    T = 6
    w = fast.block_params(params, config, T)
    x = np.random.default_rng(1).standard_normal((T, config.n_embd)).astype(np.float32)
    mask = np.triu(np.ones((T, T), bool), 1)  # writeable, as a caller's own mask may be
    first = fast.block(x, w, config, 0, mask)["weights"].copy()
    mask[:] = False
    again = fast.block(x, w, config, 0, mask)["weights"]
    assert not np.array_equal(first, again)
    assert np.array_equal(again, gpt.transformer_block(x, params, config, 0, mask)["weights"])
