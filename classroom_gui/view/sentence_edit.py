"""SentenceEdit is the sentence field: it completes the word being typed from the model's vocabulary (a
QCompleter over lesson.typing_help.KnownWords) and, as you type, underlines the words the model does not
know with a red wave, names them in a label beside it and outlines the field. The words themselves are chosen in lesson.typing_help.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPointF, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from ..lesson.strings import name_list
from ..lesson.typing_help import KnownWords, Marks, complete, marks, typed_at
from ..model.unknown_words import words_and_marks

UNKNOWN_COLOUR = "#C0392B"
UNKNOWN_STYLE = f"QLineEdit {{ border: 2px solid {UNKNOWN_COLOUR}; border-radius: 3px; }}"
MAX_NAMED = 4  # unknown words named in the label; the rest are "…"
# keys the open completion list needs for itself: the window's own Down / Up / PgDown shortcuts (who asks,
# next step) must not take them while it is open (QCompleter passes the popup's ShortcutOverride to the field)
LIST_KEYS = frozenset((Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Return,
                       Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Escape))
RETURN_KEYS = frozenset((Qt.Key.Key_Return, Qt.Key.Key_Enter))


def chars(text: str, units: int) -> int:
    """How many of `text`'s characters the first `units` UTF-16 units hold: Qt's cursor counts UTF-16 units
    (🐱 is two), Python's str indexes characters (🐱 is one)."""
    return len(text.encode("utf-16-le")[: 2 * units].decode("utf-16-le", "surrogatepass"))


