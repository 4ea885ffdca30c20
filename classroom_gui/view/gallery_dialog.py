"""The gallery dialog (Lesson → Examples): each example's sentence with what it shows, in the current
language; choosing one returns it, and the window loads its sentence, language, rule, asker, layer and head.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QFontMetricsF, QPalette, QTextBlockFormat, QTextCursor,
                           QTextDocument)
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QListView, QListWidget, QListWidgetItem, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout)

from ..lesson.example_point import as_said
from ..lesson.gallery import Example, example_where
from ..lesson.strings import wrapping


def describe(example: Example, lang: str, tokenizer=None) -> str:
    """Three lines: the sentence, what it shows, and where to look (a seat number named by its word)."""
    return f"{example.text}\n    {said(example, lang)}\n    {example_where(example, lang, tokenizer)}"


def said(example: Example, lang: str) -> str:
    """What the example shows, in the reader's language, as the narration says it at its key step (as_said: outside
    Japanese its curly quotes straight)."""
    return as_said(example.describe(lang), lang)


TEXT_MARGIN = 8  # px between an item's edge and its text


class WrappedItems(QStyledItemDelegate):
    """Each item's text laid out by a QTextDocument at the list's width, and the item as tall as that layout:
    the style's own item text kept three lines' height and, for a description that wraps (Japanese at
    1024×768), dropped its last line. The lines break as the app's own text does (lesson.strings.wrapping); the
    item's text (a screen reader's, a copy's) stays plain."""

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view

    def _document(self, text: str, font) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        cursor = QTextCursor(doc)
        for i, line in enumerate(text.split("\n")):  # lines 2 and 3 indented as a whole, wrapped part too
            indented = QTextBlockFormat()
            indented.setLeftMargin(QFontMetricsF(font).horizontalAdvance("    ") if line.startswith(" ") else 0)
            if i:
                cursor.insertBlock(indented)
            else:
                cursor.setBlockFormat(indented)
            cursor.insertText(wrapping(line.strip()))  # Japanese broken between phrases only (teacher27 L1)
        doc.setTextWidth(max(80, self.view.viewport().width() - 2 * self.view.spacing() - 2 * TEXT_MARGIN))
        return doc

    def sizeHint(self, option, index) -> QSize:
        doc = self._document(str(index.data()), option.font)
        return QSize(int(doc.idealWidth()) + 2 * TEXT_MARGIN, int(doc.size().height()) + TEXT_MARGIN)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws the item's background and selection; the text is the document's
        widget = opt.widget
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background
        doc = self._document(str(index.data()), opt.font)  # not opt.text: its newlines are line separators
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.save()
        painter.translate(opt.rect.left() + TEXT_MARGIN, opt.rect.top() + TEXT_MARGIN // 2)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class GalleryDialog(QDialog):
    def __init__(self, parent, examples: list[Example], t, lang: str, tokenizer=None, current: Example | None = None):
        super().__init__(parent)
        self.examples = examples
        self.setWindowTitle(t("ui.examples_title"))
        box = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # heights measured again when the dialog's width changes
        self.list.setItemDelegate(WrappedItems(self.list))
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(4)
        for example in examples:
            item = QListWidgetItem(describe(example, lang, tokenizer))
            item.setToolTip(said(example, lang))
            self.list.addItem(item)
        # the example on screen (also one a restart brought back), else the first
        self.list.setCurrentRow(next((i for i, e in enumerate(examples) if e == current), 0))  # (by value: left_at)
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
