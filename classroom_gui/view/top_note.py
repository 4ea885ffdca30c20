"""The unknown-word note beside the sentence field (SentenceEdit.marker), fitted to what the top bar leaves
of a row: shown whole when it fits, else cut at its end with "…" and whole in its tooltip. Before this, a
long note ("Unknown: "zorblet", "(U+1F34E)" ☒ is shown as (U+1F34E) (the font lacks it)") at 1024 px
pushed Apply, Language and Rule behind the toolbar's "»" (teacher29 M2).

What the note says whole and what it shows now are kept in a TopNote beside the label (polish25: they were Qt
dynamic properties on it, untyped strings looked up by name).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextDocument

NOTE_LEAST = 120     # px: the note is never cut narrower than this ("Unknown: "zorb…" still says what it is)
SENTENCE_MOST = 520  # px: the widest the field asks for to show its whole sentence before the note is cut
_COLOUR = re.compile(r"color:\s*(#[0-9A-Fa-f]{6})")


@dataclass
class TopNote:
    """The note's label with its whole text and tooltip, as the sentence field last wrote them, and the text fit()
    last put on it (None before either)."""
    label: object  # the QLabel (SentenceEdit.marker)
    forms: object = None  # () -> the note ever shorter, its names whole (SentenceEdit.note_forms)
    whole: str | None = None
    whole_tip: str = ""
    fitted: str | None = None

    def remember(self) -> bool:
        """Keeps the label's whole text and tooltip, as the sentence field has just written them; True when the
        text is new, or differs from what fit() last showed (the bar is then fitted again: review30 1, a keystroke
        that kept the same unknown words wrote the note whole again over its cut)."""
        shown = self.label.text()
        new = not shown == self.whole == self.fitted
        self.whole, self.whole_tip = shown, self.label.toolTip()
        return new

    def least(self) -> int:
        """The narrowest the note is cut to: NOTE_LEAST, or its shortest form (forms) whole, its first name."""
        shorter = list(self.forms()) if self.forms is not None else []
        if not shorter:
            return NOTE_LEAST
        return max(NOTE_LEAST, QFontMetrics(self.label.font()).horizontalAdvance(shorter[-1]) + 2 * self.label.margin() + 8)

    def fit(self, width: int | None = None) -> None:
        """Shows the whole note (`width` None), or, to fit `width` px, the longest of its shorter forms that fits
        (forms), else its start cut with "…", the whole note in its tooltip."""
        if self.whole is None:
            self.remember()
        note, whole = self.label, self.whole
        if width is None:
            note.setText(whole)
            note.setToolTip(self.whole_tip)
            self.fitted = whole
            return
        doc = QTextDocument()
        doc.setHtml(whole)
        plain = " ".join(doc.toPlainText().split())
        colour = _COLOUR.search(whole)
        fm, room, shown = QFontMetrics(note.font()), max(1, width - 2 * note.margin() - 6), plain
        if fm.horizontalAdvance(plain) > room:  # fewer names, then the first without its label, each name whole
            shorter = list(self.forms()) if self.forms is not None else []  # (teacher32 #8: 「知らない単語：…」)
            shown = next((f for f in shorter if fm.horizontalAdvance(f) <= room), shorter[-1] if shorter else plain)
        cut = fm.elidedText(shown, Qt.TextElideMode.ElideRight, room)
        style = f" style='color:{colour.group(1)}'" if colour else ""
        note.setText(f"<span{style}>{html.escape(cut)}</span>")
        note.setToolTip(plain)
        self.fitted = note.text()


def sentence_wants(field) -> int:
    """The width that shows the field's whole sentence (its frame and margins included), at most SENTENCE_MOST."""
    return min(SENTENCE_MOST, QFontMetrics(field.font()).horizontalAdvance(field.text()) + 24)
