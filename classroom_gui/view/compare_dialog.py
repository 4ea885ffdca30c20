"""View → Compare: asks for a second sentence (the gallery's pair, or lesson.compare's default, offered) and
shows both classes at the window's current step, side by side as export.compare draws them; the window's
stepping keys (arrows, Ctrl+arrows, [ ], Home, End) step both together. The numbers come from lesson.compare;
this file only asks and shows.

The second sentence is computed as the window computes its own: on the worker thread for a big model (a real
GPT-2 would freeze the window), with both rules ready, since chapter 6 and answer time show the other one. The
dialog follows the window's model (step, asker, layer, head, edits, language, theme; while the lesson plays,
once a step) and draws again only when what it shows has changed, always with the same two scenes. The
picture is drawn at the size of its room in the dialog (device pixels), laid out for that shape
(lesson.compare_layout: on a 1024 x 768 screen each class gets a classroom of its half's shape), and drawn again
when the dialog is resized; the dialog opens no bigger than its screen allows.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QInputDialog, QLabel,
                               QPushButton, QSizePolicy, QVBoxLayout)

from ..app.actions import BY_ID
from ..lesson import rules
from ..lesson.compare import compare, default_pair
from ..lesson.panels import warm
from ..lesson.state import notices_for, prepared_run
from ..messages.phrase import PhraseError
from ..scene import palette
from ..scene.classroom import ClassroomScene
from . import file_dialogs

SIZE = (1280, 720)  # the picture's room the dialog asks for when it opens (a 1024 x 768 screen gets less)
EXPORT_SIZE = (1920, 1080)  # a saved or copied comparison, as `export --compare` draws it by default
SMALLEST = QSize(480, 270)  # the picture's least room: the dialog can be made this small
MOVES = ("next_beat", "prev_beat", "next_chapter", "prev_chapter", "home", "end")  # the window's keys for these
# (app.actions: → PgDown, ← PgUp, Ctrl+→ ], Ctrl+← [, Home, End) step both classes here too


class CompareDialog(QDialog):
    # presenter mode shows the lesson alone: the window closes this dialog as it starts (teacher34 #5: with no window
    # manager it stayed on top of the full-screen lesson); the sentence compared is kept for the next time
    closes_for_presenter = True

    def __init__(self, window, other_run):
        super().__init__(window)
        self.window_, self.other = window, other_run
        self.setWindowTitle(window.t("ui.compare"))
        self.picture = QLabel(self)
        self.picture.setAccessibleName(window.t("ui.compare"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the label's size comes from the dialog, never from its pixmap (which is scaled to it in _fit)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(SMALLEST)
        self.image = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        # the comparison onto a slide from the window too (Ctrl+E saves as PNG or PDF, Ctrl+C copies), as
        # `export --compare` writes it
        buttons, self.buttons = QDialogButtonBox(), {}
        for key, shortcut, command in (("ui.export_picture", "Ctrl+E", self.save),
                                       ("ui.copy_picture", "Ctrl+C", self.copy)):
            button = self.buttons[key] = QPushButton(window.t(key))
            # no keyboard focus and never the default: a focused button would take the arrow keys (as focus
            # moves) and Enter, and the arrows must step both classes (keyPressEvent)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=command: c())
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            QShortcut(QKeySequence(shortcut), self, activated=command)
        # 閉じる / Close, as the key list has: without a window manager the dialog had no title bar, and closed only
        # on Esc while it had the focus (teacher34 #5)
        close = self.buttons["ui.close"] = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(window.t("ui.close"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for action in MOVES:  # (the model's Player moves; the window and this dialog redraw on its notice)
            for key in BY_ID[action].keys:
                QShortcut(QKeySequence(key), self, activated=lambda a=action: window.model.play(a))
        for key in BY_ID["presenter"].keys:  # F5 here too: presenter mode, which closes this dialog
            QShortcut(QKeySequence(key), self, activated=lambda: BY_ID["presenter"].handler(window))
        self.scenes = (ClassroomScene(), ClassroomScene())  # reused for every picture (set_frame redraws them)
        self.pair, self.shown, self.drawn = None, None, 0  # drawn: pictures made, for tests
        self.resized = QTimer(self, singleShot=True, interval=150)  # drawn again for the new room once resizing rests
        self.resized.timeout.connect(self.show_step)
        window.model.subscribe(self._changed)
        self.finished.connect(lambda _result: window.model.unsubscribe(self._changed))
        self._open_size(window)
        layout.activate()  # the picture's room known now: the first picture is drawn for it
        self.show_step()

    def _open_size(self, window) -> None:
        """The picture's own size when the screen has room for it, else as much of the screen as is free."""
        screen = window.screen().availableGeometry() if window.screen() else None
        margin = self.layout().contentsMargins()
        want = QSize(SIZE[0] + margin.left() + margin.right(), SIZE[1] + margin.top() + margin.bottom())
        if screen is not None:
            room = QSize(int(screen.width() * 0.95), int(screen.height() * 0.9))  # the title bar's share too
            want = want.boundedTo(room)
        self.resize(want)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()
        self.resized.start()

    def page(self) -> tuple[int, int]:
        """The picture's size: the label's room in device pixels (even, as a video's), at least SMALLEST."""
        room, ratio = self.picture.size().expandedTo(SMALLEST), self.picture.devicePixelRatioF()
        return int(room.width() * ratio) // 2 * 2, int(room.height() * ratio) // 2 * 2

    def pair_for(self, page: tuple[int, int]):
        """Both classes at the window's step, laid out for a picture of `page` (w, h)."""
        model = self.window_.model
        return compare(model.shown_trace(), self.other.trace, model.sel, self.moment, model.notices,
                       notices_for(self.other, model.sel.lang), (self.window_.run.text, self.other.text), page=page,
                       own=self.window_.run.trace)

    def _fit(self) -> None:
        """The drawn picture scaled into the label's room, its shape kept."""
        if self.image is not None:
            room = self.picture.size()
            self.picture.setPixmap(QPixmap.fromImage(self.image).scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def _changed(self, what: str) -> None:
        if what == "model":  # another model: the second class belongs to the one that was open
            self.close()
        elif self.window_.run is not None:
            self._label()
            self.show_step()

    def _label(self) -> None:
        """The title and buttons in the window's language (it can change while the dialog is open)."""
        t = self.window_.t
        self.setWindowTitle(t("ui.compare"))
        self.picture.setAccessibleName(t("ui.compare"))
        for key, button in self.buttons.items():
            button.setText(t(key))

    def show_step(self) -> None:
        """Both classes at the window's step; nothing is computed or drawn when that has not changed."""
        from ..export.compare import render_pair

        model, player = self.window_.model, self.window_.model.player
        trace = model.shown_trace()
        # while the lesson plays, one picture a step: two 1280x720 classes at every tick would slow the window
        t = player.time
        if not player.playing and player.timeline.locate(t)[0] == 0:  # the lesson's start (after Ctrl+R): the
            t = max(t, player.timeline.beat_stop(0))  # students seated, not two empty rooms
        moment = ("step", player.timeline.locate(t)[0]) if player.playing else t
        page = self.page()
        what = (trace, model.sel, moment, model.theme, page)
        # the trace by identity (a Trace holds arrays, which == cannot compare), the rest by value
        if self.shown is not None and what[0] is self.shown[0] and what[1:] == self.shown[1:]:
            return
        self.shown, self.moment = what, t
        self.pair = self.pair_for(page)
        self.image = render_pair(self.pair, page, palette.theme(model.theme), self.scenes, model.sel.lang)
        self._fit()
        self.drawn += 1

    def save(self, path: str | Path | None = None) -> Path | None:
        """The comparison at EXPORT_SIZE as PNG or PDF (formats.COMPARE_PICTURES), never half-written."""
        from ..export.errors import said
        from ..export.files import atomic_path, check_target
        from ..export.formats import COMPARE_PICTURES, file_filter
        from ..lesson.strings import unbroken_quotes
        from . import message_box
        from .status_messages import wrote

        t, model = self.window_.t, self.window_.model
        if path is None:
            path = file_dialogs.ask_save_path(self, t("ui.export_picture"), "compare.png",
                                              file_filter("compare picture"))
            if not path:
                return None
        try:
            target = check_target(Path(path), COMPARE_PICTURES)
            with atomic_path(target) as tmp:
                COMPARE_PICTURES[target.suffix.lower()].write(self.pair_for(EXPORT_SIZE), tmp, EXPORT_SIZE,
                                                              palette.theme(model.theme), model.sel.lang)
        except (PhraseError, OSError, ValueError) as exc:  # PhraseError: an ExportError, or a picture an item could
            # not draw (render.paint_scene), as export_dialogs._report says them
            message_box.warning(self, t("ui.error_title"), unbroken_quotes(said(exc, model.sel.lang)))
            return None
        return wrote(self.window_, target)  # where it went, as every export says (teacher14 L1)

    def copy(self) -> None:
        from ..export.compare import render_pair
        from .export_dialogs import copy_refused

        model = self.window_.model
        try:
            image = render_pair(self.pair_for(EXPORT_SIZE), EXPORT_SIZE, palette.theme(model.theme), lang=model.sel.lang,
                                whole=True)
        except PhraseError:  # an item could not draw itself: nothing is copied, and the box says why
            copy_refused(model, self)
            return
        QApplication.clipboard().setImage(image)


class CompareRun:
    """The worker's answer to View → Compare: the second sentence's run (None when it has nothing to read),
    or the error that stopped it; it opens the dialog when it arrives (SentenceJobs._job_done)."""

    def __init__(self, run=None, error: Exception | None = None):
        self.run, self.error = run, error

    def arrived(self, window) -> CompareDialog | None:
        if self.error is not None:  # the sentence cannot be read: say why, keep the window
            window.statusBar().showMessage(str(self.error), 8000)
            return None
        if self.run is None:  # an empty or blank sentence: nothing to compare, and the user is told so
            window.statusBar().showMessage(window.t("ui.compare_empty"), 8000)
            return None
        if window.run is None:
            return None
        dialog = CompareDialog(window, self.run)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


def second_run(checkpoint, text: str, rule: str, layer: int = 0, head: int = 0) -> CompareRun:
    """The second class, with what its frames need under both rules computed (on the worker, for a big model), its
    lean layers keeping the shares of the window's head (`layer`, `head`: the selection the dialog shows)."""
    try:
        run = prepared_run(checkpoint, text, rule, layer, head)
        if run is not None:
            for other in rules.RULES:
                warm(rules.under(run.trace, other), ffn_layer=layer, head=head, base=run.trace)
    except Exception as exc:
        return CompareRun(error=exc)
    return CompareRun(run)


def ask_sentence(window) -> str | None:
    """The second sentence, asked for: the one compared last (teacher34 #10: the box forgot it), else the gallery's
    pair or lesson.compare's default. An empty one is said in the box itself, which asks again (the status line alone
    was easy to miss); None when cancelled."""
    first, second = default_pair(window.sel.lang, window.gallery, window.run.text)
    offer = getattr(window, "compared", "") or (second if window.sentence.text().strip() != second else first)
    label = window.t("ui.compare_ask")
    while True:
        text, ok = QInputDialog.getText(window, window.t("ui.compare"), label, text=offer)
        if not ok:
            return None
        if text.strip():
            window.compared = text.strip()  # kept for next time, and in the settings (window_save)
            return text
        label, offer = window.t("ui.compare_empty") + "\n" + window.t("ui.compare_ask"), ""


def open_compare(window, text: str | None = None) -> CompareDialog | None:
    """Ask for the second sentence (unless given) and show the comparison: at once for a small model (returned),
    or when the worker has computed it for a big one (None here, as when cancelled or unreadable)."""
    if window.run is None:
        return None
    if text is None:
        text = ask_sentence(window)
        if text is None:
            return None
    if window._is_big():
        if window.worker.waiting:  # the pending sentence or model would meet a second class of the one before
            window.statusBar().showMessage(window.t("ui.compare_wait"), 8000)
            return None
        window.worker.start(second_run, window.checkpoint, text, window.sel.rule, window.sel.layer, window.sel.head,
                            lane="compare")
        return None
    return second_run(window.checkpoint, text, window.sel.rule, window.sel.layer, window.sel.head).arrived(window)
