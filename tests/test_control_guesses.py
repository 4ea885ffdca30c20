"""tidy25: a GPT-2 folder's control characters ("␝", drawn ⟨U+241D⟩) are no words a class can say: with a long
paragraph ~10 of 64 desks guessed one. Like pieces of a character (fix53), they are kept out of the seats' guesses and
the answer's list below the answer, and not named as left out; the class's own answer may still be one."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson.answers import answer_ids, left_out, sayable, seat_guesses
from classroom_gui.model.bpe_tokenizer import control_piece
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
PARAGRAPH = ("The cat sat on the mat. The dog saw a bird in the garden, and the bird sang to the cat while the "
             "children played with a ball near the old tree by the river on a warm day in the middle of summer.")


def test_controls_are_told_from_whitespace_and_words():
    assert control_piece("␝") and control_piece("␇") and control_piece("␍") and control_piece("␣␇")
    assert control_piece("\x85")  # a C1 control, as the tokenizer gives it
    assert not any(control_piece(w) for w in ("↵", "⇥", "␣", "⍽", "cat", "␣cat", "<0xE3>", "", "␣␣"))


@pytest.fixture(scope="module")
def paragraph():
    return run_sentence(load_checkpoint(GPT2), PARAGRAPH).trace


def test_no_desk_guesses_a_control_character(paragraph):
    trace = paragraph
    assert 48 <= trace.n_tokens <= 64
    answer = answer_ids(trace, 1)[0]
    guessed = [trace.vocab[i] for i, _ in seat_guesses(trace) if i != answer]  # (the class's answer may be one)
    assert guessed and not [w for w in guessed if control_piece(w)]


def test_the_answers_list_holds_no_control_below_the_answer(paragraph):
    listed = answer_ids(paragraph, 10)
    assert len(listed) == 10 and not [i for i in listed[1:] if control_piece(paragraph.vocab[i])]
    out = left_out(paragraph, listed)
    assert out is None or not control_piece(paragraph.vocab[out[0]])


def test_a_control_may_still_be_the_classs_answer(paragraph):
    of_lang, said = sayable(paragraph.vocab, "en")
    controls = [k for k, w in enumerate(paragraph.vocab) if control_piece(w)]
    assert controls and not of_lang[controls].any() and said[controls].all()
