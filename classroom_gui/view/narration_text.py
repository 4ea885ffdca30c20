"""The side panel's narration: the step's title and what is said, broken between phrases only, as the canvas breaks
its caption (lesson.strings.unbroken_words: never 「全部足 / すと」 nor 「「マット」 / （0.33）」), and copied without the
word joiners that keep a phrase on one line.

A QLabel wraps its rich text with the same line breaker, but copies its selection (Ctrl+C, the context menu, the
X11 selection) with no hook, and the joiners went along into whatever a teacher pasted it in.
A read-only QTextEdit copies through createMimeDataFromSelection, which is overridden here; it is as tall as its
text at the panel's width (heightForWidth, as a word-wrapped QLabel is) and draws no frame or background.
"""
from __future__ import annotations

import html
from math import ceil

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit

from ..lesson.strings import WORD_JOINER, unbroken_words

LEAST_HEIGHT = 90  # pixels, as the label had: the panel keeps the narration's place while a sentence is run


def narration_html(title: str, said: str) -> str:
    """The title in bold over what is said, each broken between phrases only (joined with WORD_JOINER)."""
    said = html.escape(unbroken_words(said))
    return f"<b>{html.escape(unbroken_words(title))}</b><br>{said}" if title else said


def without_joiners(text: str) -> str:
    return text.replace(WORD_JOINER, "")


class NarrationText(QTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setTabChangesFocus(True)
        self.viewport().setAutoFillBackground(False)  # the panel's own colour shows, as behind a label
        self.setStyleSheet("QTextEdit { background: transparent; }")
        self.document().setDocumentMargin(0)
        # the width comes from the dock, never from the text: a 10,000-letter word would otherwise make the
        # panel, the dock and the window 64,000 pixels wide (and their backing store hundreds of MB)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._shown = None
        self._heights: dict[int, int] = {}  # width -> height, for the text shown

    def set_narration(self, title: str, said: str) -> None:
        """Show the step's `title` (may be "") and what is said; the same text again changes nothing."""
        shown = narration_html(title, said)
        if shown != self._shown:
            self._shown = shown
            self._heights.clear()
            self.setHtml(shown)
            self.updateGeometry()

    def plain_text(self) -> str:
        """What is shown, as a teacher would copy it: without the word joiners."""
        return without_joiners(self.toPlainText())

    def createMimeDataFromSelection(self) -> QMimeData:  # Ctrl+C, the context menu's Copy, dragging, X11 selection
        # Qt's own mime data, its formats narrowed to text and HTML without joiners: a QMimeData made here and handed to
        # the clipboard was freed twice when the application quit (signal 11 after a copy)
        data = super().createMimeDataFromSelection()
        plain, rich = without_joiners(data.text()), without_joiners(data.html())  # (reading makes Qt's formats)
        for kind in data.formats():
            data.removeFormat(kind)
        data.setText(plain)
        data.setHtml(rich)
        return data

    def event(self, event) -> bool:
        # read-only, a QTextEdit leaves Ctrl+C and Ctrl+A to the window's shortcuts, and Ctrl+C there copies the
        # classroom's picture (teacher18 M1): with the text selected here, they are this text's
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Copy) and self.textCursor().hasSelection()
                or event.matches(QKeySequence.StandardKey.SelectAll)):
            event.accept()
            return True
        return super().event(event)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width not in self._heights:
            doc = self.document().clone()
            doc.setTextWidth(max(1, width - 2 * self.frameWidth()))
            self._heights[width] = max(LEAST_HEIGHT, ceil(doc.size().height()) + 2 * self.frameWidth())
        return self._heights[width]

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.heightForWidth(max(self.width(), 1)))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, LEAST_HEIGHT)
