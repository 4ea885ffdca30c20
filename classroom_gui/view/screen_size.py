"""How big the window is: the whole available screen on the first run, the whole screen in presenter
mode, and back to where it was after. Each step also sets the geometry itself, because with no window
manager (a bare X server driving a projector) maximising and full screen are only requests nobody obeys.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget


def _screen(window: QWidget):
    return window.screen() or QApplication.primaryScreen()


def fill_screen(window: QWidget) -> None:
    """The first run: maximised, and sized to the screen's available area."""
    screen = _screen(window)
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def restore(window: QWidget, saved, maximized: bool = False) -> bool:
    """The window where it was at the last close (saveGeometry's bytes); False if they cannot be read. A
    window that filled its screen fills it again, as on the first run: Qt restores a maximised window's
    normal geometry, made 2 px smaller than the screen and moved below a guessed title bar, and with no
    window manager the maximise request is never obeyed, so it came back at +1+25, 1022 x 742."""
    if saved is None or not window.restoreGeometry(saved):
        return False
    if window.isFullScreen():  # saved in presenter mode by an older version: a window, never a bare full screen
        window.showNormal()
        maximized = True
    if maximized:
        normal = window.normalGeometry()  # the teacher's own place, which fill_screen's setGeometry overwrites
        fill_screen(window)
        if normal.isValid() and normal.size() != window.geometry().size():
            window.setProperty("normal_geometry", normal)  # given back when the window is un-maximised
            window.installEventFilter(_Unmaximise(window))
    return True


class _Unmaximise(QObject):
    """A restored maximised window that is un-maximised (by a window manager, or showNormal) goes back to the
    teacher's own place, not to the screen-sized geometry fill_screen set (presenter mode keeps its own)."""

    def eventFilter(self, window, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.WindowStateChange and window.property("normal_geometry") is not None:
            old, new, full = event.oldState(), window.windowState(), Qt.WindowState.WindowFullScreen
            if (old & Qt.WindowState.WindowMaximized and not old & full
                    and not new & (Qt.WindowState.WindowMaximized | full)):
                normal = window.property("normal_geometry")
                window.setProperty("normal_geometry", None)
                window.setGeometry(normal)
        return False


def closing(window) -> tuple:
    """What a closing window saves (saveGeometry's bytes, maximised): closed in presenter mode, the window
    presenter mode came from, so the next start is that window, never a full-screen state with its menus."""
    if window.isFullScreen():
        present(window, False)
    return window.saveGeometry(), window.isMaximized()


def full_screen(window: QWidget, on: bool) -> None:
    """Presenter mode on (the whole screen, the windowed geometry remembered) or off (restored)."""
    if on:
        if not window.isFullScreen():
            window.setProperty("windowed_geometry", window.geometry())
            window.setProperty("windowed_maximized", window.isMaximized())
        screen = _screen(window)
        if screen is not None:  # first: a geometry set after showFullScreen() would clear its state
            window.setGeometry(screen.geometry())
        window.showFullScreen()
    elif window.isFullScreen():
        window.showNormal()
        before = window.property("windowed_geometry")
        if before is not None:
            window.setGeometry(before)
        if window.property("windowed_maximized"):  # maximised before presenter mode: maximised again
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def present(window, on: bool) -> None:
    """Presenter mode: only the classroom, full screen; on a 4:3 projector the 16:9 classroom sits in the
    middle, in the window it hangs from the top."""
    for w in (window.top_bar, window.choice_bar, window.controls, window.menuBar(), window.statusBar()):
        w.setVisible(not on)
    window.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter if on else
                               Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
    window.dock.setVisible(window.charts_wanted and not on)
    full_screen(window, on)
    window.canvas.hint.present(on)
    window.canvas.setFocus()
