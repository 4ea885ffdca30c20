"""Answer time's word lists: the class's next words after the last student, and every seat's guess for
the word that follows it, both from GPT's rule (in turn), since that is how a next word is predicted.

The teaching model speaks English and Japanese. A word of the other language than the sentence's appears
in a list only when the model gives it at least OTHER_LANGUAGE_FLOOR; punctuation and numbers belong to
both. The tokenizer's <mask> and <unk> are never listed (UNSAYABLE). Pure: no Qt.
"""
from __future__ import annotations

import numpy as np

from ..model.functions import softmax
from ..model.tokenizer import MASK, UNK
from ..model.trace import Trace
from ..model.unembedding import compare_with_every_word
from .cache import kept

OTHER_LANGUAGE_FLOOR = 0.01
SEAT_GUESSES_UPTO = 64   # classes bigger than this show no guesses at the desks (too small to read)
CANDIDATES = 32          # per seat, the best words looked at for one of the sentence's language


def script(word: str) -> str:
    """"ja" for a word with kana, kanji or Japanese punctuation (。「」), "en" for one with Latin letters, ""
    for neither (. 3 ?)."""
    for c in word:
        o = ord(c)
        if 0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF01 <= o <= 0xFF9F:
            return "ja"
    return "en" if any(c.isascii() and c.isalpha() for c in word) else ""


def sentence_script(tokens: list[str]) -> str:
    """The language most of the sentence's words are written in ("" when none is)."""
    counts = {"en": 0, "ja": 0}
    for t in tokens:
        s = script(t)
        if s:
            counts[s] += 1
    if counts["en"] == counts["ja"]:
        return ""
    return max(counts, key=counts.get)


# the teaching tokenizer's own tokens: <mask> is the blank the model learned to fill in discussion, <unk> any
# unknown word; the model gives them a probability, but no student can say them, so no list offers them
UNSAYABLE = frozenset((MASK, UNK))


def admissible(word: str, p: float, lang: str) -> bool:
    """Whether a word of probability p may appear in a list for a sentence in `lang`: a word a student can say,
    and of the sentence's language unless the model gives it at least OTHER_LANGUAGE_FLOOR."""
    if word in UNSAYABLE:
        return False
    s = script(word)
    return not lang or not s or s == lang or p >= OTHER_LANGUAGE_FLOOR


def answer_ids(trace: Trace, probs: np.ndarray, k: int) -> list[int]:
    """The k most probable next words after the last student (trace.next_order), skipping a word of the other
    language below the floor. `probs` are the last student's probabilities (at the chosen temperature)."""
    vocab, lang = trace.vocab, sentence_script(trace.tokens)
    out = []
    for i in trace.next_order:
        i = int(i)
        if not vocab or admissible(vocab[i], float(probs[i]), lang):
            out.append(i)
            if len(out) == k:
                break
    return out or [int(i) for i in trace.next_order[:k]]  # a vocabulary of only the other language: as it is


def seat_guesses(trace: Trace) -> list[tuple[int, float]]:
    """For every seat, (word id, probability) of the word the class guesses comes next after that student,
    from that student's final notebook (seat t's guess is the model's prediction for seat t + 1). [] for a
    class bigger than SEAT_GUESSES_UPTO. Cached beside the trace (lesson.cache)."""
    if trace.n_tokens > SEAT_GUESSES_UPTO:
        return []
    return kept(trace, "seat_guesses", lambda: _guesses(trace))


def _guesses(trace: Trace) -> list[tuple[int, float]]:
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # an overflowed model: nan, shown as such
        probs = softmax(compare_with_every_word(trace.ln_f, trace.params))  # [T, V]; not kept in the trace
    vocab, lang = trace.vocab, sentence_script(trace.tokens)
    out = []
    for row in probs:
        best = np.argsort(-row, kind="stable")[:CANDIDATES]
        pick = next((int(i) for i in best if not vocab or admissible(vocab[i], float(row[i]), lang)), int(best[0]))
        out.append((pick, float(row[pick])))
    return out
