"""teacher20 L2: in presenter mode (F5) Q turned the quiz on or off with no sign of which (only the hidden View
menu's checkmark knew). Now a brief toast over the class says 「クイズ：オン」/「クイズ：オフ」 ("Quiz on"/"Quiz off"),
legible, then goes; outside presenter mode the status bar says it; no exported picture shows it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.mark.parametrize("lang,on,off", [("ja", "クイズ：オン", "クイズ：オフ"), ("en", "Quiz on", "Quiz off")])
def test_q_in_presenter_mode_shows_a_brief_sign_of_the_quiz(qtbot, tmp_path, lang, on, off):
    from helpers import random_window

    from classroom_gui.view.quiz_mode import STATUS_MS

    w = random_window(qtbot, tmp_path)
    w.resize(1024, 768)
    w.select(lang=lang)
    w.is_presenting = lambda: True  # offscreen there is no full screen; the key and its handler are the same
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.canvas.setFocus()
    toast = w.canvas.toast
    assert not toast.isVisible()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    assert w.model.quiz_on and toast.isVisible() and toast.text() == on
    assert toast.parentWidget() is w.canvas.viewport()  # a widget over the view, not an item of the exported scene
    assert toast.font().pixelSize() >= 18  # legible from the back (33 px on a 768-line screen)
    box = toast.geometry()
    assert w.canvas.viewport().rect().contains(box) and box.width() < w.canvas.viewport().width() / 2  # snug
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    assert not w.model.quiz_on and toast.isVisible() and toast.text() == off
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=STATUS_MS + 2000)  # brief: it goes by itself


def test_in_the_window_the_status_bar_says_it_and_no_toast_covers_the_class(qtbot, tmp_path):
    from helpers import random_window

    w = random_window(qtbot, tmp_path)
    w.select(lang="en")
    assert not w.is_presenting()
    w.quiz_action.toggle()
    # where it asks (teacher28 L4: "Quiz on", and → asked nothing outside presenter mode)
    assert w.model.quiz_on and w.statusBar().currentMessage() == "Quiz on: it asks in presenter mode (F5)"
    assert not w.canvas.toast.isVisible()
    w.select(lang="ja")
    w.quiz_action.toggle()
    assert not w.model.quiz_on and w.statusBar().currentMessage() == "クイズ：オフ"
    w.quiz_action.toggle()
    assert w.statusBar().currentMessage() == "クイズ：オン。プレゼンモード（F5）で問いかけます。"


def test_q_with_the_status_bar_hidden_shows_the_toast_long_enough(qtbot, tmp_path):
    """teacher37 #5: Q in F5 showed nothing (under a bare X server the window did not report full screen, and F5 had
    hidden the status bar). Wherever the status bar is hidden, the toast says it, for as long as the bar would."""
    from helpers import random_window

    from classroom_gui.view.quiz_mode import STATUS_MS
    from classroom_gui.view.screen_size import present

    w = random_window(qtbot, tmp_path)
    w.select(lang="ja")
    present(w, True)  # F5's bars hidden; offscreen the window is not full screen, as the teacher's Xvfb was not
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    toast = w.canvas.toast
    assert w.model.quiz_on and toast.isVisible() and toast.text() == "クイズ：オン"
    qtbot.wait(STATUS_MS // 2 + 500)  # the old toast had gone after 1.5 s
    assert toast.isVisible()
    present(w, False)
