"""gpt.py's steps arranged for speed, giving the same numbers bit for bit: `Fast` is the `ops` gpt.forward uses.

Nothing here changes a formula or the order of its float operations; what changes is who does them and how
much memory they walk through at once:
- threads: big inputs share heads (attention) or ranges of students (LayerNorm, the FFN's activation) out over
  the cores (parallel.py), attention with one BLAS thread each. Each head or student is computed exactly as
  alone, so the split never shows in the numbers.
- whole heads below BLOCKED_FROM students: each range of heads takes gpt.attention's own steps on its whole
  [h, T, T] shares (_whole), which cost less there than the row blocks' extra calls and copies.
- row blocks from BLOCKED_FROM students on: after the scores' matrix product (the same call as
  gpt.attention's), softmax runs through a few rows of one head at a time, which stay in the core's cache
  through all five passes; in turn (causal) a row block skips the columns of students who have not spoken,
  whose shares are exactly 0 anyway. For long classes in turn (T=1024: a third of the work) the two products
  skip them too, in the pieces exact_blocks.plan found to round exactly as the whole products (else the whole
  products are made).
- LayerNorm and the FFN's activation run a few students' rows at a time (per_student), in the cache too.
- memory: the shares' array, from 32 MiB on, comes from malloc's heap (allocator.big_block), so the pages a
  freed one leaves are reused instead of mapped and zero-filled again for every layer of every forward.
- scaling: a power-of-two divisor (GPT-2's 8) divides the [T, d] questions instead of the [T, T] scores,
  which only moves exponents, so every score comes out the same.
- small inputs (the six-student lesson) take gpt.py's own calls without the wrappers around them.
tests/test_fast_equals_plain.py compares every step of a trace made here with one made by gpt.Plain, with
BLAS on one thread for both: OpenBLAS rounds a product shared over two threads differently, and attention's
products here always run on one (see below), the plain path's on BLAS's default.
"""
from __future__ import annotations

import contextlib
import math

import numpy as np

from . import allocator, exact_blocks, fast_small, gpt, parallel
from .functions import ACTIVATION, causal_mask, layer_norm, linear, no_mask, softmax

CHUNK = 1 << 15  # numbers of one head's rows softmax works on at once: 128 kB, well inside a core's L2 cache
ROWS = 64        # at least this many rows per block (a block's Python steps cost ~5 us)
BLOCKED_FROM = 320  # students from which attention works in row blocks (below: whole heads, _whole)


