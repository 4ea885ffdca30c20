"""Which pieces of a causal attention's two matrix products reproduce the whole products bit for bit, found
once per length by trying them: the plan fast.attention follows to skip students who have not spoken yet.

Why it has to be found, not assumed. gpt.attention makes two products per head, scores = q kᵀ ([T, d] x
[d, T]) and context = weights v ([T, T] x [T, d]), and in turn (causal) the upper half of both is zeros
or thrown away. Computing only the lower part, a row block at a time, would halve the work, but OpenBLAS
does not compute every element of a product the same way: measured here (OpenBLAS 0.3.31, Haswell kernels),
- it cuts a product's columns (scores) and its sum (context) into blocks of up to 320 (1,024 columns:
  320, 320, 192, 192) and adds a block's sum to the ones before it, and a block's last 8 columns go through
  other code; a product over the first 300 columns alone rounds differently from the whole one;
- it takes rows 12 at a time, and the last few rows of a product with another kernel.
So a piece reproduces the whole only when it covers whole column blocks of the whole product and starts on
a row the whole product's tiles start on. On an AVX-512 machine (the same OpenBLAS, SkylakeX kernels) the
scores' column blocks are 32 wide and the context's pieces never reproduce the whole, so its plans make the
scores in pieces and the context whole. The blocks depend on the library, its kernels and the machine,
so `plan(T, rows)` finds them: it probes where the whole product's column blocks end, then runs the
blocked products on random numbers beside the whole ones and keeps the plan only if every number is the
same (None otherwise: fast.attention then makes the whole products, as before). The rounding order does not
depend on the numbers, so random ones show any difference (tests/test_fast_equals_plain.py checks real
traces on top). Called with BLAS held to one thread, as attention runs.
"""
from __future__ import annotations

import threading

import numpy as np

ROW_ALIGN = 48   # row blocks are multiples of this: of OpenBLAS's row tiles (12 here; 16 or 24 elsewhere)
PROBE_ROWS = 48
# Below this share of the scores skipped, the extra calls cost what the skipped columns save, so no plan is
# made. Measured (attention alone, CPU time, interleaved, load 8-13): row blocks as tall as the first column
# block ran 0.93x at T=512 (2 column blocks, 23% skipped) and 0.94x at T=640; 96-row blocks at T=512 (19%)
# ran 1.03x.
MIN_SKIP = 0.2
# Where a product over the columns up to a block's end reproduces the whole one (seen on SkylakeX kernels, whose
# column blocks are 32 wide), a row block's scores are one product, not one per block (22 calls at T=700, which
# made the plan twice as slow as the whole product), and row blocks are at least this tall: one head's scores
# at T=1,024 took 0.88 ms in 192-row blocks, 1.13 in 48-row ones, 1.25 whole (1 thread, load 4.5).
MERGED_ROWS = 192
_plans: dict = {}  # (T, rows, d, dtype) -> Plan or None
_lock = threading.Lock()


class Plan:
    """Row blocks [r0, r1) and the whole products' column blocks [c0, c1), both in order; `scores` / `context`
    say which of the two products may be made in pieces."""

    def __init__(self, rows: int, blocks: tuple, scores: bool, context: bool, merged: bool = False):
        self.rows, self.blocks, self.scores, self.context = rows, blocks, scores, context
        self.merged = merged  # a row block's scores in one product over its column blocks, not one per block

    def upto(self, r1: int) -> tuple:  # the column blocks a row block ending at r1 needs: those starting before r1
        return tuple(b for b in self.blocks if b[0] < r1)

    def scores_upto(self, r1: int, T: int) -> tuple:
        pieces = blocks_for(self.blocks, r1, T)
        return ((pieces[0][0], pieces[-1][1]),) if self.merged else pieces


def scores_rows(q, k, w, r0: int, r1: int, blocks) -> None:  # [T, d], [T, d], [T, T] out
    """w[r0:r1, c0:c1] = q[r0:r1] . k[c0:c1] for each column block: the whole product's numbers there."""
    for c0, c1 in blocks:
        np.matmul(q[r0:r1], k[c0:c1].T, out=w[r0:r1, c0:c1])


def context_rows(w, v, out, r0: int, r1: int, blocks) -> None:  # [T, T], [T, d], [T, d] out
    """out[r0:r1] = w[r0:r1] v over the given column blocks, added block after block as OpenBLAS adds them
    (w is 0 beyond them)."""
    (c0, c1), rest = blocks[0], blocks[1:]
    np.matmul(w[r0:r1, c0:c1], v[c0:c1], out=out[r0:r1])
    for c0, c1 in rest:
        out[r0:r1] += w[r0:r1, c0:c1] @ v[c0:c1]


