"""GPT-2-small-shaped model in the classroom's NumPy code against Hugging Face's PyTorch GPT-2: forward with the
trace, one more word with the key/value cache, and the memory one forward adds.

    python benchmarks/bench_gpt2.py [--repeats 15] [--lengths 8,32,128,512,1024] [--threads N] [--no-memory]
                                    [--clock wall|cpu] [--compare-only]
    PYTHONPATH=. /work/venv-torch/bin/python benchmarks/bench_gpt2.py --threads 1     # adds the PyTorch columns

Weights: random, GPT-2 small's shapes (12 layers, 12 heads, n_embd 768, vocab 50257, n_positions 1024,
gelu_new), float32 N(0, 1) * 0.02, LayerNorm gains 1 and biases 0 (the numbers do not change the cost).
Goals:
  forward + trace, T=64 (forward() plus the answer's logits, trace.next_logits)                < 0.15 s
  one more word with the key/value cache (kv_cache.step) after a trace of T=64 and of T=512   < 30 ms
  peak RSS of weights + trace at T=512, in a fresh process                                  <= 1.2 GB
  memory one forward adds, T=512 and 1024: <= 1.2x PyTorch eager returning its attentions     (issue #18)
  forward + trace <= 0.9x PyTorch with SDPA attention, T=8 to 1024, on 1 and 2 threads         (issue #18)
  (bench_sdpa_floor.py prints the same ratio beside the floor: the matrix products alone on each side's BLAS)
  (with PyTorch, the table ends with a fit ms = a + c*T + b*T^2 of each column: b is the T^2 term)
PyTorch (torch_gpt2.py: transformers' GPT2Model on the same weights, torch.inference_mode, last position's
logits) runs in turns with NumPy, call by call, so all see the same machine load; a ratio is the median
over rounds of numpy time / torch time, with the middle half of the rounds' ratios beside it. "eager" returns
every layer's attention weights (as the classroom's trace holds them); "sdpa" fuses attention and returns
hidden states only. NumPy runs as in the app, with OpenBLAS's threads told to sleep ~0.4 ms after a product
(classroom_gui sets OPENBLAS_THREAD_TIMEOUT, see blas_threads.py). Memory is the rise of the resident set in a
fresh process from just before the forward to its peak (Linux: /proc/self/clear_refs resets the peak).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a source checkout


import blas_threads  # noqa: E402  (beside this file)

THREADS = blas_threads.from_argv(sys.argv[1:])  # before NumPy and torch load

import numpy as np  # noqa: E402
from proc_status import status  # noqa: E402  (beside this file)
from random_weights import GPT2_SMALL, random_params  # noqa: E402  (beside this file)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # torch_gpt2.py, for the memory child

GOAL_FORWARD_S, GOAL_STEP_S, GOAL_PEAK_GB = 0.15, 0.030, 1.2
GB = 1e9  # decimal gigabytes throughout; the peak is also given in GiB


def ids_for(config, T: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, config.vocab_size, T)


CLOCK = time.perf_counter  # --clock cpu: time.process_time (the work itself, on a busy machine; one thread)


def timed(fns, repeats: int, warmup: int = 2) -> np.ndarray:
    """Seconds per call, [repeats, len(fns)], the functions taking turns call by call."""
    for fn in fns:
        for _ in range(warmup):
            fn()
    rows = []
    for _ in range(repeats):
        row = []
        for fn in fns:
            t0 = CLOCK()
            fn()
            row.append(CLOCK() - t0)
        rows.append(row)
    return np.array(rows)


def forward_with_answer(ids, params, config):
    from classroom_gui.model import forward
    trace = forward(ids, params, config)
    trace.next_logits  # the answer: the last student's logits (computed on demand since the lazy Trace)
    return trace


def forward_rows(params, config, repeats: int) -> list:
    """The T=64 forward's rows: with and without the answer's logits."""
    from classroom_gui.model import forward
    ids = ids_for(config, 64)
    t = timed([lambda: forward(ids, params, config), lambda: forward_with_answer(ids, params, config)], repeats)
    med = np.median(t, axis=0)
    return [("forward, trace, T=64", "-", f"{med[0] * 1e3:.1f} ms (p95 {np.percentile(t[:, 0], 95) * 1e3:.1f})", None),
            ("forward + trace + next_logits, T=64", f"< {GOAL_FORWARD_S * 1e3:.0f} ms",
             f"{med[1] * 1e3:.1f} ms (p95 {np.percentile(t[:, 1], 95) * 1e3:.1f})", med[1] < GOAL_FORWARD_S)]


def step_rows(params, config, repeats: int) -> list:
    """One more word with the key/value cache after T=64 and T=512, checked against the forward's answer."""
    from classroom_gui.model import forward
    from classroom_gui.model.kv_cache import cache_from_trace, step
    rows = []
    for T in (64, 512):
        ids = ids_for(config, T + 1)
        trace = forward(ids[:T], params, config)
        cache = cache_from_trace(trace)
        logits = step(int(ids[T]), T, cache, params, config)
        want = forward_with_answer(ids, params, config).next_logits
        diff = float(np.abs(logits - want).max())
        t = timed([lambda c=cache: step(int(ids[T]), T, c, params, config)], max(repeats, 20), warmup=3)[:, 0]
        rows.append((f"kv_cache.step after T={T} (one more word)", f"< {GOAL_STEP_S * 1e3:.0f} ms",
                     f"{np.median(t) * 1e3:.1f} ms (p95 {np.percentile(t, 95) * 1e3:.1f}; |dlogit| vs forward {diff:.1e})",
                     np.median(t) < GOAL_STEP_S))
        del trace, cache
    return rows


