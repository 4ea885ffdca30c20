"""A line of text on a canvas view's viewport, never part of the scene: no exported picture or video shows it, and
clicks pass through it to the class below. The start's hint (start_hint) and a short-lived note (canvas_note)."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel

from ..lesson.strings import wrapping


class ViewportLabel(QLabel):
    def __init__(self, view, name: str):
        super().__init__(view.viewport())
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def show_text(self, text: str) -> None:
        """`text` shown, Japanese broken between phrases only (lesson.strings.wrapping, teacher27 L1); its accessible
        name the plain text, which a screen reader says (review29 1f: text() carries the word joiners)."""
        self.setText(wrapping(text))
        self.setAccessibleName(text)

    def centre_on(self, area: QRect, width: float) -> None:
        """`width` pixels wide, as tall as its text then needs, its middle on `area`'s."""
        self.setFixedWidth(max(1, round(width)))
        self.setMinimumHeight(0)  # (QLabel's height for a width is at least its minimum: the last fixed height)
        self.setFixedHeight(self.heightForWidth(self.width()))
        self.move(area.center().x() - self.width() // 2, area.center().y() - self.height() // 2)
