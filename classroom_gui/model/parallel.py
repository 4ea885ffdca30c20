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

from ..messages.numerals import whole

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
        if whole(value) and int(value) > 0:
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
_raw: list = []       # each OpenBLAS's own (get, set) thread-count functions, where its pool is process-wide
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
            if _blas is not False:
                _raw[:] = _raw_thread_functions(found.lib_controllers)
        except Exception:  # threadpoolctl missing or unable to read the libraries: only speed is lost
            _blas = False
    return _blas is not False


def _raw_thread_functions(libs) -> list:
    """OpenBLAS's openblas_get_num_threads / openblas_set_num_threads of every library threadpoolctl found,
    when all use OpenBLAS's own process-wide pool ("pthreads"; with OpenMP, limits are per thread and
    threadpoolctl's way is kept). Found by the names threadpoolctl looks for; [] when any is missing."""
    out = []
    for lib in libs:
        if getattr(lib, "threading_layer", None) != "pthreads":
            return []
        for prefix, suffix in ((p, s) for p in ("", "scipy_") for s in ("", "64_", "_64")):
            get = getattr(lib.dynlib, f"{prefix}openblas_get_num_threads{suffix}", None)
            put = getattr(lib.dynlib, f"{prefix}openblas_set_num_threads{suffix}", None)
            if get is not None and put is not None:
                out.append((get, put))
                break
        else:
            return []
    return out


class _OneBlasThread:
    """The context one_blas_thread() returns. OpenBLAS's own functions take ~0.5 us to set and give back
    its thread count, where threadpoolctl's limit() takes 12-25 us (it reads every library's info each
    time): the six-student lesson enters this once per answer, and its whole forward takes ~0.3 ms."""

    def __init__(self):
        self._before: list = []  # per open section (sections nest, one thread at a time: _blas_lock)

    def __enter__(self):
        _blas_lock.acquire()
        try:
            if _raw:
                before = [get() for get, _ in _raw]
                for (_, put), n in zip(_raw, before):
                    if n != 1:
                        put(1)
            else:
                before = _blas.limit(limits=1)
                before.__enter__()
        except BaseException:
            _blas_lock.release()
            raise
        self._before.append(before)
        return self

    def __exit__(self, *exc):
        before = self._before.pop()
        try:
            if _raw:
                for (_, put), n in zip(_raw, before):
                    if n != 1:
                        put(n)
            else:
                before.__exit__(*exc)
        finally:
            _blas_lock.release()


_one_blas_thread = _OneBlasThread()


def usual_blas_threads():
    """Inside, no other thread is in a one_blas_thread section, so a product runs with the thread count the
    process has (the caller checked blas_controllable()). OpenBLAS's count is process-wide and decides how a
    product rounds (1 and 2 threads differ in ~4 % of a GPT-2 [512, 768] x [768, 3072] product's cells):
    without this, a product one thread made while another held one BLAS thread (the worker's attention, or a
    frame making one head's shares on the GUI thread) came out differently from the same forward made alone.
    Held per product, so a frame waits at most for one product of the worker's forward. Re-entrant: inside
    the caller's own one_blas_thread the product keeps that thread's one thread, as that forward meant."""
    return _blas_lock


def one_blas_thread() -> _OneBlasThread:
    """NumPy's OpenBLAS on one thread inside the block (the caller checked blas_controllable()); the
    thread counts it found come back at the end."""
    return _one_blas_thread
