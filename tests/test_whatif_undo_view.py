"""teacher11 M4: Undo and Redo of a what-if change bring the lesson back to where the change was made (the asker,
layer, head, rule and step), as Undo in other apps brings the change into view. Ctrl+R then Ctrl+Z came back to
the reset's 「猫」, discussion, step 1 for an edit made for 「上」 in turn at step 24; a gallery example then Ctrl+Z
left the example's layer. Driven on the Qt-free ClassroomModel, as the window's keys drive it."""
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.model.whatif import Edit

JA = "猫がマットの上に座った"


def at(model: ClassroomModel, key: str) -> float:
    beats = model.player.timeline.beats
    return model.player.timeline.beat_stop(next(i for i, b in enumerate(beats) if b.key == key))


def where(model: ClassroomModel) -> tuple:
    s = model.sel
    return s.focus, s.layer, s.head, s.rule, model.player.time


def edited_class(checkpoint) -> tuple[ClassroomModel, tuple, list]:
    """The report's lesson: 「上」 asks in turn, layer 2, head 2, at the shares; its question card's number 1 set."""
    model = ClassroomModel(checkpoint, "ja")
    model.set_run(prepared_run(checkpoint, JA, "causal"), JA)
    up = model.run.trace.tokens.index("上")
    model.select(focus=up, layer=1, head=1, rule="causal")
    model.jump(at(model, "softmax.weights"))
    heard = []
    model.subscribe(heard.append)
    model.edit(Edit("q", 1, 1, up, 0, 19.0))
    return model, where(model), heard


def test_ctrl_r_then_ctrl_z_comes_back_to_where_the_edits_were(checkpoint):
    model, made, heard = edited_class(checkpoint)
    model.reset()  # Ctrl+R: the lesson's start, the seed's asker and rule, the model's own numbers
    assert model.whatif.edits == () and where(model) != made
    heard.clear()
    assert model.undo_edit()
    assert len(model.whatif.edits) == 1 and where(model) == made
    assert "selection" in heard  # the window's selectors follow
    assert model.redo_edit() and model.whatif.edits == () and where(model) == made  # redo: where it was reset


def test_undo_and_redo_of_an_edit_come_back_to_it_from_elsewhere(checkpoint):
    model, made, _ = edited_class(checkpoint)
    model.select(focus=0, layer=0, head=0, rule="none")
    model.jump(0.0)
    assert model.undo_edit() and model.whatif.edits == () and where(model) == made
    model.select(focus=1, layer=2)
    assert model.redo_edit() and len(model.whatif.edits) == 1 and where(model) == made


def test_undo_after_a_gallery_example_comes_back_to_the_layer_head_and_step_left(checkpoint):
    model, made, _ = edited_class(checkpoint)
    example = next(e for e in model.gallery if e.text != JA and (e.layer - 1, e.mask) != (made[1], made[3]))
    model.choose_example(example)
    model.set_run(prepared_run(checkpoint, example.text, example.mask), example.text)
    shown = where(model)
    assert model.run.text == example.text and shown[1:4] == (example.layer - 1, example.head - 1, example.mask)
    assert model.undo_edit()  # the sentence left comes back with its edit, asker, layer, head, rule and step
    assert model.run.text == JA and len(model.whatif.edits) == 1 and where(model) == made
    assert model.redo_edit()  # and Redo goes back to the example as it was left
    assert model.run.text == example.text and where(model) == shown
