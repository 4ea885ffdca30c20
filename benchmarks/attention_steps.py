"""Where one causal attention layer's time goes, step by step, against PyTorch's whole SDPA attention.

    python benchmarks/attention_steps.py [--lengths 512,1024] [--repeats 7] [--threads 1]
    PYTHONPATH=. /work/venv-torch/bin/python benchmarks/attention_steps.py --threads 1   # adds the SDPA rows

GPT-2 small's attention shapes (12 heads of 64), random cards. The steps are fast.attention's causal path on
one thread (row blocks of the scores, the products in exact_blocks' pieces), run here call by call with a
clock around each NumPy call; the result is checked bit for bit against fast.attention itself, so the table
describes the code the app runs. A step's time is the sum, over its calls, of each call's fastest round:
a busy machine preempts a few calls of a round, and the fastest round of each call drops those. The whole
layer (fast.attention, and torch's scaled_dot_product_attention and eager softmax when torch is importable)
is timed in turns, round by round, with the median and the fastest round: in the thread's CPU time with
--threads 1 (every step then runs on the calling thread; a busy machine's preemption does not count), else
in wall time. "ns/cell" divides by the heard
part of the scores, H x T (T + 1) / 2 cells, which SDPA's causal kernel also computes.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import blas_threads  # noqa: E402  (beside this file)

THREADS = blas_threads.from_argv(sys.argv[1:])  # before NumPy and torch load

import numpy as np  # noqa: E402

from classroom_gui.model import exact_blocks, fast, parallel  # noqa: E402
from classroom_gui.model.allocator import keep_freed_memory  # noqa: E402
from classroom_gui.model.functions import causal_mask  # noqa: E402

H, D, DIVISOR = 12, 64, 8.0  # GPT-2 small: 12 heads of 64, scores divided by sqrt(64)


def stepped(q, k, v, mask, laps):  # [H, T, d] x3, [T, T] -> weights, context; laps[step] += [seconds per call]
    """fast.attention's causal path for a power-of-two divisor on one thread, a clock around each call."""
    T = q.shape[1]
    plan = exact_blocks.plan(T, D, q.dtype)
    rows = max(fast.ROWS, fast.CHUNK // T)
    weights, context = fast._shares(H, T, q.dtype), np.empty_like(q)
    clock = time.perf_counter

    def lap(step, t0):
        t1 = clock()
        laps[step].append(t1 - t0)
        return t1

    t = clock()
    qh = np.divide(q, q.dtype.type(DIVISOR))
    t = lap("scale the questions", t)
    if plan is None or not plan.scores:
        np.matmul(qh, k.swapaxes(-1, -2), out=weights)
        t = lap("q . k", t)
    for h in range(H):
        w = weights[h]
        span = T if plan is None else plan.rows
        for p0 in range(0, T, span):
            p1 = min(T, p0 + span)
            if plan is not None and plan.scores:
                exact_blocks.scores_rows(qh[h], k[h], w, p0, p1, plan.scores_upto(p1, T))
                t = lap("q . k", t)
            for r0 in range(p0, p1, rows):
                r1 = min(p1, r0 + rows)
                s = w[r0:r1, :r1]
                np.copyto(s[:, r0:], -np.inf, where=mask[r0:r1, r0:r1])
                t = lap("mask (-inf)", t)
                w[r0:r1, r1:] = 0
                t = lap("unheard = 0", t)
                top = np.maximum.reduce(s, axis=-1, keepdims=True)
                t = lap("row maximum", t)
                e = np.subtract(s, top)
                t = lap("subtract", t)
                np.exp(e, out=e)
                t = lap("exp", t)
                np.copyto(s, e)
                t = lap("copy back", t)
                total = np.add.reduce(w[r0:r1], axis=-1, keepdims=True)
                t = lap("row sum", t)
                if 2 * r1 >= T:
                    w[r0:r1] /= total
                else:
                    np.divide(e, total, out=s)
                t = lap("divide", t)
            if plan is not None and plan.context:
                exact_blocks.context_rows(w, v[h], context[h], p0, p1, plan.upto(p1))
                t = lap("weights . v", t)
    if plan is None or not plan.context:
        np.matmul(weights, v, out=context)
        lap("weights . v", t)
    return weights, context


def torch_runs(q, k, v, mask):
    """{name: fn} for torch's SDPA (causal) and eager attention on the same cards, or {} without torch."""
    try:
        import torch
    except ImportError:
        return {}
    if THREADS:
        torch.set_num_threads(int(THREADS))
    tq, tk, tv = (torch.from_numpy(a)[None] for a in (q, k, v))
    tmask = torch.from_numpy(mask.copy())

    def sdpa():
        with torch.inference_mode():
            torch.nn.functional.scaled_dot_product_attention(tq, tk, tv, is_causal=True)

    def eager():  # transformers' eager GPT-2 attention: the whole [T, T] scores, masked, softmax, then @ v
        with torch.inference_mode():
            w = (tq @ tk.transpose(-1, -2)) / DIVISOR
            (w.masked_fill(tmask, float("-inf")).softmax(-1)) @ tv
    return {"torch SDPA": sdpa, "torch eager": eager}


def one_length(T: int, repeats: int) -> None:
    rng = np.random.default_rng(T)
    q, k, v = (rng.standard_normal((H, T, D), dtype=np.float32) * np.float32(0.5) for _ in range(3))
    mask = causal_mask(T)
    whole = {"fast.attention": lambda: fast.attention(q, k, v, mask, DIVISOR), **torch_runs(q, k, v, mask)}
    per_round, times = [], defaultdict(list)
    with parallel.one_blas_thread():
        got = stepped(q, k, v, mask, defaultdict(list))
        want = fast.attention(q, k, v, mask, DIVISOR)
        same = all(np.array_equal(a, b) for a, b in zip(got, want))
        del got, want
        for _ in range(repeats):
            laps = defaultdict(list)
            stepped(q, k, v, mask, laps)
            per_round.append(laps)
    clock = time.thread_time if THREADS == "1" else time.perf_counter
    for _ in range(repeats):  # the whole layers in turns (fast.attention takes its own BLAS setting)
        for name, fn in whole.items():
            t0 = clock()
            fn()
            times[name].append(clock() - t0)
    cells = H * T * (T + 1) / 2
    steps = {name: sum(min(r[name][i] for r in per_round) for i in range(len(per_round[0][name])))
             for name in per_round[0]}
    total = sum(steps.values())
    print(f"\nT={T}, {H} heads of {D}, BLAS threads {THREADS or 'default'}, load {os.getloadavg()[0]:.1f}; "
          f"steps bit-equal to fast.attention: {'yes' if same else 'NO (the table no longer describes fast.py)'}")
    print(f"{'step (fastest round of each call)':<34} {'ms/layer':>9} {'ns/cell':>8} {'share':>6}")
    for name, sec in sorted(steps.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<32} {sec * 1e3:9.2f} {sec / cells * 1e9:8.2f} {100 * sec / total:5.1f} %")
    print(f"  {'sum of the steps':<32} {total * 1e3:9.2f} {total / cells * 1e9:8.2f}")
    print(f"{'whole layer, in turns (' + ('CPU' if THREADS == '1' else 'wall') + ' ms)':<34} "
          f"{'median':>9} {'fastest':>8} {'ns/cell':>8}")
    for name, ts in times.items():
        print(f"  {name:<32} {np.median(ts) * 1e3:9.2f} {min(ts) * 1e3:8.2f} {min(ts) / cells * 1e9:8.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lengths", default="512,1024", help="students (more than fast.ROWS: the row-block path)")
    ap.add_argument("--repeats", type=int, default=7, help="rounds per length")
    ap.add_argument("--threads", help="BLAS (and torch) threads, set before NumPy loads")
    args = ap.parse_args(argv)
    keep_freed_memory()
    if not parallel.blas_controllable():
        raise SystemExit("attention_steps needs OpenBLAS under threadpoolctl (fast.attention's one-thread path)")
    for T in (int(n) for n in args.lengths.split(",")):
        if T <= fast.ROWS:
            raise SystemExit(f"T={T}: fast.attention takes its small path up to {fast.ROWS} students; use more")
        one_length(T, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
