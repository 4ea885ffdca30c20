"""Which words of a typed sentence the model does not know, as the user typed them ("zorblax", 「スヤスヤ」), not as
the pieces its tokenizer read them as ("z, or, b, la, x", which would call the known pieces "or" and "mat" unknown
words). Pure Python over any tokenizer with encode(text) -> [Token(text, id, unknown)]: model.sentence names them
in its notice, and the sentence editor (lesson.typing_help) marks them while the teacher types."""
from __future__ import annotations

import re
from bisect import bisect_right

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


_LATIN_RUN = re.compile(r"[A-Za-z0-9']+")


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
