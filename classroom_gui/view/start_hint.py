"""The first minute (teacher13 L3): at the lesson's start the window shows empty desks, an empty board and a roll
call, and nothing said how to begin. While the lesson stands at its start, a line in chalk on the empty board says
"Press → or ▶ to start the lesson" (in presenter mode, which hides the ▶ button, "Press → to start the lesson");
it goes as soon as the lesson moves. A widget on the view's viewport, never part
of the scene (as canvas_note): no exported picture or video shows it, and clicks pass through it.
"""
from __future__ import annotations

from ..lesson.frame import Frame
from ..lesson.strings import text
from ..scene.areas import board_rect
from .viewport_label import ViewportLabel

WIDTH = 0.9     # of the board's width on screen
LINE = 1 / 18   # the text's pixel size, of the board's width on screen (30 px on a 1920 x 1080 window, 18 px on a
# 1024 x 768 projector in presenter mode), on the two lines the strings break it into
LEAST_PX = 13


def at_start(frame: Frame | None) -> bool:
    """The lesson stands at its first step (the class seated, the roll call), with a class to teach."""
    return frame is not None and frame.beat == 0 and bool(frame.students) and not frame.message


class StartHint(ViewportLabel):
    def __init__(self, view):
        super().__init__(view, "startHint")
        self.view = view
        self.presenting = False  # presenter mode (F5) hides the ▶ button: the hint then names → only (review17)
        self.lang = "en"

    def follow(self, frame: Frame | None, lang: str) -> None:
        """Shown, in `lang`, while `frame` is the lesson's start; hidden otherwise."""
        self.lang = lang
        if not at_start(frame):
            self.hide()
            return
        self.setText(text(lang, "ui.start_hint_present" if self.presenting else "ui.start_hint"))
        self.place()
        self.show()

    def place(self) -> None:
        """On the middle of the board as the view shows it now (after a resize, the view's scale changed)."""
        frame = self.view.frame
        if not at_start(frame):
            return
        board = self.view.mapFromScene(board_rect(frame.canvas)).boundingRect()
        px = max(LEAST_PX, round(board.width() * LINE))
        chalk = self.view.classroom.theme.color("board_muted")  # chalk, quieter than the lesson's lines
        self.setStyleSheet(f"QLabel#startHint {{ background: transparent; color: {chalk}; font-size: {px}px; }}")
        self.centre_on(board, board.width() * WIDTH)

    def present(self, on: bool) -> None:
        """Presenter mode on or off: the hint says the keys there are."""
        self.presenting = on
        self.follow(self.view.frame, self.lang)
