"""Keep freed memory in the process for the next forward pass, instead of giving it back to the kernel.

A trace is hundreds of arrays, most under 32 MiB (GPT-2 small at 64 tokens: 3 MB a layer; at 512: 30 MB).
By default glibc hands large freed blocks back to the kernel, so the next sentence's forward page-faults
every page in again, zero-filled: measured here (2 cores, Linux 6.18, glibc 2.36) 12,000 faults and
40 ms of a 170 ms forward at T=64, and 0.2-0.8 s of system time at T=512. With the two settings below the
memory of the previous trace is reused and the faults drop to none. Peak memory is unchanged; memory the
app once used stays with it only up to what its sentence needs again (give_back_excess).

One arena for every thread (M_ARENA_MAX 1). glibc gives each thread that allocates at the same time as
another an arena of its own, and memory freed in one arena serves only the threads allocating from it: the
window's worker computes a sentence (its arena then kept the forward's ~100 MB of freed temporaries), while
the GUI thread derives lean layers and runs chapter 6's layer (their freed memory kept in the main arena),
and neither could reuse the other's. GPT-2 small at 512 students walked through the lesson: peak 1,143 ->
1,059 MB, freed-but-kept 132 -> 47 MB. NumPy allocates with the GIL held, so the threads hardly ever wait for
the arena's lock.

Process-wide, so the entry points (app, CLI, benchmarks) call it once, before any thread starts; the model
code never does.

Blocks of 32 MiB and more (an attention's shares from ~840 students of GPT-2 small: [12, T, T] float32) are
still mapped on their own and unmapped when freed, since glibc takes no higher threshold: every forward's shares
came back as fresh zero-filled pages, ~45 ms of a 0.1 s attention at 1,024 students, more when two threads
fault at once. `big_block()` puts such a block in the heap with the smaller ones, where freed it is kept and
reused as they are: by the next layer once a lean layer lets go of its shares, by the next forward otherwise.

Kept memory is bounded by give_back_excess: once a sentence is replaced, freed memory beyond what the new
sentence's trace holds (and beyond 64 MiB) goes back to the kernel. Without it one long sentence kept its peak for the
rest of the session: a model with a 65,536-position context seats 1,024 students, and after one such
sentence the window kept ~67 MB it no longer used (and as much again when the same sentence was recomputed
on opening the next model, in the worker thread's own arena). A lesson's sentences never hold that much
freed memory, so they keep reusing theirs without page faults.
"""
from __future__ import annotations

import ctypes
import sys

import contextlib
import threading

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_MMAP_MAX, M_ARENA_MAX = -1, -3, -4, -8  # glibc's mallopt parameters (malloc.h)
MMAP_MAX_DEFAULT = 65536                      # glibc's own M_MMAP_MAX (DEFAULT_MMAP_MAX)
MMAP_THRESHOLD = 32 * 2**20                   # the largest glibc accepts: bigger blocks still get their own mmap
KEEP_AT_LEAST = 64 * 2**20                    # freed bytes never given back: a lesson's churn stays fault-free
_done: bool | None = None
_mallopt = None  # glibc's mallopt, once keep_freed_memory took effect
_big_lock = threading.Lock()


def keep_freed_memory() -> bool:
    """Tell glibc's malloc to keep freed memory (blocks under 32 MiB) for reuse, in one arena that every thread
    shares. True when it took effect; False where there is no glibc (macOS, Windows, musl) or it refused,
    which changes only the speed and how much freed memory is kept."""
    global _done, _mallopt
    if _done is None:
        _done = False
        if sys.platform.startswith("linux"):
            try:
                mallopt = ctypes.CDLL(None).mallopt  # the process's own C library: no search, no subprocess
            except (OSError, AttributeError):
                return False
            mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
            _done = (bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, 2**31 - 1))
                     and bool(mallopt(M_ARENA_MAX, 1)))
            _mallopt = mallopt if _done else None
    return _done


@contextlib.contextmanager
def big_block():
    """Inside, malloc takes blocks of 32 MiB and more from the heap (after keep_freed_memory; elsewhere this does
    nothing): np.empty((12, 1024, 1024), np.float32) here is kept for reuse when freed, as smaller ones are.
    glibc reuses a free heap block of the size for any thread in any case; this only decides where a new one
    goes. Another thread allocating a big block meanwhile may take it from the heap too, which is harmless."""
    mallopt = _mallopt
    if mallopt is None:
        yield
        return
    with _big_lock:
        try:
            mallopt(M_MMAP_MAX, 0)  # inside the try: an interrupt right after it still turns mapping back on
            yield
        finally:
            mallopt(M_MMAP_MAX, MMAP_MAX_DEFAULT)


