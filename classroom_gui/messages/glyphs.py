"""Symbols the canvas's font cannot draw, written as their code: an emoji such as 🧶 is "U+1F9F6" on a desk,
in a caption, a list or a worksheet, never an empty box (teacher21 L3: "Unknown to the model: "🐱", "☒"").

The canvas draws with the bundled IPAex Gothic only (scene.fonts), so what it can draw is read from that
font's character map, the same on every machine: a symbol it lacks (an emoji, a dingbat), a private-use or
unassigned code point is written as "U+XXXX", and so is 🐱 although some system font may have it, so that a
picture, a deck or a worksheet says the same everywhere (and its text copies as what it shows). Letters of
other scripts (Hangul, Thai) are left to the system's fallback fonts, as they have been. No Qt.
"""
from __future__ import annotations

import struct
import unicodedata
from functools import lru_cache

from ..resources import FONT, assets_dir
from .font_cmap import read_cmap

SPOKEN = ("S", "Co", "Cn")  # Unicode categories (or their first letter) written as a code when the font lacks them
# the app's own marks (bpe_tokenizer.visible: ␣ ⇥ ↵ ⍽, the control pictures ␇ ␍, ⟨U+200B⟩'s brackets) stay marks,
# drawn by a fallback font, so that drawable() of a name already shown is the same name
MARKS = frozenset("⟨⟩⇥↵⍽") | frozenset(map(chr, range(0x2400, 0x2440)))


@lru_cache(maxsize=1)
def font_chars() -> frozenset[int]:
    """The code points the bundled font maps to a glyph (empty if it cannot be read: then nothing is replaced)."""
    try:
        return frozenset(read_cmap((assets_dir() / FONT).read_bytes()))
    except (OSError, ValueError, struct.error):
        return frozenset()


def drawable(text: str) -> str:
    """text with each symbol the font lacks written as its code ("🧶" -> "U+1F9F6"); the rest unchanged. Where a
    name is drawn or printed (a desk, a caption, a chart, a worksheet, a CLI table), not in the trace: its tokens
    stay as typed (review25 #1: 「🐱🐱🐱が座った」 was judged English, "U+1F431" read as a Latin word)."""
    chars = font_chars()
    if not chars or all(ord(c) in chars or c.isascii() for c in text):
        return text
    return "".join(f"U+{ord(c):04X}" if ord(c) not in chars and c not in MARKS and _spoken(c) else c for c in text)


def drawn_names(tokens) -> list[str]:
    """The students' names as desks and charts write them (drawable), from the trace's tokens as typed."""
    return [drawable(t) for t in tokens]


def _spoken(c: str) -> bool:
    category = unicodedata.category(c)
    return category[0] == "S" or category in SPOKEN
