"""teacher28 L4 (tiny GPT-2 folder, a 64-word paragraph): the next-word question offered "<0x90>", "<0xC5>" and
" ` " (a lone backtick padded by thin spaces), which no class can guess, and a top-share question had B and D both
"␣a", told apart only by their seats. Choices are now words a class can read, each once."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from classroom_gui.lesson.quiz import questions
from classroom_gui.lesson.state import Selection
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

from test_byte_pieces import PARAGRAPH

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.fixture(scope="module")
def trace():
    return run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace


def word(choice: str) -> str:  # a choice without its quotes, thin-space padding and seat
    return re.sub(r" \(seat \d+\)$", "", choice).strip('"\u2009')


def test_the_next_word_choices_are_readable_words(trace):
    q = next(q for q in questions(trace, Selection(focus=63, rule="causal")) if q.kind == "next_word")
    assert q.answer == '"2"' and len(q.choices) == 4
    words = [word(c) for c in q.choices]
    assert len(set(words)) == len(words)
    assert not any("<0x" in w or "◇" in w or "⟨U+" in w or w in ("`", "'", "") for w in words), words


def test_no_two_choices_name_the_same_word(trace):
    seen = 0
    for focus in range(0, 64, 3):
        for q in questions(trace, Selection(focus=focus, rule="causal")):
            if q.kind in ("top_share", "cannot_hear", "can_hear"):
                words = [word(c) for c in q.choices]
                assert len(set(words)) == len(words), (focus, q.choices)
                assert q.answer in q.choices
                seen += 1
    assert seen >= 20
