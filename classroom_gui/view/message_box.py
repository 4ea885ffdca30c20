"""Message boxes whose sentences break as the app's own text does (lesson.strings.wrapping: Japanese between phrases
only; polish25: QMessageBox broke its errors, refusals and the crash box inside words), with the word joiners that keep
a phrase whole kept out of what a screen reader says and of what is copied (Ctrl+C on a box, a selected path).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ..lesson.strings import WORD_JOINER, wrapping

Icon = QMessageBox.Icon


class PlainCopies(QObject):
    """While its widget shows, text copied from it reaches the clipboard without word joiners (QMessageBox copies its
    label's text on Ctrl+C; a selectable label copies its selection)."""

    def __init__(self, widget):
        super().__init__(widget)
        self._on = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide) and self._on != (event.type() == QEvent.Type.Show):
            self._on = not self._on
            board = QApplication.clipboard()
            (board.dataChanged.connect if self._on else board.dataChanged.disconnect)(self.plain)
        return False

    @staticmethod
    def plain() -> None:
        board = QApplication.clipboard()
        copied = board.text()
        if WORD_JOINER in copied:
            board.setText(copied.replace(WORD_JOINER, ""))


def said_in(label: QLabel, said: str) -> None:
    """`said` on a word-wrapping label, broken between phrases; a screen reader says it plain."""
    plain = said.replace(WORD_JOINER, "")
    label.setText(wrapping(said))
    label.setAccessibleName(plain)


def message_box(parent, icon: Icon, title: str, said: str, detail: str = "") -> QMessageBox:
    """A box saying `said` (its words broken between phrases), with `detail` behind Show Details… when given; the
    caller shows it (exec) and deletes it (or show_box does both)."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(wrapping(said))
    _plain_name(box, "qt_msgbox_label", said)
    if detail:
        box.setDetailedText(detail)
    PlainCopies(box)
    return box


def informative(box: QMessageBox, said: str) -> None:
    """The box's second paragraph (its informative text), broken between phrases as its first."""
    box.setInformativeText(wrapping(said))
    _plain_name(box, "qt_msgbox_informativelabel", said)


def show_box(box: QMessageBox) -> None:
    try:
        box.exec()
    finally:
        box.deleteLater()


def warning(parent, title: str, said: str) -> None:
    """A warning box, shown until closed (as QMessageBox.warning; called through the module, so that a test can
    answer it)."""
    show_box(message_box(parent, Icon.Warning, title, said))


def critical(parent, title: str, said: str) -> None:
    show_box(message_box(parent, Icon.Critical, title, said))


def _plain_name(box: QMessageBox, name: str, said: str) -> None:
    """What a screen reader says of the box's label `name` (Qt's own name for it): `said` without joiners."""
    label = box.findChild(QLabel, name)
    if label is not None:
        label.setAccessibleName(said.replace(WORD_JOINER, ""))
