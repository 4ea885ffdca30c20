"""A message as a key of messages/strings and the values it names, said in a language later (no Qt; below the model).

An error that knows why it happened but not who reads it carries a Phrase (PhraseError): `str()` is the English
sentence (strings/en.json), which the CLI prints and the log keeps; the window says the same phrase in its own
language, with the same paths and numbers (export.errors.said). A value may itself say something (a Phrase, a
student's Name, a list of Words), said in the same language, or be a tuple of values (listed with the
language's "list.gap": ", " or 「、」).
"""
from __future__ import annotations

from pathlib import PurePath

from .strings import quote, text


class Phrase:
    """A sentence of messages/strings by key, with the values it names, said in a language later."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values

    def said(self, lang: str, whole: bool = False) -> str:
        """The sentence in `lang`; `whole`: each FileName it names with its folder (a status line's tooltip)."""
        return text(lang, self.key, **{name: _said(value, lang, whole) for name, value in self.values.items()})

    def __str__(self) -> str:  # (the CLI's and the log's: whole)
        return self.said("en", whole=True)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {self.values!r})"


class FileName:
    """A file a window's line names by its name alone (classroom-gui.conf.bak), to fit the line; said whole, with its
    folder, in the line's tooltip (Phrase.said(whole=True)), the log and the CLI (polish25 2: the status line about a
    damaged settings file was cut at ~800 px, before the copy's path)."""

    def __init__(self, path):
        self.path = path

    def said(self, lang: str, whole: bool = False) -> str:
        return str(self.path) if whole else PurePath(self.path).name

    def __str__(self) -> str:
        return str(self.path)


class Name:
    """A student's name in a sentence, quoted as the language quotes it (strings.quote): "cat", 「猫」."""

    def __init__(self, word: str):
        self.word = word

    def said(self, lang: str) -> str:
        return quote(lang, self.word)

    def __str__(self) -> str:
        return self.said("en")


class Words:
    """A sentence's students listed, as the language lists them: "The cat sat", 「猫」「が」「座った」."""

    def __init__(self, words):
        self.words = list(words)

    def said(self, lang: str) -> str:
        return text(lang, "name.list_gap").join(text(lang, "name.listed", word=w) for w in self.words)

    def __str__(self) -> str:
        return self.said("en")


def said_in_turn(*phrases) -> Phrase | None:
    """The phrases that are not None said one after another ("said.then": a space between English sentences, none
    after Japanese 。), or None when all are."""
    told = [p for p in phrases if p is not None]
    if not told:
        return None
    first = told[0]
    for then in told[1:]:
        first = Phrase("said.then", first=first, then=then)
    return first


def say(lang: str, key: str, **values) -> str:
    """The sentence of messages/strings `key` in `lang`, its values said in the same language (as Phrase.said)."""
    return text(lang, key, **{name: _said(value, lang) for name, value in values.items()})


def _said(value, lang: str, whole: bool = False):
    if isinstance(value, (Phrase, FileName)):
        return value.said(lang, whole)
    if hasattr(value, "said"):
        return value.said(lang)
    if isinstance(value, tuple):  # "1080p, 4k", 「1080p、4k」
        return text(lang, "list.gap").join(str(_said(v, lang, whole)) for v in value)
    return value


class PhraseError(Exception):
    """An error whose message is a Phrase: str() says it in English, `phrase.said(lang)` in any language."""

    def __init__(self, key: str, **values):
        self.phrase = Phrase(key, **values)
        super().__init__(str(self.phrase))