class _MallInfo2(ctypes.Structure):  # glibc's struct mallinfo2 (malloc.h, glibc 2.33+): byte counts, size_t each
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                     "fsmblks", "uordblks", "fordblks", "keepcost")]


def held_bytes() -> tuple[int, int] | None:
    """(bytes in use, freed bytes malloc holds) over all arenas, or None without glibc 2.33+. Takes ~0.05 ms."""
    try:
        info = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return None
    info.argtypes, info.restype = [], _MallInfo2
    m = info()
    return m.uordblks + m.hblkhd, m.fordblks


def give_back_excess(keep: int = 0) -> bool:
    """After keep_freed_memory: give freed memory back to the kernel (malloc_trim) when malloc holds more of it
    than `keep` bytes (the new sentence's trace: Trace.nbytes) and more than KEEP_AT_LEAST. Called once the
    previous sentence's trace is gone: a sentence of the same size still finds its memory, while the peak of
    an unusually long one (or of a model opened and closed, or the pictures of an export) no longer stays for
    the rest of the session. (Keeping up to what the app had in use let freed memory creep up to the size of
    everything else it holds, pictures and weights: +60 MB of RSS over a 3,000-action soak.) True
    when malloc_trim ran (~10 ms per 100 MB given back). glibc still counts trimmed pages as free, so after
    a big sentence later calls may trim again with little to give back: a walk of the free lists, ~1 ms."""
    if not _done:
        return False
    held = held_bytes()
    if held is None or held[1] <= max(KEEP_AT_LEAST, keep):
        return False
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        return False
    return True


FAULT_BLOCK = 4 * 2**20  # bytes malloc'd and touched at a time by fault_in (well under the 32 MiB mmap threshold)
MADV_POPULATE_WRITE = 23  # Linux 5.14+: fault a range in for writing in one call (~4x faster than writing it)
PAGE = 4096
_faulted = 0  # bytes fault_in has made resident in the heap so far


def fault_in(nbytes: int) -> int:
    """After keep_freed_memory: make `nbytes` of malloc's heap resident now, so that what is allocated later (a
    small class's kept pictures: QPixmapCache filling over a lesson's first jumps) reuses pages already faulted
    in instead of faulting each new page in mid-frame (~1,000 faults, ~4 ms, a cold jump at 6 students). The
    blocks are malloc'd, written and freed at once: with keep_freed_memory's thresholds the freed heap stays with
    the process (until give_back_excess trims it after a sentence much smaller than its memory). Counts what it
    did: a second call faults in only what the first did not. Returns the bytes faulted in now (0 without
    keep_freed_memory's settings, as on macOS or Windows). 90 MB took 27 ms here with MADV_POPULATE_WRITE, 100 ms
    written page by page (the fallback, on kernels before 5.14)."""
    global _faulted
    want = nbytes - _faulted
    if not _done or want <= 0:
        return 0
    libc = ctypes.CDLL(None)
    malloc, free, memset, madvise = libc.malloc, libc.free, libc.memset, libc.madvise
    malloc.argtypes, malloc.restype = [ctypes.c_size_t], ctypes.c_void_p
    free.argtypes, free.restype = [ctypes.c_void_p], None
    memset.argtypes, memset.restype = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t], ctypes.c_void_p
    madvise.argtypes, madvise.restype = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int], ctypes.c_int
    populate = True
    blocks = []
    try:
        for _ in range(-(-want // FAULT_BLOCK)):
            block = malloc(FAULT_BLOCK)
            if not block:
                break
            blocks.append(block)
            start = -(-block // PAGE) * PAGE  # the whole pages inside the block
            populate = populate and madvise(start, (block + FAULT_BLOCK - start) // PAGE * PAGE, MADV_POPULATE_WRITE) == 0
            if not populate:
                memset(block, 0, FAULT_BLOCK)  # written: every page faulted in
    finally:
        for block in blocks:
            free(block)  # back to the heap, kept (M_TRIM_THRESHOLD)
    _faulted += len(blocks) * FAULT_BLOCK
    return len(blocks) * FAULT_BLOCK