def attention(q, k, v, mask, divisor: float, edits=()):  # [H, T, d] x3, [T, T] -> [H, T, T], [H, T, d]
    """gpt.attention, head by head in row blocks, heads shared over the cores when the work is big."""
    if q.ndim != 3 or q.shape[1] != k.shape[1] or edits and q.shape[1] <= ROWS:
        return gpt.attention(q, k, v, mask, divisor, edits)  # batches, the key/value cache
    H, T, _ = q.shape
    if T <= ROWS:
        return _small(q, k, v, mask, divisor)
    causal = mask is causal_mask(T)  # the rule's own cached mask (a what-if mask is a new array)
    masked = causal or bool(mask.any())
    weights, context = _shares(H, T, q.dtype), np.empty_like(q)
    rows = max(ROWS, CHUNK // T)
    t = q.dtype.type
    # Dividing by a power of two (GPT-2's sqrt(64) = 8) only moves the exponent, so q / 8 . k is q . k / 8
    # exactly (each product and partial sum is the unscaled one over 8, unless it falls below float32's
    # smallest normal number, 1e-38): the [T, d] questions are scaled instead of the [T, T] scores (from
    # BLOCKED_FROM students on: below, checking and dividing q cost about what they save). Not when a
    # score could overflow (a what-if card of 1e30): q . k is inf where q / 8 . k is not, so the bound d x
    # max|q| x max|k|, above every partial sum, must stay finite (NaN in the bound fails the test too).
    fused = T >= BLOCKED_FROM and math.frexp(divisor)[0] == 0.5 and _bounded(q, k)

    plan = None  # exact_blocks.Plan: in turn, the products skip the students not yet heard (found below)

    def heads(a: int, b: int) -> None:  # heads a..b-1
        if T < BLOCKED_FROM:  # (never fused)
            return _whole(q[a:b], k[a:b], v[a:b], weights[a:b], context[a:b], mask if masked else None, divisor,
                          [(e.head - a, e.seat, e.index, e.value) for e in edits if a <= e.head < b])
        qh = np.divide(q[a:b], t(divisor)) if fused else q[a:b]
        by_rows = plan is not None and plan.scores
        # weights @ v over the students heard only while every opinion is finite: the whole product multiplies
        # the unheard students' 0 shares too, and 0 x inf is NaN in the plain path
        by_heard = plan is not None and plan.context and bool(np.isfinite(v[a:b]).all())
        if not by_rows:
            np.matmul(qh, k[a:b].swapaxes(-1, -2), out=weights[a:b])  # gpt.attention's call (dot_scores)
        for e in edits if not by_rows else ():
            if a <= e.head < b:  # a what-if raw score, divided as gpt.attention divides it
                weights[e.head, e.seat, e.index] = t(e.value) / t(divisor) if fused else e.value
        span = T if plan is None else plan.rows  # rows of one piece of the products (all of them: no plan)
        for h in range(a, b):
            w = weights[h]
            for p0 in range(0, T, span):
                p1 = min(T, p0 + span)
                if by_rows:  # these rows' scores only, for the students up to p1
                    exact_blocks.scores_rows(qh[h - a], k[h], w, p0, p1, plan.scores_upto(p1, T))
                    for e in edits:  # (a score at or beyond p1 is masked below, as in the plain path)
                        if e.head == h and p0 <= e.seat < p1:
                            w[e.seat, e.index] = t(e.value) / t(divisor) if fused else e.value
                for r0 in range(p0, p1, rows):
                    r1 = min(p1, r0 + rows)
                    if not fused:
                        s = w[r0:r1, :r1] if causal else w[r0:r1]
                        np.divide(s, t(divisor), out=s)          # divide_scores
                    if causal:
                        _softmax_heard(w, mask, r0, r1)
                    else:
                        _softmax_rows(w[r0:r1], mask[r0:r1] if masked else None)
                if by_heard:  # weights @ v over the students heard
                    exact_blocks.context_rows(w, v[h], context[h], p0, p1, plan.upto(p1))
        if not by_heard:
            np.matmul(weights[a:b], v[a:b], out=context[a:b])

    # One BLAS thread for these products whether split or not: thousands of small products on a busy
    # 2-core machine ran 20-50x slower on OpenBLAS's own threads (measured: 12 heads at T=128, 12 ms vs
    # 0.56 s), and its thread count changes its rounding, so one setting keeps the numbers the same too.
    work = H * T * (T + q.shape[-1])  # about the numbers this attention writes (weights and context)
    if parallel.blas_controllable():
        with parallel.one_blas_thread():
            if causal:  # found (and checked) under the same one BLAS thread as it is used
                plan = exact_blocks.plan(T, q.shape[-1], q.dtype)
            parallel.in_parts(heads, H, work)
    else:
        heads(0, H)
    return weights, context


def _whole(q, k, v, w, context, mask, divisor, edits) -> None:  # [h, T, d] x3, [h, T, T] out, [h, T, d] out
    """gpt.attention's steps on whole [h, T, T] arrays, written into w and context: below BLOCKED_FROM students
    the row blocks' extra calls and copies cost more than the cache they save. GPT-2's 12 heads of 64, one
    thread, CPU time, interleaved (load 8): row blocks took 1.17x gpt.attention's time at 128 students, 1.25x
    at 192, 1.03x at 384 and 0.89x at 512; this takes 0.70x the row blocks' time at 65, 0.86x at 128, 0.93x
    at 256 and 1.01x at 384 (the same on two threads, heads split over the cores either way). A whole forward
    + trace + answer (1 thread, CPU time, 9 interleaved rounds, load 8-9) took 0.99x main's at 128 and 256
    students and 1.015x at 384 (IQR 1.009-1.028), so the row blocks start between those, at 320.
    `edits` are (head within these heads, seat, index, raw score)."""
    np.matmul(q, k.swapaxes(-1, -2), out=w)   # gpt.attention's call (dot_scores)
    for head, seat, index, value in edits:    # a teacher's "what if this score were ..."
        w[head, seat, index] = value
    np.divide(w, w.dtype.type(divisor), out=w)  # divide_scores
    if mask is not None:
        np.copyto(w, -np.inf, where=mask)
    softmax(w, out=w)
    np.matmul(w, v, out=context)


def _bounded(q, k) -> bool:  # [H, T, d], [H, Tk, d]
    """True when no partial sum of q . k can reach float32's largest number, in any order: d x max|q| x max|k|
    below it (worked in float64; ~1 ms a layer of GPT-2 small at 1,024 students)."""
    big = float(np.finfo(q.dtype).max)
    most = float(np.maximum(q.max(), -q.min())) * float(np.maximum(k.max(), -k.min())) * q.shape[-1]  # NaN stays
    return most < big


def _softmax_rows(s, mask) -> None:  # [n, T] rows of one head's scores, [n, T] bool or None -> shares, in place
    """functions.softmax on whole rows (a contiguous block of the [T, T] scores), after the mask's -inf."""
    if mask is not None:
        np.copyto(s, -np.inf, where=mask)
    np.subtract(s, np.maximum.reduce(s, axis=-1, keepdims=True), out=s)
    np.exp(s, out=s)
    s /= np.add.reduce(s, axis=-1, keepdims=True)


def _softmax_heard(w, mask, r0: int, r1: int) -> None:  # [T, T] one head's scores, rows r0..r1-1, in place
    """functions.softmax of rows r0..r1-1 in turn, over the students up to r1 only: the rest are never heard,
    exp(-inf) = 0 in the plain path, so they are set to 0. The same operations on the same numbers:
    - the maximum, subtraction and exp over columns :r1 (a later column is -inf, which changes no maximum and
      whose exp is 0);
    - the sum over the whole row, zeros too: a shorter sum would group its terms differently (NumPy adds in
      pairs) and round differently;
    - the division of every column, as the plain path divides it (0 / sum is 0).
    The rows' first r1 columns are strided in w, and NumPy's binary steps over a strided [n, r1] block cost
    ~0.2 us a row more than over a contiguous one (at 1,024 students, twice a third of the step's cost), so the
    subtraction and exp run in a contiguous copy that is then put in place; the division runs over the whole,
    contiguous rows once they are at least half of the row, else from the copy."""
    s = w[r0:r1, :r1]
    np.copyto(s[:, r0:], -np.inf, where=mask[r0:r1, r0:r1])
    w[r0:r1, r1:] = 0
    e = np.subtract(s, np.maximum.reduce(s, axis=-1, keepdims=True))
    np.exp(e, out=e)
    np.copyto(s, e)
    total = np.add.reduce(w[r0:r1], axis=-1, keepdims=True)
    if 2 * r1 >= len(w):
        w[r0:r1] /= total
    else:
        np.divide(e, total, out=s)
        bad = ~np.isfinite(total[:, 0])  # a NaN or inf sum: the plain path's 0 / sum is NaN in the unheard part too
        if bad.any():
            w[r0:r1][bad, r1:] /= total[bad]


def _shares(H: int, T: int, dtype) -> np.ndarray:  # -> [H, T, T], uninitialised
    """The array attention writes its shares into. From 32 MiB on (GPT-2 small from ~840 students) it comes from
    malloc's heap (allocator.big_block), where the memory freed by the layer before or the forward before is
    reused: mapped on its own, each forward's shares were fresh zero-filled pages again."""
    if H * T * T * np.dtype(dtype).itemsize < allocator.MMAP_THRESHOLD:
        return np.empty((H, T, T), dtype)
    with allocator.big_block():
        return np.empty((H, T, T), dtype)


def _small(q, k, v, mask, divisor):  # [H, T, d] x3, [T, T] -> [H, T, T], [H, T, d]
    """gpt.attention's calls for a few students, with nothing between them (the six-student lesson spends
    most of its time in Python around NumPy calls); in discussion nothing is masked, so no mask is applied.
    The row maxima and then the row sums go into one [H, T, 1] array made here: a reduction into an array
    it is given costs less than one that makes its own."""
    w = np.matmul(q, k.swapaxes(-1, -2))
    np.divide(w, q.dtype.type(divisor), out=w)
    if mask is not no_mask(len(mask)):
        np.copyto(w, -np.inf, where=mask)
    col = np.maximum.reduce(w, -1, None, np.empty((*w.shape[:-1], 1), w.dtype), True)
    w -= col
    np.exp(w, out=w)
    w /= np.add.reduce(w, -1, None, col, True)
    return w, np.matmul(w, v)


BLOCK = 1 << 15  # numbers an elementwise step works on at once: input and output (256 kB) stay in L2


def per_student(step, x: np.ndarray, *args) -> np.ndarray:  # [T, n] -> [T, n]
    """step(x, *args) for a step that treats each student alone (LayerNorm, the FFN's activation), on a few
    students' rows at a time: GELU makes seven passes over GPT-2's [T, 3072] hidden units, and over the
    whole array (12 MB at 1,024 students) each pass went out to memory; in blocks of BLOCK numbers they stay
    in the core's cache (measured: 28 -> 14 ms a layer at 1,024 students). Ranges of students are also
    shared over the cores when the input is big, each written into its rows of one array. A student's
    numbers go through the same operations whatever rows surround them, so nothing changes bit for bit."""
    if x.ndim != 2 or x.size < 2 * BLOCK:
        return step(x, *args)
    out = np.empty_like(x)
    rows = max(1, BLOCK // x.shape[1])

    def part(a: int, b: int) -> None:
        for r in range(a, b, rows):
            step(x[r:min(b, r + rows)], *args, out=out[r:min(b, r + rows)])
    parallel.in_parts(part, len(x), x.size)
    return out


# multiply-adds of the FFN's first product between which a forward keeps BLAS on one thread: below LOW
# OpenBLAS keeps them on one anyway (and holding it costs ~20 us), above SMALL_FORWARD a second thread pays
LOW, SMALL_FORWARD = 1 << 18, 1 << 26


def blas_threads(T: int, config):
    """A context for a whole forward: BLAS on one thread when the sentence is short (GPT-2 small below ~28
    students, the teaching model always). Its products are then ~2 ms or less, and waking OpenBLAS's other
    thread for each cost more than it saved on a busy machine (measured at load 14: GPT-2 at T=8 took 3.1 s
    on two BLAS threads against 0.07-0.2 s on one)."""
    if LOW <= T * config.n_embd * config.d_ffn < SMALL_FORWARD and parallel.blas_controllable():
        return parallel.one_blas_thread()
    return contextlib.nullcontext()


def block_params(params, config, T: int):
    """What a forward's blocks read: for a small model (below LOW: the teaching model at every length) its
    fast_small.SmallWeights for T students, which Fast.block runs in fewer NumPy calls; else the params."""
    if T * config.n_embd * config.d_ffn >= LOW:
        return params
    small = fast_small.small_weights(params, config, T)
    return params if small is None else small


def block(x, params, config, layer: int, mask, edits=()):  # [T, C] -> every step, by name
    """gpt.transformer_block with these steps; fast_small.block when block_params made SmallWeights and no
    what-if edit touches this layer."""
    if edits or type(params) is not fast_small.SmallWeights:
        return gpt.transformer_block(x, params, config, layer, mask, edits, Fast)
    return fast_small.block(x, params, layer, mask, config.activation_function)


class Fast:
    """gpt.Plain's steps, as above (small inputs go straight to gpt.py's own functions)."""
    blas_threads = staticmethod(blas_threads)
    block_params = staticmethod(block_params)
    block = staticmethod(block)

    @staticmethod
    def layer_norm(x, g, b, eps):
        if g.ndim > 1:  # [T, C] rows of g and b (block_params' SmallWeights: ln_f): never split
            return fast_small.layer_norm_rows(x, g, b, eps)
        if x.size < parallel.MIN_WORK:
            return layer_norm(x, g, b, eps)
        return per_student(layer_norm, x, g, b, eps)

    @staticmethod
    def linear(x, w, b):  # [T, in], [in, out], [out] -> [T, out]
        """functions.linear, never while another thread holds one BLAS thread (parallel.usual_blas_threads):
        the worker's forward and a frame's derived step on the GUI thread each round as the forward alone.
        Products under LOW multiply-adds run on one thread in OpenBLAS whatever the count, so they skip the
        lock (the teaching model's every product)."""
        if len(x) * w.size >= LOW and parallel.blas_controllable():
            with parallel.usual_blas_threads():
                return linear(x, w, b)
        return linear(x, w, b)

    attention = staticmethod(attention)

    @staticmethod
    def head_context(weights, v):  # [T, T], [T, d] -> [T, d]
        """One head's weights @ v as attention above multiplies it (np.matmul head by head, on one BLAS
        thread); a lean layer makes one head's scores q[h] k[h]ᵀ with it (gpt.BlockSteps.head_product,
        trace.LayerTrace.weights_of). A change to how attention multiplies changes this too."""
        if parallel.blas_controllable():
            with parallel.one_blas_thread():
                return np.matmul(weights, v)
        return np.matmul(weights, v)

    @staticmethod
    def activation(name: str, x):
        return per_student(ACTIVATION[name], x)


def forward(*args, plain: bool = False, **kwargs):
    """gpt.forward with these steps: the forward the app runs (model.forward). `plain=True` runs gpt.Plain's
    steps instead (the same numbers, bit for bit)."""
    return gpt.forward(*args, ops=gpt.Plain if plain else Fast, **kwargs)
