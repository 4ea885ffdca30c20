"""teacher25 L3: after a model switch and return, or a restart, the what-if edits came back but Undo was greyed, so the
teacher could only Reset all of them at once. The edits that come back are now undone one at a time, newest first,
and the Undo item names each as it names a fresh edit (lesson.whatif_state.restored)."""
from classroom_gui.app import history
from classroom_gui.app.model import ClassroomModel
from classroom_gui.app.model_identity import model_id, model_key
from classroom_gui.app.sessions import Session, opened_with_session
from classroom_gui.lesson.state import prepared_run
from classroom_gui.lesson.whatif_state import restored

TEXT = "The cat sat on the mat"
SPECS = ("q[1,1,2,1]=3.0", "score[1,1,sat,The]=2.5", "mask[1,3,2]=1")  # "sat" cannot hear "cat"


def restarted(checkpoint) -> ClassroomModel:
    """A model as a restart leaves it: the last session's edits of TEXT read again with its first run."""
    model = ClassroomModel(checkpoint)
    model.resume(None, "", None, None, "causal", (history.sentence_id(TEXT, model.model_key), "", 0.0, None), SPECS)
    model.set_run(prepared_run(checkpoint, TEXT, "causal"), TEXT)
    return model


def made_by_hand(checkpoint, edits) -> ClassroomModel:
    model = ClassroomModel(checkpoint)
    model.set_run(prepared_run(checkpoint, TEXT, "causal"), TEXT)
    for e in edits:
        model.edit(e)
    return model


def undone_like_fresh_edits(back: ClassroomModel, checkpoint) -> None:
    """Undo on `back` takes its edits away one at a time, newest first, with the labels and classes of the same edits
    made by hand; then there is nothing left to undo, and Redo makes the first again."""
    assert len(back.whatif.edits) == len(SPECS)
    fresh = made_by_hand(checkpoint, back.whatif.edits)
    while fresh.whatif.edits:
        for lang in ("en", "ja"):
            assert back.undo_label(lang) == fresh.undo_label(lang) is not None
        assert back.undo_edit() and fresh.undo_edit()
        assert back.whatif.edits == fresh.whatif.edits
        assert (back.shown_trace().layers[0].weights == fresh.shown_trace().layers[0].weights).all()
    assert back.undo_label("en") is None and not back.undo_edit()
    assert back.shown_trace() is back.run.trace
    assert back.redo_edit() and len(back.whatif.edits) == 1


def test_a_restarts_edits_are_undone_one_at_a_time(checkpoint):
    back = restarted(checkpoint)
    assert back.undo_label("en") == 'Undo mask cell edit of "sat" → "cat"'
    undone_like_fresh_edits(back, checkpoint)


def test_the_edits_a_model_switch_brings_back_are_undone_one_at_a_time(checkpoint):
    key = model_key(checkpoint)
    session = Session(TEXT, None, "", 0, 0, "causal", (history.sentence_id(TEXT, key), "", 0.0, None), SPECS)
    back = ClassroomModel(checkpoint)
    opened, run, found, key = opened_with_session(str(checkpoint.path), TEXT, {model_id(key): session}, {key})
    back.set_checkpoint(opened, run, TEXT, found, key=key)
    undone_like_fresh_edits(back, checkpoint)


def test_an_edit_left_out_is_no_step_of_undo(checkpoint):
    """An edit the sentence no longer takes (a seat it lacks) between two that come back: Undo takes back the two,
    each to the class it was kept on, and the one left out is not a step."""
    own = prepared_run(checkpoint, TEXT, "causal").trace
    state, dropped = restored(own, ("q[1,1,2,1]=3.0", "q[1,1,9,1]=3.0", "k[1,1,3,1]=2.0"))
    assert len(dropped) == 1 and [e.kind for e in state.edits] == ["q", "k"]
    assert [(len(c.before), len(c.after), c.edit) for c in state.history] == [(0, 1, state.edits[0]),
                                                                              (1, 2, state.edits[1])]
    first = state.edits[:1]
    state.undo()
    assert state.edits == first and state.trace.layers[0].q[0, 1, 0] == 3.0
    state.undo()
    assert state.edits == () and state.trace is own and state.undo() is None


def test_undo_of_a_restored_edit_comes_back_to_where_the_lesson_resumed(checkpoint):
    """review28 #2: a restored edit's Undo stayed on the layer and head on screen (its step had no place), where a
    fresh edit's Undo goes back to where it was made."""
    model = ClassroomModel(checkpoint)
    model.resume(None, "", 1, 1, "causal", (history.sentence_id(TEXT, model.model_key), "", 0.0, None), SPECS)
    model.set_run(prepared_run(checkpoint, TEXT, "causal"), TEXT)
    resumed = model.here()
    assert (resumed.layer, resumed.head) == (1, 1)
    assert model.select(layer=0, head=0)
    assert model.undo_edit() and model.here() == resumed
