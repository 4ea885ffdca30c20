"""A brief sign over the class (teacher20 L2): in presenter mode (F5), where the menu bar and its checkmarks are
hidden, pressing Q turned the quiz on or off with no sign of which. The toast says 「クイズ：オン」 / "Quiz on" for
SHOW_MS, snug around its words, as a presenter app's brief notice does, centred in the title's band (canvas_note.band, as
the what-if note: teacher32 #9, over the caption it hid the narration for its 1.5 s after B), its type as big as fits
there. A widget on the view's viewport (viewport_label), never part of the scene: no export shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer

from .canvas_note import band
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
        """`text` in the title's band for `ms` milliseconds (a newer toast replaces it and starts the time again)."""
        area = self.parentWidget().rect()
        frame = getattr(self.view, "frame", None)
        place = area if frame is None else self.view.mapFromScene(band(frame)).boundingRect() & area
        if not place.isValid():
            place = area
        th = self.view.classroom.theme  # the theme's ink and paper, opaque, as the canvas's notes
        self.setText(text)
        px = max(LEAST_PX, round(area.height() * LINE))
        while True:  # as big as fits the band's height, down to LEAST_PX
            self.setStyleSheet(f"QLabel#toast {{ background: {th.color('text')}; color: {th.color('caption')};"
                               f" font-size: {px}px; border-radius: {px // 2}px; padding: {px // 4}px {px}px; }}")
            self.ensurePolished()
            self.centre_on(place, min(area.width(), self.sizeHint().width()))
            if px <= LEAST_PX or self.height() <= place.height():
                break
            px = max(LEAST_PX, px - 2)
        self.show()
        self.raise_()
        self.timer.start(ms)
