"""The what-if value box (Lesson → What if… and a double-click on a number): a line that reads what is typed as
--set reads it (model.whatif.value_of: 2.5, -1, 2e1 = 20), and refuses anything else with one sentence under it,
keeping the dialog open and the digits as typed. A QDoubleSpinBox's validator dropped the "e" without a word
(teacher26 M1: 2e1 showed and applied 21, 1e309 became 1309), and it puts back its last value when it cannot read
the text, so it never says what was wrong.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from ..lesson.strings import text, wrapping
from ..model.whatif import MAX_VALUE, Underflow, value_of
from .dialogs import ok_cancel


class NumberBox(QLineEdit):
    """A number typed in full; `note` (a label the dialog places under it) says why what was typed is refused.
    Up and Down step it by 1, as the spin box did."""

    def __init__(self, lang: str, decimals: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang, self.decimals = lang, decimals
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.textEdited.connect(lambda _: self.note.setVisible(False))  # said once, until the number changes
        self._read: tuple = (None, None, "")  # ((text, lang), its value, its refusal): reading()

    def setValue(self, value: float) -> None:
        self.setText(f"{value:.{self.decimals}f}")

    def reading(self) -> tuple[float | None, str]:
        """What is typed, read as --set reads it, once a text (OK's check and then the value it gives share it):
        (the value, "") or (None, why it cannot be used, in the box's language)."""
        key = (self.text(), self.lang)
        if self._read[0] != key:
            self._read = (key, *_read(*key))
        return self._read[1], self._read[2]

    def value(self) -> float | None:
        """What is typed, read as --set reads it; None when it is no number in range."""
        return self.reading()[0]

    def refusal(self) -> str:
        """Why what is typed cannot be used ("" when it can), in the box's language."""
        return self.reading()[1]

    def check(self, beyond=None) -> bool:
        """True when what is typed can be used; else its refusal is said under the box and the text selected.
        `beyond`: the value read → why the place cannot take it ("" when it can; a what-if's bounds, teacher34 #12)."""
        said = self.refusal()
        if not said and beyond is not None:
            said = beyond(self.value())
        self.note.setText(wrapping(said))  # Japanese broken between phrases only (review29 1e: inside words)
        self.note.setAccessibleName(said)  # what a screen reader says: without the word joiners
        self.note.setVisible(bool(said))
        if said:
            self.setFocus()
            self.selectAll()
            if self.window() is not self:  # the dialog grows to show the sentence whole
                self.window().adjustSize()
        return not said

    def keyPressEvent(self, event) -> None:
        step = {Qt.Key.Key_Up: 1.0, Qt.Key.Key_Down: -1.0}.get(event.key())
        now = self.value() if step is not None else None
        if now is not None and abs(now + step) <= MAX_VALUE:
            self.setValue(now + step)
            return
        super().keyPressEvent(event)


def _read(typed: str, lang: str) -> tuple[float | None, str]:
    try:
        return value_of(typed), ""
    except OverflowError:
        key = "whatif.value_too_large"
    except Underflow:
        key = "whatif.value_too_small"
    except ValueError:
        key = "whatif.value_unread"
    return None, text(lang, key, value=typed.strip())


class NumberDialog(QDialog):
    """A question and its NumberBox, with OK and Cancel; OK on what cannot be used says why and stays open."""

    def __init__(self, parent: QWidget, title: str, label: str, value: float, decimals: int, lang: str, beyond=None):
        super().__init__(parent)
        self.beyond = beyond  # NumberBox.check's
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.box = NumberBox(lang, decimals)
        self.box.setValue(value)
        self.box.selectAll()
        question = QLabel(wrapping(label))  # Japanese broken between phrases only (teacher27 L1)
        question.setAccessibleName(label)
        question.setWordWrap(True)
        form.addRow(question)
        form.addRow(self.box)
        form.addRow(self.box.note)
        ok_cancel(self, form)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)  # a refusal wraps in a few lines, not many

    def accept(self) -> None:
        if self.box.check(self.beyond):
            super().accept()


def ask_number(parent: QWidget, title: str, label: str, value: float, decimals: int, lang: str,
               beyond=None) -> tuple[float, bool]:
    """The number typed and True, or (value, False) when cancelled (as QInputDialog.getDouble answers); `beyond`:
    NumberBox.check's (a value it refuses keeps the dialog open, with the value selected)."""
    dialog = NumberDialog(parent, title, label, value, decimals, lang, beyond)
    try:
        if dialog.exec():
            return dialog.box.value(), True
        return value, False
    finally:
        dialog.deleteLater()
