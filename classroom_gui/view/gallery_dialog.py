"""The gallery dialog (Lesson → Examples): each example's sentence with what it shows, in the current
language; choosing one returns it, and the window loads its sentence, language, rule, asker, layer and head.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout

from ..lesson.gallery import Example, example_where


def describe(example: Example, lang: str, tokenizer=None) -> str:
    """Three lines: the sentence, what it shows, and where to look (a seat number named by its word)."""
    return f"{example.text}\n    {said(example, lang)}\n    {example_where(example, lang, tokenizer)}"


CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def said(example: Example, lang: str) -> str:
    """What the example shows, in the reader's language. Outside Japanese its curly quotes are written straight,
    as the narration writes them: the window's one font (IPAex Gothic) draws “ ” full width, so
    “Are” read as a quote mark, a gap and the word."""
    text = example.describe(lang)
    return text if lang == "ja" else text.translate(CURLY)


class GalleryDialog(QDialog):
    def __init__(self, parent, examples: list[Example], t, lang: str, tokenizer=None):
        super().__init__(parent)
        self.examples = examples
        self.setWindowTitle(t("ui.examples_title"))
        box = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(4)
        for example in examples:
            item = QListWidgetItem(describe(example, lang, tokenizer))
            item.setToolTip(said(example, lang))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        box.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(t("ui.examples_open"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(760, 560)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> Example | None:
        row = self.list.currentRow()
        return self.examples[row] if 0 <= row < len(self.examples) else None
