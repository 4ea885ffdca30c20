"""From a sentence typed by a user to a Trace: checking the text, tokenizing, truncating to the context.

Problems a user can fix raise InputError with a message meant for them; a sentence longer than the
model's context is cut and the notice says so.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from .checkpoint import Checkpoint
from .gpt import forward
from .trace import Trace


class InputError(ValueError):
    """A sentence the class cannot read; str() is a message for the user."""


@dataclass
class SentenceRun:
    trace: Trace
    notices: list[str] = field(default_factory=list)  # e.g. "truncated to the first 64 tokens"
    total_tokens: int = 0                             # before truncation to the context
    unknown_words: list[str] = field(default_factory=list)


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
        raise InputError("the sentence is empty: type a few words, e.g. 'The cat sat on the mat'")
    return text


def run_sentence(checkpoint: Checkpoint, text: str, mask: str = "causal") -> SentenceRun:
    """The sentence through the model under the classroom's rule `mask` ("causal" or "none")."""
    text = check_text(text)
    tokens = checkpoint.tokenizer.encode(text)
    if not tokens:
        raise InputError("the sentence has no words the class can read")
    notices = []
    total = len(tokens)
    limit = checkpoint.config.n_positions
    if len(tokens) > limit:
        notices.append(f"the sentence has {len(tokens)} tokens; only the first {limit} fit in the model's context")
        tokens = tokens[:limit]
    unknown = [t.text for t in tokens if t.unknown]
    if unknown:
        notices.append("unknown to the model: " + ", ".join(dict.fromkeys(unknown)))
    trace = forward([t.id for t in tokens], checkpoint.params, checkpoint.config,
                    tokens=[t.text for t in tokens], unknown=[t.unknown for t in tokens], mask=mask)
    trace.vocab = checkpoint.tokenizer.vocab
    return SentenceRun(trace, notices, total_tokens=total, unknown_words=list(dict.fromkeys(unknown)))


def blank_controls(text: str) -> str:
    """Control characters (pasted tabs, bells, NULs) as spaces: the window reads past them."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


def compute_run(checkpoint, text: str, mask: str = "causal"):
    """The sentence's SentenceRun (control characters read as spaces), or None for a sentence with nothing
    to read (the canvas says so)."""
    try:
        return run_sentence(checkpoint, blank_controls(text), mask)
    except InputError:
        return None