# ---- peak memory, in a fresh process --------------------------------------------------------------------

def trace_arrays(trace) -> dict[str, int]:
    """Bytes held by each kind of array of the trace (per-layer arrays summed over layers), not counting the
    weights it references; a memo in trace.cache or the lesson's cache of it counts as 'cache.<name>'."""
    import dataclasses

    sizes: dict[str, int] = {}
    seen: set[int] = set()  # an array held twice (a layer's x is the layer before's output) counts once

    def add(name, value):
        if isinstance(value, np.ndarray) and id(value) not in seen:
            seen.add(id(value))
            sizes[name] = sizes.get(name, 0) + value.nbytes

    for f in dataclasses.fields(trace):
        if f.name not in ("params", "layers", "cache"):
            add(f.name, getattr(trace, f.name))
    for layer in trace.layers:
        for f in dataclasses.fields(layer):
            add("layer." + f.name, getattr(layer, f.name))
        for name, value in layer.steps.items():  # a lean layer's steps, once derived
            add("layer." + name, value)
    from classroom_gui.lesson.cache import cache_of

    for key, value in {**trace.cache, **cache_of(trace)}.items():
        add("cache." + str(key), value)
    return sizes


def _reset_peak() -> bool:
    """Start VmHWM (the peak resident set) again from now; False where the kernel does not allow it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def memory_child(T: int, touch: str, impl: str = "numpy") -> dict:
    """Runs in a fresh interpreter: resident memory before and at the peak of one forward, NumPy or torch."""
    out = {"start": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}  # Linux reports KiB
    config = GPT2_SMALL
    params = random_params(config)
    out["weights_bytes"] = sum(a.nbytes for a in params.values())
    ids = ids_for(config, T)
    if impl == "numpy":
        from classroom_gui.model import forward
        run = lambda: forward(ids, params, config)  # noqa: E731
    else:
        import torch_gpt2
        torch_run, _ = torch_gpt2.runner(params, config, impl)
        run = lambda: torch_run(ids)  # noqa: E731  (the logits and everything the forward returned)
    import gc
    gc.collect()
    out["weights"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out["before"] = status("VmRSS")
    out["reset"] = _reset_peak()
    result = run()
    out["peak"] = status("VmHWM")
    out["after"] = status("VmRSS")  # what the result still holds, besides what was freed
    out["trace"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if impl == "numpy":
        for name in filter(None, touch.split(",")):
            getattr(result, name)
        out["arrays"] = trace_arrays(result)
    out["touched"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out["vmhwm"] = status("VmHWM")
    return out


def memory(T: int, touch: str = "", default_malloc: bool = False, impl: str = "numpy") -> dict:
    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--memory-child", str(T), "--touch", touch,
                        "--impl", impl] + (["--default-malloc"] if default_malloc else []),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"memory child failed:\n{r.stderr}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def t_squared_fit(torch_rows) -> str:
    """ms = a + c*T + b*T^2 fitted (least squares) to each column's medians: b is the attention's T^2 term
    (the linears grow with T, attention's [T, T] work with T^2), compared between NumPy and SDPA."""
    T = np.array([row[0] for row in torch_rows], float)
    X = np.stack([np.ones_like(T), T, T * T], axis=1)
    lines = ["fit ms = a + c*T + b*T^2 over T = " + ", ".join(str(int(t)) for t in T)]
    for name, col in (("numpy", 0), ("eager", 1), ("sdpa", 2)):
        ms = np.array([row[1][col] for row in torch_rows]) * 1e3
        a, c, b = np.linalg.lstsq(X, ms, rcond=None)[0]
        lines.append(f"  {name:<6} a {a:8.1f} ms  c {c:7.3f} ms/T  b {b:.3e} ms/T^2")
    return "\n".join(lines)


# ---- main ------------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15, help="timed rounds per case (medians reported)")
    ap.add_argument("--lengths", default="8,32,128,512,1024", help="students for the PyTorch comparison")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocesses")
    ap.add_argument("--threads", type=int, help="BLAS / torch threads (default: their own default)")
    ap.add_argument("--no-torch", action="store_true", help="skip PyTorch even if it can be imported")
    ap.add_argument("--compare-only", action="store_true",
                    help="only the PyTorch comparison table (no T=64 forward, key/value step or memory: implies --no-memory)")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="cpu: the process's CPU time (with --threads 1: the work itself, which a busy machine "
                         "inflates less than the wall time)")
    ap.add_argument("--default-malloc", action="store_true", help="do not call keep_freed_memory() as the app does")
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--touch", default="", help=argparse.SUPPRESS)
    ap.add_argument("--impl", default="numpy", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    global CLOCK
    if args.clock == "cpu":
        if args.threads != 1:
            ap.error("--clock cpu needs --threads 1 (CPU time adds up every thread's)")
        CLOCK = time.process_time
    from classroom_gui.model.allocator import keep_freed_memory

    kept = False if args.default_malloc else keep_freed_memory()
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child, args.touch, args.impl)))
        return 0

    torch = None
    if not args.no_torch:
        try:
            import torch
            if args.threads:
                torch.set_num_threads(args.threads)
        except ImportError:
            torch = None
    print(f"python {platform.python_version()}, numpy {np.__version__}, BLAS threads {THREADS or 'default'}, "
          f"{args.clock} clock, "
          f"{os.cpu_count()} CPUs, freed memory kept: {'yes' if kept else 'no'}, "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    # first, while this process is small: a child's ru_maxrss starts from its parent's high-water mark
    # (Linux keeps it across fork and exec), so children forked after the weights exist would report ours
    mem, mem_rows, mem_table = None, [], []
    if not (args.no_memory or args.compare_only):
        runs = [memory(512, default_malloc=args.default_malloc) for _ in range(3)]
        mem = sorted(runs, key=lambda m: m["trace"])[1]  # the median run
        mem_rows.append(("peak RSS, weights + trace T=512", f"<= {GOAL_PEAK_GB} GB",
                         f"{mem['trace'] / GB:.3f} GB = {mem['trace'] / 2**30:.3f} GiB "
                         f"(runs: {', '.join(format(m['trace'] / GB, '.3f') for m in runs)} GB)",
                         mem["trace"] <= GOAL_PEAK_GB * GB))
        probs = memory(512, "next_logits,probs", args.default_malloc)
        mem_rows.append(("  ... and after asking trace.probs ([T, V])", "-", f"{probs['touched'] / GB:.3f} GB", None))
        for T in (512, 1024):
            ours = memory(T, default_malloc=args.default_malloc)
            theirs = memory(T, impl="eager") if torch is not None else None
            mem_table.append((T, ours, theirs))

    config = GPT2_SMALL
    params = random_params(config)
    print(f"GPT-2 small shapes, random weights: {sum(a.size for a in params.values()) / 1e6:.1f} M parameters, "
          f"{sum(a.nbytes for a in params.values()) / GB:.3f} GB")
    rows = []  # (what, goal text, value text, ok)

    if not args.compare_only:
        rows += forward_rows(params, config, args.repeats) + step_rows(params, config, args.repeats)

    rows += mem_rows
    torch_rows, about = [], "skipped" if args.no_torch else "not importable here (run under the torch venv)"
    if torch is not None:
        import torch_gpt2
        eager, about = torch_gpt2.runner(params, config, "eager")
        sdpa, _ = torch_gpt2.runner(params, config, "sdpa")
        for T in [int(n) for n in args.lengths.split(",")]:
            ids = ids_for(config, T)
            ours = forward_with_answer(ids, params, config).next_logits
            diff = max(float(np.abs(run(ids)[0] - ours).max()) for run in (eager, sdpa))
            t = timed([lambda: forward_with_answer(ids, params, config), lambda: eager(ids), lambda: sdpa(ids)],
                      max(7, args.repeats if T < 512 else args.repeats // 2), warmup=1 if T >= 512 else 2)
            torch_rows.append((T, np.median(t, axis=0), t[:, 0] / t[:, 1], t[:, 0] / t[:, 2], diff, len(t)))

    print(f"\n{'case':<46} {'goal':>10}  {'median':<54} ok?")
    for what, goal, value, ok in rows:
        print(f"{what:<46} {goal:>10}  {value:<54} {'' if ok is None else 'yes' if ok else 'NO'}")
    print(f"\nPyTorch: {about}")
    if torch_rows:
        print(f"{'T':>5} {'numpy ms':>9} {'eager ms':>9} {'sdpa ms':>9} {'np/eager':>9} {'middle half':>12} "
              f"{'np/sdpa':>8} {'middle half':>12} {'|dlogit|':>9} {'rounds':>7}   goal np/sdpa <= 0.9")
        for T, med, r_eager, r_sdpa, diff, n in torch_rows:
            q_e, q_s = np.percentile(r_eager, [25, 75]), np.percentile(r_sdpa, [25, 75])
            print(f"{T:>5} {med[0] * 1e3:9.1f} {med[1] * 1e3:9.1f} {med[2] * 1e3:9.1f} {np.median(r_eager):9.2f} "
                  f"{q_e[0]:6.2f}-{q_e[1]:<5.2f} {np.median(r_sdpa):8.2f} {q_s[0]:6.2f}-{q_s[1]:<5.2f} {diff:9.1e} {n:>7}"
                  f"   {'met' if np.median(r_sdpa) <= 0.9 else 'NOT met'}")
        if len(torch_rows) >= 3:
            print(t_squared_fit(torch_rows))
    if mem_table:
        print("\nmemory one forward adds (resident set, fresh process: peak during the forward - before it; "
              "kept: after it - before it), goal numpy peak <= 1.2x torch eager's")
        print(f"{'T':>5} {'numpy peak':>11} {'kept':>8} {'torch peak':>11} {'kept':>8} {'ratio':>6}")
        for T, ours, theirs in mem_table:
            a, ak = ours["peak"] - ours["before"], ours["after"] - ours["before"]
            line = f"{T:>5} {a / 1e6:8.0f} MB {ak / 1e6:5.0f} MB"
            if theirs is not None:
                b, bk = theirs["peak"] - theirs["before"], theirs["after"] - theirs["before"]
                line += f" {b / 1e6:8.0f} MB {bk / 1e6:5.0f} MB {a / b:6.2f}  {'met' if a <= 1.2 * b else 'NOT met'}"
            print(line + ("" if ours["reset"] else "  (peak not resettable here: ru_maxrss)"))
    if mem is not None:
        print(f"\npeak memory at T=512 (median run): interpreter + imports {mem['start'] / GB:.3f} GB, "
              f"+ weights {(mem['weights'] - mem['start']) / GB:.3f} GB (arrays {mem['weights_bytes'] / GB:.3f}), "
              f"+ forward {(mem['trace'] - mem['weights']) / GB:.3f} GB; /proc VmHWM {mem['vmhwm'] / GB:.3f} GB")
        arrays = sorted(mem["arrays"].items(), key=lambda kv: -kv[1])
        total = sum(v for _, v in arrays)
        print(f"trace arrays (not counting the weights it references): {total / GB:.3f} GB")
        for name, size in arrays[:12]:
            print(f"  {name:<22} {size / 1e6:8.1f} MB  {100 * size / total:5.1f} %")
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
