"""Measure a checkpoint on held-out sentences with the app's own inference code (gpt.forward).

    python -m classroom_gui.model.evaluate [--model DIR]

For every sentence and every position, the model sees the words so far and names the next one; we
count how often the true next word is its first guess (top-1) or among its first five (top-5), and the
mean cross-entropy, per language and overall. Two yardsticks: a previous-word (bigram) baseline
counted on the training sentences shows what needs no attention at all, and the corpus grammar's own
next-word distribution (the best any model could do) shows how much is left to learn. Writes evaluation.json and EVALUATION.md
into the model folder; the training block (command, seed, steps, wall-clock time) is written by
train.py and kept from an earlier evaluation.json when the evaluation is run on its own.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from ..resources import teaching_model_dir
from .checkpoint import load_checkpoint
from .corpus import LESSON_EXAMPLES, TEMPLATE_WEIGHTS, Corpus, render
from .gpt import forward

PROBES = ("The cat sat on the", "猫がマットの上に", "The dog ran to the", "The student read a",
          "先生が教室で本を", "The cat saw a bird in the")
PER_LANG = 300  # held-out meanings; each is scored in English and in Japanese


def top_next(checkpoint, text: str, k: int = 5) -> list[dict]:
    """The model's k most likely next words after text, with probabilities."""
    tokens = checkpoint.tokenizer.encode(text)
    probs = forward([t.id for t in tokens], checkpoint.params, checkpoint.config).probs[-1]
    best = np.argsort(-probs, kind="stable")[:k]
    return [{"word": checkpoint.tokenizer.vocab[i], "p": round(float(probs[i]), 4)} for i in best]


def score(checkpoint, sentences) -> dict:
    """Next-word top-1 / top-5 accuracy and mean loss of the real forward, per language and overall."""
    tally = defaultdict(lambda: np.zeros(4))  # predictions, top-1 hits, top-5 hits, summed loss
    for s in sentences:
        tokens = checkpoint.tokenizer.encode(s.text)
        ids = np.array([t.id for t in tokens])
        if any(t.unknown for t in tokens):
            raise AssertionError(f"{s.text!r} has words outside the vocabulary")
        logits = forward(ids, checkpoint.params, checkpoint.config).logits[:-1].astype(np.float64)
        targets = ids[1:]
        log_p = logits - logits.max(-1, keepdims=True)
        log_p -= np.log(np.exp(log_p).sum(-1, keepdims=True))
        rank = (logits > logits[np.arange(len(targets)), targets][:, None]).sum(-1)  # 0 = first guess
        row = np.array([len(targets), (rank == 0).sum(), (rank < 5).sum(), -log_p[np.arange(len(targets)), targets].sum()])
        tally[s.lang] += row
        tally["all"] += row
    return {lang: _summary(t) for lang, t in sorted(tally.items())}


def _summary(t) -> dict:
    return {"predictions": int(t[0]), "top1": round(t[1] / t[0], 4), "top5": round(t[2] / t[0], 4),
            "loss": round(t[3] / t[0], 4)}


def bigram_baseline(corpus: Corpus, sentences) -> dict:
    """Guess the next word from the previous word only, counted on every training meaning."""
    counts = defaultdict(Counter)
    for combos in corpus.train.values():
        for c in combos:
            for lang in ("en", "ja"):
                w = render(c, lang).tokens
                for a, b in zip(w, w[1:]):
                    counts[a][b] += 1
    tally = defaultdict(lambda: np.zeros(4))
    for s in sentences:
        w = s.tokens
        for a, b in zip(w, w[1:]):
            ranked = [x for x, _ in counts[a].most_common(5)]
            row = np.array([1, ranked[:1] == [b], b in ranked, 0])
            tally[s.lang] += row
            tally["all"] += row
    return {lang: {k: v for k, v in _summary(t).items() if k != "loss"} for lang, t in sorted(tally.items())}


