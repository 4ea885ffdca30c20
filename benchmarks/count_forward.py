"""Count the work of one teaching-model forward at T=6 ("The cat sat on the mat") without a clock: machine
instructions and NumPy calls per forward, measured with valgrind's callgrind.

    python benchmarks/count_forward.py [--forwards N] [--mask causal|none]

Wall time on this VM moves 30-80 % from run to run with the same work (bench_forward.py's median against its
min); an instruction count does not move with the load, so it is the measure to compare two versions of the
forward with. The script runs itself twice under callgrind, after the same warm-up: once with no measured
forwards and once with N, and divides the difference by N (start-up, imports and the warm-up cancel out).
From the same two runs it counts, per forward, how often NumPy's entry points were called:
  ufunc calls     every elementwise call or operator (x + y, y *= g, np.exp, np.maximum, np.matmul, ...)
    of which reductions  np.add.reduce / np.maximum.reduce (each builds an iterator: ~9,000 instructions)
  ndarray.dot     the BLAS products through ndarray.dot
  arrays made     PyArray_NewFromDescr (new arrays and views)
  malloc          C allocations (NumPy keeps a cache of small blocks; bigger ones come from malloc)
Needs valgrind on PATH (the answer is exit status 2 and one line without it).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "The cat sat on the mat"
WARMUP = 50
# callgrind function names -> what the table calls them (summed when several map to one)
ENTRY_POINTS = {"ufunc_generic_fastcall": "ufunc calls", "PyUFunc_GenericReduction": "  of which reductions",
                "array_dot": "ndarray.dot", "PyArray_NewFromDescr_int": "arrays made", "malloc": "malloc"}


def run_forwards(n: int, mask: str) -> None:  # inside callgrind: warm up, then n forwards
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from classroom_gui.model import forward, load_checkpoint
    from classroom_gui.model.allocator import keep_freed_memory
    from classroom_gui.resources import teaching_model_dir

    keep_freed_memory()  # as the app and bench_forward.py do
    ckpt = load_checkpoint(teaching_model_dir())
    ids = np.array([t.id for t in ckpt.tokenizer.encode(SENTENCE)])
    for _ in range(WARMUP + n):
        forward(ids, ckpt.params, ckpt.config, mask=mask)


def callgrind(n: int, mask: str, folder: str) -> tuple[int, Counter]:
    """Total instructions of a run with n measured forwards, and the calls of every function by name."""
    out = os.path.join(folder, f"callgrind.{n}.out")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
           "--inside", str(n), "--mask", mask]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return parse(out)


def parse(path: str) -> tuple[int, Counter]:
    """callgrind's output: 'summary: N' (instructions), and per call site 'cfn=(id) name' then 'calls=K ...'."""
    names, calls, total, callee = {}, Counter(), 0, None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith(("fn=", "cfn=")):
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                callee = m.group(1) if line.startswith("cfn=") else None
            elif line.startswith("calls=") and callee is not None:
                calls[names[callee]] += int(line.split()[0][len("calls="):])
                callee = None
            elif line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
    return total, calls


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--forwards", type=int, default=200, help="measured forwards (default 200)")
    ap.add_argument("--mask", choices=["causal", "none"], default="causal", help="the classroom's rule")
    ap.add_argument("--inside", type=int, help=argparse.SUPPRESS)  # the run under callgrind
    args = ap.parse_args(argv)
    if args.inside is not None:
        run_forwards(args.inside, args.mask)
        return 0
    if args.forwards < 1:
        ap.error("--forwards must be at least 1")
    if shutil.which("valgrind") is None:
        print("count_forward: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        base_total, base_calls = callgrind(0, args.mask, folder)
        total, calls = callgrind(args.forwards, args.mask, folder)
    n = args.forwards
    print(f"teaching model, T=6 ({SENTENCE!r}), rule {args.mask}, {n} forwards after {WARMUP} warm-up ones")
    print(f"{'instructions per forward':<28}{(total - base_total) / n:>12,.0f}")
    per = Counter()
    for name, label in ENTRY_POINTS.items():
        per[label] += (calls[name] - base_calls[name]) / n
    for label, count in per.items():
        print(f"{label:<28}{count:>12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
