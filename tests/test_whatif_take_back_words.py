"""teacher25 L4, L5: the second Shift+double-click on a mask cell takes the first edit back, yet the Undo item read
'Undo mask cell edit of "the" → "dog"', as after adding it; and the refusal quoted the words as 'dog' 'sat', where
the narration, menus and worksheet say "dog"."""
from __future__ import annotations

import pytest

from classroom_gui.export.errors import said
from classroom_gui.lesson.whatif_state import WhatIf, redo_text, undo_text
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import Edit, EditError

SENTENCE = "The dog sat by the old door"
THE, DOG, SAT = 4, 1, 2


@pytest.fixture(scope="module")
def own(checkpoint):
    return run_sentence(checkpoint, SENTENCE, "causal").trace


def test_undo_after_taking_an_edit_back_says_it_puts_it_back(own):
    state = WhatIf(own)
    state.set(Edit("mask", 0, 0, THE, DOG, 1.0), rule="causal")  # "the" cannot hear "dog"
    added = undo_text("en", state)
    assert added == 'Undo mask cell edit of "the" → "dog"'
    state.set(Edit("mask", 0, 0, THE, DOG, 0.0), rule="causal")  # the second Shift+double-click: hears again
    assert state.edits == ()  # the premise: the edit is taken back
    assert undo_text("en", state) == 'Undo taking back the mask cell edit of "the" → "dog"' != added
    assert undo_text("ja", state) == "取り消す：元に戻したマスクの変更（「the」に「dog」の話が聞こえるか）"
    state.undo()
    assert redo_text("en", state) == 'Redo taking back the mask cell edit of "the" → "dog"'
    assert undo_text("en", state) == added  # the edit is back, its own Undo again
    state.set(Edit("score", 0, 0, 6, 0, 6.0))
    state.set(Edit("score", 0, 0, 6, 0, 5.0))  # a new value replaces the edit: not a taking back
    assert undo_text("en", state) == 'Undo score edit of "The" answering "door"'


def test_the_refusal_quotes_the_words_as_the_lesson_does(own):
    with pytest.raises(EditError) as caught:
        WhatIf(own).set(Edit("mask", 0, 0, DOG, SAT, 1.0), rule="causal")  # "dog" already cannot hear "sat" in turn
    assert said(caught.value, "en") == ('this changes nothing: under this rule "dog" already cannot hear "sat" '
                                        '(mask[1,dog,sat]=1)')
    assert "「dog」にはもともと「sat」の話が聞こえません" in said(caught.value, "ja")
    assert "'" not in said(caught.value, "en")
