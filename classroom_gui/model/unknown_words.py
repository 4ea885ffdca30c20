"""Which words of a typed sentence the model does not know, as the user typed them ("zorblax", 「スヤスヤ」), not as
the pieces its tokenizer read them as ("z, or, b, la, x", which would call the known pieces "or" and "mat" unknown
words). Pure Python over any tokenizer with encode(text) -> [Token(text, id, unknown)]: model.sentence names them
in its notice, and the sentence editor (lesson.typing_help) marks them while the teacher types."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import replace


def unknown_spans(tokenizer, text: str) -> list[tuple[int, int]]:
    """Where in `text` the words the model does not know stand, as (start, end) character offsets, in order.
    A Latin word the tokenizer cut into pieces is one span ("hippopotamus", not "hip", "popo"); a Japanese one
    is its katakana or kanji run (whole_words: 「コンピュータ」, 「量子」, each a span of its own where they touch).
    Pieces a tokenizer rewrote (e.g. byte pieces) cannot be placed and are left out."""
    return spans_in(text, tokenizer.encode(text), is_exact(tokenizer))


def is_exact(tokenizer) -> bool:
    """Whether the tokenizer reads the text exactly as typed (a GPT-2 folder's: its tokens, ␣cat and byte pieces,
    are not the typed text) rather than as the teaching model's words."""
    return getattr(tokenizer, "exact", False)


def spans_in(text: str, tokens, exact: bool) -> list[tuple[int, int]]:
    """unknown_spans of `text` from its `tokens` as its tokenizer read them (`exact`: is_exact)."""
    spans, at, word, marked, placed = [], 0, None, False, []
    runs = None  # the Latin runs of `text`, found once: widening each piece of a 10,000-letter word to its
    #              whole run, one letter at a time, took minutes (quadratic) in the sentence editor
    words = japanese_words(text, tokens) if not exact else [None] * len(tokens)
    for t, w in zip(whole_words(text, tokens, words), words):
        start = text.find(t.text, at) if t.text else -1
        if start < 0:
            continue
        at = start + len(t.text)
        placed.append((start, at))
        if not t.unknown:
            continue
        a, b = start, at
        mark = is_mark(t.text)
        if t.text.isascii() and (not mark or t.text == "'"):  # (an apostrophe is a piece of its Latin word)
            runs = runs or _LatinRuns(text)
            a, b = runs.widen(a, b)
        # a piece of the word just marked: overlapping it (a Latin word widened), or touching it, unless each is
        # a Japanese word of its own (「量子」 then 「コンピュータ」) or either is a punctuation mark (teacher30 #4:
        # 「けて、夕方」 was named one word; 「、」 is a mark of its own, and the words either side are two)
        # A kana the model reads as a student of its own is named so where no word's head comes before it
        # (teacher32 #8: 「笑った」's unknown 「っ」「た」 were named 「った」, no word, where the desks mark each; 「寝た」
        # whole is still one name)
        if spans and (a < spans[-1][1] or a == spans[-1][1] and not (mark or marked)
                      and (w == word or w is None or word is None) and not HIRAGANA.fullmatch(text[spans[-1][0]:a])):
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
        word, marked = w, mark
    return spans if exact else with_heads(text, spans, placed)


# hiragana students that end a word rather than inflect one: an unknown kana tail is not named across them
PARTICLES = frozenset("が を に は へ と で も の や か よ ね な から まで より ので のに けど けれど だけ しか ほど など".split())


