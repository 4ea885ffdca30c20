"""Time the sentence editor's marking of unknown words (model.unknown_words.unknown_spans) on long pastes with
the teaching model's tokenizer: 10,000 letters of one unknown word, a 10,000-character sentence and 3,000 emoji.

    python benchmarks/bench_typing.py [--rounds N]

Goal: each within 1 s (the editor marks on every change; most of it is the tokenizer reading 10,000 pieces). Widening each piece of a long unknown word a letter
at a time made 10,000 x's take ~2 minutes (4,000: 19 s).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from classroom_gui.model.unknown_words import unknown_spans  # noqa: E402
from classroom_gui.model import load_checkpoint  # noqa: E402
from classroom_gui.resources import teaching_model_dir  # noqa: E402

GOAL_S = 1.0
TEXTS = {"10,000 x": "x" * 10_000, "sentence x 500": ("the cat sat on the mat " * 500)[:10_000], "3,000 emoji": "🙂" * 3000}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tokenizer = load_checkpoint(teaching_model_dir()).tokenizer
    worst = 0.0
    for name, text in TEXTS.items():
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            unknown_spans(tokenizer, text)
            times.append(time.perf_counter() - start)
        med = statistics.median(times)
        worst = max(worst, med)
        print(f"{name:>15}: median {med:6.3f} s (goal {GOAL_S} s)")
    print(f"worst median {worst:.3f} s: {'within' if worst <= GOAL_S else 'OVER'} the {GOAL_S} s goal")
    return 0 if worst <= GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
