"""Measure a checkpoint with the app's own inference code (gpt.forward), in both classroom rules.

    python -m classroom_gui.model.evaluate [--model DIR]

In turn (causal): at every position the model sees the words so far and names the next one. In
discussion (no mask): each word in turn is replaced by <mask> and the model names it from all the
others. We count how often the true word is its first guess (top-1) or among its first five (top-5), and
the mean cross-entropy, per language and overall; a previous-word (bigram) baseline counted on the
training sentences shows what needs no attention at all. Every gallery example (examples.json) is
measured, and the pronoun head is checked on held-out stories. Writes evaluation.json and EVALUATION.md
into the model folder; the training block (command, seed, steps, wall-clock time) is written by train.py
and kept from an earlier evaluation.json when the evaluation is run on its own.
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
from .corpus import LESSON_EXAMPLES, STORY_KINDS, Corpus, render
from .gallery import load_examples, measure
from .fast import forward
from .tokenizer import MASK

PROBES = ("The cat sat on the", "猫がマットの上に", "The dog ran to the", "The student read a",
          "先生が教室で本を", "The animal didn't cross the street because it was too", "The keys to the cabinet",
          "猫がマットの上に座った。犬は")
PER_LANG = 300  # held-out meanings; each is scored in every language it is written in


def top_next(checkpoint, text: str, k: int = 5, mask: str = "causal") -> list[dict]:
    """The model's k most likely next words after text (in turn), with probabilities."""
    tokens = checkpoint.tokenizer.encode(text)
    probs = forward([t.id for t in tokens], checkpoint.params, checkpoint.config, mask=mask).probs[-1]
    best = np.argsort(-probs, kind="stable")[:k]
    return [{"word": checkpoint.tokenizer.vocab[i], "p": round(float(probs[i]), 4)} for i in best]


def _ids(checkpoint, s) -> np.ndarray:
    tokens = checkpoint.tokenizer.encode(s.text)
    if any(t.unknown for t in tokens):
        raise AssertionError(f"{s.text!r} has words outside the vocabulary")
    return np.array([t.id for t in tokens])


def _tally_row(logits, targets) -> np.ndarray:  # [n, V], [n] -> predictions, top-1 hits, top-5 hits, summed loss
    logits = logits.astype(np.float64)
    log_p = logits - logits.max(-1, keepdims=True)
    log_p -= np.log(np.exp(log_p).sum(-1, keepdims=True))
    rank = (logits > logits[np.arange(len(targets)), targets][:, None]).sum(-1)  # 0 = first guess
    return np.array([len(targets), (rank == 0).sum(), (rank < 5).sum(), -log_p[np.arange(len(targets)), targets].sum()])


def score(checkpoint, sentences) -> dict:
    """In turn: next-word top-1 / top-5 accuracy and mean loss, per language and overall."""
    tally = defaultdict(lambda: np.zeros(4))
    for s in sentences:
        ids = _ids(checkpoint, s)
        row = _tally_row(forward(ids, checkpoint.params, checkpoint.config).logits[:-1], ids[1:])
        tally[s.lang] += row
        tally["all"] += row
    return {lang: _summary(t) for lang, t in sorted(tally.items())}


def score_discussion(checkpoint, sentences) -> dict:
    """In discussion: each word replaced by <mask> in turn and named from all the others."""
    tally = defaultdict(lambda: np.zeros(4))
    mask_id = checkpoint.tokenizer.index[MASK]
    for s in sentences:
        ids = _ids(checkpoint, s)
        logits = []
        for i in range(len(ids)):
            masked = ids.copy()
            masked[i] = mask_id
            logits.append(forward(masked, checkpoint.params, checkpoint.config, mask="none").logits[i])
        row = _tally_row(np.array(logits), ids)
        tally[s.lang] += row
        tally["all"] += row
    return {lang: _summary(t) for lang, t in sorted(tally.items())}


def _summary(t) -> dict:
    return {"predictions": int(t[0]), "top1": round(t[1] / t[0], 4), "top5": round(t[2] / t[0], 4),
            "loss": round(t[3] / t[0], 4)}


def bigram_baseline(corpus: Corpus, sentences) -> dict:
    """Guess the next word from the previous word only, counted on every training sentence."""
    counts = defaultdict(Counter)
    for s in corpus.sentences("train"):
        for a, b in zip(s.tokens, s.tokens[1:]):
            counts[a][b] += 1
    tally = defaultdict(lambda: np.zeros(4))
    for s in sentences:
        for a, b in zip(s.tokens, s.tokens[1:]):
            ranked = [x for x, _ in counts[a].most_common(5)]
            row = np.array([1, ranked[:1] == [b], b in ranked, 0])
            tally[s.lang] += row
            tally["all"] += row
    return {lang: {k: v for k, v in _summary(t).items() if k != "loss"} for lang, t in sorted(tally.items())}


PRONOUN_PAIR = ("The animal didn't cross the street because it was too tired",
                "The animal didn't cross the street because it was too wide")


