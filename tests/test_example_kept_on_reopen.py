"""student39 #5 (a lost fix, redone): ClassroomModel.left_at found the open gallery example by identity. Opening the
model again (set_checkpoint: the same folder chosen again, or switching back to it) reads its gallery again, new
Examples equal to the open one, and the open example, still on screen, was then not written to the settings file:
a restart forgot it. It is now found by value."""
from __future__ import annotations

from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run

ANIMAL = "The animal didn't cross the street because it was too tired"


def opened(checkpoint) -> tuple[ClassroomModel, int]:
    model = ClassroomModel(checkpoint)
    index = next(i for i, e in enumerate(model.gallery) if e.text == ANIMAL)
    model.choose_example(model.gallery[index])
    model.set_run(prepared_run(checkpoint, ANIMAL, model.sel.rule), ANIMAL)
    assert model.open_example == model.gallery[index] and model.left_at()[3] == index
    return model, index


def test_the_open_example_is_kept_when_the_model_is_opened_again(checkpoint):
    model, index = opened(checkpoint)
    before = model.gallery
    model.set_checkpoint(checkpoint, prepared_run(checkpoint, ANIMAL, model.sel.rule), ANIMAL)
    assert model.gallery[index] is not before[index]  # (read again: the case)
    assert model.open_example is not None and model.open_example.text == ANIMAL  # still on screen
    assert model.left_at()[3] == index


def test_a_language_switch_keeps_it(checkpoint):
    model, index = opened(checkpoint)
    model.select(lang="ja")
    assert model.left_at()[3] == index


def test_another_sentence_is_no_example(checkpoint):
    model, _ = opened(checkpoint)
    model.set_run(prepared_run(checkpoint, "The dog sat", model.sel.rule), "The dog sat")
    assert model.left_at()[3] is None


def test_the_gallery_dialog_marks_the_open_example_read_again(qtbot):
    """The Examples dialog opens on the example on screen, found by value too (a gallery read again)."""
    from classroom_gui.lesson.gallery import gallery_of
    from classroom_gui.lesson.strings import text
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view.gallery_dialog import GalleryDialog

    open_one = next(e for e in gallery_of(teaching_model_dir())[0] if e.text == ANIMAL)
    again = gallery_of(teaching_model_dir())[0]
    index = again.index(open_one)
    d = GalleryDialog(None, again, lambda key, **v: text("en", key, **v), "en", None, open_one)
    qtbot.addWidget(d)
    assert index > 0 and d.list.currentRow() == index and d.chosen() is again[index]
