"""Steps split over the cores (model/parallel.py): every range done once, errors reach the caller, and a
forward gives the same numbers, bit for bit, whether or not it splits."""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from classroom_gui.model import GPTConfig, forward, parallel
from classroom_gui.model.checkpoint import expected_shapes
from classroom_gui.model.fast import ROWS


@pytest.fixture
def split_everything(monkeypatch):
    """Any work splits, into 3 parts: the ranges then have different sizes and a helper thread runs."""
    monkeypatch.setattr(parallel, "MIN_WORK", 1)
    monkeypatch.setattr(parallel, "PARTS", 3)
    monkeypatch.setattr(parallel, "_pool", None)  # a pool with PARTS - 1 = 2 helpers


@pytest.mark.parametrize("n", [1, 2, 3, 7, 100])
def test_ranges_cover_every_item_once(split_everything, n):
    seen, threads, lock = [], set(), threading.Lock()

    def fn(a, b):
        with lock:
            seen.append((a, b))
            threads.add(threading.get_ident())

    parallel.in_parts(fn, n, work=n)
    ranges = sorted(seen)
    assert ranges[0][0] == 0 and ranges[-1][1] == n
    assert all(r[1] == s[0] for r, s in zip(ranges, ranges[1:]))  # consecutive, no gap, no overlap
    assert all(a < b for a, b in ranges)                            # no empty range
    assert len(ranges) == min(3, n)
    assert (len(threads) > 1) == (n > 1)  # split work really ran on another thread


def test_small_work_is_not_split(monkeypatch):
    monkeypatch.setattr(parallel, "PARTS", 2)
    calls = []
    parallel.in_parts(lambda a, b: calls.append((a, b)), 6, work=parallel.MIN_WORK - 1)
    assert calls == [(0, 6)]
    assert parallel.parts_for(12, 100 * parallel.MIN_WORK) == 2


def test_an_error_in_a_helper_reaches_the_caller_after_every_range(split_everything):
    done = []

    def fn(a, b):  # 9 items in 3 ranges: 0..3 here, 3..6 and 6..9 on helpers
        if a == 3:
            raise ValueError(f"range {a}..{b}")
        if a == 6:
            threading.Event().wait(0.1)  # still writing when the error is already known
        done.append(a)

    with pytest.raises(ValueError, match="range 3..6"):
        parallel.in_parts(fn, 9, work=9)
    assert sorted(done) == [0, 6]  # the slow range had ended before the caller saw the error


def _model(activation: str, n_head: int = 4, d_head: int = 8, T: int = 2 * ROWS + 9):
    config = GPTConfig(n_layer=2, n_head=n_head, n_embd=n_head * d_head, n_positions=T, vocab_size=50,
                       activation_function=activation)
    rng = np.random.default_rng(7)
    params = {name: (rng.standard_normal(shape) * 0.5).astype(np.float32)
              for name, shape in expected_shapes(config).items()}
    return config, params, rng.integers(0, 50, T)


@pytest.mark.parametrize("activation", ["gelu_new", "relu"])
def test_split_forward_gives_the_same_numbers_bit_for_bit(monkeypatch, activation):
    config, params, ids = _model(activation)
    monkeypatch.setattr(parallel, "PARTS", 1)
    whole = forward(ids, params, config)

    monkeypatch.setattr(parallel, "PARTS", 3)
    monkeypatch.setattr(parallel, "MIN_WORK", 1)
    monkeypatch.setattr(parallel, "_pool", None)
    ranges = []
    in_parts = parallel.in_parts
    monkeypatch.setattr(parallel, "in_parts", lambda fn, n, work: (ranges.append(n), in_parts(fn, n, work)))
    split = forward(ids, params, config)

    assert ranges, "the forward never split anything"
    if parallel.blas_controllable():  # attention splits its heads only where BLAS can be held to one thread
        assert config.n_head in ranges
    for name in ("x", "ln_1", "q", "k", "v", "weights", "context", "heads_concat", "attn_out", "resid_attn",
                 "ln_2", "ffn_pre", "ffn_out", "output"):
        for a, b in zip(whole.layers, split.layers):
            assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(whole.ln_f, split.ln_f)
    assert np.array_equal(whole.next_logits, split.next_logits)


def test_one_blas_thread_holds_openblas_to_one_thread_and_gives_it_back():
    if not parallel.blas_controllable():
        pytest.skip("NumPy's BLAS here is not an OpenBLAS threadpoolctl can control")
    from threadpoolctl import threadpool_info

    def counts():
        return [lib["num_threads"] for lib in threadpool_info() if lib["internal_api"] == "openblas"]

    before = counts()
    with parallel.one_blas_thread():
        assert set(counts()) == {1}
    assert counts() == before


def _timeout_seen_by_a_fresh_interpreter(env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_THREAD_TIMEOUT"}
    if env_value is not None:
        env["OPENBLAS_THREAD_TIMEOUT"] = env_value
    code = "import classroom_gui, os, sys; print(os.environ['OPENBLAS_THREAD_TIMEOUT'], 'numpy' in sys.modules)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.split()


def test_the_package_sets_a_short_openblas_spin_before_numpy_loads_and_keeps_the_users():
    import classroom_gui
    # set to the package's value, and NumPy not loaded yet when it is set
    assert _timeout_seen_by_a_fresh_interpreter(None) == [classroom_gui.OPENBLAS_THREAD_TIMEOUT, "False"]
    assert _timeout_seen_by_a_fresh_interpreter("28") == ["28", "False"]


def test_a_user_limit_on_blas_threads_also_limits_the_parts(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    assert parallel._cores() == 1
    monkeypatch.delenv("OPENBLAS_NUM_THREADS")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert parallel._cores() == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "not a number")
    assert parallel._cores() >= 1
