"""Why an export could not be written, as a key of messages/strings and the values it names (messages.phrase; no Qt).

An export says why it failed without knowing who reads it: `str()` of an ExportError is the English sentence
(strings/en.json), which the CLI prints and the log keeps; `said(exc, lang)` is the same sentence in the
window's language, with the same paths and numbers (teacher5 L2: a Japanese window showed the English).
"""
from __future__ import annotations

from ..messages.phrase import PhraseError
from ..messages.reasons import SystemReason
from ..lesson.strings import text


class ExportError(PhraseError):
    """An export that could not be written; str() says why in English, `said(exc, lang)` in any language."""


class Cancelled(ExportError):
    def __init__(self):
        super().__init__("error.cancelled")


def said(exc: BaseException, lang: str) -> str:
    """Why `exc` stopped an export, in `lang`: an ExportError's (or a WorksheetError's) own sentence; an OSError
    the exports did not explain (a path too long to even look at) as "path: reason"; another error (a ValueError
    of a check outside the exports) as it says itself."""
    if isinstance(exc, PhraseError):
        return exc.phrase.said(lang)
    if isinstance(exc, OSError) and exc.filename is not None:
        return text(lang, "error.os", path=exc.filename, reason=SystemReason(exc).said(lang))
    return SystemReason(exc).said(lang) if isinstance(exc, OSError) else str(exc)
