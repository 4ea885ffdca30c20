"""What the sentence editor tells a teacher while typing: which words the model does not know, and which
known words complete the word being typed. Pure: no Qt (view/sentence_edit.py shows it).

Works with any tokenizer that gives encode(text) -> [Token(text, id, unknown)] and a vocab list: the
classroom's words, or a GPT-2 BPE vocabulary (whose "Ġ" marks a word that follows a space).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..messages.glyphs import codes_in, placed, seated
from ..model.sentence import composed
from ..model.unknown_words import is_exact, spans_in

_SPECIAL = re.compile(r"^<[^<>]*>$|^\[[A-Z]+\]$")   # <unk>, <|endoftext|>, [PAD]
_PIECE_MARKS = ("##", "▁")                         # subword continuations of other tokenizers


@dataclass
class Marks:
    """What the editor shows of a text as typed, from one reading of it by the tokenizer (marks)."""
    spans: list[tuple[int, int]] = field(default_factory=list)  # the unknown words (model.unknown_words.unknown_spans)
    typing: str = ""                                            # the word being typed (typed_word)
    names: dict[tuple[int, int], str] = field(default_factory=dict)  # each span as its desks write it
    codes: dict[str, str] = field(default_factory=dict)  # symbol -> its code, as the desks write the text


def marks(tokenizer, text: str) -> Marks:
    """The editor's marks of `text`, the tokenizer reading it once (twice where composing it changes it: "⾃" is
    自, as model.sentence reads it). Each unknown word and each symbol as the desks write it (glyphs.seated over
    the pieces read: a skin tone seated apart is its code, teacher26 M4), a GPT-2 folder's as typed (drawable).
    TokenizerError from a folder's own tokenizer goes to the caller."""
    exact = is_exact(tokenizer)
    tokens = tokenizer.encode(text)
    spans = spans_in(text, tokens, exact)
    pieces = [] if exact else [t.text for t in tokens]
    names = {(a, b): seated(text[a:b], inside) for (a, b), inside in zip(spans, _pieces_in(text, pieces, spans))}
    read = text if exact else composed(text)
    if read != text:
        pieces = [t.text for t in tokenizer.encode(read)]
    return Marks(spans, typed_word(text, tokens), names, codes_in(read, seated(read, pieces)))


def _pieces_in(text: str, pieces: list[str], spans) -> list[list[str]]:
    """For each span (in order), the pieces that lie within it, found in `text` in order as glyphs.seated finds
    them (glyphs.placed): one pass over the pieces."""
    out, k = [[] for _ in spans], 0
    for start, piece in placed(text, pieces):
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k == len(spans):
            break
        if spans[k][0] <= start and start + len(piece) <= spans[k][1]:
            out[k].append(piece)
    return out


def completion_words(vocab: list[str], limit: int = 60_000) -> list[str]:
    """The vocabulary's whole words worth offering, sorted and without repeats: no special tokens, no
    punctuation, no continuation pieces; GPT-2's "Ġword" offered as "word"."""
    return _case_blind(_ranks(vocab, limit))


def _case_blind(words) -> list[str]:  # the order KnownWords searches
    return sorted(words, key=lambda s: (s.lower(), s))


def _ranks(vocab: list[str], limit: int = 60_000) -> dict[str, int]:
    """Each word worth offering -> its first place in the vocabulary (GPT-2's "Ġcat" and "cat" are one)."""
    rank: dict[str, int] = {}
    for i, w in enumerate(vocab[:limit]):
        offered = _offered(w)
        if offered:
            rank.setdefault(offered, i)
    return rank


def _offered(w: str) -> str:
    """The word a vocabulary entry offers for completion ("" for none: special, piece, punctuation)."""
    if _SPECIAL.match(w) or w.startswith(_PIECE_MARKS):
        return ""
    w = w[1:] if w.startswith("Ġ") else w
    if (len(w) >= 2 or (w and not w.isascii() and w.isalpha())) and any(c.isalpha() for c in w):
        return w
    return ""


_LATIN_END = re.compile(r"[A-Za-z0-9']+$")


def typed_word(text: str, tokens) -> str:
    """The word at the end of `text` that a completion would finish, from its tokens as the tokenizer read them:
    the last Latin word, or in Japanese the last student the tokenizer reads (an unknown run such as "マッ" is the
    start of a word). "" after a space or punctuation."""
    if not text or text[-1].isspace():
        return ""
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
    """The vocabulary's whole words (completion_words), sorted case-blind for prefix search, each with its
    place in the vocabulary: the teaching model's lists its lesson words, then English and Japanese words by
    frequency (assets/words), and GPT-2's merges come in order of frequency too, so that place offers the
    common word first ("sat", "saw" before "sam", and no rare word ahead of them on a school projector)."""

    def __init__(self, vocab: list[str]):
        self.rank = _ranks(vocab)
        self.words = _case_blind(self.rank)
        self._lowered = [w.lower() for w in self.words]

    def starting(self, prefix: str, limit: int = 12) -> list[str]:
        """Known words longer than `prefix` that start with it (case does not matter), in the vocabulary's
        order (most common first); none for an empty prefix."""
        if not prefix:
            return []
        key = prefix.lower()
        i = bisect_left(self._lowered, key)
        found = []
        while i < len(self._lowered) and self._lowered[i].startswith(key):
            if self._lowered[i] != key:  # what is typed is not offered again (a one-letter piece, a finished word)
                found.append(self.words[i])
            i += 1
        return sorted(found, key=lambda w: self.rank.get(w, len(self.rank)))[:limit]


def complete(text: str, prefix: str, word: str) -> str:
    """`text` with its trailing `prefix` replaced by the chosen `word`."""
    return (text[: len(text) - len(prefix)] if prefix and text.endswith(prefix) else text) + word
