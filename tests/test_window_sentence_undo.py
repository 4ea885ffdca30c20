"""teacher31 in the window: emptying the sentence of a class with a what-if edit is undone by Ctrl+Z and a restart
meanwhile keeps that class (#1); after Enter, Ctrl+Z in the sentence field is the Edit menu's Undo, so the field and
the class agree (#2); Ctrl+S says the lesson saves itself and where (#7c); the picture's suggested file name
says its chapter and step (#9)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from classroom_gui.model.whatif import Edit
from classroom_gui.view import whatif_edit
from helpers import random_checkpoint, window_on

CTRL = Qt.KeyboardModifier.ControlModifier


def _active(qtbot, w) -> None:  # the window's shortcuts work in the active window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)


def _enter(qtbot, w, text: str) -> None:
    _active(qtbot, w)
    w.sentence.setFocus()
    w.sentence.setText(text)
    qtbot.keyClick(w.sentence, Qt.Key.Key_Return)


def test_an_emptied_class_with_an_edit_comes_back_by_ctrl_z_and_after_a_restart(qtbot, tmp_path):
    checkpoint = random_checkpoint(tmp_path / "ck")
    store = str(tmp_path / "settings.ini")
    w = window_on(qtbot, checkpoint, store)
    _enter(qtbot, w, "the cat sat on the mat")
    w.model.select(focus=2)
    edit = Edit("q", w.sel.layer, w.sel.head, 2, 0, 2.0)
    assert whatif_edit.apply(w, edit)
    _enter(qtbot, w, "")
    assert w.run is None
    w.save_settings()  # as the saver does 1.5 s after the change: the class Undo brings back is kept
    again = window_on(qtbot, checkpoint, store)
    assert again.run.text == "the cat sat on the mat" and again.model.whatif.edits == (edit,)
    assert again.sel.focus == 2
    again.close()
    _active(qtbot, w)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Z, CTRL)
    assert w.run.text == "the cat sat on the mat" and w.model.whatif.edits == (edit,) and w.sel.focus == 2
    assert w.sentence.text() == "the cat sat on the mat"


def test_an_emptied_class_without_edits_keeps_its_step_and_asker_after_a_restart(qtbot, tmp_path):
    """review32 #5 (its empty_restart.py): a class without edits, emptied, is kept by its text; a save meanwhile
    dropped its step and asker, so the restart opened it at step 1 with the default asker."""
    checkpoint = random_checkpoint(tmp_path / "ck")
    store = str(tmp_path / "settings.ini")
    w = window_on(qtbot, checkpoint, store)
    _enter(qtbot, w, "the dog sat on the mat")
    w.model.select(focus=2)
    w.model.jump(w.model.player.timeline.beat_stop(20))
    before = w.model.left_at()
    _enter(qtbot, w, "")
    assert w.run is None and w.model.kept_left().run is None  # kept by its text
    assert w.save_settings()
    again = window_on(qtbot, checkpoint, store)
    qtbot.waitUntil(lambda: again.run is not None, timeout=20000)
    assert again.run.text == "the dog sat on the mat" and again.sel.focus == 2 and again.model.whatif.edits == ()
    assert again.model.left_at() == before
    again.close()


def test_ctrl_z_in_the_field_after_enter_is_the_edit_menus_undo(qtbot, tmp_path):
    w = window_on(qtbot, random_checkpoint(tmp_path / "ck"), str(tmp_path / "settings.ini"))
    _enter(qtbot, w, "the cat sat on the mat")
    w.sentence.setFocus()
    w.sentence.end(False)
    w.sentence.backspace()
    w.sentence.backspace()
    w.sentence.backspace()
    qtbot.keyClicks(w.sentence, "sat")
    qtbot.keyClick(w.sentence, Qt.Key.Key_Return)
    assert w.run.text == "the cat sat on the sat"
    w.sentence.setFocus()
    qtbot.keyClick(w.sentence, Qt.Key.Key_Z, CTRL)  # the field's own undo took "sat" out of the field alone
    assert w.run.text == "the cat sat on the mat" and w.sentence.text() == "the cat sat on the mat"
    qtbot.keyClick(w.sentence, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert w.run.text == "the cat sat on the sat" and w.sentence.text() == "the cat sat on the sat"
    qtbot.keyClicks(w.sentence, "x")  # while typing, the field's own undo is the field's
    qtbot.keyClick(w.sentence, Qt.Key.Key_Z, CTRL)
    assert w.sentence.text() == "the cat sat on the sat" and w.run.text == "the cat sat on the sat"


def test_ctrl_s_says_the_lesson_saves_itself_and_where(qtbot, tmp_path):
    w = window_on(qtbot, random_checkpoint(tmp_path / "ck"), str(tmp_path / "settings.ini"))
    _enter(qtbot, w, "the cat sat on the mat")
    qtbot.keyClick(w.canvas, Qt.Key.Key_S, CTRL)
    said = w.statusBar().currentMessage()
    assert said.startswith("Saved in settings.ini.") and "saves itself" in said
    w.set_language("ja")
    assert w.statusBar().currentMessage().startswith("settings.iniに保存しました。")


def test_the_picture_is_named_by_its_chapter_and_step(qtbot, tmp_path):
    from classroom_gui.view.export_dialogs import picture_name  # (before: always "classroom.png", in _export's call)

    w = window_on(qtbot, random_checkpoint(tmp_path / "ck"), str(tmp_path / "settings.ini"))
    _enter(qtbot, w, "the cat sat on the mat")
    beats = w.player.timeline.beats
    step = next(i for i, b in enumerate(beats) if b.key == "softmax.weights")
    w.model.jump(w.player.timeline.beat_stop(step))
    assert picture_name(w.model) == f"softmax-step{step + 1}.png"


def test_a_big_models_sentence_without_edits_comes_back_computed_on_the_worker(qtbot, tmp_path, monkeypatch):
    """A sentence left with no edits keeps its text, not its trace (its memory is given back); on a big model Undo
    computes it again on the worker, at the asker it had."""
    from classroom_gui.view import window_jobs

    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    w = window_on(qtbot, random_checkpoint(tmp_path / "ck"), str(tmp_path / "settings.ini"))
    _enter(qtbot, w, "the cat sat on the mat")
    qtbot.waitUntil(lambda: w.run is not None and w.run.text == "the cat sat on the mat", timeout=10_000)
    w.model.select(focus=3)
    _enter(qtbot, w, "the mat")
    qtbot.waitUntil(lambda: w.run.text == "the mat", timeout=10_000)
    assert w.model.earlier[-1].run is None  # kept by its text
    assert w.step_edits(undo=True)
    qtbot.waitUntil(lambda: w.run.text == "the cat sat on the mat", timeout=10_000)
    assert w.sel.focus == 3 and w.sentence.text() == "the cat sat on the mat"
