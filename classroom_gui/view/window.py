"""MainWindow is the classroom window: sentence field and selectors on top, the classroom canvas with the
transport bar, and a dock with the narration and the charts. It keeps the Player and the Selection,
and on every change draws frame_at(trace, selection, time) — the same function export uses.
"""
from __future__ import annotations

import html
import logging
import time
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QComboBox, QDockWidget, QDoubleSpinBox, QFileDialog, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSizePolicy, QToolBar, QVBoxLayout, QWidget)

from ..lesson import rules
from ..lesson.gallery import example_selection, gallery_file, gallery_of, lesson_rule, lesson_selection
from ..lesson.player import Player
from ..lesson.state import (default_focus, frame_at, notices_for, prepared_model_run, prepared_run,
                             timeline_for)
from ..lesson.strings import text
from ..lesson.timeline import Timeline
from ..lesson.whatif_state import WhatIf
from . import accessibility, dialogs, fonts, palette, quiz_mode, screen_size, settings, whatif_edit
from .canvas_view import CanvasView
from .charts import ChartPanel
from .controls import Controls
from .qt_language import use_qt_language
from .sentence_edit import SentenceEdit
from .window_lesson import RuleRun, RulesAndGallery
from .shortcuts import SHORTCUTS
from .worker import Worker

FRAME_MS = 16
LANGUAGE_NAMES = (("en", "English"), ("ja", "日本語"))


def use_bundled_font() -> None:
    """Every widget, menu and dialog draws with the bundled font, so Japanese never shows as boxes."""
    app = QApplication.instance()
    family = fonts.ui_family()
    if app.font().family() != family:
        f = QFont(family)
        f.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(f)


BIG_MODEL = 5_000_000  # parameters; bigger models load and compute on the worker thread


