"""What-if edits downstream of another edit (review7 bug 1): a number is refused as "already X" only when X is
the number drawn under the edits made so far, and an edit is taken back only when the place, without it, would
hold the value typed; the model's own number is not the reference once an earlier edit changed the place."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.lesson.whatif_state import WhatIf, own_value
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import Edit, EditError

EN = "The cat sat on the mat"
LAYER1_V = Edit("v", 0, 0, 1, 0, 5.0)       # layer 1: everything in layers 2 and 3 sits downstream of it
LAYER2_Q = Edit("q", 1, 0, 2, 0, 0.0)       # "sat"'s question card, number 1, layer 2
LAYER1_Q = Edit("q", 0, 0, 1, 0, 3.0)       # "cat"'s question card in layer 1: its scores sit downstream of it
SCORE = Edit("score", 0, 0, 1, 5, 0.0)      # the score "cat" -> "mat" in layer 1, head 1


@pytest.fixture(scope="module")
def own(checkpoint):
    return run_sentence(checkpoint, EN, "none").trace


def at(place: Edit, value: float) -> Edit:
    return Edit(place.kind, place.layer, place.head, place.seat, place.index, value)


@pytest.mark.parametrize("upstream, place", [(LAYER1_V, LAYER2_Q), (LAYER1_Q, SCORE)])
def test_the_models_own_number_typed_downstream_of_an_edit_is_a_change(own, upstream, place):
    state = WhatIf(own)
    state.set(upstream)
    mine, shown = own_value(own, place), own_value(state.trace, place)
    assert np.float32(mine) != np.float32(shown)  # the upstream edit moved the number drawn here
    state.set(at(place, mine))
    assert len(state.edits) == 2 and np.float32(own_value(state.trace, place)) == np.float32(mine)


@pytest.mark.parametrize("upstream, place", [(LAYER1_V, LAYER2_Q), (LAYER1_Q, SCORE)])
def test_ok_untouched_on_a_number_downstream_of_an_edit_is_refused_with_the_number_drawn(own, upstream, place):
    state = WhatIf(own)
    state.set(upstream)
    before, history = state.trace, list(state.history)
    shown = own_value(state.trace, place)
    with pytest.raises(EditError, match=rf"already {float(np.float32(shown)):.4f} \(\w+\[[0-9,]+\]=[-0-9.]+\)$"):
        state.set(at(place, shown))  # what the prompt's OK sends when nothing was typed (as_typed)
    assert state.edits == (upstream,) and state.trace is before and state.history == history


def test_an_edit_is_taken_back_only_by_the_value_the_place_holds_without_it(own):
    state = WhatIf(own)
    state.set(LAYER1_V)
    without = own_value(state.trace, LAYER2_Q)
    state.set(at(LAYER2_Q, 9.0))
    mine = own_value(own, LAYER2_Q)
    state.set(at(LAYER2_Q, mine))  # the model's own number is not what the card showed before the edit: kept
    assert len(state.edits) == 2 and np.float32(own_value(state.trace, LAYER2_Q)) == np.float32(mine)
    state.set(at(LAYER2_Q, without))  # the number the card held before it was edited: the edit is taken back
    assert state.edits == (LAYER1_V,) and own_value(state.trace, LAYER2_Q) == without
    assert state.undo() and len(state.edits) == 2  # Ctrl+Z brings the taken-back edit back