def grammar_ceiling(corpus: Corpus, sentences) -> dict:
    """Score the true next-word distribution of the sentence generator (all meanings, weighted as sampled).

    Words tied in probability share their hits: top-k counts (k - better) / tied, clipped to [0, 1].
    """
    following = defaultdict(Counter)
    for kind, weight in TEMPLATE_WEIGHTS.items():
        combos = corpus.train[kind] + corpus.held_out[kind]
        for c in combos:
            for lang in ("en", "ja"):
                w = render(c, lang).tokens
                for i in range(1, len(w)):
                    following[w[:i]][w[i]] += weight / len(combos)
    tally = defaultdict(lambda: np.zeros(4))
    for s in sentences:
        for i in range(1, len(s.tokens)):
            counts = following[s.tokens[:i]]
            p = np.array(list(counts.values())) / sum(counts.values())
            target = counts[s.tokens[i]] / sum(counts.values())
            better, tied = (p > target * (1 + 1e-9)).sum(), np.isclose(p, target, rtol=1e-9).sum()
            hits = [min(1.0, max(0.0, (k - better) / tied)) for k in (1, 5)]
            row = np.array([1, hits[0], hits[1], -np.log(target)])
            tally[s.lang] += row
            tally["all"] += row
    return {lang: _summary(t) for lang, t in sorted(tally.items())}


