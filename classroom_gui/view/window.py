"""MainWindow is the classroom window: widgets that show a ClassroomModel (app.model) and send it the user's
choices. The sentence field and selectors on top, the classroom canvas with the transport bar, a dock with the
narration and the charts; on every change of the model it draws model.frame() — frame_at, as export uses. Its
mixins hold the sentence jobs (window_jobs), the rule toggle and gallery (window_lesson) and the commands that
open a dialog (window_dialogs).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from ..app.actions import BY_ID
from ..app.model import ClassroomModel
from ..app.model_identity import former_key, model_key
from ..lesson import rules
from ..lesson.answers import named  # the answer as desks and boards draw it: ◇ for a piece of a character
from ..lesson.gallery import gallery_file
from ..lesson.strings import LANGUAGES, text
from ..scene import fonts, palette
from . import accessibility, board_close_up, quiz_mode, screen_size, settings, window_build
from .dialog_focus import FocusBack
from .qt_language import use_qt_language
from .status_messages import StatusMessages
from .window_dialogs import Dialogs
from .window_jobs import SentenceJobs
from .window_lesson import RulesAndGallery, rules_ahead
from .window_save import SavesSettings
from .window_state import ModelViews
from .worker import Worker

FRAME_MS = 16
SAVE_MS = 1500  # the settings are saved this long after the lesson last changed (and on closing)


def use_bundled_font() -> None:
    """Every widget, menu and dialog draws with the bundled font, so Japanese never shows as boxes."""
    app = QApplication.instance()
    family = fonts.ui_family()
    if app.font().family() != family:
        f = QFont(family)
        f.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(f)


class MainWindow(ModelViews, SentenceJobs, RulesAndGallery, Dialogs, StatusMessages, SavesSettings, QMainWindow):
    def __init__(self, checkpoint, store=None):
        super().__init__()
        use_bundled_font()
        self.store = store if store is not None else settings.open_store()
        key = model_key(checkpoint)
        prefs = settings.load(self.store, key, former_key(checkpoint))  # its own place (teacher21 M1)
        self.model = ClassroomModel(checkpoint, prefs.lang, prefs.speed, key)
        self.model.resume(prefs.seat, prefs.asker, prefs.layer, prefs.head, prefs.rule, prefs.left, prefs.edits)
        self.model.set_board(prefs.board)  # the board close-up, as the last session left it
        self.compared = prefs.compared  # the sentence Compare offers: the one last compared (teacher34 #10)
        self.retire, self.model.unread = prefs.retire, prefs.unread  # review26 #3 (save removes it), teacher26 L2
        self._lang = None  # the language the widgets are labelled in
        for build in (window_build.build_top_bar, window_build.build_centre, window_build.build_dock,
                      window_build.build_status, window_build.build_menus):
            build(self)
        self.worker = Worker(self)
        self.worker.busy.connect(self._set_busy)
        self.worker.finished.connect(self._job_done)
        self.worker.failed.connect(self._job_failed)
        self._set_busy(False)
        self._clock = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        if not screen_size.restore(self, prefs.geometry, prefs.maximized):
            screen_size.fill_screen(self)
        self.sentence.setText(prefs.sentence)
        self.retranslate()
        self.saver = QTimer(self, singleShot=True, interval=SAVE_MS)  # restarted by every change of the lesson
        self.saver.timeout.connect(self.save_settings)
        self.model.subscribe(self._changed)
        self.apply_sentence()
        self.later = window_build.AfterFirstPaint(self, [lambda: self.sentence.known])  # completions, to type
        self.focus_back = FocusBack(self)  # the keys come back to the window when a dialog closes (teacher30 #14)

    def t(self, key: str, **values) -> str:
        return text(self.sel.lang, key, **values)

    # the model changed --------------------------------------------------------------------------
    def _changed(self, what: str) -> None:
        if what == "model":
            self.sentence.set_tokenizer(self.checkpoint.tokenizer)
        if what in ("model", "run") or self.sel.lang != self._lang:
            relabel = self._lang is not None and self.sel.lang != self._lang
            self.retranslate()  # and the selectors' items
            if relabel:  # the status line's message too, in the new language (teacher6 L5)
                self._retell()
        elif what == "selection":
            window_build.show_selection(self, refill=False)
        if what == "theme":  # the high-contrast theme (palette.CONTRAST), for a washed-out projector
            self.canvas.classroom.theme = palette.theme(self.model.theme)
        if what in ("edits", "run"):  # (a new sentence or language relabels the Edit menu in retranslate)
            self.tell(self.model.status, tip=lambda lang: self.model.status(lang, whole=True))
            window_build.show_edit_state(self)
        if what == "run":
            if self.model.brought_back and not self.model.shows(self.sentence.text()):
                self.sentence.setText(self.model.typed)  # Undo or Redo brought back another sentence (a job's
                # answer leaves the box alone: the teacher may have typed a newer sentence meanwhile)
            t = self.player.timeline
            self.controls.set_timeline(t.duration, [s for _, s in t.chapter_starts()])
            self.canvas.setFocus()
        self.opening_line_gone()  # an example's opening line goes with its step
        self._draw()
        self.saver.start()
        if what in ("model", "run", "edits"):  # the class's other rule, made ahead for a later layer's frame
            rules_ahead(self)
        if what != "time":  # the lesson's other moments are drawn ahead in idle time (view.canvas_warm)
            self.canvas.warmer.start(*self.model.ahead())

    def retranslate(self) -> None:
        t = self.t
        new_language, self._lang = self._lang != self.sel.lang, self.sel.lang
        use_qt_language(self.sel.lang)  # Qt's own dialogs (file dialog, message box buttons) speak it too
        window_build.label_widgets(self, t)
        window_build.label_menus(self, t)
        examples = self.menu_actions["examples"]
        examples.setEnabled(bool(self.gallery))
        missing = gallery_file(self.checkpoint.path)
        examples.setToolTip("" if self.gallery else t("ui.examples_missing", file=missing) if not missing.exists()
                            else self.model.gallery_problem.phrase.said(self.sel.lang))  # a damaged file: what is wrong
        window_build.show_selection(self)
        window_build.fit_top_bars(self)  # Japanese labels are wider
        if new_language:  # the names are the controls' labels and tips, which change with the language only
            accessibility.name_controls(self)

    # commands (the actions table's handlers) ----------------------------------------------------
    def do(self, action: str) -> None:
        BY_ID[action].handler(self)

    def select(self, **changes) -> None:
        self.model.select(**changes)

    def set_language(self, lang: str) -> None:
        if lang:
            self.model.select(lang=lang)

    def toggle_language(self) -> None:
        self.set_language(LANGUAGES[(LANGUAGES.index(self.sel.lang) + 1) % len(LANGUAGES)])

    def toggle_board(self) -> None:
        board_close_up.toggle(self)

    def toggle_rule(self) -> None:
        self.set_rule(rules.IN_TURN if self.sel.rule == rules.DISCUSSION else rules.DISCUSSION)

    def next_beat(self) -> None:
        quiz_mode.next_beat(self)

    def choose_quiz(self, i: int) -> bool:
        return quiz_mode.choose(self, i)

    def jump_chapter(self, name: str) -> None:
        quiz_mode.jump_chapter(self, name)

    def toggle_play(self) -> None:
        self._clock = time.monotonic()
        self.model.play("toggle")
        self.timer.start() if self.player.playing else self.timer.stop()

    def reset(self) -> None:
        self.timer.stop()
        self.model.reset()

    def scrub(self, seconds: float) -> None:
        self.timer.stop()
        self.model.jump(seconds)

    def _tick(self) -> None:
        now = time.monotonic()
        dt, self._clock = now - self._clock, now
        self.model.tick(dt)
        if not self.player.playing:
            self.timer.stop()

    def edit_sentence(self) -> None:
        self.sentence.setFocus()
        self.sentence.selectAll()

    # presenting and drawing ---------------------------------------------------------------------
    def show_charts(self, on: bool) -> None:
        """The side panel (narration, all heads' maps, the layer view) on or off."""
        self.charts_wanted = bool(on)
        if self.charts_action.isChecked() != self.charts_wanted:
            self.charts_action.setChecked(self.charts_wanted)
        self.dock.setVisible(self.charts_wanted and not self.is_presenting())
        if self.dock.isVisible():  # brought up to date as it opens (closed, it is not drawn)
            self.charts.set_frame(self.model.frame(), self.sel.layer, self.sel.head)

    def set_presenter(self, on: bool) -> None:
        if on:  # the lesson alone: a dialog that would cover it closes (CompareDialog, teacher34 #5)
            for dialog in self.findChildren(QDialog):
                if getattr(dialog, "closes_for_presenter", False):
                    dialog.close()
        screen_size.present(self, on)

    def is_presenting(self) -> bool:
        return not self.controls.isVisible() and self.isFullScreen()

    def _draw(self) -> None:
        """Everything that shows the model's frame; called only when the model says it changed."""
        frame = self.model.frame()
        self.canvas.set_frame(frame, self.sel.lang)  # (the start's hint on the board in the window's language)
        accessibility.describe_canvas(self, frame)
        if self.dock.isVisible():  # a closed panel is brought up to date when it opens (show_charts)
            self.charts.set_frame(frame, self.sel.layer, self.sel.head)
        self.narration.set_narration(frame.title, frame.narration if frame.title else frame.message)
        board_close_up.shown(self, frame)
        # answer time: the last student answers for the class (the narration says so), and the box shows it
        answering = self.run is not None and frame.chapter_key == "answer"
        shown = self.run.trace.n_tokens - 1 if answering else self.sel.focus
        if self.focus_box.currentIndex() != shown:
            self.focus_box.blockSignals(True)
            self.focus_box.setCurrentIndex(shown)
            self.focus_box.blockSignals(False)
        self.focus_label.setText(self.t("ui.answers" if answering else "ui.focus"))
        step = self.t("ui.step_of", i=frame.beat + 1, n=len(self.player.timeline)) if self.run else ""
        self.controls.show_time(self.player.time, self.player.playing, step, self.player.speed)
        word = named(self.run.trace.vocab[frame.answer_id]) if frame.answer_id >= 0 and self.run.trace.vocab else ""
        self.add_answer.setVisible(bool(word))
        if word:
            self.add_answer.setText(self.t("ui.add_answer", word=word))

    def closeEvent(self, event):
        self.saver.stop()
        self.save_settings(closing=True)
        super().closeEvent(event)
