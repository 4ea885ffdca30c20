"""What the teaching model's shape costs at six students: the T=6 forward of the shipped checkpoint and of
random weights in other shapes #11 allows, timed in turns call by call (so every shape sees the same load).

    python benchmarks/bench_forward_shapes.py [--budget SECONDS] [--clock wall|cpu]

At six students the forward's cost is the number of NumPy calls (count_forward.py), which grows with the
layers, not with the width: this says how much a shape with fewer layers (or more heads) would save before
anyone trains it. The weights' values do not change the time, so random weights stand in for untrained
shapes; the shipped checkpoint is timed too, with the seed's sentence. The NumPy floor (bench_forward.py)
shows the machine's own spread at the time, as in bench_forward.py.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

import bench_forward as bf  # noqa: E402  (beside this file)
from classroom_gui.model import forward  # noqa: E402
from random_weights import random_params  # noqa: E402

# (layers, heads, notebook width, FFN units): heads of 8 numbers, an FFN 4x the notebook
SHAPES = [(3, 3, 24, 96), (2, 3, 24, 96), (2, 4, 32, 128), (4, 4, 32, 128)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of timing (all shapes in turns)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = parser.parse_args(argv)
    bf.CLOCK = time.thread_time if args.clock == "cpu" else time.perf_counter
    name, config, params, ids = bf.teaching_model()
    ids = ids if ids is not None else np.arange(6) % config.vocab_size
    cases = [(name, config, params)]
    for L, H, C, F in SHAPES:
        shape = replace(config, n_layer=L, n_head=H, n_embd=C, n_inner=F)
        cases.append((f"random {L} layers x {H} heads, {C} numbers", shape, random_params(shape, seed=L * 100 + H)))
    fns = [(lambda c=c, p=p: forward(ids, p, c)) for _, c, p in cases] + [bf.numpy_floor()]
    print(f"load average at the start: {os.getloadavg()[0]:.2f}; T={len(ids)}, {args.clock} clock", flush=True)
    t = bf.timings(fns, min_repeats=2000, budget_s=args.budget, warmup=50)
    base = np.median(t[:, 0])
    print(f"{'case':<44}{'median':>9}{'p95':>9}{'min':>9}{'vs shipped':>11}   (ms; {len(t)} calls each)")
    for col, what in enumerate([c[0] for c in cases] + [f"NumPy floor ({bf.FLOOR_CALLS} x + y)"]):
        s = bf.spread(t[:, col])
        print(f"{what:<44}{s['med'] * 1e3:9.3f}{s['p95'] * 1e3:9.3f}{s['min'] * 1e3:9.3f}"
              f"{s['med'] / base:11.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
