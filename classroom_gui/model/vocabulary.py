"""The teaching model's vocabulary: the corpus's words first, then everyday English and Japanese words
(assets/words/*.txt, made once from wordfreq by scripts/make_word_lists.py), then single-character pieces
for the words it does not know (ASCII, kana, and every kanji the words use).

An everyday word that would make longest match cut a corpus sentence differently from its intended
words (say a word spanning "の" and "上") is left out; `check_tokenizer` proves every corpus sentence
splits back into its own tokens.
"""
from __future__ import annotations

from ..resources import assets_dir
from .corpus import Corpus
from .tokenizer import ClassroomTokenizer

KANA = [chr(c) for c in range(0x3041, 0x3097)] + [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー", "々"]
ASCII = [chr(c) for c in range(0x21, 0x7F) if not "A" <= chr(c) <= "Z"]  # the tokenizer lowercases
MARKS = list("、。「」『』（）！？：・…〜")


def everyday_words(lang: str) -> list[str]:
    return (assets_dir() / "words" / f"{lang}.txt").read_text(encoding="utf-8").split()


def build_tokenizer(corpus: Corpus | None = None) -> ClassroomTokenizer:
    corpus = corpus or Corpus()
    mine = corpus.words()
    words = {lang: list(dict.fromkeys(mine[lang] + everyday_words(lang))) for lang in ("en", "ja")}
    own = set(mine["en"]) | set(mine["ja"])
    while True:
        tokenizer = _make(words)
        clashes = set()
        for s in _one_of_each_shape(corpus):
            got = [t.text.lower() for t in tokenizer.encode(s.text)]
            clashes |= {w for w in got if w not in s.tokens and w not in own}
        if not clashes:
            return tokenizer
        words = {lang: [w for w in ws if w not in clashes] for lang, ws in words.items()}


def _make(words: dict[str, list[str]]) -> ClassroomTokenizer:
    kanji = sorted({c for w in words["ja"] for c in w if "\u4e00" <= c <= "\u9fff"})
    return ClassroomTokenizer.from_words(words["en"] + words["ja"], ASCII + MARKS + KANA + kanji)


def _one_of_each_shape(corpus: Corpus):
    """Japanese sentences (where longest match could go wrong) and every English sentence shape."""
    seen = set()
    for split in ("train", "held_out"):
        for s in corpus.sentences(split):
            key = s.tokens if s.lang == "ja" else (s.combo[0], len(s.tokens))
            if key not in seen:
                seen.add(key)
                yield s


def check_tokenizer(tokenizer: ClassroomTokenizer, corpus: Corpus | None = None) -> int:
    """Encode every sentence's text and check it gives back its tokens, all known; returns how many."""
    corpus = corpus or Corpus()
    n = 0
    for split in ("train", "held_out"):
        for s in corpus.sentences(split):
            tokens = tokenizer.encode(s.text)
            got = tuple(t.text.lower() for t in tokens)
            if got != s.tokens or any(t.unknown for t in tokens):
                raise AssertionError(f"{s.text!r} splits as {got}, expected {s.tokens}")
            n += 1
    return n
