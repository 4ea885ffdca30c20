"""The words of the program in each language: flat dotted keys ("chapter.softmax") in
messages/strings/<lang>.json, beside this file, read by key (no Qt; the lesson's helpers around them are
lesson.strings). The bottom layer owns the files it reads: every layer above says its words through it.

English is the reference: a key missing from another language falls back to English, and a test checks
that none is missing.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .glyphs import drawn_name

_DIR = Path(__file__).resolve().parent / "strings"
# every strings/<code>.json is a language, English (the reference) first
LANGUAGES = tuple(sorted((p.stem for p in _DIR.glob("*.json")), key=lambda code: (code != "en", code)))


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; choose one of {', '.join(LANGUAGES)}")
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def quote(lang: str, word: str) -> str:
    """A student's name as it stands in a sentence: 「猫」 in Japanese, "cat" in English. Names need marks
    because particles and articles (の, が, the) are students too, and a bare one cannot be parsed.
    (Straight quotes: the bundled Japanese font draws “ ” full-width, with a gap beside the word.) A name that is
    itself a quote mark or apostrophe takes name.quote_mark instead: "'" read as three straight quotes (teacher6 L6);
    with a thin space inside each mark it reads as one mark quoted. A symbol the canvas's font lacks, or an invisible
    character, is its code (messages.glyphs.drawn_name: 「⟨U+1F431⟩」)."""
    return text(lang, "name.quote_mark" if word and set(word) <= QUOTE_MARKS else "name.quote", word=drawn_name(word))


QUOTE_MARKS = frozenset("'\"`‘’“”")  # characters a name made only of looks like the marks around it


def text(lang: str, key: str, **values) -> str:
    template = table(lang).get(key)
    if template is None:  # not yet translated ("" is a translation: Japanese names need no separator)
        template = table("en")[key]
    return template.format(**values) if values else template

