"""Train the teaching model from scratch: corpus -> tokenizer -> Adam on the hand-written backprop ->
checkpoint folder -> evaluation report.

    python -m classroom_gui.model.train --out assets/model [--steps N] [--seed S]

Everything is float32 and seeded, so the same command on the same NumPy gives the same weights
(up to the BLAS library's summation order). Each training row starts at a sentence beginning, like a
sentence typed into the app, and holds several sentences (English or Japanese, at random) cut to the
model's context.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

from . import backprop
from .checkpoint import expected_shapes, save_checkpoint
from .config import GPTConfig
from .corpus import TEMPLATE_WEIGHTS, Corpus, build_tokenizer, check_tokenizer, render

# the shipped model: 2 layers, 2 heads of 8 numbers, a 16-number notebook, a 64-unit ReLU FFN
MODEL = dict(n_layer=2, n_head=2, n_embd=16, n_positions=64, activation_function="relu", n_inner=64)
DEFAULTS = dict(steps=3000, seed=0, batch=32, lr=1e-2, warmup=100, weight_decay=0.0)


def init_params(config: GPTConfig, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """GPT-2's initialisation: weights ~ N(0, 0.02), residual projections scaled by 1/sqrt(2 n_layer),
    biases 0, LayerNorm gains 1."""
    params = {}
    for name, shape in expected_shapes(config).items():
        if name.endswith(("ln_1.weight", "ln_2.weight", "ln_f.weight")):
            params[name] = np.ones(shape, dtype=np.float32)
        elif name.endswith(".bias"):
            params[name] = np.zeros(shape, dtype=np.float32)
        else:
            std = 0.02 / np.sqrt(2 * config.n_layer) if name.endswith("c_proj.weight") else 0.02
            params[name] = (std * rng.standard_normal(shape)).astype(np.float32)
    return params


class Adam:
    """Adam with bias correction; decoupled weight decay (AdamW) on matrices only, if asked for."""

    def __init__(self, params: dict, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.0):
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.b1, self.b2, self.eps, self.wd = betas[0], betas[1], eps, weight_decay
        self.t = 0

    def step(self, params: dict, grads: dict, lr: float) -> None:  # updates params in place
        self.t += 1
        f = np.float32
        b1, b2 = f(self.b1), f(self.b2)
        # bias corrections folded into the step size
        step = f(lr * np.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t))
        for name, g in grads.items():
            m, v = self.m[name], self.v[name]
            m *= b1
            m += (f(1) - b1) * g
            v *= b2
            v += (f(1) - b2) * g * g
            if self.wd and params[name].ndim == 2:
                params[name] *= f(1 - lr * self.wd)
            params[name] -= step * m / (np.sqrt(v) + f(self.eps))


def learning_rate(step: int, steps: int, peak: float, warmup: int) -> float:
    """Linear warmup, then cosine decay to a tenth of the peak."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * progress)))


class Batches:
    """Rows of T+1 token ids: sentences drawn from the training split, joined, cut to length."""

    def __init__(self, corpus: Corpus, tokenizer, rng: np.random.Generator, split: str = "train"):
        pool = corpus.train if split == "train" else corpus.held_out
        self.kinds = list(TEMPLATE_WEIGHTS)
        self.p = np.array([TEMPLATE_WEIGHTS[k] for k in self.kinds])
        # every sentence as an id array, per template and language
        self.ids = {(k, lang): [np.array([tokenizer.index[w] for w in render(c, lang).tokens], dtype=np.int64)
                                for c in pool[k]] for k in self.kinds for lang in ("en", "ja")}
        self.rng = rng

    def row(self, length: int) -> np.ndarray:  # -> [length]
        parts, n = [], 0
        while n < length:
            # draw a dozen (template, language, sentence) picks at once: far fewer RNG calls
            kinds = self.rng.choice(len(self.kinds), size=12, p=self.p)
            english, where = self.rng.random(12) < 0.5, self.rng.random(12)
            for k, en, u in zip(kinds, english, where):
                sentences = self.ids[(self.kinds[k], "en" if en else "ja")]
                parts.append(sentences[int(u * len(sentences))])
                n += len(parts[-1])
                if n >= length:
                    break
        return np.concatenate(parts)[:length]

    def batch(self, B: int, T: int):  # -> inputs [B, T], targets [B, T]
        rows = np.stack([self.row(T + 1) for _ in range(B)])
        return rows[:, :-1], rows[:, 1:]


