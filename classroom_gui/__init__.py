"""Attention Classroom: a desktop lesson on Transformer self-attention, told as a classroom."""
import os

__version__ = "0.1.0"

# OpenBLAS (NumPy's BLAS) lets its idle threads spin for 2^28 cycles, ~0.1 s, after every matrix product, so
# the cores stay busy while NumPy's one-core steps run and our threads (model/parallel.py) cannot use them.
# 2^20 cycles (~0.4 ms at 2.5 GHz) still bridges the short steps between products (measured on 2 cores,
# GPT-2 small: 2^16 made 64 tokens 10 % slower, 2^22 and the default made 512 tokens slower). OpenBLAS reads
# it once, when NumPy loads, so it is set here, before any module of the app imports NumPy; a user's value
# is kept.
OPENBLAS_THREAD_TIMEOUT = "20"
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", OPENBLAS_THREAD_TIMEOUT)

# Qt (6.x) splits a fill of more than ~96 spans across its GUI thread pool and waits for the pieces on a
# semaphore. A card's cells (a few pixels scaled up, antialiased) are ~250 spans, so each new card woke two
# pooled threads for ~30 us of work; with the other core busy the wait was 1-13 ms a card (#18's cold jumps:
# 6 teaching students, 640 cell pictures, median 17 us, p90 4.9 ms, p99 10 ms). Every span is drawn by the same
# function either way, so the pixels are the same; only the waiting goes. Qt reads this when it first makes the
# pool (the first big fill), so it is set here, before any Qt module loads; a user's own setting is kept.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