def plan(T: int, d: int, dtype) -> Plan | None:
    """The plan for T students, or None when it would skip too little (MIN_SKIP) or no blocked product
    reproduces the whole ones. Its row blocks are as tall as the first column block allows (a multiple of
    ROW_ALIGN): fewer, bigger products. Found once per (T, d, dtype): a few small probes, then each product
    made whole and blocked on random numbers (T=1024: ~30 ms on a quiet core, 0.1-0.2 s at load 14)."""
    key = (T, d, np.dtype(dtype).str)
    with _lock:
        if key not in _plans:
            try:
                _plans[key] = _find(T, d, np.dtype(dtype))
            except (MemoryError, ValueError, FloatingPointError):  # no plan: the whole products, as always
                _plans[key] = None
            while len(_plans) > 64:
                _plans.pop(next(iter(_plans)))
        return _plans[key]


def _find(T: int, d: int, dtype) -> Plan | None:
    rng = np.random.default_rng(T)
    q, k, v = (rng.standard_normal((1, T, d)).astype(dtype) for _ in range(3))
    blocks = _column_blocks(q[0], k[0])
    rows = max(ROW_ALIGN, (blocks[0][1] - blocks[0][0]) // ROW_ALIGN * ROW_ALIGN)
    whole = np.matmul(q, k.swapaxes(-1, -2))[0]  # as gpt.attention makes it (functions.dot_scores)
    w = np.empty((T, T), dtype)
    merged = skipped(blocks, T, max(rows, MERGED_ROWS)) >= MIN_SKIP and _scores_exact(
        q[0], k[0], whole, w, Plan(max(rows, MERGED_ROWS), tuple(blocks), True, False, merged=True))
    if merged:
        rows = max(rows, MERGED_ROWS)
    elif skipped(blocks, T, rows) < MIN_SKIP or blocks[0][1] < MERGED_ROWS:  # narrow blocks one call each:
        return None                                                           # slower than the whole product
    scores_ok = merged or _scores_exact(q[0], k[0], whole, w, Plan(rows, tuple(blocks), True, False))
    weights = np.tril(whole)  # any numbers show a different rounding; these are at hand
    context = np.empty((T, d), dtype)
    for r0 in range(0, T, rows):
        r1 = min(T, r0 + rows)
        context_rows(weights, v[0], context, r0, r1, tuple(b for b in blocks if b[0] < r1))
    context_ok = bool(np.array_equal(context, np.matmul(weights[None], v)[0]))  # gpt.attention's weights @ v
    if not (scores_ok or context_ok):
        return None
    return Plan(rows, tuple(blocks), scores_ok, context_ok, merged=merged)


def _scores_exact(q, k, whole, w, plan: Plan) -> bool:
    """Whether the plan's row blocks of q kᵀ give the whole product's numbers (on the students up to each block)."""
    T = len(q)
    for r0 in range(0, T, plan.rows):
        r1 = min(T, r0 + plan.rows)
        scores_rows(q, k, w, r0, r1, plan.scores_upto(r1, T))
        if not np.array_equal(w[r0:r1, :r1], whole[r0:r1, :r1]):
            return False
    return True


def skipped(blocks, T: int, rows: int) -> float:
    """The share of the [T, T] scores a plan with these column blocks does not compute."""
    done = sum((min(T, r0 + rows) - r0) * max(c1 for _, c1 in blocks_for(blocks, min(T, r0 + rows), T))
               for r0 in range(0, T, rows))
    return 1 - done / (T * T)


def blocks_for(blocks, r1: int, T: int) -> tuple:
    """The scores' column blocks for the row block ending at r1. The last row block (ending at T) takes the
    whole width in one product: the whole product's last rows (T mod 12 here) go through another kernel in
    its later column blocks than in its first, and only one product over every column does the same."""
    return ((0, T),) if r1 == T else tuple(b for b in blocks if b[0] < r1)


def _column_blocks(q, k) -> list[tuple[int, int]]:
    """The column blocks of the whole product q kᵀ: from each block's start, the first end c (a multiple of 8,
    or T) for which q[:PROBE_ROWS] . k[start:c] alone gives the whole product's numbers (a shorter piece
    rounds its last columns differently). A last block narrower than 8 joins the one before it."""
    T = len(k)
    probe = q[:PROBE_ROWS]
    ref = probe @ k.T
    blocks, start = [], 0
    while start < T:
        c = T
        for end in range(start + 8, T, 8):
            if np.array_equal(probe @ k[start:end].T, ref[:, start:end]):
                c = end
                break
        blocks.append((start, c))
        start = c
    if len(blocks) > 1 and blocks[-1][1] - blocks[-1][0] < 8:
        blocks[-2:] = [(blocks[-2][0], T)]
    return blocks
