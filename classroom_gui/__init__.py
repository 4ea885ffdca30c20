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
