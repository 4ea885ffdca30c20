"""The window takes the keys back when a dialog of its own closes (teacher30 #14): with no window manager (a kiosk's X
session, F5 on a projector's PC) nothing activates the window again after the what-if dialog (W) is accepted, so
QApplication had no active window and no focus widget, and →, Ctrl+Z and the other shortcuts did nothing until
a click. Every QDialog made a child of the window (what-if, help, glossary, export, message boxes) is watched from
when it is polished; when one hides and no other modal dialog is open, the window is activated and its last focus
widget (else the canvas) gets the focus, as a window manager would have done.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog


class FocusBack(QObject):
    """Installed on the main window (`window`, which has a `canvas`): watches its dialog children."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.ChildPolished:
            child = event.child()
            if isinstance(child, QDialog):
                child.installEventFilter(self)
        elif kind == QEvent.Type.Hide and isinstance(watched, QDialog):
            QTimer.singleShot(0, self, self.give_back)  # once the dialog is gone and exec() has returned
        return False

    def give_back(self) -> None:
        w = self.window
        if not w.isVisible() or w.isMinimized() or QApplication.activeModalWidget() is not None:
            return  # another dialog is still open (a message box over an export dialog): it keeps the keys
        if QApplication.activeWindow() is not w:
            w.activateWindow()
        if QApplication.focusWidget() is None or QApplication.focusWidget().window() is not w:
            (w.focusWidget() or w.canvas).setFocus()