def evaluate(model_dir=None, training: dict | None = None, per_lang: int = PER_LANG) -> dict:
    model_dir = Path(model_dir) if model_dir else teaching_model_dir()
    checkpoint = load_checkpoint(model_dir)
    corpus = Corpus()
    held_out = corpus.evaluation_set(per_lang, "held_out")
    seen = corpus.evaluation_set(per_lang, "train")
    if training is None and (model_dir / "evaluation.json").is_file():
        training = json.loads((model_dir / "evaluation.json").read_text(encoding="utf-8")).get("training")
    config = checkpoint.config
    result = {
        "model": {**config.to_json_dict(), "parameters": int(sum(p.size for p in checkpoint.params.values()))},
        "corpus": {"meanings": corpus.sizes(), "vocabulary": len(checkpoint.tokenizer),
                   "evaluated_meanings_per_split": per_lang,
                   "lesson_examples_in_training": [render(c, "en").text for c in LESSON_EXAMPLES]},
        "held_out": score(checkpoint, held_out),
        "training_sentences": score(checkpoint, seen),
        "bigram_baseline_held_out": bigram_baseline(corpus, held_out),
        "grammar_ceiling_held_out": grammar_ceiling(corpus, held_out),
        "probes": {text: top_next(checkpoint, text) for text in PROBES},
        "training": training,
    }
    (model_dir / "evaluation.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    (model_dir / "EVALUATION.md").write_text(report(result, held_out), encoding="utf-8")
    print_summary(result)
    return result


def print_summary(result: dict) -> None:
    for lang, m in result["held_out"].items():
        print(f"held-out {lang:3s}: top-1 {m['top1']:.3f}  top-5 {m['top5']:.3f}  loss {m['loss']:.3f}  "
              f"({m['predictions']} predictions)")
    for text, top in result["probes"].items():
        print(f"{text!r} -> " + ", ".join(f"{t['word']} {t['p']:.2f}" for t in top))


def report(r: dict, held_out) -> str:
    m, c, t = r["model"], r["corpus"], r["training"] or {}
    lines = ["# The teaching model: evaluation", "",
             "Written by `python -m classroom_gui.model.evaluate` (also run at the end of training). Every",
             "number below comes from the app's own inference code (`gpt.forward`) on the shipped",
             "checkpoint.", "", "## Model", "",
             f"GPT-2-style, {m['n_layer']} layers, {m['n_head']} heads of {m['n_embd'] // m['n_head']} numbers, "
             f"n_embd {m['n_embd']}, FFN {m['n_inner'] or 4 * m['n_embd']} ({m['activation_function']}), "
             f"context {m['n_positions']}, vocabulary {m['vocab_size']}, tied unembedding: "
             f"{m['parameters']:,} parameters in float32.", "",
             "## Corpus", "",
             "Generated by `classroom_gui/model/corpus.py` from templates and word lists written for this "
             "project (licence: MIT, like the project; the sentences may be used as CC0). Each meaning is "
             "written in English and in Japanese, e.g. \"The cat sat on the mat.\" / \"猫がマットの上に座った。\".",
             f"{c['meanings']['train']:,} meanings are for training and {c['meanings']['held_out']:,} are held out "
             "(10 % by a CRC-32 hash of the meaning; both languages of a meaning are on the same side). The "
             f"lesson's own examples ({'; '.join(c['lesson_examples_in_training'])}) are always training sentences.", ""]
    if t:
        lines += ["## Training", "",
                  f"- command: `{t['command']}`",
                  f"- seed {t['seed']}, {t['steps']} steps of {t['batch_size']} sequences x {t['sequence_length']} "
                  "tokens (each sequence starts at a sentence beginning and joins random English and Japanese "
                  "training sentences)",
                  f"- optimizer: {t['optimizer']}, peak learning rate {t['peak_lr']}, warmup {t['warmup_steps']}, "
                  f"weight decay {t['weight_decay']}",
                  f"- **wall-clock time: {t['train_seconds']:.0f} s for the training loop, "
                  f"{t['total_seconds']:.0f} s for the whole command before evaluation** ({t['machine']}; "
                  f"1-minute load average {_load(t)} at the start / end of the loop; a load above 2 means other "
                  "programs shared the two cores, which slows the many small multi-threaded matrix products "
                  "several-fold)",
                  f"- final smoothed training loss {t['final_train_loss']:.3f}; held-out loss during training: "
                  + ", ".join(f"{h['held_out_loss']:.2f} at step {h['step']}" for h in t["history"][::max(1, len(t['history']) // 6)]),
                  ""]
    else:
        lines += ["## Training", "", "(no training record: evaluation.json had none)", ""]
    lines += ["## Next-word accuracy", "",
              f"{c['evaluated_meanings_per_split']} held-out meanings, each in both languages; every position of "
              "every sentence is one prediction of the next word (the first word has nothing to predict from).", "",
              "| sentences | language | predictions | top-1 | top-5 | mean loss (nats) |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for name, key in (("held out", "held_out"), ("training (same count)", "training_sentences")):
        for lang, s in r[key].items():
            lines.append(f"| {name} | {lang} | {s['predictions']} | {s['top1']:.3f} | {s['top5']:.3f} | {s['loss']:.3f} |")
    lines += ["", "Yardsticks on the same held-out sentences: the previous-word baseline guesses the most frequent "
              "next word after the previous word in the training sentences (no attention at all); the grammar "
              "ceiling uses the corpus generator's true next-word probabilities given the whole prefix, the best "
              "any model could score (tied words share their hits).", "",
              "| language | previous word top-1 | top-5 | grammar ceiling top-1 | top-5 | loss |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for lang, s in r["bigram_baseline_held_out"].items():
        g = r["grammar_ceiling_held_out"][lang]
        lines.append(f"| {lang} | {s['top1']:.3f} | {s['top5']:.3f} | {g['top1']:.3f} | {g['top5']:.3f} | {g['loss']:.3f} |")
    lines += ["", "Top-1 cannot come near 1: most positions are a free choice in the corpus (which animal, which "
              "place, which verb), so the best possible guess is often one of several equally likely words. "
              "Top-5 and the loss say more.", "", "## Probes", "",
              "The five most likely next words (real forward, probability after softmax):", ""]
    for text, top in r["probes"].items():
        lines.append(f"- `{text}` → " + ", ".join(f"{w['word']} ({w['p']:.2f})" for w in top))
    lines += ["", "Examples of held-out sentences: " + "; ".join(s.text for s in held_out[:3] + held_out[-3:]), "",
              "## Reproduce", "", "```", t.get("command", "python -m classroom_gui.model.train --out assets/model"),
              f"python -m classroom_gui.model.evaluate --model {t.get('out', 'assets/model')}", "```", ""]
    return "\n".join(lines)


def _load(t: dict) -> str:
    return " / ".join("?" if x is None else f"{x:.1f}" for x in t.get("load_average", [None, None]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classroom_gui.model.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="checkpoint folder (default: the teaching model)")
    args = parser.parse_args(argv)
    evaluate(args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
