"""The words of the lesson in each language: flat dotted keys ("chapter.softmax") in strings/<lang>.json.

English is the reference: a key missing from another language falls back to English, and a test checks
that none is missing.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "ja")
_DIR = Path(__file__).resolve().parent / "strings"


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; choose one of {', '.join(LANGUAGES)}")
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def quote(lang: str, word: str) -> str:
    """A student's name as it stands in a sentence: 「猫」 in Japanese, "cat" in English. Names need marks
    because particles and articles (の, が, the) are students too, and a bare one cannot be parsed.
    (Straight quotes: the bundled Japanese font draws “ ” full-width, with a gap beside the word.)"""
    return f"「{word}」" if lang == "ja" else f'"{word}"'


def name_list(lang: str, words) -> str:
    """Quoted names in a row: 「猫」「が」「マット」 (the brackets already separate them) or "The", "cat"."""
    return ("" if lang == "ja" else ", ").join(quote(lang, w) for w in words)


def text(lang: str, key: str, **values) -> str:
    template = table(lang).get(key) or table("en")[key]
    return template.format(**values) if values else template