class SentenceEdit(QLineEdit):
    unknownChanged = Signal(list)  # the words the model does not know, after every change of the text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tokenizer = None
        self._known = KnownWords([])
        self.unknown: list[str] = []
        self.spans: list[tuple[int, int]] = []  # where the unknown words stand in the text (character offsets)
        self._prefix = ""
        self._read: tuple = (None, None, Marks())  # (tokenizer, text, its Marks): one reading a keystroke
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(self)  # not setCompleter: that would complete the whole sentence, not a word
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated[str].connect(self._insert)
        self.textEdited.connect(self._offer)
        self.textChanged.connect(self._mark)
        # the word being typed is the one before the cursor: a word left half-typed is marked once the cursor
        # leaves it (review30 5), the text read again from the cache
        self.cursorPositionChanged.connect(lambda *_: self._mark(self.text()))
        self.marker = QLabel()  # placed by the window beside the field
        self.note_forms: list[str] = []  # the note shorter, whole names first (short_notes): view.top_note
        self.marker.setTextFormat(Qt.TextFormat.RichText)
        self.t = lambda key, **values: key
        self.lang = "en"
        # whether a text is the class's sentence on screen (the window's model.shows); while the field holds it,
        # Ctrl+Z and Ctrl+Shift+Z are the Edit menu's, not the field's own undo of typing (teacher31 #2: after Enter
        # the field's undo took "tired" out of the field while the class still showed it)
        self.applied = lambda text: False

    def set_tokenizer(self, tokenizer) -> None:
        """The model's tokenizer: completions come from its vocabulary, marks from its encode()."""
        self.tokenizer = tokenizer
        self._known = None  # sorted when first needed (known): tens of ms for a vocabulary, not at start
        self._mark(self.text())

    @property
    def known(self) -> KnownWords:
        """The tokenizer's whole words, for completion (the window asks for them after its first paint)."""
        if self._known is None:
            self._known = KnownWords(list(self.tokenizer.vocab))
        return self._known

    def retranslate(self, t, lang: str) -> None:
        self.t, self.lang = t, lang
        self._mark(self.text())

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and self.completer.popup().isVisible() \
                and event.key() in LIST_KEYS:
            event.accept()  # the key goes on to the list, not to a window shortcut
            return True
        if event.type() == QEvent.Type.ShortcutOverride and self._menu_undo(event):
            event.ignore()  # the Edit menu's Undo or Redo takes it: the field and the class keep agreeing
            return True
        return super().event(event)

    def _menu_undo(self, event) -> bool:
        """Whether `event` is Undo or Redo while the field holds the sentence on screen (applied)."""
        return (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)) \
            and self.applied(self.text())

    def keyPressEvent(self, event):
        # QCompleter hands the open list's keys to the field first; Return there would apply the half-typed
        # word before the list inserts the chosen one (a QLineEdit's own completer is skipped the same way).
        # With no row chosen, Return applies the sentence as typed: the list only offered longer words
        # ("mat" -> matter), and a finished sentence must not need Return twice
        if self._menu_undo(event):  # (no shortcut took it: the field's own undo would part it from the class)
            event.ignore()
            return
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in LIST_KEYS:
            if event.key() in RETURN_KEYS and not popup.currentIndex().isValid():
                popup.hide()
            else:
                event.ignore()
                return
        super().keyPressEvent(event)

    def _offer(self, text: str) -> None:
        """Completions of the word before the cursor, wherever it stands (teacher29 L3: only at the end before); none in
        the middle of a word of any script ("gre|at", "マ|ット": review30 4), whose rest the chosen word would leave
        behind it."""
        if self.tokenizer is None:
            return
        at = chars(text, self.cursorPosition())
        rest = text[at:at + 1]
        self._prefix = "" if rest.isalnum() else self._typing(text, at)
        words = self.known.starting(self._prefix)
        self.model.setStringList(words)
        if words:
            self.completer.setCompletionPrefix("")  # the list is already the words that fit
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _typing(self, text: str, at: int) -> str:
        """The word before the cursor at character `at`, from the whole text's one reading (typed_at); the text up to
        the cursor is read apart only where a token runs across it."""
        found = self._marks(text)
        typing = typed_at(text, found.tokens, at) if found.tokens else None
        return typing if typing is not None else self._marks(text[:at]).typing

    def _insert(self, word: str) -> None:
        """The chosen word in place of the one typed before the cursor; the rest of the sentence stays, the cursor after it."""
        text = self.text()
        at = chars(text, self.cursorPosition())
        head = complete(text[:at], self._prefix, word)
        self.setText(head + text[at:])
        self.setCursorPosition(len(head.encode("utf-16-le")) // 2)  # Qt counts UTF-16 units
        self._prefix = ""

    def _marks(self, text: str) -> Marks:
        """lesson.typing_help.marks of `text`, read once a keystroke (textChanged marks it, textEdited offers
        completions: both ask)."""
        tokenizer, read, found = self._read
        if tokenizer is not self.tokenizer or read != text:
            try:
                found = marks(self.tokenizer, text)
            except Exception:  # a GPT-2 folder's tokenizer may refuse a text (TokenizerError); Apply then says why,
                found = Marks()  # and marking the words is only a help: it never stops the typing
            self._read = (self.tokenizer, text, found)
        return found

    def _mark(self, text: str) -> None:
        if self.tokenizer is None:
            return
        found = self._marks(text)  # each word and the text as model.sentence reads it (⾃ is 自), as desks write them
        spans, typing, names, codes = found.spans, found.typing, found.names, found.codes
        at = chars(text, self.cursorPosition())
        held = next((span for span in spans if span[1] == at), None)  # the word just before the cursor
        if held and (at < len(text) or text[held[0]:at] == typing) and self.known.starting(text[held[0]:at]):
            spans = [span for span in spans if span != held]  # still being typed, and a known word can finish it
            # (anywhere in the sentence, as _offer completes it: teacher29 L3), so not unknown yet
        self.spans = spans
        unknown = list(dict.fromkeys(names[span] for span in spans))  # 🧶 as ⟨U+1F9F6⟩ (messages.glyphs)
        self.unknown = unknown
        self.setStyleSheet(UNKNOWN_STYLE if unknown else "")
        if unknown:  # quoted as names are everywhere else: 「した」「スヤスヤ」, "Thr", "sta"; the words, else the
            # marks (「、」: teacher30 #4) said as marks
            named, key = next((n, k) for n, k in zip(words_and_marks(unknown), ("ui.unknown_words", "ui.unknown_marks"))
                              if n)
            words = name_list(self.lang, named[:MAX_NAMED]) + ("…" if len(named) > MAX_NAMED else "")
            self.marker.setText(f"<span style='color:{UNKNOWN_COLOUR}'>{html.escape(self.t(key, words=words))}</span>")
            self.note_forms = short_notes(self.t, self.lang, key, named)
        else:
            self.note_forms = []
            self.marker.setText("<span style='color:#2E7D32'>✓</span>")
        said = [self.t("ui.shown_as_code", symbol=s, code=c) for s, c in list(codes.items())[:MAX_NAMED]]
        # here the system's font draws 🐱: say once what the desks and sheets write for it (teacher24 M1); one the
        # note already names as unknown is said in the tooltip only (teacher31 #5: each code 2-3 times in a row
        # wrapped the toolbar onto two rows at 1920 px)
        shown = [line for line, c in zip(said, codes.values()) if c not in unknown]
        if shown:
            self.marker.setText(self.marker.text() + html.escape("  " + " ".join(shown)))
        tip = "\n".join(self.t(k, words=name_list(self.lang, n)) for n, k in
                         zip(words_and_marks(unknown), ("ui.unknown_words", "ui.unknown_marks")) if n) \
            or self.t("ui.all_known")
        self.marker.setToolTip("\n".join([tip] + said) if len(shown) < len(said) else tip)
        self.unknownChanged.emit(unknown)
        self.update()

    def text_origin(self, fm: QFontMetricsF) -> float:
        """Where character 0 is drawn now: QLineEdit scrolls long text and keeps the offset to itself, so the
        cursor's rectangle less the width of the text before the cursor."""
        text = self.displayText()
        return self.cursorRect().center().x() - fm.horizontalAdvance(text[: chars(text, self.cursorPosition())])

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.spans:
            return
        fm = QFontMetricsF(self.font())
        text = self.displayText()
        x0 = self.text_origin(fm)
        y = self.cursorRect().bottom() - 1.0
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(UNKNOWN_COLOUR), 1.2))
        for a, b in self.spans:
            left, right = x0 + fm.horizontalAdvance(text[:a]), x0 + fm.horizontalAdvance(text[:b])
            wave = QPainterPath(QPointF(left, y))
            x, up = left, True
            while x < right:  # a wave of 2-pixel steps, as spelling checkers draw
                x = min(right, x + 2.0)
                wave.lineTo(QPointF(x, y - (1.5 if up else 0.0)))
                up = not up
            p.drawPath(wave)
        p.end()


def short_notes(t, lang: str, key: str, named: list[str]) -> list[str]:
    """The unknown-word note ever shorter, for a bar too narrow for it whole (view.top_note): fewer names and how
    many more, then the first name alone without its label; a name is never cut (teacher32 #8: at 1024 px the
    note read 「知らない単語：…」, no name at all)."""
    ks = range(min(len(named) - 1, MAX_NAMED), 0, -1)
    more = [t("ui.unknown_more", words=name_list(lang, named[:k]), n=len(named) - k) for k in ks]
    return [t(key, words=m) for m in more] + [more[-1] if more else name_list(lang, named[:1])]
