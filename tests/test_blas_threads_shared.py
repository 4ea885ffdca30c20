"""OpenBLAS's thread count is one for the whole process and decides how a product rounds: a lean layer's step
made on one thread while another thread holds one BLAS thread (the worker's attention, or a frame making one
head's shares) must still come out as the forward made it alone (parallel.usual_blas_threads)."""
from __future__ import annotations

import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.model import forward, parallel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402


def _usual_count() -> int:
    from threadpoolctl import threadpool_info

    return min((lib["num_threads"] for lib in threadpool_info() if lib["internal_api"] == "openblas"), default=1)


def _while_one_blas_thread_is_held(ask):
    """ask() on this thread while another thread holds one BLAS thread for half a second."""
    inside = threading.Event()

    def holder():
        with parallel.one_blas_thread():
            inside.set()
            time.sleep(0.5)

    thread = threading.Thread(target=holder)
    thread.start()
    inside.wait()
    try:
        return ask()
    finally:
        thread.join()


def test_a_step_made_while_another_thread_holds_one_blas_thread_is_the_forwards_own():
    if not parallel.blas_controllable() or _usual_count() < 2:
        pytest.skip("one BLAS thread is all this machine uses: no other count to round with")
    config = replace(GPT2_SMALL, n_layer=2, vocab_size=2000)
    params = random_params(config, seed=3)
    ids = np.random.default_rng(0).integers(0, config.vocab_size, 256)
    full = forward(ids, params, config, mask="none", lean=False).layers[1]
    lean = forward(ids, params, config, mask="none", lean=True).layers[1]

    # as the worker's attention holds it for a layer; each step waits for the holder
    made = _while_one_blas_thread_is_held(lambda: {name: getattr(lean, name) for name in ("attn_out", "ffn_pre", "ffn_out")})
    for name, value in made.items():
        assert np.array_equal(value, getattr(full, name)), name


def test_every_words_logits_asked_while_another_thread_holds_one_blas_thread_are_the_forwards_own():
    if not parallel.blas_controllable() or _usual_count() < 2:
        pytest.skip("one BLAS thread is all this machine uses: no other count to round with")
    config = replace(GPT2_SMALL, n_layer=1, vocab_size=8000)
    params = random_params(config, seed=4)
    ids = np.random.default_rng(1).integers(0, config.vocab_size, 256)
    alone = forward(ids, params, config).logits
    trace = forward(ids, params, config)

    # the worker's forward holding one BLAS thread while the window asks for the answer
    asked = _while_one_blas_thread_is_held(lambda: trace.logits)  # waits for the holder: BLAS's usual threads
    assert np.array_equal(asked, alone)
