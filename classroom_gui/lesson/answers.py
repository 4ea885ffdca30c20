"""Answer time's word lists: the class's next words after the last student, and every seat's guess for
the word that follows it, both from GPT's rule (in turn), since that is how a next word is predicted.

The teaching model speaks English and Japanese. Below the class's answer (the model's most probable word, listed
whatever its language), a list holds words of the sentence's language only (teacher15 M2: a Japanese class saw
ate/a/an under its answer); punctuation and numbers belong to both. The board names the most probable word left out
(left_out) with its probability, so the list's numbers stay the model's: nothing is renormalised. The tokenizer's
<mask> and <unk> are never listed (UNSAYABLE). A byte-level model's (GPT-2's) pieces of a character ("<0xE3><0x81>")
are no word of any language: never listed below the answer nor guessed at a desk (teacher28 L3: an English class's
list held four of them and left out a word), and where one is shown (the class's answer) it is named with one mark,
BYTE_PIECE, that the caption explains (word_names, notice.byte_piece; teacher28 M4: 45 of 64 desks read "<0x…").
Nor are its control characters (control_piece: "␝", drawn ⟨U+241D⟩; tidy25: ~10 of 64 desks of a long paragraph
guessed one): like <unk>, never listed, guessed or named as left out, although the class's own answer may be one.
Pure: no Qt.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..messages.glyphs import drawn_name
from ..model.bpe_tokenizer import SPACE, byte_piece, control, control_piece
from ..model.functions import softmax
from ..model.tokenizer import MASK, UNK
from ..model.trace import Trace
from ..model.unembedding import compare_with_every_word
from .cache import kept

SEAT_GUESSES_UPTO = 64   # classes bigger than this show no guesses at the desks (too small to read)


_JA_RANGES = ((0x3000, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0xFF01, 0xFF9F))  # kana, kanji, 。「」, full width


@lru_cache(maxsize=8192)
def script(word: str) -> str:
    """"ja" for a word with kana, kanji or Japanese punctuation (。「」), "en" for one with Latin letters, ""
    for neither (. 3 ?). Kept per word: answer time's frames ask sentence_script of the whole sentence twice a
    frame (answer_ids), ~2 ms of a 64-token GPT-2 answer frame when each word's characters were walked again."""
    for c in word:
        o = ord(c)
        if any(lo <= o <= hi for lo, hi in _JA_RANGES):
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


def of_language(word: str, lang: str) -> bool:
    """Whether a word may stand below the answer in a list for a sentence in `lang`: one a student can say, of the
    sentence's language, or punctuation or a number (any word when the sentence has no one language), and not a
    piece of a character (byte_piece) nor a control character (control_piece)."""
    s = script(word)
    return (word not in UNSAYABLE and not byte_piece(word) and not control_piece(word)
            and (not lang or not s or s == lang))


BYTE_PIECE = "◇"  # a piece of a character as desks, chart, board and quiz name it (in the bundled font; "⁇" read as "??")


def named(word: str) -> str:
    """A vocabulary word as it is drawn: a piece of a character as BYTE_PIECE and its bytes ("<0xAF><0xE5>" was cut
    to "<0x…" on a desk and "<0xAF><0x…" under a bar; a bare ◇ made two pieces look the same: 「◇」 0.147 and 「◇」
    0.103, teacher30 #3, so 「◇AFE5」), any other as glyphs.drawn_name writes it (teacher28 L2: the chart's labels skipped
    it, and an emoji or a control's picture the font lacks was drawn as ☒)."""
    return BYTE_PIECE + "".join(HEX.findall(word)) if byte_piece(word) else drawn_name(word)


HEX = re.compile(r"<0x([0-9A-F]{2})>")


def is_piece(shown: str) -> bool:
    """Whether a word as drawn (named) is a piece of a character: ◇ and its bytes."""
    return shown.startswith(BYTE_PIECE)


class WordNames:
    """The vocabulary's words as drawn (named), by id, each named when first asked for (naming all of GPT-2's 50k
    words, most with a non-ASCII ␣, took 0.7 s): what answer time and the quiz name words from."""

    def __init__(self, vocab: list[str]):
        self.vocab, self._named = vocab, {}

    def __len__(self) -> int:
        return len(self.vocab)

    def __getitem__(self, i: int) -> str:
        i = int(i)
        shown = self._named.get(i)
        if shown is None:
            shown = self._named[i] = named(self.vocab[i])
        return shown


def word_names(trace: Trace) -> WordNames:
    """The trace's vocabulary as drawn (WordNames), kept beside it."""
    return kept(trace, "word_names", lambda: WordNames(trace.vocab))


_SAYABLE: dict[tuple[int, str], tuple[list, np.ndarray, np.ndarray]] = {}  # (id(vocab), lang) -> (vocab, masks)


def sayable(vocab: list[str], lang: str) -> tuple[np.ndarray, np.ndarray]:
    """([V] bools) the words a list for a sentence in `lang` may hold below the answer (of_language), and every
    word a student can say (not UNSAYABLE): the one rule of answer_ids and the seats' guesses. Kept per vocabulary
    and language (69 ms on GPT-2's 50k words)."""
    held = _SAYABLE.get((id(vocab), lang))
    if held is None or held[0] is not vocab:
        if len(_SAYABLE) >= 8:
            _SAYABLE.clear()
        said, ja, en, controls = _scripts(vocab)
        of_lang = said & ~controls & (~ja & ~en | (ja if lang == "ja" else en if lang == "en" else False) | (not lang))
        of_lang[[k for k, w in enumerate(vocab) if w.startswith("<0x") and byte_piece(w)]] = False
        of_lang.setflags(write=False)
        said.setflags(write=False)  # shared by every caller
        held = _SAYABLE[id(vocab), lang] = (vocab, of_lang, said)
    return held[1], held[2]


