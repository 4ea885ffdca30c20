"""polish25 1: message boxes and Help → About broke Japanese anywhere (「読 / めません」, 「不具 / 合」), where the app's
other widgets break between phrases (lesson.strings.wrapping, teacher27 L1). Each box the window opens with a Japanese
sentence (a model folder it cannot read, a failed job, a picture it could not copy, the crash box and its second
paragraph) and About's paragraphs are laid out as their word-wrapped labels lay them out, at widths from a few
characters to one line: every line break falls between phrases (or where Qt breaks Latin text and punctuation). What a
screen reader says and what is copied carry no word joiner."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QLabel

from classroom_gui.lesson.strings import WORD_JOINER, text
from classroom_gui.messages.phrase import PhraseError
from classroom_gui.view.window import use_bundled_font
from test_widget_phrase_breaks import label_breaks

from helpers import window_on


def _opened(qtbot, open_it) -> list[QLabel]:
    """The labels of the modal box open_it() shows (its sentence, and its second paragraph where it has one), read
    while it shows; the box is then closed as a click on OK closes it."""
    seen = []

    def look():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, look)
            return
        seen.extend(label for label in box.findChildren(QLabel) if label.text().strip())
        seen.append(box)
        QTimer.singleShot(0, lambda: box.done(0))

    QTimer.singleShot(0, look)
    open_it()
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    return seen


def _breaks(qtbot, labels: list[QLabel]) -> int:
    """Line breaks of each label's Japanese text at widths from 8 full-width characters to its whole line, each
    checked to fall between phrases (label_breaks)."""
    breaks = 0
    for label in labels:
        plain = label.text().replace(WORD_JOINER, "")
        if not any(ord(c) > 0x3000 for c in plain):
            continue  # (the box's icon, or a Latin line)
        fm = QFontMetricsF(label.font())
        for width in range(int(fm.horizontalAdvance("漢" * 8)), int(fm.horizontalAdvance(plain)) + 8, 8):
            breaks += label_breaks(label, width)
        assert label.accessibleName().replace("\n", "") == plain.replace("\n", ""), label.accessibleName()
    return breaks


def test_the_windows_boxes_break_japanese_between_phrases(qtbot, checkpoint, tmp_path):
    from classroom_gui.view import export_dialogs

    use_bundled_font()
    w = window_on(qtbot, checkpoint, str(tmp_path / "settings.ini"))
    w.set_language("ja")
    w.resize(1024, 768)
    opened = [
        lambda: w.model_unreadable("授業用のモデル", PhraseError("ui.copy_incomplete"), "ui.model_unreadable"),
        lambda: w._job_failed(PhraseError("ui.model_unreadable_start", folder="model2")),
        lambda: export_dialogs.copy_refused(w.model, w),
    ]
    breaks = 0
    for open_it in opened:
        *labels, box = _opened(qtbot, open_it)
        breaks += _breaks(qtbot, labels)
    assert breaks >= 30, breaks  # the sentences do wrap at these widths
    w.close()


def test_the_crash_box_breaks_both_paragraphs_between_phrases(qtbot, checkpoint, tmp_path):
    from classroom_gui import crash

    use_bundled_font()
    w = window_on(qtbot, checkpoint, str(tmp_path / "settings.ini"))
    w.set_language("ja")
    reporter = crash.CrashReporter()
    reporter.model = w.model
    *labels, box = _opened(qtbot, lambda: reporter._show("sig", "ValueError: x", "Traceback"))
    said = [label.text().replace(WORD_JOINER, "") for label in labels]
    assert text("ja", "crash.text") in said and any(text("ja", "crash.no_log") in s or "保存しました" in s for s in said)
    assert _breaks(qtbot, labels) >= 10
    w.close()


def test_about_breaks_between_phrases_and_copies_without_joiners(qtbot, checkpoint, tmp_path):
    from classroom_gui.view import dialogs

    use_bundled_font()
    w = window_on(qtbot, checkpoint, str(tmp_path / "settings.ini"))
    w.set_language("ja")
    d = dialogs.about_dialog(w, w.t)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    labels = [label for label in d.findChildren(QLabel) if label.text()]
    assert _breaks(qtbot, labels) >= 20
    body = next(label for label in labels if WORD_JOINER in label.text())
    QApplication.clipboard().setText(body.text())  # as a selection copied from the label
    assert QApplication.clipboard().text() == body.accessibleName()  # plain: no word joiners reach the clipboard
    d.close()
    w.close()
