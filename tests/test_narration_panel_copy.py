"""The side panel's narration (view.narration_label) breaks between Japanese words as the canvas does (word joiners:
never 「内 / 積」), and what the teacher copies from it holds no joiner (review19, left alone: window.py's QLabel)."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.view.narration_label import NarrationLabel

SAID = "質問カードと自己紹介カードの内積です。"


def test_the_narration_keeps_words_whole_and_a_copy_holds_no_joiner(qtbot):
    label = NarrationLabel()
    qtbot.addWidget(label)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.set_narration("第1層・ヘッド2", SAID)
    assert f"内{WORD_JOINER}積" in label.text()
    label.setSelection(0, len(QTextDocumentFragment.fromHtml(label.text()).toPlainText()))  # all of it
    selected = label.selectedText()
    assert WORD_JOINER in selected and SAID in selected.replace(WORD_JOINER, "")
    QApplication.clipboard().setText("before")
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # Qt's own copy of the selection
    copied = QApplication.clipboard().text()
    assert WORD_JOINER not in copied and copied.endswith(SAID) and copied.startswith("第1層・ヘッド2")
    QApplication.clipboard().setText(f"a{WORD_JOINER}b")  # text copied elsewhere is left as it is
    assert QApplication.clipboard().text() == f"a{WORD_JOINER}b"


def test_the_window_s_side_panel_is_the_narration_label(qtbot, tmp_path):
    from helpers import random_window

    w = random_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: w.model.run is not None, timeout=20000)
    assert isinstance(w.narration, NarrationLabel) and w.model.frame().title in w.narration.text()
