"""Symbols the canvas's font cannot draw, written as their code: an emoji such as 🧶 is "⟨U+1F9F6⟩" on a desk,
in a caption, a list or a worksheet, never an empty box (teacher21 L3: "Unknown to the model: "🐱", "☒"").

The canvas draws with the bundled IPAex Gothic only (scene.fonts), so what it can draw is read from that
font's character map as registered (font_cmap.fixed_font), the same on every machine: a symbol it lacks (an
emoji, a dingbat, a Kangxi radical), an enclosing mark, a private-use or unassigned code point is written as
"⟨U+XXXX⟩", and so is 🐱 although some system font may have it, so that a picture, a deck or a worksheet says
the same everywhere (and its text copies as what it shows). Letters of other scripts (Hangul,
Thai) are left to the system's fallback fonts, as they have been, and so are the app's own marks (MARKS). No Qt.
"""
from __future__ import annotations

import re
import struct
import unicodedata
from functools import lru_cache

from ..resources import FONT, assets_dir

SPOKEN = ("Co", "Cn", "Me")  # besides symbols (S*): private use, unassigned, an enclosing mark (the keycap's U+20E3)
# the app's own marks (bpe_tokenizer.visible: ␣ ⇥ ↵ ⍽, a code's ⟨ ⟩) stay marks, drawn by the font (␣) or a
# fallback font, so that drawable() of a name already shown is the same name. The control pictures (␇ ␍ ␓) are
# not among them: no font the canvas falls back to draws them (teacher28 L2: the vocabulary's "␓" was ☒ on desks,
# chart and board), so they are written as their code, ⟨U+2413⟩, as any symbol the font lacks
MARKS = frozenset("⟨⟩⇥↵⍽␣")
# what only shapes the symbol beside it: text/emoji presentation selectors and the zero-width joiner (dropped
# beside a coded symbol: "❤️" is one code, not "⟨U+2764⟩" + a VS16 that an emoji font may draw on its "4"), and
# the skin tones (dropped after one: "👋🏽" is "⟨U+1F44B⟩")
JOINERS = frozenset("\ufe0e\ufe0f\u200d")
TONES = frozenset(map(chr, range(0x1F3FB, 0x1F400)))


def as_code(c: str) -> str:
    """One character written as its code, the one notation the program has for it: "⟨U+1F431⟩" (bracketed, so
    that codes beside each other or beside letters stay apart: "mat⟨U+2122⟩", not "matU+2122")."""
    return f"⟨U+{ord(c):04X}⟩"


@lru_cache(maxsize=1)
def font_chars() -> frozenset[int]:
    """The code points the canvas's font maps to a glyph: the bundled font's cmap as scene.fonts registers it
    (font_cmap.fixed_font, without the radicals and marks that shadow a glyph: review25 #2, 「⾃⼰」 drew as boxes),
    empty if it cannot be read: then nothing is replaced."""
    from .font_cmap import fixed_font_file, read_cmap  # (NumPy: not imported with the strings at start-up)

    try:
        return frozenset(read_cmap(fixed_font_file(str(assets_dir() / FONT))))
    except (OSError, ValueError, struct.error):
        return frozenset()


def drawable(text: str) -> str:
    """text with each symbol the font lacks written as its code ("🧶" -> "⟨U+1F9F6⟩"); the rest unchanged. Where a
    name is drawn or printed (a desk, a caption, a chart, a worksheet, a CLI table), not in the trace: its tokens
    stay as typed (review25 #1: 「🐱🐱🐱が座った」 was judged English, "U+1F431" read as a Latin word)."""
    if text.isascii():  # (the font is read only for a name that may need it: not at an English start-up)
        return text
    chars = font_chars()
    if not chars or all(ord(c) in chars or c.isascii() for c in text):
        return text
    lone = all(c in JOINERS for c in text)  # a student that is only a selector or a joiner: its code, not a blank
    coded = [ord(c) not in chars and c not in MARKS and (_spoken(c) or lone) for c in text]
    out = []
    for i, c in enumerate(text):
        after = i > 0 and coded[i - 1]
        if not lone and (c in JOINERS and (after or (i + 1 < len(text) and coded[i + 1])) or c in TONES and after):
            coded[i] = after  # (a joiner between two coded symbols keeps the run "coded" for the next one)
            continue
        out.append(as_code(c) if coded[i] else c)
    return "".join(out)


def seated(text: str, tokens) -> str:
    """text as its students' desks write it: each token (as typed, found in order) as drawable(token), so that a
    joiner or a skin tone the tokenizer seats apart is its code, as on its desk ("👍🏽" read as 👍 and 🏽 is
    "⟨U+1F44D⟩⟨U+1F3FD⟩", where drawable("👍🏽") drops the tone: teacher26 M4), and what no token covers (spaces; all
    of it for a tokenizer whose tokens are not the typed text, a GPT-2 folder's ␣cat) as drawable writes it."""
    out, at = [], 0
    for start, token in placed(text, tokens):
        out += [drawable(text[at:start]), drawable(token)]
        at = start + len(token)
    return "".join(out) + drawable(text[at:])


def placed(text: str, tokens):
    """(where it starts, the token) of each token found in `text` in order, each after the one before; a token not
    found there (or empty) is skipped: how seated and lesson.typing_help's marks find the tokens as typed."""
    at = 0
    for token in tokens:
        start = text.find(token, at) if token else -1
        if start >= 0:
            yield start, token
            at = start + len(token)


def codes_in(text: str, shown: str | None = None) -> dict[str, str]:
    """symbol -> the code drawable(text) (or `shown`, text as drawn: seated) writes for it, each once, in order
    ("猫🐱が🐱" -> {"🐱": "⟨U+1F431⟩"}): what a page says they are (teacher24 M1: a student handed 「猫U+1F431が」
    could not tell it was the 🐱 typed)."""
    written = set(re.findall(r"⟨U\+[0-9A-F]{4,6}⟩", drawable(text) if shown is None else shown))
    return {c: as_code(c) for c in dict.fromkeys(text) if as_code(c) in written}


# characters drawn as nothing or as a blank: format characters (U+200B), controls, odd spaces (U+3000), separators
INVISIBLE = frozenset(("Cf", "Cc", "Zs", "Zl", "Zp"))


@lru_cache(maxsize=4096)  # (a frame names its students many times: desks, board, narration; each char is asked apart)
def drawn_name(name: str) -> str:
    """A student's name or a vocabulary word as desks, charts, boards, lists and quotes write it: each character on its
    own as drawable writes it (a symbol the font lacks, a control's picture, a lone selector: ⟨U+1F9F6⟩, ⟨U+2407⟩,
    ⟨U+FE0F⟩), and each invisible one (U+200B, U+3000, U+2028) as its code, so that a name is never blank. A GPT-2
    folder's labels keep these characters as its tokenizer gives them (model.bpe_tokenizer.visible); the teaching
    model seats such characters one a student. ASCII stays as it is (a part's "猫 1/2"; the model shows a GPT-2
    label's spaces and controls by its marks, ␣ ↵ ␇)."""
    if name.isascii():
        return name
    return "".join(as_code(c) if not c.isascii() and unicodedata.category(c) in INVISIBLE else drawable(c)
                   for c in name)


def drawn_names(tokens) -> list[str]:
    """The students' names as desks and charts write them (drawn_name), from the trace's tokens as typed."""
    return [drawn_name(t) for t in tokens]


def _spoken(c: str) -> bool:
    category = unicodedata.category(c)
    return category[0] == "S" or category in SPOKEN
