"""From a sentence typed by a user to a Trace: checking the text, tokenizing, truncating to the context.

Problems a user can fix raise InputError with a message meant for them; a sentence longer than the
model's context is cut and the notice says so. A GPT-2 folder's tokenizer (`exact`) reads the text exactly
as typed, every space, tab and newline, as its own tokenizer would; the teaching model's word tokenizer
reads runs of whitespace as one space, and a notice says so when that changed the text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from ..messages.fit import shortened
from ..messages.phrase import PhraseError
from .checkpoint import Checkpoint
from .fast import forward
from .limits import MAX_STUDENTS, attention_tokens
from .tokenizer import TokenizerError
from .trace import Trace
from .unknown_words import is_exact, read_as, unknown_words, whole_words, words_and_marks


class InputError(ValueError):
    """A sentence the class cannot read; str() is a message for the user."""


class EmptySentence(PhraseError, InputError):
    """A sentence with no words (messages/strings "sentence.empty"): str() says so in English, the CLI's --lang and the
    window's export dialogs in theirs (messages.phrase)."""

    def __init__(self):
        super().__init__("sentence.empty")


class TokenizerFailed(PhraseError, InputError):
    """The model's own tokenizer fails on this sentence (a panic, an id beyond the model): unlike an empty
    sentence, the window says so in a message. A key of messages/strings ("model.tokenizer.…") and its values, said
    in the window's language and the CLI's --lang (review22: wrapped as an English str)."""


@dataclass
class SentenceRun:
    trace: Trace
    notices: list[str] = field(default_factory=list)  # e.g. "truncated to the first 64 tokens"
    total_tokens: int = 0                             # before truncation to the context
    cut_by: str = ""                                  # what cut the sentence: a key of CUT_BY, "" when whole
    unknown_words: list[str] = field(default_factory=list)  # as typed (each once); shown through messages.glyphs
    unknown_read: list[tuple[str, ...]] = field(default_factory=list)  # each one's pieces as its tokenizer read it
    overflow: bool = False                            # the model's numbers overflowed float32 (inf, nan)
    normalised: bool = False                          # whitespace was read as single spaces (teaching model)
    text: str = ""                                    # the sentence as read, unknown words whole (for labels)


RADICAL = re.compile("[\u2e80-\u2fdf]")  # CJK radicals supplement, Kangxi radicals (font_cmap.shadowing)
NORMALISED = "the class reads runs of spaces, tabs and line breaks as one space"
# what may cut a long sentence -> where the first tokens fit: the model's context; layers x heads x tokens² attention
# numbers in memory; the classroom's seats. The smallest wins (the lesson's notice names it in the user's language).
CUT_BY = {"context": "the model's context", "memory": "memory", "room": "the classroom"}


def composed(text: str) -> str:
    """The text as the teaching model reads it, one character for one: composed (NFC), so "cafe" + U+0301 is the café
    its vocabulary spells and 「か」 + U+3099 is 「が」 (teacher26 M2), and a Kangxi or CJK radical as the kanji it
    stands for (its NFKC form, 「⾃⼰」 -> 「自己」), which is how the tokenizer reads it (NFKC) and the glyph the font
    has for it (messages.font_cmap): desks, notes and sheets then say 自己, as the model read it (teacher26 L1)."""
    return RADICAL.sub(lambda m: unicodedata.normalize("NFKC", m[0]), unicodedata.normalize("NFC", text))


def check_exact(text: str) -> str:
    """The text unchanged, for a byte-level tokenizer that reads every character (control characters and
    whitespace are bytes with tokens of their own); InputError for empty text or lone surrogates, which
    have no UTF-8 bytes."""
    if not isinstance(text, str):
        raise InputError("the sentence must be text")
    bad = sorted({c for c in text if unicodedata.category(c) == "Cs"})
    if bad:
        names = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        raise InputError(f"the sentence contains lone surrogates ({names}), which are not text; remove them and try again")
    if not text:
        raise EmptySentence()
    return text


