"""A brief sign over the class (teacher20 L2): in presenter mode (F5), where the menu bar and its checkmarks are
hidden, pressing Q turned the quiz on or off with no sign of which. The toast says 「クイズ：オン」 / "Quiz on" for
SHOW_MS, snug around its words, centred over the caption (the narration's box), as a presenter app's brief notice
does. A widget on the view's viewport (viewport_label), never part of the scene: no export shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer

from ..scene.areas import caption_rect
from .viewport_label import ViewportLabel

SHOW_MS = 1500
LINE = 1 / 22   # the text's pixel size, of the viewport's height (35 px on a 768-line projector)
LEAST_PX = 18


class Toast(ViewportLabel):
    def __init__(self, view):
        super().__init__(view, "toast")
        self.view = view
        self.setWordWrap(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)

    def say(self, text: str, ms: int = SHOW_MS) -> None:
        """`text` over the caption for `ms` milliseconds (a newer toast replaces it and starts the time again)."""
        area = self.parentWidget().rect()
        frame = getattr(self.view, "frame", None)
        place = area if frame is None else self.view.mapFromScene(caption_rect(frame.canvas)).boundingRect() & area
        px = max(LEAST_PX, round(area.height() * LINE))
        th = self.view.classroom.theme  # the theme's ink and paper, opaque, as the canvas's notes
        self.setStyleSheet(f"QLabel#toast {{ background: {th.color('text')}; color: {th.color('caption')};"
                           f" font-size: {px}px; border-radius: {px // 2}px; padding: {px // 2}px {px}px; }}")
        self.ensurePolished()
        self.setText(text)
        self.centre_on(place if place.isValid() else area, min(area.width(), self.sizeHint().width()))
        self.show()
        self.raise_()
        self.timer.start(ms)
