"""Forward + trace against torch SDPA beside a floor on each side's BLAS: can NumPy reach issue #18's ≤ 0.9x here?

    PYTHONPATH=. /work/venv-torch/bin/python benchmarks/bench_sdpa_floor.py --threads 1 [--repeats 9]
        [--lengths 8,32,128,512,1024] [--clock wall|cpu] [--mkl /path/to/libmkl_rt.so.3]

Each round runs, call by call in turns (so all four see the same machine load):
  numpy     the classroom's forward + trace + the answer's logits (bench_gpt2.forward_with_answer)
  sdpa      transformers' GPT-2 with SDPA attention, last position's logits (torch_gpt2.py)
  np BLAS   only the matrix products that forward makes, on NumPy's OpenBLAS, as it makes them: the 48 linears
            (x.dot(w), the process's thread count), attention's two products per layer on one BLAS thread (in
            turn from fast.BLOCKED_FROM students: the pieces exact_blocks.plan makes, else the whole products),
            the answer's [768] x [768, V]
  torch BLAS the same linears and answer with torch.mm (torch's MKL: what SDPA's addmm/mm spend) -- SDPA's own
            attention kernel blocks its products internally, so its attention is not in this column
  mkl       (--mkl PATH) np BLAS's products through MKL's cblas_sgemm via ctypes on NumPy's arrays (the PyPI
            `mkl` wheel's libmkl_rt, installed in a scratch venv, never a dependency of the app)
"floor" = np BLAS / sdpa: what NumPy's products alone cost against SDPA's whole forward. Above 0.9 no NumPy
forward that makes these products on this OpenBLAS can meet the goal, whatever the rest costs; "ours" =
(numpy - np BLAS) / sdpa is the rest: LayerNorm, GELU, softmax, copies, the trace. Ratios are medians over
rounds with the middle half of the rounds' ratios beside them. The load average is printed with the table.
"""
from __future__ import annotations

import argparse
import ctypes
from contextlib import nullcontext
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_gpt2 as bg  # noqa: E402  (beside this file; applies --threads before NumPy loads)
import numpy as np  # noqa: E402
from random_weights import GPT2_SMALL, random_params  # noqa: E402

from classroom_gui.model import exact_blocks, fast, parallel  # noqa: E402


def shapes(config, T: int) -> list[tuple[int, int, int]]:
    """(rows, inner, cols) of each linear of one forward, in order: qkv, W_O, the FFN's two."""
    C, F = config.n_embd, config.d_ffn
    return [(T, C, 3 * C), (T, C, C), (T, C, F), (T, F, C)] * config.n_layer