def pronoun_check(checkpoint, corpus: Corpus, every: int = 1) -> dict:
    """Which noun does each head at "it" prefer, in discussion? For the issue's pair, the shares of
    "animal" and "street" in every head; on every held-out story with "it" (didn't cross / couldn't lift /
    didn't catch / couldn't follow), how often each head gives the noun "it" means the larger share than
    the other noun, and how often the class's answer at "it" names that noun before the other one.
    every=n takes every n-th held-out story only (a quicker sample, for tests)."""
    config = checkpoint.config
    pair = []
    for text in PRONOUN_PAIR:
        s = checkpoint.tokenizer.encode(text)
        words = [t.text for t in s]
        trace = forward([t.id for t in s], checkpoint.params, config, mask="none")
        it = words.index("it")
        pair.append({"text": text, "heads": [
            {"layer": L + 1, "head": h + 1, "animal": round(float(lay.weights[h][it, words.index("animal")]), 3),
             "street": round(float(lay.weights[h][it, words.index("street")]), 3)}
            for L, lay in enumerate(trace.layers) for h in range(config.n_head)]})
    right, total = np.zeros((config.n_layer, config.n_head)), 0
    by_kind = {}  # kind -> [stories, the answer at "it" names the meant noun before the other one]
    for kind in STORY_KINDS:
        for c in [c for c in corpus.held_out[kind] if c[4] == "it"][::every]:
            s = render(c, "en")
            ids = _ids(checkpoint, s)
            trace = forward(ids, checkpoint.params, config, mask="none")
            it, meant = s.referent
            agent, thing = s.tokens.index(c[1]), s.tokens.index(c[2])
            good, bad = (agent, thing) if meant == c[1] else (thing, agent)
            right += [[lay.weights[h][it, good] > lay.weights[h][it, bad] for h in range(config.n_head)]
                      for lay in trace.layers]
            total += 1
            tally = by_kind.setdefault(kind, [0, 0])
            tally[0] += 1
            tally[1] += int(trace.logits[it, ids[good]] > trace.logits[it, ids[bad]])
    heads = [{"layer": L + 1, "head": h + 1, "accuracy": round(float(right[L, h]) / max(1, total), 4)}
             for L in range(config.n_layer) for h in range(config.n_head)]
    named = {kind: {"stories": n, "named_right": round(k / max(1, n), 4)} for kind, (n, k) in by_kind.items()}
    return {"pair": pair, "held_out_stories": total, "held_out_by_head": heads, "answer_at_it": named}


def vocabulary_sizes(tokenizer) -> dict:
    words = tokenizer.vocab[2:tokenizer.n_words]
    return {"total": len(tokenizer), "english_words": sum(w.isascii() for w in words),
            "japanese_words": sum(not w.isascii() for w in words), "pieces": len(tokenizer) - tokenizer.n_words}


def evaluate(model_dir=None, training: dict | None = None, per_lang: int = PER_LANG) -> dict:
    model_dir = Path(model_dir) if model_dir else teaching_model_dir()
    checkpoint = load_checkpoint(model_dir)
    corpus = Corpus()
    held_out = corpus.evaluation_set(per_lang, "held_out")
    seen = corpus.evaluation_set(per_lang, "train")
    if training is None and (model_dir / "evaluation.json").is_file():
        training = json.loads((model_dir / "evaluation.json").read_text(encoding="utf-8")).get("training")
    examples = load_examples(model_dir / "examples.json") if (model_dir / "examples.json").is_file() else []
    gallery = [{**ex, **measure(checkpoint, ex)} for ex in examples]
    config = checkpoint.config
    result = {
        "model": {**config.to_json_dict(), "parameters": int(sum(p.size for p in checkpoint.params.values()))},
        "corpus": {"meanings": corpus.sizes(), "vocabulary": vocabulary_sizes(checkpoint.tokenizer),
                   "evaluated_meanings_per_split": per_lang,
                   "lesson_examples_in_training": [render(c, "en").text for c in LESSON_EXAMPLES]},
        "held_out": score(checkpoint, held_out),
        "training_sentences": score(checkpoint, seen),
        "held_out_discussion": score_discussion(checkpoint, held_out),
        "training_sentences_discussion": score_discussion(checkpoint, seen),
        "bigram_baseline_held_out": bigram_baseline(corpus, held_out),
        "gallery": gallery,
        "pronoun": pronoun_check(checkpoint, corpus),
        "probes": {text: top_next(checkpoint, text) for text in PROBES},
        "training": training,
    }
    (model_dir / "evaluation.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    from .evaluation_report import report

    (model_dir / "EVALUATION.md").write_text(report(result, held_out), encoding="utf-8")
    print_summary(result)
    return result


def print_summary(result: dict) -> None:
    for lang, m in result["held_out"].items():
        print(f"held-out {lang:3s}: top-1 {m['top1']:.3f}  top-5 {m['top5']:.3f}  loss {m['loss']:.3f}  "
              f"({m['predictions']} predictions)")
    for ex in result["gallery"]:
        print(("holds " if ex["holds"] else "FAILS ") + f"{ex['text']!r} [{ex['mask']}] {ex['focus']} L{ex['layer']}H{ex['head']}: "
              + ", ".join(f"{w} {p:.2f}" for w, p in ex["shares"][:3]))
    best = max(result["pronoun"]["held_out_by_head"], key=lambda h: h["accuracy"])
    print(f"pronoun: best head on held-out stories L{best['layer']}H{best['head']} {best['accuracy']:.3f}")
    for text, top in result["probes"].items():
        print(f"{text!r} -> " + ", ".join(f"{t['word']} {t['p']:.2f}" for t in top))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classroom_gui.model.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="checkpoint folder (default: the teaching model)")
    args = parser.parse_args(argv)
    evaluate(args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
