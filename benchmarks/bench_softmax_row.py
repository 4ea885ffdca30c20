"""CPU cost of the softmax row as the boards write it (lesson.softmax_row.shown_softmax) at 512-1,024 students:
random rows shaped as a model's (scaled scores of spread 1 and 3, in turn with a random asker, the model's shares
in float32; the ÷√8 board's scores for a checkout whose row still took them, before fix30), median ms per row over
--rows rows, and the distribution of the digits chosen (exp() decimals; rows with a share said ≈).

    python benchmarks/bench_softmax_row.py [--students 512,1024] [--rows 40] [--repeat 3]

The code measured is the checkout this file sits in (its source first on sys.path); for a before/after, run the
other checkout's copy, or put its source first with PYTHONPATH, under the same load.
"""
from __future__ import annotations

import argparse
import collections
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT8 = 2.8284271247461903


def rows(n: int, spread: float, count: int, rng) -> list:
    out = []
    for _ in range(count):
        scaled = rng.normal(0, spread, n).astype(np.float32)
        mask = np.arange(n) > rng.integers(n // 2, n)
        z = np.where(mask, -np.inf, scaled.astype(np.float64))
        e = np.exp(z - z.max())
        out.append((scaled, mask, (e / e.sum()).astype(np.float32), (scaled * np.float32(ROOT8))[:64]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="512,1024")
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from classroom_gui.lesson import softmax_row
    new = "divisor" in softmax_row.shown_softmax.__code__.co_varnames
    rng = np.random.default_rng(0)
    for n in (int(x) for x in args.students.split(",")):
        for spread in (1.0, 3.0):
            batch, times, digits = rows(n, spread, args.rows, rng), [], collections.Counter()
            for scaled, mask, weights, scores in batch:
                call = (scaled, mask, weights) + ((scores, ROOT8) if new else ())
                best = min(_timed(softmax_row.shown_softmax, call) for _ in range(args.repeat))
                times.append(best)
                shown = softmax_row.shown_softmax(*call)
                digits[len(next(e for e, m in zip(shown.exp, mask) if not m).split(".")[1])] += 1
                digits["≈ share"] += bool(getattr(shown, "near", ()))
            print(f"{n} students, spread {spread}: median {statistics.median(times):.2f} ms, "
                  f"max {max(times):.2f} ms per row; exp() decimals {dict(sorted(digits.items(), key=str))}")


def _timed(fn, call) -> float:
    start = time.process_time()
    fn(*call)
    return (time.process_time() - start) * 1e3


if __name__ == "__main__":
    main()
