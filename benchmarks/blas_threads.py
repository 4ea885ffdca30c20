"""`--threads N` for the benchmarks: BLAS thread pools read their size once, when NumPy (or torch) loads,
so a benchmark imports this module and calls from_argv() before importing either.

Importing this module also imports classroom_gui first, so NumPy's OpenBLAS gets the app's own setting
(OPENBLAS_THREAD_TIMEOUT, see classroom_gui/__init__.py): the benchmarks measure what the app runs."""
from __future__ import annotations

import importlib
import os

importlib.import_module("classroom_gui")  # (sets OPENBLAS_THREAD_TIMEOUT before NumPy loads)


def from_argv(argv: list[str]) -> str | None:
    """Apply `--threads N` / `--threads=N` to OpenBLAS, OpenMP and MKL; returns N as given, or None."""
    threads = None
    for i, a in enumerate(argv):
        if a.startswith("--threads="):
            threads = a.split("=", 1)[1]
        elif a == "--threads" and i + 1 < len(argv):
            threads = argv[i + 1]
    if threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = threads
    return threads
