"""teacher9 L5: a what-if refusal was said only in the status bar, which presenter mode (F5, full screen) hides.
It is now said over the class as well, in the window's language, for a few seconds, and the status bar keeps it."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt

from classroom_gui.app.edit_history import edit_keys
from classroom_gui.lesson.strings import text
from classroom_gui.model.whatif import Edit
from classroom_gui.view import whatif_edit


def refuse(window) -> bool:
    """A mask edit that would leave the asker hearing no one: every classmate's cell, then the last one."""
    sel = window.sel
    for j in range(window.run.trace.n_tokens - 1, 0, -1):
        assert whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, j, 1.0))
    return whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, 0, 1.0))


def test_a_refusal_in_presenter_mode_is_said_over_the_class_in_its_language(qtbot, window):
    note = window.canvas.note
    window.set_language("en")
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)
    assert window.is_presenting() and not window.statusBar().isVisible()
    assert not note.isVisible()
    assert not refuse(window)
    assert note.isVisible() and "would hear no one" in note.accessibleName()
    assert note.accessibleName() == window.statusBar().currentMessage()  # the status bar keeps it too
    assert window.canvas.viewport().rect().contains(note.geometry())  # whole, on the class
    window.set_language("ja")
    assert note.isVisible() and note.accessibleName().startswith("このマスクにすると、")
    assert note.accessibleName() == window.statusBar().currentMessage()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)


def test_the_note_goes_after_its_time_and_a_click_passes_through_it(qtbot, window):
    note = window.canvas.note
    window.tell(lambda lang: text(lang, "whatif.cannot"), 150, aloud=True)
    assert note.isVisible()
    centre = note.geometry().center()
    assert window.canvas.viewport().childAt(centre) is None  # transparent for the mouse: the desk below is clicked
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=3000)
    window.tell(lambda lang: text(lang, "whatif.status_one", **edit_keys(lang)))  # the what-if status is no refusal: status bar only
    assert not note.isVisible()


def test_a_double_click_on_no_number_says_so_over_the_class(qtbot, window):
    window.set_language("ja")
    p = window.canvas.mapFromScene(QPointF(5, 5))  # the canvas's corner: the title, no number
    qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(p.x(), p.y()))
    assert window.canvas.note.isVisible() and window.canvas.note.accessibleName() == text("ja", "whatif.cannot")
