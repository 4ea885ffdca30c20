"""The window's status bar: a message too long for it is drawn cut between phrases with "…" (never in a name or a
word: teacher34 #7, 「…6番の席の「parl」 at 1024 px), its whole text in the tooltip (StatusMessages.fit_status_tip)
and still the bar's currentMessage()."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStatusBar

from ..messages.fit import cut_between_phrases

MESSAGE_MARGIN = 40  # px of the status bar a message does not get (its margins, the size grip)


class FittingStatusBar(QStatusBar):
    def room(self) -> int:
        """The width a message has: up to the first permanent widget shown, or the bar less its margins."""
        right = [c.x() for c in self.children() if hasattr(c, "isVisible") and c.isWidgetType()
                 and c.isVisible() and c.x() > self.width() // 2]
        return (min(right) - 8) if right else self.width() - MESSAGE_MARGIN

    def shown(self) -> str:
        """The message as the bar draws it: whole where it fits, else cut between phrases."""
        message = self.currentMessage()
        fm = QFontMetrics(self.font())
        return cut_between_phrases(message, self.room(), fm.horizontalAdvance) if message else ""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        message = self.currentMessage()
        if not message or self.shown() == message:
            super().paintEvent(event)
            return
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        p.drawText(QRect(6, 0, self.room(), self.height()),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine),
                   self.shown())