def _scripts(vocab: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """[V] bools each: whether each word is one a student can say (not UNSAYABLE), whether script() calls it "ja",
    or "en", and whether it is only control characters (control_piece): the same rules, decided for every character
    of the vocabulary at once (a Python call a word took 50-60 ms on GPT-2's 50k words, in the first answer frame of
    a class too big for the seats' guesses); a piece of a character (byte_piece) or a control is none a student can
    say below the answer: its `said` stays (it may be the class's answer) and of_language's mask drops it (sayable)."""
    n = len(vocab)
    lengths = np.fromiter(map(len, vocab), np.int64, n)
    codes = np.frombuffer("".join(vocab).encode("utf-32-le", "surrogatepass"), "<u4")  # one a character
    word = np.repeat(np.arange(n), lengths)  # each character's word
    ja_char = np.zeros(len(codes), bool)
    for lo, hi in _JA_RANGES:
        ja_char |= (codes >= lo) & (codes <= hi)
    latin = (codes | 0x20) - ord("a") < 26  # A-Z, a-z: the ASCII characters str.isalpha calls letters
    ja, en = np.zeros(n, bool), np.zeros(n, bool)
    ja[word[ja_char]] = True
    en[word[latin]] = True
    said = np.ones(n, bool)
    for k in np.flatnonzero(np.isin(lengths, [len(w) for w in UNSAYABLE])).tolist():
        said[k] = vocab[k] not in UNSAYABLE
    return said, ja, en & ~ja, _controls(codes, word, n)


def _controls(codes: np.ndarray, word: np.ndarray, n: int) -> np.ndarray:
    """[V] bools: the words control_piece calls controls (a control, ␣ beside it at most), from their characters
    (`codes`, each of word `word`): control() asked once for each distinct character."""
    distinct = np.unique(codes)
    ctrl = np.isin(codes, distinct[[control(chr(c)) for c in distinct.tolist()]])
    other = ~ctrl & (codes != ord(SPACE))
    return (np.bincount(word[ctrl], minlength=n) > 0) & (np.bincount(word[other], minlength=n) == 0)


def answer_ids(trace: Trace, k: int) -> list[int]:
    """The k most probable next words after the last student (trace.next_order): the class's answer (the most
    probable word a student can say), then words of the sentence's language (of_language)."""
    vocab = trace.vocab
    if not vocab:
        return [int(i) for i in trace.next_order[:k]]
    of_lang, said = sayable(vocab, sentence_script(trace.tokens))
    out = []
    for i in trace.next_order:
        i = int(i)
        if of_lang[i] if out else said[i]:
            out.append(i)
            if len(out) == k:
                break
    return out or [int(i) for i in trace.next_order[:k]]  # a vocabulary of only the other language: as it is


def left_out(trace: Trace, shown: list[int]) -> tuple[int, str] | None:
    """The most probable word that answer_ids left out above the last word it lists (the board names it and its
    probability), and what it left out there: "en" or "ja" (words of the other language), "bytes" (pieces of a
    character), "bytes_en" or "bytes_ja" (both); None where it left none out."""
    vocab = trace.vocab
    if not vocab or not shown:
        return None
    listed, first, kinds = set(shown), None, set()
    for i in trace.next_order:
        i = int(i)
        if i == shown[-1]:
            break
        if i not in listed and vocab[i] not in UNSAYABLE and not control_piece(vocab[i]):
            first = i if first is None else first
            kinds.add("bytes" if byte_piece(vocab[i]) else script(vocab[i]))
    if first is None:
        return None
    kinds.discard("")  # (a number or a mark is never left out: of_language keeps them)
    return (first, "_".join(sorted(kinds))) if kinds else None


def seat_guesses(trace: Trace) -> list[tuple[int, float]]:
    """For every seat, (word id, probability) of the word the class guesses comes next after that student, from that
    student's final notebook (seat t's guess is the model's prediction for seat t + 1): its most probable word that
    answer time's list may hold (of_language: the sentence's language, punctuation or a number; teacher17 M1: a
    Japanese class's 「生徒」 guessed 「it」), or the class's answer (answer_ids' first, whatever its language), so the
    last seat's guess is the class's answer. [] for a class bigger than SEAT_GUESSES_UPTO. Cached beside the trace
    (lesson.cache)."""
    if trace.n_tokens > SEAT_GUESSES_UPTO:
        return []
    return kept(trace, "seat_guesses", lambda: _guesses(trace))


def _sayable(trace: Trace) -> np.ndarray | None:
    """Which words a seat may guess ([V] bools), or None for any (no vocabulary): of the sentence's language (or
    punctuation) or the class's answer; every word a student can say where the vocabulary has none of them."""
    vocab = trace.vocab
    if not vocab:
        return None
    of_lang, said = sayable(vocab, sentence_script(trace.tokens))
    answer = answer_ids(trace, 1)[0]
    ok = of_lang.copy()
    ok[answer] |= said[answer]
    if not ok.any():  # a vocabulary of only the other language: any word a student can say
        ok = said
    return ok if ok.any() else None


def _guesses(trace: Trace) -> list[tuple[int, float]]:
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # an overflowed model: nan, shown as such
        probs = softmax(compare_with_every_word(trace.ln_f, trace.params))  # [T, V]; not kept in the trace
        allowed = _sayable(trace)
        if allowed is not None:
            probs = np.where(allowed, probs, -np.inf)  # first of the largest, as a stable sort would pick
    picks = np.argmax(probs, axis=-1)
    return [(int(i), float(row[i])) for i, row in zip(picks, probs)]