class Products:
    """Random operands of one forward's products at T students (values do not change the time)."""

    def __init__(self, params, config, T: int):
        rng = np.random.default_rng(T)
        self.config, self.T = config, T
        self.linears = []
        for layer in range(config.n_layer):
            p = f"h.{layer}."
            for name in ("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"):
                w = params[p + name + ".weight"]
                self.linears.append((rng.standard_normal((T, w.shape[0]), np.float32), w))
        H, d = config.n_head, config.d_head
        self.q, self.k, self.v = (rng.standard_normal((H, T, d), np.float32) for _ in range(3))
        self.w = np.tril(rng.random((T, T), np.float32))[None].repeat(H, 0)  # shares: 0 above the diagonal
        self.context = np.empty_like(self.q)
        self.last = rng.standard_normal(config.n_embd, np.float32)
        self.wte = params["wte.weight"]

    def numpy(self) -> None:
        for x, w in self.linears:
            x.dot(w)
        with parallel.one_blas_thread() if parallel.blas_controllable() else nullcontext():  # as fast.attention
            plan = exact_blocks.plan(self.T, self.q.shape[-1], self.q.dtype) if self.T >= fast.BLOCKED_FROM else None
            for _ in range(self.config.n_layer):
                self._attention(plan)
        self.wte.dot(self.last)

    def _attention(self, plan) -> None:
        q, k, v, w, out = self.q, self.k, self.v, self.w, self.context
        if plan is None or not plan.scores:
            np.matmul(q, k.swapaxes(-1, -2), out=w)
        if plan is None or not plan.context:
            np.matmul(w, v, out=out)
        if plan is None:
            return
        T = self.T
        for h in range(len(q)):
            for r0 in range(0, T, plan.rows):
                r1 = min(T, r0 + plan.rows)
                if plan.scores:
                    exact_blocks.scores_rows(q[h], k[h], w[h], r0, r1, plan.scores_upto(r1, T))
                if plan.context:
                    exact_blocks.context_rows(w[h], v[h], out[h], r0, r1, plan.upto(r1))

    def torch_runner(self):
        import torch
        lin = [(torch.from_numpy(x), torch.from_numpy(w), torch.empty(x.shape[0], w.shape[1])) for x, w in self.linears]
        wte, last = torch.from_numpy(self.wte), torch.from_numpy(self.last)

        def run():
            with torch.inference_mode():
                for x, w, out in lin:
                    torch.mm(x, w, out=out)
                torch.mv(wte, last)
        return run

    def mkl_runner(self, path: str, threads: int | None):
        lib = ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
        if threads:
            lib.MKL_Set_Num_Threads(threads)
        f = ctypes.c_float
        lib.cblas_sgemm.argtypes = [ctypes.c_int] * 6 + [f, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                                                          ctypes.c_int, f, ctypes.c_void_p, ctypes.c_int]
        ptr = lambda a: a.ctypes.data  # noqa: E731
        outs = [np.empty((x.shape[0], w.shape[1]), np.float32) for x, w in self.linears]
        last_out = np.empty(len(self.wte), np.float32)
        H, T, d = self.q.shape

        def gemm(a, b, c, trans_b=False):  # c = a @ b (b: [n, k] transposed when trans_b), row-major
            m, kk = a.shape
            n = b.shape[0] if trans_b else b.shape[1]
            lib.cblas_sgemm(101, 111, 112 if trans_b else 111, m, n, kk, 1.0, ptr(a), a.shape[1], ptr(b),
                            b.shape[1], 0.0, ptr(c), c.shape[1])

        def run():
            for (x, w), out in zip(self.linears, outs):
                gemm(x, w, out)
            for _ in range(self.config.n_layer):  # whole products, head by head
                for h in range(H):
                    gemm(self.q[h], self.k[h], self.w[h], trans_b=True)
                    gemm(self.w[h], self.v[h], self.context[h])
            gemm(self.wte, self.last[:, None], last_out[:, None])
        return run


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--lengths", default="8,32,128,512,1024")
    ap.add_argument("--threads", type=int, help="BLAS / torch threads (default: their own default)")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall", help="cpu: process time (needs --threads 1)")
    ap.add_argument("--mkl", help="path of libmkl_rt.so.3 (the PyPI mkl wheel's, in a scratch venv) for an MKL column")
    args = ap.parse_args(argv)
    if args.clock == "cpu":
        if args.threads != 1:
            ap.error("--clock cpu needs --threads 1")
        bg.CLOCK = time.process_time
    try:
        import torch
        import torch_gpt2
    except ImportError:
        raise SystemExit("needs torch and transformers: run under the torch venv (see the docstring)")
    if args.threads:
        torch.set_num_threads(args.threads)
    from classroom_gui.model.allocator import keep_freed_memory

    keep_freed_memory()
    config = GPT2_SMALL
    params = random_params(config)
    sdpa, about = torch_gpt2.runner(params, config, "sdpa")
    print(f"numpy {np.__version__} (OpenBLAS), {about}, BLAS threads {args.threads or 'default'}, {args.clock} clock, "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    cols = ["numpy", "sdpa", "np BLAS", "torch BLAS"] + (["mkl"] if args.mkl else [])
    head = f"{'T':>5} " + " ".join(f"{c + ' ms':>12}" for c in cols)
    print(f"\n{head} {'np/sdpa':>8} {'middle half':>11} {'floor':>6} {'middle half':>11} {'ours':>5} "
          f"{'torch BLAS/sdpa':>15} {'rounds':>6}  floor <= 0.9?")
    for T in [int(n) for n in args.lengths.split(",")]:
        ids = bg.ids_for(config, T)
        prods = Products(params, config, T)
        fns = [lambda: bg.forward_with_answer(ids, params, config), lambda: sdpa(ids), prods.numpy, prods.torch_runner()]
        if args.mkl:
            fns.append(prods.mkl_runner(args.mkl, args.threads))
        t = bg.timed(fns, max(5, args.repeats if T < 512 else (args.repeats + 1) // 2 + 1), warmup=1 if T >= 512 else 2)
        ratio, floor, ours = t[:, 0] / t[:, 1], t[:, 2] / t[:, 1], (t[:, 0] - t[:, 2]) / t[:, 1]
        q_r, q_f = np.percentile(ratio, [25, 75]), np.percentile(floor, [25, 75])
        med = np.median(t, axis=0) * 1e3
        print(f"{T:>5} " + " ".join(f"{m:12.1f}" for m in med)
              + f" {np.median(ratio):8.2f} {q_r[0]:5.2f}-{q_r[1]:<5.2f} {np.median(floor):6.2f} {q_f[0]:5.2f}-{q_f[1]:<5.2f}"
              f" {np.median(ours):5.2f} {np.median(t[:, 3] / t[:, 1]):15.2f} {len(t):>6}  "
              f"{'yes' if np.median(floor) <= 0.9 else 'NO'} (load {os.getloadavg()[0]:.2f})", flush=True)
    print(f"\nload average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
