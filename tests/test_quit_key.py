"""teacher7 L6: File → Quit answers the platform's standard key, Ctrl+Q (QKeySequence.Quit), and the menu says so."""
from classroom_gui.view.mnemonics import plain  # (a menu item's text without its access key)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import random_window


def test_ctrl_q_quits_and_the_menu_names_it(qtbot, tmp_path):
    w = random_window(qtbot, tmp_path)
    quit_item = next(a for a in w.menuBar().actions()[0].menu().actions() if plain(a.text()).startswith(w.t("ui.quit")))
    assert quit_item.text().endswith("\tCtrl+Q")
    w.activateWindow()  # a shortcut of the window works in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=3000)
