"""Keep freed memory in the process for the next forward pass, instead of giving it back to the kernel.

A trace is hundreds of arrays, most under 32 MiB (GPT-2 small at 64 tokens: 3 MB a layer; at 512: 30 MB).
By default glibc hands large freed blocks back to the kernel, so the next sentence's forward page-faults
every page in again, zero-filled: measured here (2 cores, Linux 6.18, glibc 2.36) 12,000 faults and
40 ms of a 170 ms forward at T=64, and 0.2-0.8 s of system time at T=512. With the two settings below the
memory of the previous trace is reused and the faults drop to none. Peak memory is unchanged; memory the
app once used stays with it while its sentences are of about that size.

Process-wide, so the entry points (app, CLI, benchmarks) call it once; the model code never does.

Kept memory is bounded by give_back_after: when the app goes from a big computation to a much smaller one
(a long sentence to a short one, GPT-2 to the teaching model), the freed memory goes back to the kernel.
Without it one long sentence kept its peak for the rest of the session: a model with a 65,536-position
context seats 1,024 students, and after one such sentence the window kept ~67 MB it no longer used (and as
much again when the same sentence was recomputed on opening the next model, in the worker thread's arena).
"""
from __future__ import annotations

import ctypes
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
MMAP_THRESHOLD = 32 * 2**20                   # the largest glibc accepts: bigger blocks still get their own mmap
KEEP_AT_LEAST = 32 * 2**20                    # computations this small keep their memory (every lesson's does)
GIVE_BACK_RATIO = 4                           # give back once the biggest computation is 4x today's
_done: bool | None = None


def keep_freed_memory() -> bool:
    """Tell glibc's malloc to keep freed memory (blocks under 32 MiB) for reuse. True when it took effect;
    False where there is no glibc (macOS, Windows, musl) or it refused, which changes only the speed."""
    global _done
    if _done is None:
        _done = False
        if sys.platform.startswith("linux"):
            try:
                mallopt = ctypes.CDLL(None).mallopt  # the process's own C library: no search, no subprocess
            except (OSError, AttributeError):
                return False
            mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
            _done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, 2**31 - 1))
    return _done


_biggest = 0  # bytes of the biggest computation since freed memory was last given back


def give_back_after(size: int) -> bool:
    """Tell the allocator that the app now holds a computation of `size` bytes (the model's weights and the
    sentence's attention) and nothing bigger; once one since the last give-back was more than GIVE_BACK_RATIO
    times as big, and over KEEP_AT_LEAST, its freed memory goes back to the kernel (malloc_trim, every arena).
    A sentence of about the same size still finds the memory kept for it. True when memory was given back
    (~10 ms per 100 MB); nothing happens unless keep_freed_memory() took effect."""
    global _biggest
    if not _done:
        return False
    if _biggest <= max(KEEP_AT_LEAST, GIVE_BACK_RATIO * size):
        _biggest = max(_biggest, size)
        return False
    _biggest = size
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        return False
    return True