def train(config: GPTConfig, corpus: Corpus, tokenizer, steps: int, seed: int, batch: int, lr: float,
          warmup: int, weight_decay: float, log=print) -> tuple[dict, dict]:
    rng = np.random.default_rng(seed)
    params = init_params(config, rng)
    opt = Adam(params, weight_decay=weight_decay)
    batches = Batches(corpus, tokenizer, rng)
    # a fixed held-out batch to watch for overfitting (never used for a gradient)
    held_x, held_y = Batches(corpus, tokenizer, np.random.default_rng(seed + 1), "held_out").batch(batch, config.n_positions)
    T = config.n_positions
    history, smooth = [], None
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    for step in range(steps):
        x, y = batches.batch(batch, T)
        loss, grads = backprop.loss_and_grads(x, y, params, config)
        # clip the global gradient norm at 1, like most GPT training recipes
        norm = np.sqrt(sum(float(np.sum(g * g)) for g in grads.values()))
        if norm > 1.0:
            for g in grads.values():
                g *= np.float32(1.0 / norm)
        rate = learning_rate(step, steps, lr, warmup)
        opt.step(params, grads, rate)
        smooth = float(loss) if smooth is None else 0.95 * smooth + 0.05 * float(loss)
        if step % 100 == 0 or step == steps - 1:
            logits, _ = backprop.forward(held_x, params, config)
            held, _ = backprop.cross_entropy(logits, held_y)
            elapsed = time.perf_counter() - start
            history.append({"step": step, "train_loss": round(smooth, 4), "held_out_loss": round(float(held), 4),
                            "lr": round(rate, 6), "seconds": round(elapsed, 1)})
            log(f"step {step:5d}/{steps}  loss {smooth:.3f}  held-out {float(held):.3f}  lr {rate:.5f}  "
                f"|g| {norm:.2f}  {elapsed:6.1f}s")
    seconds = time.perf_counter() - start
    # the 1-minute load average says whether other programs shared the cores while this was timed
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return params, {"history": history, "train_seconds": round(seconds, 1), "final_train_loss": round(smooth, 4),
                    "load_average": [load_before, load_after]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classroom_gui.model.train", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="checkpoint folder to write, e.g. assets/model")
    parser.add_argument("--steps", type=int, default=DEFAULTS["steps"])
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    parser.add_argument("--batch", type=int, default=DEFAULTS["batch"], help="sequences per step")
    parser.add_argument("--lr", type=float, default=DEFAULTS["lr"], help="peak learning rate")
    parser.add_argument("--warmup", type=int, default=DEFAULTS["warmup"])
    parser.add_argument("--weight-decay", type=float, default=DEFAULTS["weight_decay"])
    args = parser.parse_args(argv)

    wall = time.perf_counter()
    corpus = Corpus()
    tokenizer = build_tokenizer(corpus)
    checked = check_tokenizer(tokenizer, corpus)
    config = GPTConfig(vocab_size=len(tokenizer), **MODEL)
    sizes = corpus.sizes()
    print(f"corpus: {sizes['train']} training and {sizes['held_out']} held-out meanings (x2 languages), "
          f"vocabulary {len(tokenizer)} words; tokenizer checked on {checked} sentences")
    print(f"model: {config}")

    params, info = train(config, corpus, tokenizer, args.steps, args.seed, args.batch, args.lr, args.warmup,
                         args.weight_decay)
    save_checkpoint(args.out, config, params, tokenizer)
    total = time.perf_counter() - wall
    print(f"saved {args.out}; training loop {info['train_seconds']:.1f}s, whole run {total:.1f}s")

    command = "python -m classroom_gui.model.train " + " ".join(argv if argv is not None else sys.argv[1:])
    info.update({
        "command": command.strip(), "out": str(args.out), "seed": args.seed, "steps": args.steps,
        "batch_size": args.batch, "sequence_length": config.n_positions, "peak_lr": args.lr,
        "warmup_steps": args.warmup, "weight_decay": args.weight_decay,
        "optimizer": "Adam (betas 0.9, 0.99), grad-norm clip 1.0, linear warmup then cosine decay to 10%",
        "total_seconds": round(total, 1), "corpus": sizes,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                   f"NumPy {np.__version__}"})

    from .evaluate import evaluate
    evaluate(args.out, training=info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
