"""answers.sayable decides every word of a vocabulary at once (answers._scripts): its two masks must be the per-word
rule's (of_language, UNSAYABLE) word for word, on the shipped teaching vocabulary and on words at the edges of
script()'s character ranges, astral and non-ASCII letters, empty words, the unsayable tokens and random text."""
from __future__ import annotations

import random

import numpy as np
import pytest


def _by_word(vocab, lang):
    from classroom_gui.lesson.answers import UNSAYABLE, of_language
    return (np.array([of_language(w, lang) for w in vocab], bool), np.array([w not in UNSAYABLE for w in vocab], bool))


def _edge_words() -> list[str]:
    from classroom_gui.lesson.answers import UNSAYABLE
    edges = [chr(c) for lo, hi in ((0x3000, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0xFF01, 0xFF9F))
             for c in (lo - 1, lo, hi, hi + 1)]
    letters = [chr(c) for c in (0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC1, 0xE1, 0x141, 0x3A9, 0x1D400)]
    words = ["", " ", ".", "3", "?", "。", "「猫」", "cat", " the", "Ġcat", "é", "Ω", "🐱", "a🐱", "🐱猫", "x。", "ｃａｔ",
             "\ud800", "a\udfff", *UNSAYABLE, "<mask> ", "<MASK>", "<unk", *edges, *letters]
    return words + [a + b for a in edges[:8] + letters[:6] for b in letters[6:] + edges[8:]]


def _random_words(n: int) -> list[str]:
    rng = random.Random(7)
    pools = [(0x20, 0x7F), (0x80, 0x3FF), (0x2FF0, 0x3110), (0x33F0, 0x3410), (0x9FF0, 0xA010), (0xF8F0, 0xFB10),
             (0xFF00, 0xFFA0), (0x1F300, 0x1F400)]
    out = []
    for _ in range(n):
        lo, hi = rng.choice(pools)
        out.append("".join(chr(rng.randint(lo, hi - 1)) for _ in range(rng.randint(0, 6))))
    return out


@pytest.mark.parametrize("lang", ["", "en", "ja", "fr"])
def test_masks_are_the_per_word_rule(lang, checkpoint):
    from classroom_gui.lesson import answers

    for vocab in (list(checkpoint.tokenizer.vocab), _edge_words(), _random_words(20000)):
        answers._SAYABLE.clear()
        of_lang, said = answers.sayable(vocab, lang)
        want_lang, want_said = _by_word(vocab, lang)
        assert of_lang.dtype == bool and said.dtype == bool and len(of_lang) == len(vocab)
        bad = np.flatnonzero((of_lang != want_lang) | (said != want_said))
        assert not len(bad), [vocab[k] for k in bad[:10]]
    answers._SAYABLE.clear()


def test_the_masks_are_not_all_alike(checkpoint):
    """(The rule does tell words apart on these vocabularies: a mask equal to all-True would fail above.)"""
    from classroom_gui.lesson import answers

    answers._SAYABLE.clear()
    en, _ = answers.sayable(_edge_words(), "en")
    ja, said = answers.sayable(_edge_words(), "ja")
    assert en.any() and ja.any() and (en != ja).any() and not said.all()
    answers._SAYABLE.clear()