def check_text(text: str) -> str:
    """The text with tabs and newlines as spaces; InputError for empty text or control characters."""
    if not isinstance(text, str):
        raise InputError("the sentence must be text")
    bad = sorted({c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r"})
    if bad:
        names = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        raise InputError(f"the sentence contains control characters ({names}); remove them and try again")
    text = " ".join(text.split())
    if not text:
        raise EmptySentence()
    return text


def run_sentence(checkpoint: Checkpoint, text: str, mask: str = "causal", observe=None) -> SentenceRun:
    """The sentence through the model under the classroom's rule `mask` ("causal" or "none"); `observe` is
    gpt.forward's."""
    exact = is_exact(checkpoint.tokenizer)
    if not exact and isinstance(text, str):  # (a GPT-2 folder reads the bytes as typed)
        text = composed(text)
    typed, text = text, (check_exact(text) if exact else check_text(text))
    try:
        tokens = checkpoint.tokenizer.encode(text)
    except TokenizerError as exc:  # the model's own tokenizer fails on this text (a panic, no unknown token)
        raise TokenizerFailed(exc.phrase.key, **exc.phrase.values) from None
    if not tokens:
        raise InputError("the sentence has no words the class can read")
    if not exact:  # every piece of an unknown Japanese word is marked, as its name is whole (「量子」: 量, 子)
        tokens = whole_words(text, tokens)
    c = checkpoint.config
    bad = next((t.id for t in tokens if not 0 <= t.id < c.vocab_size), None)
    if bad is not None:
        raise TokenizerFailed("model.tokenizer.gave_id", path=getattr(checkpoint.tokenizer, "source", "tokenizer.json"),
                              id=bad, vocab=c.vocab_size)
    normalised = not exact and text != typed.strip()  # not an edge trimmed (teacher40 #9)
    notices = [NORMALISED] if normalised else []
    total = len(tokens)
    limit, cut_by = c.n_positions, "context"
    for cap, reason in ((attention_tokens(c.n_layer, c.n_head), "memory"), (MAX_STUDENTS, "room")):
        if cap < limit:
            limit, cut_by = cap, reason
    if total > limit:
        notices.append(f"the sentence has {total} tokens; only the first {limit} fit in {CUT_BY[cut_by]}")
        tokens = tokens[:limit]
    else:
        cut_by = ""
    unknown = [t.text for t in tokens if t.unknown]
    if unknown:  # named as typed, not as the pieces read (whose known ones, "or", "mat", are no unknown words)
        unknown = [w for w in unknown_words(checkpoint.tokenizer, typed) if w] or list(dict.fromkeys(unknown))
        notices.append(unknown_notice(unknown))
    read = [read_as(checkpoint.tokenizer, w) for w in unknown]  # (where they are shown, seated as on their desks)
    trace = _forward([t.id for t in tokens], checkpoint.params, checkpoint.config,
                     tokens=[t.text for t in tokens],  # as typed: names are drawable() where drawn (review25 #1)
                     unknown=[t.unknown for t in tokens], mask=mask, observe=observe)
    overflow = not np.isfinite(trace.ln_f).all()
    if overflow:
        notices.append("the model's numbers overflow (its weights are too large): some are shown as inf or nan")
    trace.vocab = checkpoint.tokenizer.vocab
    return SentenceRun(trace, notices, total_tokens=total, cut_by=cut_by, unknown_words=unknown, unknown_read=read,
                       overflow=overflow, normalised=normalised, text=text)


def unknown_notice(words: list[str]) -> str:
    """The English notice naming the words the model does not know (as given: typed in the run's notices, as drawn
    where the CLI says it)."""
    words, marks = words_and_marks(words)
    named = ", ".join(shortened(w, 40) for w in words)
    said = f"unknown to the model: {named} (the model reads {'it' if len(words) == 1 else 'each'} as pieces)"
    if not marks:
        return said
    unknown = f"punctuation unknown to the model: {' '.join(marks)} (read as unknown pieces)"
    return f"{said}; {unknown}" if words else unknown


def rerun(trace: Trace, mask: str | None = None, edits=None, observe=None) -> Trace:
    """The sentence of `trace` through the same weights again, under `mask` and with the what-if `edits` (each
    by default the trace's own): the other rule's class (lesson.rules) or the teacher's edited class
    (lesson.whatif_state); `observe` is gpt.forward's. EditError when an edit does not fit."""
    out = _forward(trace.token_ids, trace.params, trace.config, tokens=trace.tokens, unknown=trace.unknown,
                   mask=trace.mask_rule if mask is None else mask, edits=tuple(trace.edits if edits is None else edits),
                   observe=observe)
    out.vocab = trace.vocab
    return out


def _forward(ids, params, config, **kwargs) -> Trace:
    # a model with huge weights (1e20) overflows float32: inf and nan are what it computes, shown as such
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return forward(ids, params, config, **kwargs)


def blank_controls(text: str) -> str:
    """Control characters (pasted tabs, bells, NULs) as spaces: the window reads past them."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def compute_run(checkpoint, text: str, mask: str = "causal", observe=None):
    """The sentence's SentenceRun (control characters read as spaces, except by a GPT-2 tokenizer, which has
    tokens for them), or None for a sentence with nothing to read (the canvas says so). TokenizerFailed goes on
    to the window, which shows it. `observe` is gpt.forward's."""
    try:
        exact = is_exact(checkpoint.tokenizer)
        return run_sentence(checkpoint, text if exact else blank_controls(text), mask, observe)
    except TokenizerFailed:
        raise
    except InputError:
        return None