def with_heads(text: str, spans: list[tuple[int, int]], placed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with an unknown hiragana tail named with the word it ends (teacher40 #7: 「弾いた」 read as 弾, い, た,
    the model knowing 弾 but not い nor た, was named 「い」「た」; the teacher typed 「弾いた」): the span grows back over
    the hiragana before it (not over a particle, PARTICLES) to the kanji or katakana run it follows, when one touches
    it; spans that then overlap are one. `placed` is every token's (start, end) in `text`, in order. A kana tail
    after a particle, with no head (「がいた」), keeps its pieces' names."""
    index = {a: k for k, (a, _) in enumerate(placed)}
    out: list[tuple[int, int]] = []
    for a, b in spans:
        k = index.get(a)
        if k is not None and HIRAGANA.fullmatch(text[a:b]):
            j = k - 1
            while j >= 0 and placed[j][1] == placed[j + 1][0] and HIRAGANA.fullmatch(text[slice(*placed[j])]) \
                    and text[slice(*placed[j])] not in PARTICLES:
                j -= 1
            if j >= 0 and placed[j][1] == placed[j + 1][0] and _head(text[slice(*placed[j])]):
                while j > 0 and placed[j - 1][1] == placed[j][0] and _head(text[slice(*placed[j - 1])]):
                    j -= 1
                a = placed[j][0]
        if out and a < out[-1][1]:
            out[-1] = (min(a, out[-1][0]), max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _head(piece: str) -> bool:
    return bool(KANJI.fullmatch(piece) or KATAKANA.fullmatch(piece))


def is_mark(text: str) -> bool:
    """Whether `text` is punctuation only (「、」, "!", "…"): a mark, not a word, though the model may read it as an
    unknown piece, as the teaching model reads 「、」."""
    return bool(text) and all(unicodedata.category(c).startswith("P") for c in text)


def words_and_marks(names: list[str]) -> tuple[list[str], list[str]]:
    """Unknown names split into the words and the punctuation marks (is_mark), each in order: the notices name the
    marks on a line of their own, as marks read as unknown, not as words."""
    return [n for n in names if not is_mark(n)], [n for n in names if is_mark(n)]


HIRAGANA = re.compile(r"[\u3041-\u309f]+")
KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+")
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]+")


def japanese_words(text: str, tokens) -> list[int | None]:
    """For each token of `text` (as a tokenizer's encode gave them, in order), the Japanese word it is a piece of:
    tokens all katakana (ー too) or all kanji that touch in the text make one word, numbered from 0; None for
    any other token."""
    out, at, end, kind, n = [], 0, -1, None, -1
    for t in tokens:
        start = text.find(t.text, at) if t.text else -1
        this = ("kana" if KATAKANA.fullmatch(t.text) else "kanji" if KANJI.fullmatch(t.text) else None) \
            if start >= 0 else None
        if this is not None and not (this == kind and start == end):
            n += 1
        out.append(n if this is not None else None)
        if start >= 0:
            at = end = start + len(t.text)
        kind = this
    return out


def whole_words(text: str, tokens, words=None) -> list:
    """`tokens` with every piece of an unknown Japanese word (japanese_words) marked unknown, as the Latin pieces
    of an unknown word are: a katakana or kanji word with an unknown piece (「コンピュータ」 read as コ, ン, ピ, ュ,
    ー, タ, where ン and ー are words of the vocabulary), and a kanji word read one kanji at a time (「量子」 as
    量, 子), a compound the vocabulary does not have (longest match would have read one it had whole). The ids,
    and so the model's numbers, stay as read."""
    words = japanese_words(text, tokens) if words is None else words
    pieces: dict[int, list[int]] = {}
    for k, w in enumerate(words):
        if w is not None:
            pieces.setdefault(w, []).append(k)
    unknown = set()
    for ks in pieces.values():
        singles = len(ks) > 1 and all(len(tokens[k].text) == 1 for k in ks) and KANJI.fullmatch(tokens[ks[0]].text)
        if singles or any(tokens[k].unknown for k in ks):
            unknown.update(ks)
    return [replace(t, unknown=True) if k in unknown and not t.unknown else t for k, t in enumerate(tokens)]


def unknown_words(tokenizer, text: str) -> list[str]:
    """The words of `text` the model does not know (each once, in order): unknown_spans as text."""
    return list(dict.fromkeys(text[a:b] for a, b in unknown_spans(tokenizer, text)))


def read_as(tokenizer, text: str) -> tuple[str, ...]:
    """text (an unknown word, a sentence) as the pieces its tokenizer reads it as, for showing it as its desks write
    it (messages.glyphs.seated: a joiner, a selector or a skin tone seated apart is its code, as on its desk:
    "👨‍👩‍👧" is five students, teacher26 M4); () for a GPT-2 folder, whose tokens (␣cat, byte pieces) are not the
    typed text, or whose own tokenizer.json fails on this text (run_sentence says so): then it is drawn whole."""
    if is_exact(tokenizer):
        return ()
    from .tokenizer import TokenizerError

    try:
        return tuple(t.text for t in tokenizer.encode(text))
    except TokenizerError:
        return ()


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
