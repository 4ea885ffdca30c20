"""Train the teaching model from scratch in both classroom rules: corpus -> tokenizer -> Adam on the
hand-written backprop -> checkpoint folder -> evaluation report.

    python -m classroom_gui.model.train --out assets/model [--steps N] [--seed S]

Everything is float32 and seeded, so the same command on the same NumPy gives the same weights
(up to the BLAS library's summation order). Every step takes one gradient in turn (next-word prediction
under GPT's causal mask) and one in discussion (no mask: BERT-style corrupted sentences, every position
naming its own word), so both rules are real computations of the same weights.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from . import backprop
from .checkpoint import expected_shapes, save_checkpoint
from .config import GPTConfig
from .batches import Batches
from .corpus import STORY_KINDS, TOPIC, Corpus
from .vocabulary import build_tokenizer, check_tokenizer

# the shipped model: 3 layers, 3 heads of 8 numbers, a 24-number notebook, a 96-unit ReLU FFN
MODEL = dict(n_layer=3, n_head=3, n_embd=24, n_positions=64, activation_function="relu", n_inner=96)
# story_share: the share of discussion batches made only of "it" stories (the noun "it" means is learnt
# only if enough of them are seen); it_weight: the weight of the target at "it" against a corrupted word's 1
# same_slot: the share of swapped words taken from the same position of another sentence in the batch (mostly
# a word of the same kind: "The dog sat on the mat" must be corrected to cat from sat and mat), not anywhere
DEFAULTS = dict(steps=2500, seed=0, batch=24, lr=1e-2, warmup=200, weight_decay=0.0, story_share=0.5, it_weight=4.0,
                same_slot=0.0, story_weights=None, freeze=(), fresh=(), drop_head=0.0, one_language=False,
                stop_weight=1.0, weighted_stops=("。", "."), topic_weight=1.0)
ROW = 32  # tokens per in-turn training row: two or three sentences


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


def _frozen(name: str, freeze: tuple) -> bool:  # "h.0" freezes h.0.* but not h.01.*
    return any(name == f or name.startswith(f + ".") for f in freeze)


def _without_head(params: dict, config: GPTConfig, head: int) -> tuple[dict, tuple]:
    """params with one head of the last layer silenced: its rows of W_O [C_in, C_out] set to 0 (a copy), and
    (their name, the rows)."""
    name = f"h.{config.n_layer - 1}.attn.c_proj.weight"
    rows = slice(head * config.d_head, (head + 1) * config.d_head)
    w = params[name].copy()
    w[rows] = 0
    return {**params, name: w}, (name, rows)


def _add_grads(total: dict, grads: dict) -> dict:
    for name, g in grads.items():
        total[name] += g
    return total


def train(config: GPTConfig, corpus: Corpus, tokenizer, steps: int, seed: int, batch: int, lr: float,
          warmup: int, weight_decay: float, story_share: float = 0.0, it_weight: float = 1.0,
          same_slot: float = 0.0, story_weights=None, log=print, snapshot=None,
          start_from: dict | None = None, freeze: tuple = (), fresh: tuple = (),
          drop_head: float = 0.0, one_language: bool = False, stop_weight: float = 1.0,
          weighted_stops: tuple = ("。", "."), topic_weight: float = 1.0) -> tuple[dict, dict]:
    # snapshot(step, params): called at each log line; start_from: weights of an earlier run to go on from;
    # freeze: the weights a later stage keeps as they are, by name or name prefix ("wte", "h.0"); fresh: the
    # weights a later stage starts anew (GPT-2's initialisation from this run's seed) instead of taking them over;
    # drop_head: the share of steps in which one head of the last layer, drawn at random, is silenced (DropHead):
    # no head can leave a job to another one alone, e.g. one noun of the tired/wide pair to each of two heads;
    # one_language: every in-turn row joins sentences of one language (Batches); stop_weight: in turn, the weight of
    # a target that follows a full stop of weighted_stops (the next sentence's first word) against any other target's 1;
    # topic_weight: in turn, the weight of a target that follows 「は」 (only a corpus with --topic-percent has them)
    rng = np.random.default_rng(seed)
    params = init_params(config, rng)
    if start_from is not None:  # a second stage of a curriculum: same shapes, a fresh optimizer
        params = {name: value if _frozen(name, fresh) else np.array(start_from[name], dtype=np.float32)
                  for name, value in params.items()}
    opt = Adam(params, weight_decay=weight_decay)
    batches = Batches(corpus, tokenizer, rng, story_share=story_share, it_weight=it_weight, same_slot=same_slot,
                      story_weights=story_weights, one_language=one_language)
    # fixed held-out batches to watch for overfitting (never used for a gradient)
    held = Batches(corpus, tokenizer, np.random.default_rng(seed + 1), "held_out")
    held_x, held_y = held.batch(batch, ROW)
    held_d = [held.discussion(2 * batch) for _ in range(4)]
    history, smooth = [], None
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    dropper = np.random.default_rng(seed + 2) if drop_head else None  # its own draws: the batches stay the same
    start, cpu_start = time.perf_counter(), time.process_time()
    for step in range(steps):
        used, silenced = params, None
        if dropper is not None and dropper.random() < drop_head:
            used, silenced = _without_head(params, config, int(dropper.integers(config.n_head)))
        x, y = batches.batch(batch, ROW)
        weights = batches.after_stop(x, stop_weight, weighted_stops) if stop_weight != 1.0 else None
        if topic_weight != 1.0:
            weights = batches.after_topic(x, topic_weight) * (1 if weights is None else weights)
        loss_turn, grads = backprop.loss_and_grads(x, y, used, config, weights, mask="causal")
        xd, yd, wd = batches.discussion(2 * batch)
        loss_talk, grads_talk = backprop.loss_and_grads(xd, yd, used, config, wd, mask="none")
        grads = _add_grads(grads, grads_talk)
        if silenced is not None:  # the silenced head's share of W_O was not used: it gets no step
            grads[silenced[0]][silenced[1]] = 0
        if freeze:  # a frozen weight gets no step and no share of the clipped norm
            grads = {k: g for k, g in grads.items() if not _frozen(k, freeze)}
        # clip the global gradient norm at 1, like most GPT training recipes
        norm = np.sqrt(sum(float(np.sum(g * g)) for g in grads.values()))
        if norm > 1.0:
            for g in grads.values():
                g *= np.float32(1.0 / norm)
        rate = learning_rate(step, steps, lr, warmup)
        opt.step(params, grads, rate)
        loss = float(loss_turn) + float(loss_talk)
        smooth = loss if smooth is None else 0.95 * smooth + 0.05 * loss
        if step % 250 == 0 or step == steps - 1:
            logits, _ = backprop.forward(held_x, params, config, "causal")
            held_turn = float(backprop.cross_entropy(logits, held_y)[0])
            held_talk = float(np.mean([backprop.cross_entropy(backprop.forward(a, params, config, "none")[0], b, w)[0]
                                       for a, b, w in held_d]))
            elapsed = time.perf_counter() - start
            history.append({"step": step, "train_loss": round(smooth, 4), "held_out_loss_causal": round(held_turn, 4),
                            "held_out_loss_discussion": round(held_talk, 4), "lr": round(rate, 6),
                            "seconds": round(elapsed, 1)})
            log(f"step {step:5d}/{steps}  loss {smooth:.3f}  held-out in turn {held_turn:.3f}  discussion "
                f"{held_talk:.3f}  lr {rate:.5f}  |g| {norm:.2f}  {elapsed:6.1f}s", flush=True)
            if snapshot is not None and step:
                snapshot(step, params)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # the 1-minute load average says whether other programs shared the cores while this was timed
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    # CPU time says what the loop itself cost when other programs shared the cores (wall time grows with load)
    return params, {"history": history, "train_seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
                    "final_train_loss": round(smooth, 4),
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
    parser.add_argument("--init", type=Path, default=None,
                        help="go on from the weights in this folder (a curriculum's second stage) instead of new ones")
    parser.add_argument("--snapshots", action="store_true",
                        help="also save the weights every 250 steps, as OUT.stepN folders (to watch a run)")
    parser.add_argument("--story-share", type=float, default=DEFAULTS["story_share"],
                        help='share of discussion batches made only of "it" stories')
    parser.add_argument("--it-weight", type=float, default=DEFAULTS["it_weight"],
                        help='weight of the target at "it" (a corrupted word weighs 1)')
    parser.add_argument("--same-slot", type=float, default=DEFAULTS["same_slot"],
                        help="share of swapped words taken from the same position of another sentence in the batch")
    parser.add_argument("--story-weights", type=float, nargs=len(STORY_KINDS), default=None,
                        metavar="W", help="how often a story batch is each kind (" + ", ".join(STORY_KINDS) + ")")
    parser.add_argument("--story-described", nargs="+", default=None, metavar="WORD",
                        help="more words that may describe a story's first noun, e.g. the state words of the "
                             "other noun (\"the busy dog didn't cross the street because it was too tired\")")
    parser.add_argument("--story-both-states", action="store_true",
                        help="also tell every plain story with a state word of each kind before its nouns (\"the "
                             "tired animal didn't cross the wide street because it was too wide\"): only the "
                             "word after \"too\" tells which noun \"it\" means")
    parser.add_argument("--topic-percent", type=float, default=0.0, metavar="P",
                        help="tell P %% of the Japanese sentences about their subject with 「は」 instead of 「が」 "
                             "(「犬は公園へ走った。」, chosen by a hash of the meaning), so the class learns what may "
                             "follow 「犬は」; the tokenizer stays the plain corpus's")
    parser.add_argument("--topic-weight", type=float, default=DEFAULTS["topic_weight"], metavar="W",
                        help="in turn, the weight of a target that follows 「は」 (what a sentence of --topic-percent "
                             "says about its topic) against any other target's 1")
    parser.add_argument("--freeze", nargs="+", default=[], metavar="NAME",
                        help="weights a later stage keeps as --init has them, by name prefix (e.g. wte wpe h.0: "
                             "the embeddings and the first layer)")
    parser.add_argument("--fresh", nargs="+", default=[], metavar="NAME",
                        help="weights a later stage starts anew instead of taking them from --init, by name prefix "
                             "(e.g. h.1: the second layer learns again on what the first one gives)")
    parser.add_argument("--drop-head", type=float, default=0.0, metavar="P",
                        help="share of steps in which one head of the last layer is silenced (DropHead), so a job "
                             "is not split over heads that each do half of it")
    parser.add_argument("--one-language-rows", action="store_true",
                        help="join only sentences of one language in an in-turn row, so that after 「。」 comes "
                             "Japanese and after \".\" English (a row's language drawn first: Japanese as often as a single pick)")
    parser.add_argument("--stop-weight", type=float, default=DEFAULTS["stop_weight"], metavar="W",
                        help="in turn, the weight of a target that follows a full stop (「。」 or \".\": the next "
                             "sentence's first word) against any other target's 1; with --one-language-rows, what "
                             "follows 「。」 is Japanese")
    parser.add_argument("--weighted-stops", nargs="+", choices=("。", "."), default=list(DEFAULTS["weighted_stops"]),
                        metavar="STOP", help="the full stops whose next word --stop-weight weighs (。 and . by default)")
    for name in ("n_layer", "n_head", "n_embd", "n_inner"):
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=MODEL[name], help=f"model shape ({name})")
    args = parser.parse_args(argv)
    if args.topic_weight < 0:
        parser.error(f"--topic-weight must be 0 or more (got {args.topic_weight:g})")
    if args.topic_weight != 1.0 and not args.topic_percent:
        parser.error("--topic-weight weighs the word after 「は」, which only --topic-percent's sentences have: "
                     "give --topic-percent too")
    shape = {**MODEL, **{k: getattr(args, k) for k in ("n_layer", "n_head", "n_embd", "n_inner")}}

    wall = time.perf_counter()
    corpus = Corpus()
    tokenizer = build_tokenizer(corpus)
    if args.topic_weight != 1.0 and TOPIC not in tokenizer.index:
        parser.error("--topic-weight weighs the word after 「は」, and this vocabulary has no 「は」")
    checked = check_tokenizer(tokenizer, corpus)
    config = GPTConfig(vocab_size=len(tokenizer), **shape)
    if args.story_described or args.story_both_states or args.topic_percent:  # the tokenizer stays the plain
        from .corpus_words import DESCRIBED                                    # corpus's: no new words, same ids
        corpus = Corpus(DESCRIBED + tuple(w for w in args.story_described or () if w not in DESCRIBED),
                        both_states=args.story_both_states, topic_percent=args.topic_percent)
    sizes = corpus.sizes()
    print(f"corpus: {sizes['train']} training and {sizes['held_out']} held-out meanings, "
          f"vocabulary {len(tokenizer)} words; tokenizer checked on {checked} sentences")
    print(f"model: {config}")
    start_from, earlier = None, None
    if args.init is not None:
        start_from, earlier = _earlier_stage(args.init, config, tokenizer)

    # one BLAS thread: these matrices are small, and threads on shared cores mostly wait for each other
    def snapshot(step: int, weights: dict) -> None:
        save_checkpoint(args.out.with_name(f"{args.out.name}.step{step}"), config, weights, tokenizer)

    with threadpool_limits(1):
        params, info = train(config, corpus, tokenizer, args.steps, args.seed, args.batch, args.lr, args.warmup,
                             args.weight_decay, args.story_share, args.it_weight, args.same_slot,
                             args.story_weights, freeze=tuple(args.freeze), fresh=tuple(args.fresh),
                             drop_head=args.drop_head, one_language=args.one_language_rows,
                             stop_weight=args.stop_weight, weighted_stops=tuple(args.weighted_stops),
                             topic_weight=args.topic_weight,
                             snapshot=snapshot if args.snapshots else None, start_from=start_from)
    save_checkpoint(args.out, config, params, tokenizer)
    total = time.perf_counter() - wall
    print(f"saved {args.out}; training loop {info['train_seconds']:.1f}s, whole run {total:.1f}s")

    command = "python -m classroom_gui.model.train " + " ".join(argv if argv is not None else sys.argv[1:])
    info.update({
        "command": command.strip(), "out": str(args.out), "seed": args.seed, "steps": args.steps,
        "batch_size": args.batch, "sequence_length": ROW, "peak_lr": args.lr,
        "warmup_steps": args.warmup, "weight_decay": args.weight_decay, "story_share": args.story_share,
        "it_weight": args.it_weight, "same_slot": args.same_slot,
        **({"story_weights": args.story_weights} if args.story_weights else {}),
        **({"story_described": args.story_described} if args.story_described else {}),
        **({"story_both_states": True} if args.story_both_states else {}),
        **({"topic_percent": args.topic_percent} if args.topic_percent else {}),
        **({"topic_weight": args.topic_weight} if args.topic_weight != 1.0 else {}),
        **({"freeze": args.freeze} if args.freeze else {}), **({"fresh": args.fresh} if args.fresh else {}),
        **({"drop_head": args.drop_head} if args.drop_head else {}),
        **({"one_language_rows": True} if args.one_language_rows else {}),
        **({"stop_weight": args.stop_weight, "weighted_stops": args.weighted_stops} if args.stop_weight != 1.0 else {}),
        "optimizer": "Adam (betas 0.9, 0.99), grad-norm clip 1.0, linear warmup then cosine decay to 10%",
        "total_seconds": round(total + (earlier or {}).get("total_seconds", 0), 1), "corpus": sizes,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                   f"NumPy {np.__version__}"})

    if earlier is not None:  # the whole recipe's time: both stages together
        info.update({"stage_seconds": round(total, 1), "init": str(args.init), "earlier": earlier})
    from .evaluate import evaluate
    evaluate(args.out, training=info)
    return 0


def _earlier_stage(folder: Path, config: GPTConfig, tokenizer) -> tuple[dict, dict]:
    """The weights of an earlier stage and its training record; exits 2 if they do not fit this run."""
    import json

    from .checkpoint import load_checkpoint

    try:
        earlier = load_checkpoint(folder)
        record = json.loads((folder / "evaluation.json").read_text(encoding="utf-8"))["training"]
    except Exception as exc:  # any unreadable folder: one message, no traceback
        print(f"error: --init {folder}: cannot be used ({exc})", file=sys.stderr)
        raise SystemExit(2) from None
    if earlier.tokenizer.vocab != tokenizer.vocab or earlier.config.to_json_dict() != config.to_json_dict():
        print(f"error: --init {folder}: its vocabulary or shape differs from this run's", file=sys.stderr)
        raise SystemExit(2)
    return earlier.params, record


if __name__ == "__main__":
    sys.exit(main())
