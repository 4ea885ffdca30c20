"""SentenceEdit is the sentence field: it completes the word being typed from the model's vocabulary (a
QCompleter over lesson.typing_help.KnownWords) and, as you type, names the words the model does not know
in a label beside it (and outlines the field). The words themselves are chosen in lesson.typing_help.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from ..lesson.typing_help import KnownWords, complete, unknown_words, word_being_typed

UNKNOWN_STYLE = "QLineEdit { border: 2px solid #C0392B; border-radius: 3px; }"
MAX_NAMED = 4  # unknown words named in the label; the rest are "…"


class SentenceEdit(QLineEdit):
    unknownChanged = Signal(list)  # the words the model does not know, after every change of the text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tokenizer = None
        self.known = KnownWords([])
        self.unknown: list[str] = []
        self._prefix = ""
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(self)  # not setCompleter: that would complete the whole sentence, not a word
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated[str].connect(self._insert)
        self.textEdited.connect(self._offer)
        self.textChanged.connect(self._mark)
        self.marker = QLabel()  # placed by the window beside the field
        self.marker.setTextFormat(Qt.TextFormat.RichText)
        self.t = lambda key, **values: key
        self.lang = "en"

    def set_tokenizer(self, tokenizer) -> None:
        """The model's tokenizer: completions come from its vocabulary, marks from its encode()."""
        self.tokenizer = tokenizer
        self.known = KnownWords(list(tokenizer.vocab))
        self._mark(self.text())

    def retranslate(self, t, lang: str) -> None:
        self.t, self.lang = t, lang
        self._mark(self.text())

    def _offer(self, text: str) -> None:
        if self.tokenizer is None:
            return
        self._prefix = word_being_typed(self.tokenizer, text[: self.cursorPosition()]) \
            if self.cursorPosition() == len(text) else ""
        words = self.known.starting(self._prefix)
        self.model.setStringList(words)
        if words:
            self.completer.setCompletionPrefix("")  # the list is already the words that fit
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _insert(self, word: str) -> None:
        self.setText(complete(self.text(), self._prefix, word))
        self._prefix = ""

    def _mark(self, text: str) -> None:
        if self.tokenizer is None:
            return
        unknown = unknown_words(self.tokenizer, text)
        typing = word_being_typed(self.tokenizer, text)
        if unknown and unknown[-1] == typing and self.known.starting(typing) and text.endswith(typing):
            unknown = unknown[:-1]  # a word still being typed that a known word can finish is not unknown yet
        self.unknown = unknown
        self.setStyleSheet(UNKNOWN_STYLE if unknown else "")
        if unknown:
            sep = "、" if self.lang == "ja" else ", "
            words = sep.join(unknown[:MAX_NAMED]) + ("…" if len(unknown) > MAX_NAMED else "")
            self.marker.setText(f"<span style='color:#C0392B'>{html.escape(self.t('ui.unknown_words', words=words))}</span>")
        else:
            self.marker.setText("<span style='color:#2E7D32'>✓</span>")
        sep = "、" if self.lang == "ja" else ", "
        self.marker.setToolTip(self.t("ui.unknown_words", words=sep.join(unknown)) if unknown else self.t("ui.all_known"))
        self.unknownChanged.emit(unknown)
