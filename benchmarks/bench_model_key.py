"""What working out a model's settings-file key (app.model_identity.content_digest) costs at start-up, on the GUI
thread (window.py works it out before the window is built), for the teaching model and a GPT-2-small-sized weights
file laid out as Hugging Face's (548 MB, with its twelve constant `attn.bias` masks), each with the file evicted
from the page cache (cold: posix_fadvise DONTNEED) and read again right after (warm).

    python benchmarks/bench_model_key.py [--runs 5] [--keep DIR]

Goals (median of --runs): teaching model cold <= 20 ms, warm <= 5 ms; GPT-2 small cold <= 300 ms, warm <= 20 ms.
The start-up ratio itself (<= 1.05x a bare window) is bench_startup.py's.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from classroom_gui.app.model_identity import content_digest, spans  # noqa: E402
from classroom_gui.resources import teaching_model_dir  # noqa: E402

GOALS_MS = {"teaching model": (20.0, 5.0), "GPT-2 small": (300.0, 20.0)}  # (cold, warm)


def gpt2_file(folder: Path) -> Path:
    """Random GPT-2-small weights with HF's names and its causal masks, written once (548 MB)."""
    from safetensors.numpy import save_file

    from random_weights import GPT2_SMALL, random_params

    path = folder / "model.safetensors"
    if not path.exists():
        params = random_params(GPT2_SMALL)
        mask = np.tril(np.ones((1024, 1024), np.float32))[None, None]
        params.update({f"h.{i}.attn.bias": mask for i in range(GPT2_SMALL.n_layer)})
        save_file(params, str(path))
    return path


def evict(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def timed(path: Path) -> float:
    start = time.perf_counter()
    content_digest(path)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", help="a folder to write (and keep) the GPT-2-sized file in")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        ok = True
        for name, path in (("teaching model", teaching_model_dir() / "model.safetensors"),
                           ("GPT-2 small", gpt2_file(folder))):
            cold, warm = [], []
            for _ in range(args.runs):
                evict(path)
                cold.append(timed(path))
                warm.append(timed(path))
            with open(path, "rb") as f:
                n = int.from_bytes(f.read(8), "little")
                read = len(spans(json.loads(f.read(n))))
            got = statistics.median(cold), statistics.median(warm)
            goal = GOALS_MS[name]
            ok &= got[0] <= goal[0] and got[1] <= goal[1]
            print(f"{name}: {path.stat().st_size / 2**20:.1f} MB, {read} tensors read; cold {got[0]:.1f} ms "
                  f"(goal {goal[0]:.0f}), warm {got[1]:.2f} ms (goal {goal[1]:.0f})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
