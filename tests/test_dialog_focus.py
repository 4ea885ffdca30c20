"""teacher30 #14: with no window manager (offscreen here; a kiosk's X session, F5 on a projector's PC), after the
what-if dialog (W) was accepted no window was active and no widget had the focus, so → and Ctrl+Z did nothing
until the window was activated by hand. When a dialog of the window closes, the window takes the keys back."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from test_start_hint import fresh


def _answer(qtbot, done) -> None:
    """Answers the next modal dialog once it is open (exec() blocks the test until then)."""
    def later():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, later)
            return
        done(dialog)
    QTimer.singleShot(50, later)


def _keys_reach_the_lesson(qtbot, w) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    target = QApplication.focusWidget()
    assert target is not None and target.window() is w
    step = w.model.frame().beat
    qtbot.keyClick(target, Qt.Key.Key_Right)  # a window shortcut: it needs the window active
    assert w.model.frame().beat == step + 1


def test_the_keys_come_back_after_the_whatif_dialog(qtbot, tmp_path):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    w.set_presenter(True)
    w.model.go_to_chapter("scoring")
    w.canvas.setFocus()
    edits = len(w.model.whatif.edits)

    def fill(dialog):
        dialog.value.setText("-5") if hasattr(dialog.value, "setText") else dialog.value.setValue(-5.0)
        dialog.accept()
    _answer(qtbot, fill)
    w.do("whatif")
    assert len(w.model.whatif.edits) == edits + 1  # the edit was made
    _keys_reach_the_lesson(qtbot, w)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(w.model.whatif.edits) == edits  # Ctrl+Z takes it back, with no click first
    w.set_presenter(False)


def test_the_keys_come_back_after_the_help_screen(qtbot, tmp_path):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    w.canvas.setFocus()
    _answer(qtbot, lambda dialog: dialog.reject())
    w.do("help")
    _keys_reach_the_lesson(qtbot, w)
