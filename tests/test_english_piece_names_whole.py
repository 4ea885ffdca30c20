"""tidy27 4: an English narration of a GPT-2 class names a piece of a character with a space in it ("猫 2/2",
"⟨U+1F431⟩ 2/2"), and Qt broke the line at that space ("猫 / 2/2"); fix69 kept 「小 2/3」 whole in Japanese only. A
piece's name in quotes is now one unbreakable unit in English too (a no-break space); longer quotes still wrap."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from classroom_gui.lesson.state import Selection, default_focus, frame_at, prepared_run, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER, unbroken_end, unbroken_words
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.scene import fonts
from classroom_gui.scene.wrapped_text import line_starts

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
QUOTED_PIECE = re.compile(r'"[^"\s]+[ \u00a0]\d+/\d+"')


@pytest.fixture(scope="module")
def narrations() -> dict[str, str]:
    """The English narrations of two GPT-2 classes with pieces (猫 and 🐱 cut in two) that name a piece."""
    ck = load_checkpoint(GPT2)
    said = {}
    for sentence in ("The 猫 sat on the mat.", "I saw a 🐱 today"):
        trace = prepared_run(ck, sentence, "causal").trace
        tl = timeline_for(trace.n_tokens, trace.config.n_layer)
        sel = Selection(lang="en", rule="causal", focus=default_focus(trace.tokens, "causal")).sized(1920, 1080)
        for i in range(len(tl)):
            text = frame_at(trace, sel, tl.beat_stop(i)).narration
            if text and QUOTED_PIECE.search(text):
                said.setdefault(text, tl.beats[i].key)
    return said


def test_a_piece_name_never_breaks_at_its_space_in_english(qapp, narrations):
    assert len(narrations) >= 5 and any("⟨U+" in t or "🐱" in t for t in narrations)  # both kinds, Latin and not
    split, breaks = [], 0
    for text in narrations:
        shown = unbroken_end(unbroken_words(text))
        pieces = [m.span() for m in QUOTED_PIECE.finditer(shown)]
        assert pieces
        for width in range(120, 1400, 20):
            for start in line_starts(shown, fonts.font(34), width)[1:]:
                breaks += 1
                split += [shown[a:b].replace(WORD_JOINER, "") for a, b in pieces if a < start < b]
    assert breaks > 200 and not split, split[:4]


def test_longer_quotes_still_wrap_and_japanese_keeps_its_form():
    card = 'the key card: "what I can talk about"'
    assert unbroken_words(card) == card  # a card's words, quoted, are not a name: they may wrap
    assert unbroken_words('asks "猫 2/2" (seat 4)') == 'asks "猫\u00a02/2" (seat 4)'
    assert unbroken_words("「小 2/3」") == "「小\u00a02/3」"
