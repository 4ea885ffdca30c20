"""A short-lived note over the classroom canvas (teacher9 L5): a what-if refusal said where the teacher is looking,
and in presenter mode (F5, full screen), where the status bar is hidden, every status message (an export's
"wrote …": review17). A widget on the view's viewport, never
part of the scene: no exported picture shows it, and a click passes through it to the class below. It sits in the
title's band, above the desks and the board, as wide as the canvas: a what-if's note over the middle hid the
attention matrix's changed row for its seconds (teacher15 L6), and over the caption it hid the narration the teacher
reads out (teacher30 #13). A note short enough sits beside the title (beside_title: tidy27, over the title it hid the
chapter's name); a longer one covers the title, which shows again once it goes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QTimer
from PySide6.QtWidgets import QApplication

from ..scene.areas import board_rect, title_rect
from .viewport_label import ViewportLabel

WIDTH = 0.6        # of the viewport's width, at most, with no frame shown (else the caption's width)
LINE = 1 / 28      # the text's pixel size, of the viewport's height (38 px on a 1080-line projector)
LEAST_PX = 15
BESIDE_LEAST = 0.6  # beside the title, a note's type is at least this share of its size in the band, else the band
UNTIL_KEY_MS = 120_000  # a note told to stay until a key or click goes after this all the same
# a key (a window shortcut's key, such as →, comes as ShortcutOverride and never as KeyPress) or a click
PRESSES = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress)


class CanvasNote(ViewportLabel):
    def __init__(self, view):
        super().__init__(view, "canvasNote")
        self.view = view
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self._said = None

    def say(self, said, lang: str, ms: int = 8000, until_key: bool = False) -> None:
        """Show `said(lang)` (a message that can be said again in another language) for `ms` milliseconds, or
        `until_key`: until the next key press or click (an export's "wrote …", teacher15 L6: a deck written while
        the teacher looked at the class had said it for 15 s and gone, and F5 hides the status bar)."""
        self._said = said
        self._show(said(lang))
        self.timer.start(UNTIL_KEY_MS if until_key else ms)
        app = QApplication.instance()
        if until_key:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in PRESSES and self.isVisible():
            self.hide()  # the key or click goes on to do what it does
        return False

    def hideEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self)
        super().hideEvent(event)

    def relabel(self, lang: str) -> None:  # the window's language changed while the note shows
        if self.isVisible() and self._said is not None:
            self._show(self._said(lang))

    def _show(self, text: str) -> None:
        area = self.parentWidget().rect()
        frame = getattr(self.view, "frame", None)
        self.show_text(text)
        px = max(LEAST_PX, round(area.height() * LINE))
        if frame is not None and self._beside_title(beside_title(self.view, frame), px):
            return
        place = area if frame is None else self.view.mapFromScene(band(frame)).boundingRect() & area
        while True:  # as big as fits the band's height, down to LEAST_PX (over the title: too long to sit beside it)
            self._style(px)
            self.centre_on(place, place.width() * (WIDTH if frame is None else 1.0))
            if px <= LEAST_PX or frame is None or self.height() <= place.height():
                break
            px = max(LEAST_PX, px - 2)
        self.move(self.x(), max(0, min(self.y(), area.bottom() - self.height())))  # on the canvas, whatever its height
        self.show()
        self.raise_()

    def _beside_title(self, rooms: list[QRect], most: int) -> bool:
        """Shown in the first of `rooms` where it fits whole, as big as it can be there (down to LEAST_PX): a what-if
        note such as the reset key's (teacher32 #9) sits beside the title rather than over it (tidy27)."""
        for room in rooms:  # (its padding: px either side); on one line (jareview8 #8: at 15 px on two lines,
            # 「戻ります。」 alone on the second: a note that needs two lines takes the band)
            width = self.as_big_as_fits(room, most, max(LEAST_PX, round(most * BESIDE_LEAST)), lambda px: (
                self.fontMetrics().horizontalAdvance(self.text()) + 2 * px + 4))
            if width is not None:
                self.centre_on(room, width)
                self.move(self.x(), max(0, self.y()))
                cover_whole_entries(self)
                self.show()
                self.raise_()
                return True
        return False

    def _style(self, px: int) -> None:
        # opaque, in the theme's ink and paper (teacher16 L2: at alpha 225 the narration under it showed through)
        th = self.view.classroom.theme
        self.setStyleSheet(f"QLabel#canvasNote {{ background: {th.color('text')}; color: {th.color('caption')};"
                           f" font-size: {px}px; border-radius: {px // 2}px; padding: {px // 2}px {px}px; }}")
        self.ensurePolished()  # (its font-size is applied now, so that its height for a width is measured with it)


GAP = 24.0  # canvas pixels between the title's words (or the legend) and a note beside them


def beside_title(view, frame) -> list[QRect]:
    """Where a short note may sit in the title's row hiding nothing a teacher reads (tidy27: over the title it hid
    the chapter's name for its 1.5 s), in viewport pixels, the better first: right of the title's words and left of
    the legend; then right of the title up to the row's end, over the legend (a key of colours, not read out). As
    tall as the title's row: below it a desk's badge or a link's label may sit."""
    scene = view.classroom
    row = title_rect(frame.canvas)
    words = scene.title.words()
    left = max([row.left()] + [r.right() for r in words]) + GAP
    bottom = max([row.bottom()] + [r.bottom() for r in words])
    ends = [row.right()]
    if scene.legend.isVisible() and not scene.legend.area.isEmpty():
        ends.insert(0, scene.legend.area.left() - GAP)
    area = view.viewport().rect()
    rooms = [view.mapFromScene(QRectF(left, 0, end - left, bottom)).boundingRect() & area for end in ends]
    return [r for r in rooms if r.isValid()]


def whole_entries(view, box: QRect) -> QRect:
    """`box` (viewport pixels) widened to cover every legend entry it touches whole (jareview8 #8: a toast over half
    of 「自己紹介」 left 「紹介」 showing, one ending against the 「見」 of 「意見」): a key of colours is covered
    by whole entries or not at all. No wider than the title's row right of the title's words."""
    legend = view.classroom.legend
    if not legend.isVisible() or legend.area.isEmpty():
        return box
    to_x = lambda x: view.mapFromScene(QPointF(x, legend.area.center().y())).x()  # noqa: E731
    spans = [(to_x(a) - 4, to_x(b) + 4) for a, b in legend.spans()]
    hit = [(a, b) for a, b in spans if a < box.right() and b > box.left()]
    if not hit:
        return box
    left, right = min([box.left()] + [a for a, _ in hit]), max([box.right()] + [b for _, b in hit])
    rooms = beside_title(view, view.frame)
    if rooms:  # never further over the title's words
        left = max(left, min([box.left()] + [r.left() for r in rooms]))
    return QRect(left, box.top(), right - left + 1, box.height())


def cover_whole_entries(label) -> None:
    """`label` (a note or toast on the viewport) widened, its words still centred, to cover whole the legend entries
    it touches (whole_entries)."""
    box = whole_entries(label.view, label.geometry())
    label.setFixedWidth(box.width())
    label.move(box.left(), label.y())


def band(frame) -> QRectF:
    """The canvas's top band, in scene units: its full width, from the top down to the first desk or the board,
    whichever is higher (at least the title's height): where the note covers no number and no narration."""
    c = frame.canvas
    top = min([board_rect(c).top()] + [s.y for s in frame.students])
    return QRectF(0, 0, c.width, max(top, title_rect(c).bottom()))
