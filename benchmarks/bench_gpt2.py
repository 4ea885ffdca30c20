"""GPT-2-small-shaped model in the classroom's NumPy code: forward with the full trace, one more word with
the key/value cache, peak memory, and (when torch can be imported) Hugging Face's PyTorch GPT-2 for the ratio.

    python benchmarks/bench_gpt2.py [--repeats 15] [--no-memory] [--threads N] [--default-malloc]
    PYTHONPATH=. /work/.venv-torch/bin/python benchmarks/bench_gpt2.py     # adds the PyTorch columns

Weights: random, GPT-2 small's shapes (12 layers, 12 heads, n_embd 768, vocab 50257, n_positions 1024,
gelu_new), float32 N(0, 1) * 0.02, LayerNorm gains 1 and biases 0 (the numbers do not change the cost).
Goals:
  forward + full trace, T=64 (forward() plus the answer's logits, trace.next_logits)          < 0.15 s
  one more word with the key/value cache (kv_cache.step) after a trace of T=64 and of T=512   < 30 ms
  peak RSS of weights + full trace at T=512, in a fresh process                             <= 1.2 GB
PyTorch (transformers' GPT2Model on the same weights, torch.inference_mode, last position's logits
only, as the classroom's answer) runs in turns with NumPy, call by call, so both see the same machine
load; np/torch is the median over rounds of numpy time / torch time. NumPy runs as in the app: with its
OpenBLAS threads told to sleep ~0.4 ms after a product (classroom_gui sets OPENBLAS_THREAD_TIMEOUT, see
blas_threads.py). With OpenBLAS's default 0.1 s of spinning they held a core into torch's turn, which made
torch look slower than it is (T=32: 175 ms instead of 100-115).
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
from random_weights import GPT2_SMALL, random_params  # noqa: E402  (beside this file)

GOAL_FORWARD_S, GOAL_STEP_S, GOAL_PEAK_GB = 0.15, 0.030, 1.2
GB = 1e9  # decimal gigabytes throughout; the peak is also given in GiB


def ids_for(config, T: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, config.vocab_size, T)


def timed(fns, repeats: int, warmup: int = 2) -> np.ndarray:
    """Seconds per call, [repeats, len(fns)], the functions taking turns call by call."""
    for fn in fns:
        for _ in range(warmup):
            fn()
    rows = []
    for _ in range(repeats):
        row = []
        for fn in fns:
            t0 = time.perf_counter()
            fn()
            row.append(time.perf_counter() - t0)
        rows.append(row)
    return np.array(rows)


def forward_with_answer(ids, params, config):
    from classroom_gui.model import forward
    trace = forward(ids, params, config)
    trace.next_logits  # the answer: the last student's logits (computed on demand since the lazy Trace)
    return trace


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
    from classroom_gui.lesson.cache import cache_of

    for key, value in {**trace.cache, **cache_of(trace)}.items():
        add("cache." + str(key), value)
    return sizes


def memory_child(T: int, touch: str) -> dict:
    """Runs in a fresh interpreter: RSS high-water marks after imports, weights, forward (and touching)."""
    from classroom_gui.model import forward

    def peak() -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB

    def hwm() -> int:  # the same high-water mark as the kernel keeps it for this address space
        try:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    out = {"start": peak()}
    config = GPT2_SMALL
    params = random_params(config)
    out["weights"] = peak()
    out["weights_bytes"] = sum(a.nbytes for a in params.values())
    trace = forward(ids_for(config, T), params, config)
    out["trace"] = peak()
    for name in filter(None, touch.split(",")):
        getattr(trace, name)
    out["touched"] = peak()
    out["vmhwm"] = hwm()
    out["arrays"] = trace_arrays(trace)
    return out


def memory(T: int, touch: str = "", default_malloc: bool = False) -> dict:
    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--memory-child", str(T), "--touch", touch]
                       + (["--default-malloc"] if default_malloc else []),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"memory child failed:\n{r.stderr}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# ---- PyTorch ---------------------------------------------------------------------------------------------

def torch_runner(params, config):
    """ids -> the last position's logits, with transformers' GPT2Model holding the same weights."""
    try:
        import torch
        from transformers import GPT2Config, GPT2Model
    except ImportError:
        return None, "not importable here (run under the torch venv for the ratio)"
    hf = GPT2Config(n_layer=config.n_layer, n_head=config.n_head, n_embd=config.n_embd, n_positions=config.n_positions,
                    vocab_size=config.vocab_size, activation_function=config.activation_function,
                    layer_norm_epsilon=config.layer_norm_epsilon, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    model = GPT2Model(hf).eval()
    state = {k: torch.from_numpy(v) for k, v in params.items()}  # shares the NumPy memory
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith((".attn.bias", ".attn.masked_bias"))]
    if missing or unexpected:
        raise SystemExit(f"weights do not fit transformers' GPT2Model: missing {missing[:3]}, unexpected {unexpected[:3]}")
    wte = state["wte.weight"]

    def run(ids):
        with torch.inference_mode():
            h = model(torch.from_numpy(np.asarray(ids, np.int64))[None]).last_hidden_state[0, -1]
            return (h @ wte.T).numpy()
    impl = getattr(model.config, "_attn_implementation", "?")
    return run, f"torch {torch.__version__}, transformers GPT2Model ({impl} attention), {torch.get_num_threads()} threads"


# ---- main ------------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15, help="timed calls per case (medians reported)")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocesses")
    ap.add_argument("--threads", type=int, help="BLAS / torch threads (default: their own default)")
    ap.add_argument("--no-torch", action="store_true", help="skip PyTorch even if it can be imported")
    ap.add_argument("--default-malloc", action="store_true", help="do not call keep_freed_memory() as the app does")
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--touch", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    from classroom_gui.model.allocator import keep_freed_memory

    kept = False if args.default_malloc else keep_freed_memory()
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child, args.touch)))
        return 0

    from classroom_gui.model import forward
    from classroom_gui.model.kv_cache import cache_from_trace, step

    print(f"python {platform.python_version()}, numpy {np.__version__}, BLAS threads {THREADS or 'default'}, "
          f"{os.cpu_count()} CPUs, freed memory kept: {'yes' if kept else 'no'}, "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    # first, while this process is small: a child's ru_maxrss starts from its parent's high-water mark
    # (Linux keeps it across fork and exec), so children forked after the weights exist would report ours
    mem, mem_rows = None, []
    if not args.no_memory:
        runs = [memory(512, default_malloc=args.default_malloc) for _ in range(3)]
        mem = sorted(runs, key=lambda m: m["trace"])[1]  # the median run
        mem_rows.append(("peak RSS, weights + full trace T=512", f"<= {GOAL_PEAK_GB} GB",
                         f"{mem['trace'] / GB:.3f} GB = {mem['trace'] / 2**30:.3f} GiB "
                         f"(runs: {', '.join(format(m['trace'] / GB, '.3f') for m in runs)} GB)",
                         mem["trace"] <= GOAL_PEAK_GB * GB))
        probs = memory(512, "next_logits,probs", args.default_malloc)
        mem_rows.append(("  ... and after asking trace.probs ([T, V])", "-", f"{probs['touched'] / GB:.3f} GB", None))

    config = GPT2_SMALL
    params = random_params(config)
    print(f"GPT-2 small shapes, random weights: {sum(a.size for a in params.values()) / 1e6:.1f} M parameters, "
          f"{sum(a.nbytes for a in params.values()) / GB:.3f} GB")
    rows = []  # (what, goal text, value text, ok)

    ids = ids_for(config, 64)
    t = timed([lambda: forward(ids, params, config), lambda: forward_with_answer(ids, params, config)],
              args.repeats)
    med = np.median(t, axis=0)
    rows.append(("forward, full trace, T=64", "-", f"{med[0] * 1e3:.1f} ms (p95 {np.percentile(t[:, 0], 95) * 1e3:.1f})", None))
    rows.append(("forward + trace + next_logits, T=64", f"< {GOAL_FORWARD_S * 1e3:.0f} ms",
                 f"{med[1] * 1e3:.1f} ms (p95 {np.percentile(t[:, 1], 95) * 1e3:.1f})", med[1] < GOAL_FORWARD_S))

    for T in (64, 512):
        ids = ids_for(config, T + 1)
        trace = forward(ids[:T], params, config)
        cache = cache_from_trace(trace)
        logits = step(int(ids[T]), T, cache, params, config)
        want = forward_with_answer(ids, params, config).next_logits
        diff = float(np.abs(logits - want).max())
        t = timed([lambda: step(int(ids[T]), T, cache, params, config)], max(args.repeats, 20), warmup=3)[:, 0]
        rows.append((f"kv_cache.step after T={T} (one more word)", f"< {GOAL_STEP_S * 1e3:.0f} ms",
                     f"{np.median(t) * 1e3:.1f} ms (p95 {np.percentile(t, 95) * 1e3:.1f}; |dlogit| vs forward {diff:.1e})",
                     np.median(t) < GOAL_STEP_S))
        del trace, cache

    rows += mem_rows
    torch_rows = []
    run, about = (None, "skipped") if args.no_torch else torch_runner(params, config)
    if run is not None:
        for T in (32, 128, 512):
            ids = ids_for(config, T)
            diff = float(np.abs(run(ids) - forward_with_answer(ids, params, config).next_logits).max())
            t = timed([lambda: forward_with_answer(ids, params, config), lambda: run(ids)],
                      max(9, args.repeats if T < 512 else args.repeats // 2))
            ratios = t[:, 0] / t[:, 1]  # per round; their spread shows how noisy the machine was
            torch_rows.append((T, np.median(t[:, 0]), np.median(t[:, 1]), float(np.median(ratios)),
                               np.percentile(ratios, [25, 75]), diff, len(t)))

    print(f"\n{'case':<46} {'goal':>10}  {'median':<54} ok?")
    for what, goal, value, ok in rows:
        print(f"{what:<46} {goal:>10}  {value:<54} {'' if ok is None else 'yes' if ok else 'NO'}")
    print(f"\nPyTorch: {about}")
    if torch_rows:
        print(f"{'T':>5} {'numpy ms':>9} {'torch ms':>9} {'np/torch':>9} {'middle half':>12} {'|dlogit|':>9} "
              f"{'rounds':>7}   (numpy: forward + full trace + next_logits; torch: hidden states + last logits)")
        for T, a, b, ratio, (q1, q3), diff, n in torch_rows:
            print(f"{T:>5} {a * 1e3:9.1f} {b * 1e3:9.1f} {ratio:9.2f} {q1:6.2f}-{q3:<5.2f} {diff:9.1e} {n:>7}")
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
