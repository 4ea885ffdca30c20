"""Long inputs on every core: steps NumPy runs on one core, split into ranges that run at the same time.

BLAS spreads each matrix product over the cores, but NumPy's elementwise steps (the exp of softmax and GELU,
LayerNorm) run on one, and attention is thousands of small products that BLAS shares out badly. At GPT-2
small with 512 students those were a quarter of a forward. Here they run in ranges of heads or students on
up to PARTS threads (the caller's included). Each range computes exactly what the whole would (every step
works head by head or student by student), so the numbers do not depend on the split: a test checks it bit
for bit.

Two settings keep the cores free for these threads:
- attention runs with one BLAS thread (`one_blas_thread`): our threads each do their heads' small products;
- OpenBLAS's idle threads spin for ~0.1 s after every product unless OPENBLAS_THREAD_TIMEOUT says
  otherwise; classroom_gui/__init__.py sets a short one before NumPy loads (see there).
Small inputs (the six-student lesson) never split: a thread hand-off costs more than their whole step.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager

MIN_WORK = 1 << 17  # numbers per part below which a split costs more than it saves (hand-off ~20-50 us)


def _cores() -> int:
    """The cores this process may use, at most the thread count a user gave BLAS (OPENBLAS_NUM_THREADS or
    OMP_NUM_THREADS=1 keeps every step on one core, as it keeps the matrix products)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        n = os.cpu_count() or 1
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        value = os.environ.get(var, "").strip()
        if value.isdigit() and int(value) > 0:
            return min(n, int(value))
    return n


PARTS = min(4, _cores())  # capped: measured on 2 cores only; more parts of these short steps are untried
_pool = None  # a concurrent.futures.ThreadPoolExecutor, made (and its module loaded) at the first split
_pool_lock = threading.Lock()


def parts_for(n: int, work: int) -> int:
    """How many parts n items of `work` numbers in all are worth: 1 (no split) up to PARTS."""
    return max(1, min(PARTS, n, work // MIN_WORK))


def in_parts(fn, n: int, work: int) -> None:
    """fn(a, b) for consecutive ranges [a, b) covering 0..n, at the same time when the work is big enough.

    The caller's thread runs the first range; exceptions reach the caller after every range has ended."""
    parts = parts_for(n, work)
    if parts == 1:
        fn(0, n)
        return
    bounds = [n * i // parts for i in range(parts + 1)]
    futures = [_helpers().submit(fn, a, b) for a, b in zip(bounds[1:-1], bounds[2:])]
    try:
        fn(bounds[0], bounds[1])
    finally:
        for f in futures:
            f.exception()  # wait for every range: none may still write when the caller goes on
    for f in futures:
        f.result()


def _helpers():
    global _pool
    with _pool_lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor

            _pool = ThreadPoolExecutor(PARTS - 1, thread_name_prefix="classroom-parts")
        return _pool


# ---- one BLAS thread while our threads share out attention -----------------------------------------------

_blas = None          # threadpoolctl's controller of NumPy's OpenBLAS, once found (False: none to control)
_blas_lock = threading.RLock()  # one limited section at a time (two forwards must not undo each other's
#                                 limit); re-entrant, since a forward held to one thread calls attention's


def blas_controllable() -> bool:
    """True when NumPy's BLAS thread count can be set for a while (OpenBLAS, found by threadpoolctl).
    Elsewhere (Accelerate on macOS, MKL) attention is not split: threads calling a threaded BLAS at the
    same time fight over its threads and run several times slower."""
    global _blas
    if _blas is None:
        try:
            from threadpoolctl import ThreadpoolController
            found = ThreadpoolController().select(internal_api="openblas")
            _blas = found if found.lib_controllers else False
        except Exception:  # threadpoolctl missing or unable to read the libraries: only speed is lost
            _blas = False
    return _blas is not False


@contextmanager
def one_blas_thread():
    """NumPy's OpenBLAS on one thread inside the block (the caller checked blas_controllable())."""
    with _blas_lock, _blas.limit(limits=1):
        yield
