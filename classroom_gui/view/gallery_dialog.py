"""The gallery dialog (Lesson → Examples): each example's sentence with what it shows, in the current
language; choosing one returns it, and the window loads its sentence, language, rule, asker, layer and head.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout

from ..lesson.gallery import Example, example_where


def describe(example: Example, lang: str, tokenizer=None) -> str:
    """Three lines: the sentence, what it shows, and where to look (a seat number named by its word)."""
    return f"{example.text}\n    {example.describe(lang)}\n    {example_where(example, lang, tokenizer)}"


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
            item.setToolTip(example.describe(lang))
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
