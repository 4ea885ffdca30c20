"""Why an export could not be written, as a key of lesson/strings and the values it names (lesson.phrase; no Qt).

An export says why it failed without knowing who reads it: `str()` of an ExportError is the English sentence
(strings/en.json), which the CLI prints and the log keeps; `said(exc, lang)` is the same sentence in the
window's language, with the same paths and numbers (teacher5 L2: a Japanese window showed the English).
"""
from __future__ import annotations

from ..lesson.phrase import Phrase, PhraseError  # noqa: F401 (Phrase re-exported: the exports' reasons)


class ExportError(PhraseError):
    """An export that could not be written; str() says why in English, `said(exc, lang)` in any language."""


class Cancelled(ExportError):
    def __init__(self):
        super().__init__("error.cancelled")


def said(exc: BaseException, lang: str) -> str:
    """Why `exc` stopped an export, in `lang`: an ExportError's own sentence; another error (a ValueError of a
    check outside the exports) as it says itself."""
    return exc.phrase.said(lang) if isinstance(exc, PhraseError) else str(exc)
