"""A restarted window comes back where it was: a window that filled the screen fills it again (with no window
manager, Qt's restoreGeometry alone brought it back at +1+25, 1022 x 742, since it shrinks a saved geometry
as big as the screen and leaves the rest to a maximise request nobody obeys), and a window the teacher
placed comes back at exactly that place and size."""
from PySide6.QtWidgets import QApplication

from classroom_gui.view import settings
from classroom_gui.view.window import MainWindow
from helpers import random_checkpoint


def start(qtbot, tmp_path) -> MainWindow:
    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.show()
    return w


def test_a_window_that_filled_the_screen_fills_it_again(qtbot, tmp_path):
    available = QApplication.primaryScreen().availableGeometry()
    first = start(qtbot, tmp_path)
    filled = first.geometry()  # (offscreen Qt keeps a 2 px frame around it)
    assert first.isMaximized() and filled.size() == available.size()
    first.close()
    for _ in range(2):  # and again after the second restart
        again = start(qtbot, tmp_path)
        assert again.geometry() == filled, again.geometry()
        again.close()


def test_a_placed_window_comes_back_exactly(qtbot, tmp_path):
    first = start(qtbot, tmp_path)
    first.showNormal()
    first.setGeometry(60, 50, 700, 500)
    placed = first.geometry()
    first.close()
    again = start(qtbot, tmp_path)
    assert again.geometry() == placed and not again.isMaximized()
