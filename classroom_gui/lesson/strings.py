"""The words of the lesson in each language: flat dotted keys ("chapter.softmax") in messages/strings/<lang>.json, read
by messages.strings (the bottom layer owns them, so that the model's refusals have keys too), and the lesson's helpers
around them.

English is the reference: a key missing from another language falls back to English, and a test checks
that none is missing.
"""
from __future__ import annotations

import re

# re-exported: the lesson, the scene, the window and the CLI read their words from here
from ..messages.strings import LANGUAGES, QUOTE_MARKS, quote, table, text  # noqa: F401


def joined(words: list[str]) -> str:
    """The students' words as a sentence: spaces between Latin words, none next to Japanese ones (whatever
    the language the lesson is told in)."""
    out = ""
    for i, w in enumerate(words):
        out += ("" if i == 0 or _cjk(w) or _cjk(words[i - 1]) else " ") + w
    return out


def _cjk(word: str) -> bool:
    return any(ord(c) >= 0x3000 for c in word)


WORD_JOINER = "\u2060"  # no line break here: Qt's line breaker keeps the characters it joins on one line
_QUOTED = re.compile(r"「[^「」]{1,24}」")


def unbroken_quotes(text: str) -> str:
    """`text` with each 「…」 (a name or a short example, up to 24 characters) kept on one line: Japanese breaks
    between any two characters, and 「猫がマットの上に座っ」 / 「た」 read as two words."""
    return _QUOTED.sub(lambda m: WORD_JOINER.join(m.group(0)), text)


LAST_LINE = 5  # characters a wrapped narration keeps on its last line where it would keep 2 (「内積です。」, not 「す。」)


def unbroken_end(text: str, keep: int = LAST_LINE) -> str:
    """`text` with its last `keep` characters (spaces among them) joined, so a wrapped narration never leaves 「す。」
    or "1." alone on its last line (teacher13 L5): the line breaks before them instead."""
    if len(text) <= keep or "\n" in text[-keep:]:
        return text
    return text[:-keep] + WORD_JOINER.join(text[-keep:])


def name_list(lang: str, words) -> str:
    """Quoted names in a row: 「猫」「が」「マット」 (the brackets already separate them) or "The", "cat"."""
    return text(lang, "name.separator").join(quote(lang, w) for w in words)


def languages() -> list[tuple[str, str]]:
    """(code, name in its own language) of every language there is a strings file for."""
    return [(code, text(code, "language.name")) for code in LANGUAGES]


def language_name(code: str) -> str:
    """A language's name in itself ("日本語"), or its code when there is no strings file for it."""
    return text(code, "language.name") if code in LANGUAGES else code