class MainWindow(RulesAndGallery, QMainWindow):
    def __init__(self, checkpoint, store=None):
        super().__init__()
        use_bundled_font()
        self.checkpoint = checkpoint
        self.store = store if store is not None else settings.open_store()
        prefs = settings.load(self.store)
        self.gallery, self.gallery_problem = gallery_of(checkpoint.path)
        self.sel = lesson_selection(self.gallery, prefs.lang, rule=lesson_rule(checkpoint, self.gallery))
        self.run = None
        self.whatif = None  # lesson.whatif_state.WhatIf of the shown sentence
        self._example = None  # a gallery example whose sentence is being computed (applied in show_run)
        self.player = Player(Timeline(1, checkpoint.config.n_layer), speed=prefs.speed)
        self._build()
        self._bind_shortcuts()
        self._clock = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        if prefs.geometry is None or not self.restoreGeometry(prefs.geometry):
            self.fill_screen()
        self.sentence.setText(prefs.sentence)
        self.retranslate()
        self.apply_sentence()

    # building ------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QToolBar()
        bar.setMovable(False)
        self.addToolBar(bar)
        self.top_bar = bar
        self.sentence_label = QLabel()
        self.sentence = SentenceEdit()
        self.sentence.setMinimumWidth(220)  # the whole top bar fits a 1024-pixel screen
        self.sentence.set_tokenizer(self.checkpoint.tokenizer)
        self.sentence.returnPressed.connect(self.apply_sentence)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply_sentence)
        self.lang_label, self.focus_label, self.layer_label, self.head_label, self.temp_label, self.rule_label = (
            QLabel(), QLabel(), QLabel(), QLabel(), QLabel(), QLabel())
        self._build_rule_toggle()
        self.lang_box, self.focus_box, self.layer_box, self.head_box = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.lang_box.addItem(name, code)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.1, 5.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(1.0)
        for w in (self.sentence_label, self.sentence, self.sentence.marker, self.apply_button, self.lang_label,
                  self.lang_box, self.rule_label, *self.rule_buttons.values(), self.focus_label, self.focus_box,
                  self.layer_label, self.layer_box, self.head_label, self.head_box, self.temp_label, self.temperature):
            bar.addWidget(w)
        self.lang_box.currentIndexChanged.connect(lambda _: self.set_language(self.lang_box.currentData()))
        self.focus_box.currentIndexChanged.connect(lambda i: self.select(focus=i) if i >= 0 else None)
        self.layer_box.currentIndexChanged.connect(lambda i: self.select(layer=i) if i >= 0 else None)
        self.head_box.currentIndexChanged.connect(lambda i: self.select(head=i) if i >= 0 else None)
        self.temperature.valueChanged.connect(lambda v: self.select(temperature=round(float(v), 2)))

        centre = QWidget()
        box = QVBoxLayout(centre)
        box.setContentsMargins(0, 0, 0, 0)
        self.canvas = CanvasView()
        self.canvas.studentClicked.connect(lambda seat: self.select(focus=seat))
        self.canvas.numberDoubleClicked.connect(lambda pos, shift: whatif_edit.edit_at(self, pos, shift))
        self.controls = Controls()
        self.controls.action.connect(self.do)
        self.controls.scrubbed.connect(self._scrub)
        self.controls.speedChosen.connect(self._set_speed)
        self.add_answer = QPushButton()
        self.add_answer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_answer.clicked.connect(self.add_answer_to_class)
        self.controls.layout().addWidget(self.add_answer)
        box.addWidget(self.canvas, 1)
        box.addWidget(self.controls)
        self.setCentralWidget(centre)

        self.dock = QDockWidget()
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        side = QWidget()
        side_box = QVBoxLayout(side)
        self.narration = QLabel()
        self.narration.setWordWrap(True)
        self.narration.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.narration.setMinimumHeight(90)
        self.narration.setAlignment(Qt.AlignmentFlag.AlignTop)
        # the width comes from the dock, never from the text: a 10,000-letter word would otherwise make the
        # label, the dock and the window 64,000 pixels wide (and their backing store hundreds of MB)
        self.narration.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.charts = ChartPanel()
        side_box.addWidget(self.narration)
        side_box.addWidget(self.charts, 1)
        self.dock.setWidget(side)
        self.dock.setMinimumWidth(320)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [400], Qt.Orientation.Horizontal)
        # closed until asked for (View menu): the canvas's blackboard and caption already show its bars and
        # narration, and a class wants the classroom as big as the screen allows
        self.dock.hide()
        self.charts_wanted = False
        for box in (self.lang_box, self.focus_box, self.layer_box, self.head_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "7：座った" never clipped
            box.setMaximumWidth(260)  # ... but a 10,000-letter word does not widen the window
            box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # a crowded bar never squeezes it

        self.charts.headChosen.connect(lambda layer, head: self.select(layer=layer, head=head))
        self.model_label, self.busy_label, self.busy_bar = QLabel(), QLabel(), QProgressBar()
        self.busy_bar.setRange(0, 0)  # no percentage: the bar just moves while the worker runs
        self.busy_bar.setMaximumWidth(160)
        self.statusBar().addWidget(self.model_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.worker = Worker(self)
        self.worker.busy.connect(self._set_busy)
        self.worker.finished.connect(self._job_done)
        self.worker.error.connect(self._job_failed)
        self._set_busy(False)

        self.menus = {name: self.menuBar().addMenu("") for name in ("file", "lesson", "view", "help")}
        self.menu_actions: dict[str, QAction] = {}
        for menu, name in (("file", "open_model"), ("file", "copy"), ("file", "export_picture"), ("file", "export_deck"),
                           ("file", "export_video"), ("file", "export_worksheet"), ("file", "quit"), ("lesson", "play"), ("lesson", "next_beat"), ("lesson", "prev_beat"),
                           ("lesson", "next_chapter"), ("lesson", "prev_chapter"), ("lesson", "reset"),
                           ("lesson", "rule"), ("lesson", "examples"), ("lesson", "undo_edit"), ("lesson", "reset_edits"),
                           ("view", "presenter"), ("view", "language"), ("view", "compare"), ("help", "help"), ("help", "glossary")):
            act = self.menus[menu].addAction("")
            act.triggered.connect(lambda _=False, n=name: self.do(n))
            self.menu_actions[name] = act
        self.menus["lesson"].setToolTipsVisible(True)  # the Examples item says why it is off
        quiz_mode.add_menu_item(self)
        self.contrast_action = self.menus["view"].addAction("")
        self.contrast_action.setCheckable(True)
        self.contrast_action.toggled.connect(self.set_contrast)
        self.charts_action = self.menus["view"].addAction("")
        self.charts_action.setCheckable(True)
        self.charts_action.toggled.connect(self.show_charts)

    def set_contrast(self, on: bool) -> None:
        """The high-contrast theme (palette.CONTRAST) on the canvas, for a washed-out projector."""
        self.canvas.classroom.theme = palette.theme("contrast" if on else "classroom")
        self.refresh()

    def show_charts(self, on: bool) -> None:
        """The side panel (narration, all heads' maps, the layer view) on or off."""
        self.charts_wanted = bool(on)
        if self.charts_action.isChecked() != self.charts_wanted:
            self.charts_action.setChecked(self.charts_wanted)
        self.dock.setVisible(self.charts_wanted and not self.is_presenting())
        if self.charts_wanted:
            self.refresh()

    def fill_screen(self) -> None:
        screen_size.fill_screen(self)

    def _bind_shortcuts(self) -> None:
        self.shortcuts = []
        for keys, action, _help in SHORTCUTS:
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.activated.connect(lambda a=action: self.do(a))
                self.shortcuts.append(sc)

    # language --------------------------------------------------------------------------------
    def glossary_t(self, key: str, **values) -> str:
        """t() with the open model's activation, which the glossary's FFN entry names."""
        from ..model.activations import DISPLAY

        return self.t(key, act=DISPLAY[self.checkpoint.config.activation_function], **values)

    def t(self, key: str, **values) -> str:
        return text(self.sel.lang, key, **values)

    def set_language(self, lang: str) -> None:
        if lang and lang != self.sel.lang:
            self.sel = replace(self.sel, lang=lang)
            self.retranslate()
            self.refresh()

    def retranslate(self) -> None:
        t = self.t
        use_qt_language(self.sel.lang)  # Qt's own dialogs (file dialog, message box buttons) speak it too
        self.setWindowTitle(t("ui.window_title"))
        self.sentence_label.setText(t("ui.sentence"))
        self.sentence.setPlaceholderText(t("ui.sentence_placeholder"))
        self.apply_button.setText(t("ui.apply"))
        self.lang_label.setText(t("ui.language"))
        self.focus_label.setText(t("ui.focus"))
        self.layer_label.setText(t("ui.layer"))
        self.head_label.setText(t("ui.head"))
        self.temp_label.setText(t("ui.temperature"))
        self.rule_label.setText(t("ui.rule"))
        for rule, b in self.rule_buttons.items():
            b.setText(t(f"ui.rule_{rule}"))
            b.setToolTip(t(f"ui.rule_{rule}_tip") + "  (M)")
        self.sentence.retranslate(t, self.sel.lang)
        self.lang_box.blockSignals(True)
        self.lang_box.setCurrentIndex([c for c, _ in LANGUAGE_NAMES].index(self.sel.lang))
        self.lang_box.blockSignals(False)
        self.controls.retranslate(t)
        self.dock.setWindowTitle(t("ui.charts"))
        self.charts_action.setText(t("ui.charts"))
        self.quiz_action.setText(t("ui.quiz"))
        self.contrast_action.setText(t("ui.contrast"))
        accessibility.name_controls(self)
        self.charts.set_texts(t)
        c = self.checkpoint.config
        self.model_label.setText(t("ui.model_info", layers=c.n_layer, heads=c.n_head, width=c.n_embd))
        self.busy_label.setText(t("ui.working"))
        for name, key in (("file", "ui.menu_file"), ("lesson", "ui.menu_lesson"), ("view", "ui.menu_view"),
                          ("help", "ui.menu_help")):
            self.menus[name].setTitle(t(key))
        labels = {"open_model": "ui.open_model", "copy": "ui.copy_picture", "export_picture": "ui.export_picture", "export_deck": "ui.export_deck",
                  "export_video": "ui.export_video", "export_worksheet": "worksheet.menu", "quit": "ui.quit", "play": "help.play", "next_beat": "ui.next_beat", "prev_beat": "ui.prev_beat",
                  "next_chapter": "ui.next_chapter", "prev_chapter": "ui.prev_chapter", "reset": "ui.reset",
                  "presenter": "ui.presenter", "language": "help.language", "help": "ui.help_title",
                  "glossary": "ui.glossary", "rule": "help.rule", "examples": "ui.examples",
                  "undo_edit": "help.undo_edit", "reset_edits": "help.reset_edits", "compare": "ui.compare"}
        keys = {action: keys[0] for keys, action, _ in SHORTCUTS}
        for name, act in self.menu_actions.items():
            # the text after a tab is shown as the shortcut column; the key itself is bound once, by QShortcut
            act.setText(t(labels[name]) + (f"\t{keys[name]}" if name in keys else ""))
        examples = self.menu_actions["examples"]
        examples.setEnabled(bool(self.gallery))
        missing = gallery_file(self.checkpoint.path)
        examples.setToolTip("" if self.gallery else t("ui.examples_missing", file=missing) if not missing.exists()
                            else self.gallery_problem)  # a damaged file: what is wrong with it
        self._fill_selectors()

    def _fill_selectors(self) -> None:
        c = self.checkpoint.config
        tokens = self.run.trace.tokens if self.run else []
        for box, items, current in ((self.focus_box, [self.t("ui.seat_n", n=i + 1, word=w) for i, w in enumerate(tokens)], self.sel.focus),
                                    (self.layer_box, [self.t("ui.layer_n", n=i + 1) for i in range(c.n_layer)], self.sel.layer),
                                    (self.head_box, [self.t("ui.head_n", n=i + 1) for i in range(c.n_head)], self.sel.head)):
            box.blockSignals(True)
            box.clear()
            box.addItems(items)
            box.setCurrentIndex(min(current, len(items) - 1))
            box.blockSignals(False)
        self.rule_buttons[self.sel.rule].setChecked(True)

    # the sentence ----------------------------------------------------------------------------
    def apply_sentence(self) -> None:
        text = self.sentence.text()  # read as typed by GPT-2 folders (compute_run)
        if self._is_big():  # a real GPT-2 takes a while: compute off the GUI thread
            self.worker.start(prepared_run, self.checkpoint, text, self.sel.rule)
            return
        try:
            self.show_run(prepared_run(self.checkpoint, text, self.sel.rule))
        except Exception as exc:  # never let a sentence kill the window
            self._job_failed(exc)

    def _is_big(self) -> bool:
        return sum(p.size for p in self.checkpoint.params.values()) > BIG_MODEL

    def show_run(self, run) -> None:
        self.run = run
        self.whatif = WhatIf(run.trace) if run else None  # a new sentence is the model's own class again
        n = self.run.trace.n_tokens if self.run else 1
        self.player.set_timeline(timeline_for(n, self.checkpoint.config.n_layer))
        if self.run and self._example is not None:  # a gallery example: its asker, layer, head and rule
            self.sel = example_selection(self._example, self.run.trace.tokens, self.sel.temperature).clamped(self.run.trace)
            beats = self.player.timeline.beats  # to the shares, where the example's claim is seen
            self.player.jump(self.player.timeline.beat_stop(next(i for i, b in enumerate(beats) if b.key == "softmax.weights")))
        elif self.run:
            self.sel = replace(self.sel, focus=default_focus(self.run.trace.tokens, self.sel.rule)).clamped(self.run.trace)
        self._example = None
        self.controls.set_timeline(self.player.timeline.duration,
                                   [s for _, s in self.player.timeline.chapter_starts()])
        self._fill_selectors()
        self.canvas.setFocus()
        self.refresh()

    def open_model(self, folder: str | None = None) -> None:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.t("ui.open_model"))
            if not folder:
                return
        self.worker.start(prepared_model_run, folder, self.sentence.text())

    def _job_done(self, result) -> None:
        if isinstance(result, RuleRun):  # the other rule's trace of a big model is ready
            if result.run is self.run:
                self.select(rule=result.rule)
                self.rule_buttons[result.rule].setChecked(True)
            return
        if isinstance(result, tuple):  # a new model and its first trace (or why its tokenizer cannot read it)
            self.checkpoint, run = result
            self.gallery, self.gallery_problem = gallery_of(self.checkpoint.path)
            self.sentence.set_tokenizer(self.checkpoint.tokenizer)
            self.sel = lesson_selection(self.gallery, self.sel.lang, self.sel.temperature,
                                        run.trace.mask_rule if run and not isinstance(run, Exception)
                                        else lesson_rule(self.checkpoint, self.gallery))
            self.retranslate()
            self.show_run(None if isinstance(run, Exception) else run)
            if isinstance(run, Exception):
                self._job_failed(run)
        else:
            self.show_run(result)

    def _job_failed(self, exc) -> None:
        logging.getLogger("classroom_gui").warning("background job failed", exc_info=exc)
        QMessageBox.warning(self, self.t("ui.error_title"), str(exc) or type(exc).__name__)

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    @property
    def notices(self) -> list[str]:
        return notices_for(self.run, self.sel.lang)

    def add_answer_to_class(self) -> None:
        """The class's answer joins as a new student; the lesson stays at the answer."""
        frame = self.current_frame()
        if frame.answer_id < 0:
            return
        try:
            extended = self.checkpoint.tokenizer.extend(self.sentence.text(), frame.answer_id)
        except Exception as exc:  # the model's tokenizer cannot read the sentence (e.g. it panics): say so
            self._job_failed(exc)
            return
        self.sentence.setText(extended)
        self.apply_sentence()
        self.player.seek(self.player.timeline.duration)
        self.refresh()

    # selection and time ----------------------------------------------------------------------
    def select(self, **changes) -> None:
        new = replace(self.sel, **changes)
        if self.run:
            new = new.clamped(self.run.trace)
        if new != self.sel:
            self.sel = new
            for box, value in ((self.focus_box, new.focus), (self.layer_box, new.layer), (self.head_box, new.head)):
                if box.currentIndex() != value:
                    box.blockSignals(True)
                    box.setCurrentIndex(value)
                    box.blockSignals(False)
            self.refresh()

    def do(self, action: str) -> None:
        p = self.player
        simple = {"next_beat": p.next_beat, "prev_beat": p.prev_beat, "next_chapter": p.next_chapter,
                  "prev_chapter": p.prev_chapter, "home": p.home, "end": p.end, "faster": p.faster,
                  "slower": p.slower}
        if action == "next_beat" and quiz_mode.intercept(self):
            pass  # the quiz asked a question (the class stays) or moved on to reveal its answer
        elif action in simple:
            simple[action]()
        elif action == "play":
            p.toggle()
            self._clock = time.monotonic()
            self.timer.start() if p.playing else self.timer.stop()
        elif action == "reset":
            p.reset()
            self.timer.stop()
            self.temperature.setValue(1.0)
            self.sel = lesson_selection(self.gallery, self.sel.lang, rule=lesson_rule(self.checkpoint, self.gallery))
            if self.run:
                self.sel = replace(self.sel, focus=default_focus(self.run.trace.tokens, self.sel.rule)).clamped(self.run.trace)
            self._fill_selectors()
        elif action in ("next_focus", "prev_focus"):
            n = self.run.trace.n_tokens if self.run else 1
            self.select(focus=(self.sel.focus + (1 if action == "next_focus" else -1)) % n)
            return
        elif action == "presenter":
            self.set_presenter(True)
        elif action == "leave":
            self.set_presenter(False)
        elif action == "language":
            self.set_language("ja" if self.sel.lang == "en" else "en")
            return
        elif action == "rule":
            self.set_rule(rules.IN_TURN if self.sel.rule == rules.DISCUSSION else rules.DISCUSSION)
            return
        elif action == "examples":
            self.open_gallery()
            return
        elif action == "sentence":
            self.sentence.setFocus()
            self.sentence.selectAll()
            return
        elif action in ("help", "glossary"):
            dialog = dialogs.help_dialog(self, self.t) if action == "help" else dialogs.glossary_dialog(self, self.glossary_t)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()  # a child of the window: without this, every opening stays in memory
            return
        elif action in ("copy", "export_picture", "export_deck", "export_video", "export_worksheet"):
            from . import export_dialogs  # the exporters load on first use, not at start

            getattr(export_dialogs, action if action != "copy" else "copy_picture")(self)
            return
        elif action == "open_model":
            self.open_model()
            return
        elif action == "compare":
            from .compare_dialog import open_compare

            open_compare(self)
            return
        elif action in whatif_edit.ACTIONS:
            whatif_edit.do(self, action)
            return
        elif action == "quit":
            self.close()
            return
        self.refresh()

    def _scrub(self, seconds: float) -> None:
        self.timer.stop()
        self.player.jump(seconds)
        self.refresh()

    def _set_speed(self, speed: float) -> None:
        self.player.speed = speed
        self.refresh()

    def _tick(self) -> None:
        now = time.monotonic()
        dt, self._clock = now - self._clock, now
        self.player.step(dt)
        if not self.player.playing:
            self.timer.stop()
        self.refresh()

    def set_presenter(self, on: bool) -> None:
        for w in (self.top_bar, self.controls, self.menuBar(), self.statusBar()):
            w.setVisible(not on)
        # on a 4:3 projector the 16:9 classroom sits in the middle; in the window it hangs from the top
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter if on else
                                 Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.dock.setVisible(self.charts_wanted and not on)
        screen_size.full_screen(self, on)
        self.canvas.setFocus()

    def is_presenting(self) -> bool:
        return not self.controls.isVisible() and self.isFullScreen()

    # drawing ---------------------------------------------------------------------------------
    def shown_trace(self):
        """The class on screen: the model's own trace with the teacher's what-if edits (view.whatif_edit)."""
        return self.whatif.trace if self.whatif is not None else (self.run.trace if self.run else None)

    def current_frame(self):
        frame = frame_at(self.shown_trace(), self.sel, self.player.time, self.notices)
        return quiz_mode.dress(self, frame)

    def refresh(self) -> None:
        frame = self.current_frame()
        self.canvas.show_frame(frame)
        accessibility.describe_canvas(self, frame)
        if self.dock.isVisible():  # a closed panel is brought up to date when it opens (show_charts)
            self.charts.show_frame(frame, self.sel.layer, self.sel.head)
        self.narration.setText(f"<b>{html.escape(frame.title)}</b><br>{html.escape(frame.narration)}" if frame.title
                               else html.escape(frame.message))
        # answer time: the last student answers for the class (the narration says so), and the box shows it
        answering = self.run is not None and frame.chapter_key == "answer"
        shown = self.run.trace.n_tokens - 1 if answering else self.sel.focus
        if self.focus_box.currentIndex() != shown:
            self.focus_box.blockSignals(True)
            self.focus_box.setCurrentIndex(shown)
            self.focus_box.blockSignals(False)
        self.focus_label.setText(self.t("ui.answers" if answering else "ui.focus"))
        n = len(self.player.timeline)
        step = self.t("ui.step_of", i=frame.beat + 1, n=n) if self.run else ""
        self.controls.show_time(self.player.time, self.player.playing, step, self.player.speed)
        word = self.run.trace.vocab[frame.answer_id] if frame.answer_id >= 0 and self.run.trace.vocab else ""
        self.add_answer.setVisible(bool(word))
        if word:
            self.add_answer.setText(self.t("ui.add_answer", word=word))

    def closeEvent(self, event):
        try:
            settings.save(self.store, settings.Settings(self.sentence.text() or settings.DEFAULT_SENTENCE,
                                                        self.sel.lang, self.player.speed, self.saveGeometry()))
        except Exception:
            pass  # settings are a convenience; never block closing
        super().closeEvent(event)

