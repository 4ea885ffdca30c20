"""teacher34 #5 and #10: the Compare dialog has a 閉じる / Close button (it had none: with no window manager it closed only
on Esc while it had the focus), presenter mode closes it rather than leaving it over the full-screen lesson, and the
box that asks for the second sentence offers the one compared last (also after a restart) and says an empty one in
itself, asking again, not only in the status line."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from classroom_gui.lesson.strings import table
from classroom_gui.view import compare_dialog
from classroom_gui.view.compare_dialog import CompareDialog, open_compare
from helpers import random_checkpoint, window_on

SECOND = "cat sat on the mat the cat"
STRINGS = {lang: table(lang) for lang in ("en", "ja")}


@pytest.fixture
def made(qtbot, tmp_path):
    checkpoint, store = random_checkpoint(tmp_path / "ck"), str(tmp_path / "settings.ini")
    return checkpoint, store, window_on(qtbot, checkpoint, store)


class Asked:
    """QInputDialog.getText as the teacher answers it: each answer in turn ((text, ok)), each question recorded."""

    def __init__(self, monkeypatch, *answers):
        self.answers, self.asked = list(answers), []
        monkeypatch.setattr(compare_dialog.QInputDialog, "getText", self)

    def __call__(self, _parent, _title, label, text=""):
        self.asked.append((label, text))
        return self.answers.pop(0)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_dialog_has_a_close_button_that_closes_it(qtbot, made, lang):
    window = made[2]
    window.set_language(lang)
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    close = [b for b in dialog.findChildren(QDialogButtonBox)[0].buttons() if b.text() == STRINGS[lang]["ui.close"]]
    assert len(close) == 1 and close[0].isVisible()
    assert close[0].focusPolicy() == Qt.FocusPolicy.NoFocus  # the arrow keys still step both classes
    qtbot.mouseClick(close[0], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_presenter_mode_closes_the_dialog(qtbot, made):
    window = made[2]
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    window.set_presenter(True)
    assert not dialog.isVisible() and window.isFullScreen()
    window.set_presenter(False)


def test_f5_in_the_dialog_starts_presenter_mode_and_closes_it(qtbot, made):
    """The dialog has the focus after opening: F5 there is the window's F5, not a key that goes nowhere."""
    window = made[2]
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    assert window.isFullScreen() and not dialog.isVisible()
    window.set_presenter(False)


def test_the_box_offers_the_sentence_compared_last_also_after_a_restart(qtbot, made, monkeypatch):
    checkpoint, store, window = made
    asked = Asked(monkeypatch, (SECOND, True), (SECOND, False))
    qtbot.addWidget(open_compare(window))
    assert asked.asked[0][1] != SECOND  # the first time: the default pair's
    assert open_compare(window) is None  # cancelled, after it offered the one compared last
    assert asked.asked[1][1] == SECOND
    assert window.save_settings()
    window.close()
    again = window_on(qtbot, checkpoint, store)
    asked = Asked(monkeypatch, ("", False))
    open_compare(again)
    assert asked.asked[0][1] == SECOND


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_empty_sentence_is_said_in_the_box_which_asks_again(qtbot, made, monkeypatch, lang):
    window = made[2]
    window.set_language(lang)
    asked = Asked(monkeypatch, ("   ", True), (SECOND, True))
    dialog = open_compare(window)
    qtbot.addWidget(dialog)
    assert len(asked.asked) == 2 and isinstance(dialog, CompareDialog)
    assert STRINGS[lang]["ui.compare_empty"] in asked.asked[1][0] and asked.asked[1][1] == ""
    assert STRINGS[lang]["ui.compare_empty"] not in asked.asked[0][0]
