"""Why an export could not be written, as a key of lesson/strings and the values it names (no Qt).

An export says why it failed without knowing who reads it: `str()` of an ExportError is the English sentence
(strings/en.json), which the CLI prints and the log keeps; `said(exc, lang)` is the same sentence in the
window's language, with the same paths and numbers (teacher5 L2: a Japanese window showed the English).
A value may itself be a Phrase (said in the same language) or a tuple of values (listed with ", ").
"""
from __future__ import annotations

from ..lesson.strings import text


class Phrase:
    """A sentence of lesson/strings by key, with the values it names, said in a language later."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values

    def said(self, lang: str) -> str:
        return text(lang, self.key, **{name: _said(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.said("en")

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {self.values!r})"


def _said(value, lang: str):
    if isinstance(value, Phrase):
        return value.said(lang)
    if isinstance(value, tuple):
        return ", ".join(str(_said(v, lang)) for v in value)
    return value


class ExportError(Exception):
    """An export that could not be written; str() says why in English, `said(exc, lang)` in any language."""

    def __init__(self, key: str, **values):
        self.phrase = Phrase(key, **values)
        super().__init__(str(self.phrase))


class Cancelled(ExportError):
    def __init__(self):
        super().__init__("error.cancelled")


def said(exc: BaseException, lang: str) -> str:
    """Why `exc` stopped an export, in `lang`: an ExportError's own sentence; another error (a ValueError of a
    check outside the exports) as it says itself."""
    return exc.phrase.said(lang) if isinstance(exc, ExportError) else str(exc)
