"""Time one keystroke in the sentence field (view.sentence_edit.SentenceEdit: the completion list and the marks of
unknown words) at the end of a 64-word sentence, with the teaching model and a GPT-2 folder (tests/fixtures/
tiny_gpt2), and count how often the tokenizer reads the text a keystroke.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_keystroke.py [--rounds N] [--middle]

Each round types a letter and deletes it again (two keystrokes); the median a keystroke is printed. --middle types
in the middle of the sentence (after its 32nd word, "ca" before a space) instead of at its end.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from classroom_gui.model import load_checkpoint  # noqa: E402
from classroom_gui.resources import teaching_model_dir  # noqa: E402
from classroom_gui.view.sentence_edit import SentenceEdit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = "the cat sat on the mat zorblax 🐱 猫がマットに座った and the dog saw a bird".split()
SENTENCE = " ".join((WORDS * 8)[:63] + ["ca"])  # 64 words, the last being typed
MODELS = {"teaching model": teaching_model_dir(), "tiny_gpt2": ROOT / "tests" / "fixtures" / "tiny_gpt2"}


class Counting:
    """A tokenizer whose encode() calls are counted."""

    def __init__(self, tokenizer):
        self._tok, self.calls = tokenizer, 0

    def __getattr__(self, name):
        return getattr(self._tok, name)

    def encode(self, text):
        self.calls += 1
        return self._tok.encode(text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--middle", action="store_true", help="type after the 32nd word, not at the end")
    args = parser.parse_args()
    QApplication.instance() or QApplication([])  # (PySide6 keeps it: QApplication.instance())
    for name, folder in MODELS.items():
        tokenizer = Counting(load_checkpoint(folder).tokenizer)
        edit = SentenceEdit()
        edit.set_tokenizer(tokenizer)
        edit.setText(SENTENCE)
        edit.end(False)
        if args.middle:
            words = SENTENCE.split()
            head = " ".join(words[:31] + ["ca"])
            edit.setText(head + " " + " ".join(words[32:]))
            edit.setCursorPosition(len(head.encode("utf-16-le")) // 2)  # (Qt counts UTF-16 units)
        edit.known  # (the window sorts the vocabulary after its first paint, not on a keystroke)
        times, tokenizer.calls = [], 0
        for _ in range(args.rounds):
            for key in (Qt.Key.Key_T, Qt.Key.Key_Backspace):
                start = time.perf_counter()
                QTest.keyClick(edit, key)
                times.append(time.perf_counter() - start)
        edit.completer.popup().hide()
        print(f"{name:>15}: median {1000 * statistics.median(times):6.2f} ms a keystroke, "
              f"{tokenizer.calls / len(times):.1f} encode() calls a keystroke ({len(SENTENCE.split())} words, "
              f"{'mid-sentence' if args.middle else 'at the end'}, load {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
