"""review15 #1 and #3: the edits a last session left are read again with every check set() makes (a value far
outside the class's numbers, a number the model already has, a mask cell the rule already has), each dropped
alone with its reason, and one forward computes the class even when one of them is refused (it was one forward
per edit, up to 256, on the GUI thread)."""
import numpy as np
import pytest

from classroom_gui.lesson import whatif_state
from classroom_gui.lesson.whatif_state import restored
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def own(checkpoint):
    return run_sentence(checkpoint, "The cat sat on the mat", "causal").trace


def keys(dropped):
    return [exc.phrase.key for exc in dropped]


def test_a_value_set_refuses_as_far_is_not_brought_back(own):
    state, dropped = restored(own, ["q[1,1,2,1]=1e6", "q[1,1,2,2]=0.5"])
    assert [e.spec() for e in state.edits] == ["q[1,1,2,2]=0.5"] and keys(dropped) == ["edit.far"]


def test_an_edit_equal_to_the_model_s_own_number_is_not_brought_back(own):
    value = float(own.layers[0].k[0, 2, 0])  # k[1,1,3,1] as the model makes it
    state, dropped = restored(own, [f"k[1,1,3,1]={value!r}", "v[1,1,3,1]=2.0", "mask[1,3,1]=0"])
    assert [e.spec() for e in state.edits] == ["v[1,1,3,1]=2.0"]
    assert keys(dropped) == ["edit.same", "edit.unchanged_hears"]  # seat 3 already hears seat 1 in turn


def test_a_number_an_earlier_edit_changes_is_compared_with_nothing_and_kept(own):
    """A layer-2 card at the model's own number is still an edit when a layer-1 edit changes that card."""
    value = float(own.layers[1].q[0, 2, 0])
    state, dropped = restored(own, ["v[1,1,1,1]=5.0", f"q[2,1,3,1]={value!r}"])
    assert dropped == [] and len(state.edits) == 2
    assert np.float32(state.trace.layers[1].q[0, 2, 0]) == np.float32(value)


def test_one_refused_edit_costs_one_forward_not_one_per_edit(own, monkeypatch):
    calls = []
    real = whatif_state.rerun
    monkeypatch.setattr(whatif_state, "rerun", lambda *a, **k: calls.append(1) or real(*a, **k))
    specs = [f"v[1,1,{seat},1]=2.0" for seat in range(1, 7)] + ["mask[1,1,1]=1"]  # the last leaves seat 1 deaf
    state, dropped = restored(own, specs)
    assert len(state.edits) == 6 and keys(dropped) == ["edit.deaf_under"] and len(calls) == 1


SEQUENCES = [
    ["v[1,1,3,1]=2.0", "v[1,1,3,1]=OWN"],  # set back to the model's own number: the earlier edit taken back
    ["v[1,1,3,1]=2.0", "v[1,1,3,1]=2.0"],  # the number the earlier edit already draws there
    ["v[1,1,3,1]=2.0", "v[1,1,3,1]=3.0", "k[1,1,3,1]=OWN"],
    ["mask[1,3,2]=1", "mask[1,3,2]=0", "mask[1,3,1]=0"],  # a mask cell edited, then set back to the rule's cell
]


@pytest.mark.parametrize("specs", SEQUENCES)
def test_edits_read_again_are_taken_as_set_takes_them_one_by_one(own, specs):
    """restored() checks without a forward what set() checks with one (one _checked for both): the same edits
    kept, the same ones refused, for the same reasons."""
    specs = [s.replace("OWN", repr(float(own.layers[0].v[0, 2, 0] if s[0] == "v" else own.layers[0].k[0, 2, 0])))
             for s in specs]
    state, dropped = restored(own, specs)
    one_by_one, refused = whatif_state.WhatIf(own), []
    for spec in specs:
        try:
            one_by_one.set_spec(spec)
        except whatif_state.whatif.EditError as exc:
            refused.append(exc.phrase.key)
    assert [e.spec() for e in state.edits] == [e.spec() for e in one_by_one.edits]
    assert keys(dropped) == refused


def test_a_mask_edit_is_checked_once_and_still_refused_when_it_leaves_a_student_deaf(own, monkeypatch):
    """review19 #8: set() checked the students' masks twice (its _checked, then _apply)."""
    calls = []
    real = whatif_state.whatif.check_masks
    monkeypatch.setattr(whatif_state.whatif, "check_masks", lambda *a: calls.append(a) or real(*a))
    state = whatif_state.WhatIf(own)
    state.set_spec("mask[1,3,2]=1")
    assert len(calls) == 1 and [e.spec() for e in state.edits] == ["mask[1,3,2]=1"]
    with pytest.raises(whatif_state.whatif.EditError) as refused:
        state.set_spec("mask[1,1,1]=1")  # seat 1 would hear nobody in turn
    assert refused.value.phrase.key == "edit.deaf_under" and len(calls) == 2
    state.set_spec("v[1,1,3,1]=2.0")  # no mask changed: nothing to check
    assert state.undo() and state.redo() and len(calls) == 2


def test_restored_edits_are_checked_once(own, monkeypatch):
    """review20 #6: restored() checks each mask edit as it keeps it; WhatIf does not check the kept ones again."""
    calls = []
    check = whatif_state.whatif.check_masks
    monkeypatch.setattr(whatif_state.whatif, "check_masks", lambda *a: (calls.append(a[0]), check(*a))[1])
    state, dropped = restored(own, ["mask[1,3,2]=1", "mask[1,4,2]=1"])
    assert dropped == [] and len(state.edits) == 2
    assert [len(edits) for edits in calls] == [1, 2]  # one check as each was kept, none of the two again
