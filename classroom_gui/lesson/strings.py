"""The words of the lesson in each language: flat dotted keys ("chapter.softmax") in strings/<lang>.json.

English is the reference: a key missing from another language falls back to English, and a test checks
that none is missing.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DIR = Path(__file__).resolve().parent / "strings"
# every strings/<code>.json is a language, English (the reference) first
LANGUAGES = tuple(sorted((p.stem for p in _DIR.glob("*.json")), key=lambda code: (code != "en", code)))


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; choose one of {', '.join(LANGUAGES)}")
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def joined(words: list[str]) -> str:
    """The students' words as a sentence: spaces between Latin words, none next to Japanese ones (whatever
    the language the lesson is told in)."""
    out = ""
    for i, w in enumerate(words):
        out += ("" if i == 0 or _cjk(w) or _cjk(words[i - 1]) else " ") + w
    return out


def _cjk(word: str) -> bool:
    return any(ord(c) >= 0x3000 for c in word)


def quote(lang: str, word: str) -> str:
    """A student's name as it stands in a sentence: 「猫」 in Japanese, "cat" in English. Names need marks
    because particles and articles (の, が, the) are students too, and a bare one cannot be parsed.
    (Straight quotes: the bundled Japanese font draws “ ” full-width, with a gap beside the word.) A name that is
    itself a quote mark or apostrophe takes name.quote_mark instead: "'" read as three straight quotes (teacher6 L6);
    with a thin space inside each mark it reads as one mark quoted."""
    return text(lang, "name.quote_mark" if word and set(word) <= QUOTE_MARKS else "name.quote", word=word)


QUOTE_MARKS = frozenset("'\"`‘’“”")  # characters a name made only of looks like the marks around it


WORD_JOINER = "\u2060"  # no line break here: Qt's line breaker keeps the characters it joins on one line
_QUOTED = re.compile(r"「[^「」]{1,24}」")


def unbroken_quotes(text: str) -> str:
    """`text` with each 「…」 (a name or a short example, up to 24 characters) kept on one line: Japanese breaks
    between any two characters, and 「猫がマットの上に座っ」 / 「た」 read as two words."""
    return _QUOTED.sub(lambda m: WORD_JOINER.join(m.group(0)), text)


def name_list(lang: str, words) -> str:
    """Quoted names in a row: 「猫」「が」「マット」 (the brackets already separate them) or "The", "cat"."""
    return text(lang, "name.separator").join(quote(lang, w) for w in words)


def languages() -> list[tuple[str, str]]:
    """(code, name in its own language) of every language there is a strings file for."""
    return [(code, text(code, "language.name")) for code in LANGUAGES]


def language_name(code: str) -> str:
    """A language's name in itself ("日本語"), or its code when there is no strings file for it."""
    return text(code, "language.name") if code in LANGUAGES else code


def text(lang: str, key: str, **values) -> str:
    template = table(lang).get(key)
    if template is None:  # not yet translated ("" is a translation: Japanese names need no separator)
        template = table("en")[key]
    return template.format(**values) if values else template

