"""lesson.strings.unbroken_words takes a shortcut for a text with no character from U+3000 on (every English
narration): the same text as its rules give character by character (by_rules), whatever the text."""
from __future__ import annotations

import numpy as np

from classroom_gui.lesson.strings import WORD_JOINER, by_rules, table, unbroken_words

LATIN = ["", "-", "∞", "-∞", "a -∞ b", "x-∞-∞", "12 34", "0.43, -0.67 and 1.00.", "W_Q · x (3 × 4) → y",
         "café – naïve … 2ⁿ", "a\u2060b", "--∞∞", "Scores: -∞ (masked), 0.25, 1e-3"]


def test_latin_texts_as_the_rules_join_them():
    texts = LATIN + [t for t in table("en").values() if isinstance(t, str)]
    rng = np.random.default_rng(0)
    alphabet = list("ab -∞0123456789.,()_·×→\u2060é")
    texts += ["".join(rng.choice(alphabet, size=int(rng.integers(0, 40)))) for _ in range(300)]
    for text in texts:
        assert unbroken_words(text) == by_rules(text), text
    assert unbroken_words("a -∞ b") == f"a -{WORD_JOINER}∞ b"


def test_japanese_texts_still_go_by_the_rules():
    for text in [t for t in table("ja").values() if isinstance(t, str)][:400] + ["「マット」は-∞", "内積です。"]:
        assert unbroken_words(text) == by_rules(text)
    assert WORD_JOINER in unbroken_words("内積です。")
