"""The side panel's narration: broken between Japanese words only, as the canvas breaks it (lesson.strings.
unbroken_words joins the letters of a word with WORD_JOINER, which Qt's line breaker never breaks at), without
those joiners reaching what the teacher copies from it."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QApplication, QLabel

from ..lesson.strings import WORD_JOINER, unbroken_words


class NarrationLabel(QLabel):
    def __init__(self):
        super().__init__()
        QApplication.clipboard().dataChanged.connect(self._copied)  # (let go when the label is deleted)

    def set_narration(self, title: str, narration: str) -> None:
        """The step's title in bold over its narration, as rich text."""
        self.setText(f"<b>{html.escape(unbroken_words(title))}</b><br>{html.escape(unbroken_words(narration))}")

    def _copied(self) -> None:
        """Qt copied this label's selection (Ctrl+C, its menu's Copy): the same text without the joiners."""
        board = QApplication.clipboard()
        said = board.text()
        if WORD_JOINER in said and self.hasSelectedText() and _lines(said) == _lines(self.selectedText()):
            board.setText(said.replace(WORD_JOINER, ""))


def _lines(text: str) -> str:
    """`text` with Qt's line and paragraph separators (selectedText's <br>) as the newlines a copy holds."""
    return text.replace("\u2028", "\n").replace("\u2029", "\n")

