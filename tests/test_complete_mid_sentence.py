"""teacher29 L3: completions came only at the end of the sentence, though the README says the field "completes known
words as you type": a teacher fixing a word in the middle got no help. The word before the cursor is completed
wherever it stands (Qt's cursor counts UTF-16 units: an emoji before it is two), and the rest of the sentence stays."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from test_window_lesson import make_window


def _pick_first(qtbot, edit) -> None:
    popup = edit.completer.popup()
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # as a user picks it


def test_the_word_typed_in_the_middle_is_completed_and_the_rest_stays(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    edit = w.sentence
    edit.setFocus()
    edit.setText("🐱 the cat sat on the today")
    edit.setCursorPosition(len("🐱 the cat sat on the".encode("utf-16-le")) // 2)
    qtbot.keyClicks(edit, " ma")
    assert edit.text() == "🐱 the cat sat on the ma today"
    assert edit.model.stringList() == ["mat"] and edit.completer.popup().isVisible()
    assert "ma" not in edit.unknown  # still being typed, and a known word can finish it (as at the end)
    assert edit.unknown == ["⟨U+1F431⟩", "today"]  # (this tokenizer's other unknown words are still named)
    _pick_first(qtbot, edit)
    assert edit.text() == "🐱 the cat sat on the mat today"
    assert edit.cursorPosition() == len("🐱 the cat sat on the mat".encode("utf-16-le")) // 2  # typing goes on there


def test_no_completion_inside_a_word(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, gallery=False)
    edit = w.sentence
    edit.setFocus()
    edit.setText("the cat sat on the t")
    edit.setCursorPosition(len("the cat sat on the "))
    qtbot.keyClicks(edit, "ma")  # "ma|t": its "t" would be left behind a chosen word
    assert edit.text() == "the cat sat on the mat" and not edit.completer.popup().isVisible()


def test_no_completion_inside_a_japanese_word(qtbot, tmp_path):
    """review30 4: only a Latin word's rest blocked the list; "猫がマ|ット" offered マット and made 猫がマットット."""
    w = make_window(qtbot, tmp_path, gallery=False)
    edit = w.sentence
    edit.setFocus()
    edit.setText("猫がマ")
    assert "マット" in edit.known.starting("マ")  # (the list would offer it at the end of the sentence)
    edit.setText("猫がット")
    edit.setCursorPosition(len("猫が"))
    commit = QInputMethodEvent()
    commit.setCommitString("マ")  # as a Japanese input method types it ("マ|ット"): its "ット" would be left
    QApplication.sendEvent(edit, commit)  # behind a chosen マット
    assert edit.text() == "猫がマット" and not edit.completer.popup().isVisible()


def test_a_half_typed_word_is_marked_once_the_cursor_leaves_it(qtbot, tmp_path):
    """review30 5: "ma" typed mid-sentence stayed unmarked (the marker showing ✓ for it) after the cursor moved
    away, since the words were marked only when the text changed."""
    w = make_window(qtbot, tmp_path, gallery=False)
    edit = w.sentence
    edit.setFocus()
    edit.setText("the cat sat on the today")
    edit.setCursorPosition(len("the cat sat on the"))
    qtbot.keyClicks(edit, " ma")
    assert "ma" not in edit.unknown  # still being typed
    qtbot.keyClick(edit.completer.popup(), Qt.Key.Key_Escape)
    edit.setCursorPosition(len(edit.text()))  # the teacher goes on at the end
    assert edit.text() == "the cat sat on the ma today" and "ma" in edit.unknown
