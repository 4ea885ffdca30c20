"""What the sentence editor tells a teacher while typing: which words the model does not know, and which
known words complete the word being typed. Pure: no Qt (view/sentence_edit.py shows it).

Works with any tokenizer that gives encode(text) -> [Token(text, id, unknown)] and a vocab list: the
classroom's words, or a GPT-2 BPE vocabulary (whose "Ġ" marks a word that follows a space).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_SPECIAL = re.compile(r"^<[^<>]*>$|^\[[A-Z]+\]$")   # <unk>, <|endoftext|>, [PAD]
_PIECE_MARKS = ("##", "▁")                         # subword continuations of other tokenizers


def completion_words(vocab: list[str], limit: int = 60_000) -> list[str]:
    """The vocabulary's whole words worth offering, sorted and without repeats: no special tokens, no
    punctuation, no continuation pieces; GPT-2's "Ġword" offered as "word"."""
    words = set()
    for w in vocab[:limit]:
        if _SPECIAL.match(w) or w.startswith(_PIECE_MARKS):
            continue
        w = w[1:] if w.startswith("Ġ") else w
        if len(w) >= 2 or (w and not w.isascii() and w.isalpha()):
            if any(c.isalpha() for c in w):
                words.add(w)
    return sorted(words, key=lambda s: (s.lower(), s))  # KnownWords searches this order


def unknown_spans(tokenizer, text: str) -> list[tuple[int, int]]:
    """Where in `text` the words the model does not know stand, as (start, end) character offsets, in order.
    A Latin word the tokenizer cut into pieces is one span ("hippopotamus", not "hip", "popo"); a Japanese
    run as the tokenizer read it. Pieces a tokenizer rewrote (e.g. byte pieces) cannot be placed and are left out."""
    spans, at = [], 0
    runs = None  # the Latin runs of `text`, found once: widening each piece of a 10,000-letter word to its
    #              whole run, one letter at a time, took minutes (quadratic) in the sentence editor
    for t in tokenizer.encode(text):
        start = text.find(t.text, at) if t.text else -1
        if start < 0:
            continue
        at = start + len(t.text)
        if not t.unknown:
            continue
        a, b = start, at
        if t.text.isascii():
            runs = runs or _LatinRuns(text)
            a, b = runs.widen(a, b)
        if spans and a <= spans[-1][1]:  # a piece of the word just marked
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def unknown_words(tokenizer, text: str) -> list[str]:
    """The words of `text` the model does not know (each once, in order): unknown_spans as text."""
    return list(dict.fromkeys(text[a:b] for a, b in unknown_spans(tokenizer, text)))


UNKNOWN_NOTICE = "unknown to the model: "  # model.sentence's notice, which names the pieces


def name_unknown_words(run, tokenizer, text: str):
    """`run` (a model.sentence.SentenceRun, or None) with the words the model does not know named as the user
    typed them ("zorblax", 「スヤスヤ」) in its unknown_words and its notice, instead of the pieces the tokenizer
    read them as ("z, or, b, la, x", which called the known pieces "or" and "mat" unknown words). The trace's
    per-token `unknown` flags stay: each piece of an unknown word is drawn and listed as such."""
    if run is None or not run.unknown_words:
        return run
    words = [w for w in unknown_words(tokenizer, text) if w] or run.unknown_words
    named = ", ".join(w if len(w) <= 40 else w[:39] + "…" for w in words)
    run.notices = [f"{UNKNOWN_NOTICE}{named} (the model reads {'it' if len(words) == 1 else 'each'} as pieces)"
                   if n.startswith(UNKNOWN_NOTICE) else n for n in run.notices]
    run.unknown_words = words
    return run


_LATIN_RUN = re.compile(r"[A-Za-z0-9']+")
_LATIN_END = re.compile(r"[A-Za-z0-9']+$")


class _LatinRuns:
    """The maximal runs of Latin letters, digits and apostrophes in a text, as sorted (start, end) pairs, so
    that a piece widens to its whole word in log time."""

    def __init__(self, text: str):
        self.runs = [m.span() for m in _LATIN_RUN.finditer(text)]
        self.starts = [a for a, _ in self.runs]

    def _run(self, p: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, p) - 1
        return self.runs[i] if i >= 0 and self.runs[i][1] > p else None

    def widen(self, a: int, b: int) -> tuple[int, int]:
        """(a, b) grown left over the Latin characters before a and right over those from b on."""
        left = self._run(a - 1) if a > 0 else None
        right = self._run(b)
        return (left[0] if left else a), (right[1] if right else b)


def word_being_typed(tokenizer, text: str) -> str:
    """The word at the end of `text` that a completion would finish: the last Latin word, or in Japanese the
    last student the tokenizer reads (an unknown run such as "マッ" is the start of a word). "" after a space
    or punctuation."""
    if not text or text[-1].isspace():
        return ""
    tokens = tokenizer.encode(text)
    if not tokens or not text.endswith(tokens[-1].text):
        return ""
    last = tokens[-1].text
    latin = _LATIN_END.search(text)
    if latin and last.isascii():  # a Latin word, whole even when the tokenizer read it as pieces (c, a)
        return latin.group(0) if any(c.isalpha() for c in latin.group(0)) else ""
    if tokens[-1].unknown:  # an unknown run read as pieces (マ, ッ) is one word being typed
        for t in reversed(tokens[:-1]):
            if not t.unknown or t.text.isascii() or not text.endswith(t.text + last):
                break
            last = t.text + last
    return last if any(c.isalpha() for c in last) else ""


class KnownWords:
    """The vocabulary's whole words (completion_words), sorted case-blind for prefix search."""

    def __init__(self, vocab: list[str]):
        self.words = completion_words(vocab)
        self._lowered = [w.lower() for w in self.words]

    def starting(self, prefix: str, limit: int = 12) -> list[str]:
        """Known words longer than `prefix` that start with it (case does not matter), shortest first; none
        for an empty prefix."""
        if not prefix:
            return []
        key = prefix.lower()
        i = bisect_left(self._lowered, key)
        found = []
        while i < len(self._lowered) and self._lowered[i].startswith(key):
            if self._lowered[i] != key:  # what is typed is not offered again (a one-letter piece, a finished word)
                found.append(self.words[i])
            i += 1
        return sorted(found, key=len)[:limit]


def complete(text: str, prefix: str, word: str) -> str:
    """`text` with its trailing `prefix` replaced by the chosen `word`."""
    return (text[: len(text) - len(prefix)] if prefix and text.endswith(prefix) else text) + word
