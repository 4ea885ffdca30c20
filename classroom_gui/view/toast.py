"""A brief sign over the class (teacher20 L2): in presenter mode (F5), where the menu bar and its checkmarks are
hidden, pressing Q turned the quiz on or off with no sign of which. The toast says 「クイズ：オン」 / "Quiz on" for
SHOW_MS, snug around its words, as a presenter app's brief notice does, beside the title (canvas_note.beside_title, as
the what-if note: teacher32 #9, over the caption it hid the narration for its 1.5 s after B; tidy27, over the title it
hid the chapter's name), its type as big as fits there. A widget on the view's viewport (viewport_label), never part
of the scene: no export shows it.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer

from .canvas_note import band, beside_title, cover_whole_entries
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
        """`text` beside the title for `ms` milliseconds (a newer toast replaces it and starts the time again): in the
        first room beside the title where it fits at LEAST_PX or more (canvas_note.beside_title), else in the title's
        band, over the title, as big as fits there."""
        area = self.parentWidget().rect()
        frame = getattr(self.view, "frame", None)
        self.setText(text)
        most = max(LEAST_PX, round(area.height() * LINE))
        width = None
        for place in [] if frame is None else beside_title(self.view, frame):
            if self.as_big_as_fits(place, most, LEAST_PX) is not None:
                break
        else:
            place = area if frame is None else self.view.mapFromScene(band(frame)).boundingRect() & area
            if not place.isValid():
                place = area
            self.as_big_as_fits(place, most, LEAST_PX)  # (down to LEAST_PX whether it fits or not)
            if frame is not None:  # over the title: the band's whole width, no piece of the title or legend left
                width = place.width()  # showing beside it (jareview8 #8)
        self.centre_on(place, min(area.width(), width or self.sizeHint().width()))
        self.move(self.x(), max(0, self.y()))  # (a room one pixel shorter than it: centred, its top was at -1)
        if frame is not None:  # over the legend: whole entries (jareview8 #8)
            cover_whole_entries(self)
        self.show()
        self.raise_()
        self.timer.start(ms)

    def _style(self, px: int) -> None:
        th = self.view.classroom.theme  # the theme's ink and paper, opaque, as the canvas's notes
        self.setStyleSheet(f"QLabel#toast {{ background: {th.color('text')}; color: {th.color('caption')};"
                           f" font-size: {px}px; border-radius: {px // 2}px; padding: {px // 4}px {px}px; }}")
        self.ensurePolished()
