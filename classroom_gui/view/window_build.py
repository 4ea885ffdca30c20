"""The widgets of MainWindow, built and laid out: the top bar (sentence, language, rule, asker, layer, head,
temperature), the canvas with the transport bar, the side dock (narration and charts), the status bar and
the menus (read from the actions table). Signals are wired to the window's commands here too.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDockWidget, QDoubleSpinBox, QLabel, QMenu, QProgressBar,
                               QPushButton, QSizePolicy, QToolBar, QVBoxLayout, QWidget)

from ..app.actions import ACTIONS, MENUS, key_label
from ..lesson.chapters import CHAPTERS, chapter_title
from ..lesson.strings import LANGUAGES, languages
from ..messages.glyphs import drawn_names
from ..scene import paint_guard
from . import accessibility, mnemonics, quiz_mode, top_note
from .status_bar import FittingStatusBar
from .canvas_view import CanvasView
from .controls import Controls
from .narration_text import NarrationText
from .sentence_edit import SentenceEdit


class AfterFirstPaint(QObject):
    """Runs the window's later work (`jobs`, callables) at the event loop's first turn after the canvas has
    painted for the first time, so that the first frame waits for none of it. A child of the window: closed
    before then, nothing runs."""

    def __init__(self, w, jobs):
        super().__init__(w)
        self.jobs = list(jobs)
        self.view = w.canvas.viewport()
        self.view.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is self.view and self.jobs:
            self.view.removeEventFilter(self)
            QTimer.singleShot(0, self, self.run)
        return False

    def run(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job()


SENTENCE_MIN = 220  # px: the sentence field at its narrowest, when the top bar shares a 1024-pixel row
SPARE_KEPT = 24     # px of a row the widened sentence field leaves free (the bars' handles and margins)


def build_top_bar(w) -> None:
    bar = QToolBar()
    bar.setMovable(False)
    w.addToolBar(bar)
    w.top_bar = bar
    w.sentence_label = QLabel()
    w.sentence = SentenceEdit()
    w.sentence.setMinimumWidth(SENTENCE_MIN)  # the whole top bar fits a 1024-pixel screen (fit_top_bars widens it)
    w.sentence.set_tokenizer(w.model.checkpoint.tokenizer)
    w.sentence.returnPressed.connect(w.apply_sentence)
    w.sentence.applied = lambda text: text == w.model.typed or w.model.shows(text)  # (its Ctrl+Z: the Edit menu's)
    w.apply_button = QPushButton()
    w.apply_button.clicked.connect(w.apply_sentence)
    w.lang_label, w.focus_label, w.layer_label, w.head_label, w.temp_label, w.rule_label = (
        QLabel(), QLabel(), QLabel(), QLabel(), QLabel(), QLabel())
    w._build_rule_toggle()
    w.lang_box, w.focus_box, w.layer_box, w.head_box = QComboBox(), QComboBox(), QComboBox(), QComboBox()
    for code, name in languages():
        w.lang_box.addItem(name, code)
    w.temperature = QDoubleSpinBox()
    w.temperature.setRange(0.1, 5.0)
    w.temperature.setSingleStep(0.1)
    w.temperature.setValue(1.0)
    for widget in (w.sentence_label, w.sentence, w.sentence.marker, w.apply_button, w.lang_label, w.lang_box,
                   w.rule_label, *w.rule_buttons.values()):
        bar.addWidget(widget)
    # who asks, layer, head and temperature: a bar of their own beside the first, moved to a second row when
    # both do not fit the window (fit_top_bars): at 1024 px the head and temperature hid behind Qt's "»"
    w.choice_bar = QToolBar()
    w.choice_bar.setMovable(False)
    w.addToolBar(w.choice_bar)
    for widget in (w.focus_label, w.focus_box, w.layer_label, w.layer_box, w.head_label, w.head_box, w.temp_label,
                   w.temperature):
        w.choice_bar.addWidget(widget)
    w.top_note = top_note.TopNote(w.sentence.marker, lambda: w.sentence.note_forms)  # the note's whole text and what it shows, fitted to the row
    w.bars_fitter = _FitOnResize(w)
    w.sentence.unknownChanged.connect(lambda _: w.top_note.remember() and fit_top_bars(w))
    w.installEventFilter(w.bars_fitter)
    w.setStatusBar(FittingStatusBar())  # a long message cut between phrases, not in a name (teacher34 #7)
    w.statusBar().installEventFilter(w.bars_fitter)  # (its message's tooltip, fitted to its width)
    select = w.model.select
    w.lang_box.currentIndexChanged.connect(lambda _: w.set_language(w.lang_box.currentData()))
    w.focus_box.currentIndexChanged.connect(lambda i: select(focus=i) if i >= 0 else None)
    w.layer_box.currentIndexChanged.connect(lambda i: select(layer=i) if i >= 0 else None)
    w.head_box.currentIndexChanged.connect(lambda i: select(head=i) if i >= 0 else None)
    w.temperature.valueChanged.connect(lambda v: select(temperature=round(float(v), 2)))
    for box in (w.lang_box, w.focus_box, w.layer_box, w.head_box):
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "7：座った" never clipped
        box.setMaximumWidth(260)  # ... but a 10,000-letter word does not widen the window
        box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # a crowded bar never squeezes it


def build_centre(w) -> None:
    centre = QWidget()
    box = QVBoxLayout(centre)
    box.setContentsMargins(0, 0, 0, 0)
    w.canvas = CanvasView()
    w.canvas.studentClicked.connect(lambda seat: _choose_asker(w, seat))
    w.canvas.choiceClicked.connect(lambda i: quiz_mode.choose(w, i))  # a click on the asked quiz card's choice
    w.canvas.numberDoubleClicked.connect(lambda pos, shift: _edit_at(w, pos, shift))
    w.canvas.shapeChanged.connect(w.model.set_canvas)  # 4:3 in presenter mode on a 4:3 projector
    w.canvas.viewport().installEventFilter(_AskerAtPress(w))
    w.controls = Controls()
    w.controls.action.connect(w.do)
    w.controls.scrubbed.connect(w.scrub)
    w.controls.settled.connect(w.model.settle)
    w.controls.speedChosen.connect(w.model.set_speed)
    w.add_answer = QPushButton()
    w.add_answer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w.add_answer.clicked.connect(w.add_answer_to_class)
    w.controls.add_tail(w.add_answer)
    box.addWidget(w.canvas, 1)
    box.addWidget(w.controls)
    w.setCentralWidget(centre)


def _choose_asker(w, seat: int) -> None:
    """A click on a desk makes its student the asker."""
    w.model.select(focus=seat)


class _AskerAtPress(QObject):
    """Keeps the asker as it was just before each press on the canvas (before a click on a desk changes it):
    Qt sends a double-click as press, release, double-click, so at the double-click this is the asker from
    before its first press, the one a what-if on a classmate's number keeps. No clock: Qt decides what a
    double-click is from the events' own times, however long the first press's redraw took."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.MouseButtonPress:
            w = self.parent()
            w.asker_at_press = w.sel.focus
        return False


def _edit_at(w, pos, shift: bool) -> None:
    from . import whatif_edit  # a double-click's editor: loaded on the first double-click, not at start

    whatif_edit.edit_at(w, pos, shift, asker=getattr(w, "asker_at_press", None))


class _FitOnResize(QObject):
    """Calls fit_top_bars whenever the window is resized, and once more just after it is shown: on a real X
    server the window gets its final size (the screen's, a restored one) around show(), and a fit made
    before then left one row ending in "»" at 1024 px until the next resize. The status bar's resize checks whether
    its message is cut (StatusMessages.fit_status_tip: its tooltip)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.parent():
            if event.type() == QEvent.Type.Resize:
                fit_top_bars(watched)
            elif event.type() == QEvent.Type.Show:
                QTimer.singleShot(0, watched, lambda: fit_top_bars(watched))
        elif event.type() == QEvent.Type.Resize and watched is self.parent().statusBar():
            self.parent().fit_status_tip()  # (the bar has its new width when its resize event comes)
        return False


def fit_top_bars(w) -> None:
    """The choices' bar beside the sentence's when both fit the window's width, else on a second row."""
    if w.top_bar.isHidden():  # presenter mode: neither is shown (isHidden, not isVisible: a window not yet
        return                 # shown has no visible children, and its first resize must still fit the bars
    note = w.sentence.marker
    w.top_note.fit()  # the unknown-word note whole, and
    w.sentence.setMinimumWidth(SENTENCE_MIN)  # the field at its least, measured; then given the row's spare width
    # a toolbar caches its layout and size hint: laid out again with each new minimum, or a resize from 1920 px
    # straight to 800 kept the 904 px field and moved it and Apply behind "»" (review7)
    w.top_bar.layout().invalidate()
    need = w.top_bar.sizeHint().width() + w.choice_bar.sizeHint().width()
    split = need > w.width()
    if split != w.toolBarBreak(w.choice_bar):
        w.removeToolBar(w.choice_bar)  # re-added after a break or without one; its widgets stay in it
        if split:
            w.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        w.addToolBar(w.choice_bar)
        w.choice_bar.show()
    # the sentence field takes the width its row leaves over (at 1920 px it was 215 px wide beside ~620 px of
    # empty bar, and a speaker could not read the sentence to be applied)
    row = w.top_bar.sizeHint().width() if split else need
    spare = w.width() - row - SPARE_KEPT
    wants = top_note.sentence_wants(w.sentence) - SENTENCE_MIN  # what the whole sentence needs beyond the least
    whole = note.sizeHint().width()
    least = w.top_note.least()  # (its first name whole: teacher32 #8)
    if spare < wants and whole > least:  # the note gives way, cut with "…" (whole in its tooltip):
        given = min(whole - least, wants - spare)  # first so that Apply and Rule fit the row,
        w.top_note.fit(whole - given)                              # then so that the sentence shows whole
        spare += given
    w.sentence.setMinimumWidth(SENTENCE_MIN + max(0, spare))
    w.top_bar.layout().invalidate()


def build_dock(w) -> None:
    """The side dock with the narration; its charts (view.charts, which loads pyqtgraph) are built the first
    time the window asks for them (charts_panel), usually when the dock is first opened."""
    w.dock = QDockWidget()
    w.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    side = QWidget()
    side_box = QVBoxLayout(side)
    w.side_box = side_box
    w.narration = NarrationText()  # broken between phrases only, copied without joiners
    w.chart_panel = None
    side_box.addWidget(w.narration, 0, Qt.AlignmentFlag.AlignTop)
    w.dock.setWidget(side)
    w.dock.setMinimumWidth(320)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.dock)
    w.resizeDocks([w.dock], [400], Qt.Orientation.Horizontal)
    # closed until asked for (View menu): the canvas's blackboard and caption already show its bars and
    # narration, and a class wants the classroom as big as the screen allows
    w.dock.hide()
    w.charts_wanted = False


def charts_panel(w):
    """The dock's ChartPanel, built and labelled on first use (MainWindow.charts)."""
    if w.chart_panel is None:
        from .charts import ChartPanel

        w.chart_panel = ChartPanel()
        w.side_box.addWidget(w.chart_panel, 1)
        w.chart_panel.headChosen.connect(lambda layer, head: w.model.select(layer=layer, head=head))
        w.chart_panel.set_texts(w.t)
        accessibility.name_controls(w)  # its buttons get names as the rest got them at start
    return w.chart_panel


def build_status(w) -> None:
    w.model_label, w.busy_label, w.busy_bar = QLabel(), QLabel(), QProgressBar()
    w.busy_bar.setRange(0, 0)  # no percentage: the bar just moves while the worker runs
    w.busy_bar.setMaximumWidth(160)
    w.statusBar().addWidget(w.model_label, 1)
    # one status line at a time: Qt hides the label only for a message shown while it is visible, so one told while
    # the bar was hidden (presenter mode, before the window was up) was drawn over it (teacher22 L3)
    w.statusBar().messageChanged.connect(lambda message: w.model_label.setVisible(not message))
    w.statusBar().messageChanged.connect(w.message_changed)  # its tooltip goes with it
    w.statusBar().addPermanentWidget(w.busy_label)
    w.statusBar().addPermanentWidget(w.busy_bar)
    paint_guard.listen(w.paint_failed)  # an item's paint() raised: one sentence here (scene.paint_guard)


def build_menus(w) -> None:
    """The menus and the shortcuts, both from app.actions.ACTIONS."""
    w.menus = {name: w.menuBar().addMenu("") for name in MENUS}
    w.menu_actions = {}
    for action in ACTIONS:
        if action.menu:
            act = w.menus[action.menu].addAction("")
            act.triggered.connect(lambda _=False, n=action.id: w.do(n))
            w.menu_actions[action.id] = act
    w.menus["lesson"].setToolTipsVisible(True)  # the Examples item says why it is off
    # Lesson → Go to chapter ▸ 0-13, after the chapter keys' items (teacher5 L9: no menu listed the chapters)
    w.chapter_menu = QMenu(w)
    w.menus["lesson"].insertMenu(w.menu_actions["reset"], w.chapter_menu)
    w.chapter_items = {}
    for key in CHAPTERS:
        item = w.chapter_items[key] = w.chapter_menu.addAction("")
        item.triggered.connect(lambda _=False, k=key: w.model.go_to_chapter(k))
    quiz_mode.add_menu_item(w)
    w.contrast_action = w.menus["view"].addAction("")
    w.contrast_action.setCheckable(True)
    w.contrast_action.toggled.connect(lambda on: w.model.set_theme("contrast" if on else "classroom"))
    w.charts_action = w.menus["view"].addAction("")
    w.charts_action.setCheckable(True)
    w.charts_action.toggled.connect(w.show_charts)
    w.shortcuts = []
    for action in ACTIONS:
        for key in action.keys:
            sc = QShortcut(QKeySequence(key), w)
            sc.activated.connect(lambda a=action.id: w.do(a))
            w.shortcuts.append(sc)


# the menu items that are not actions, by menu, with their labels' string keys (their access keys: view.mnemonics)
OTHER_ITEMS = {"lesson": (("go_to_chapter", "ui.go_to_chapter"),),
               "view": (("quiz", "ui.quiz"), ("contrast", "ui.contrast"), ("charts", "ui.charts"))}


def access_key(item: str, menu: str) -> str | None:
    """The letter of a menu item's access key (view.mnemonics), unique in its menu."""
    pairs = tuple((a.id, a.label) for a in ACTIONS if a.menu == menu) + OTHER_ITEMS.get(menu, ())
    return mnemonics.menu_letters(pairs).get(item)


def item_text(w, item: str, menu: str, label: str) -> str:
    return mnemonics.marked(label, access_key(item, menu), w.sel.lang)


def label_menus(w, t) -> None:
    """Menu titles and items in the language of `t`; an item's first key after a tab (the shortcut column), its access
    key marked (teacher34 #9: 「比べる（&C）」)."""
    for name in MENUS:
        w.menus[name].setTitle(t(f"ui.menu_{name}"))
    w.chapter_menu.setTitle(item_text(w, "go_to_chapter", "lesson", t("ui.go_to_chapter")))
    for key, item in w.chapter_items.items():
        item.setText(chapter_title(w.sel.lang, key))
    w.controls.slider.names = [chapter_title(w.sel.lang, key) for key in CHAPTERS]  # the scrubber's tooltips
    for action in ACTIONS:
        if action.menu:
            key = f"\t{key_label(action.keys[0], t)}" if action.keys else ""  # "→" in Japanese, "Right" in English
            w.menu_actions[action.id].setText(item_text(w, action.id, action.menu, t(action.label)) + key)
    show_edit_state(w)


def show_edit_state(w) -> None:
    """The items that follow the model (app.actions' `named`): Undo and Redo say what they take back or make again
    and are disabled when there is nothing to; Reset what-if edits only while there are edits."""
    for action in ACTIONS:
        if action.named is not None:
            item, said = w.menu_actions[action.id], action.named(w.model, w.sel.lang)
            item.setEnabled(said is not None)
            item.setText(item_text(w, action.id, action.menu, said or w.t(action.label))
                         + (f"\t{key_label(action.keys[0], w.t)}" if action.keys else ""))


def label_widgets(w, t) -> None:
    """Every label, tooltip and title of the window's widgets in the language of `t`."""
    c = w.checkpoint.config
    w.setWindowTitle(t("ui.window_title"))
    for widget, key in ((w.sentence_label, "ui.sentence"), (w.apply_button, "ui.apply"),
                        (w.lang_label, "ui.language"), (w.focus_label, "ui.focus"),
                        (w.layer_label, "ui.layer"), (w.head_label, "ui.head"),
                        (w.temp_label, "ui.temperature"), (w.rule_label, "ui.rule"),
                        (w.charts_action, "ui.charts"), (w.busy_label, "ui.working")):
        widget.setText(t(key))
    w.charts_action.setText(item_text(w, "charts", "view", t("ui.charts")))
    w.sentence.setPlaceholderText(t("ui.sentence_placeholder"))
    for rule, b in w.rule_buttons.items():
        b.setText(t(f"ui.rule_{rule}"))
        b.setToolTip(t(f"ui.rule_{rule}_tip") + "  (M)")
    w.sentence.retranslate(t, w.sel.lang)
    w.controls.retranslate(t)
    w.dock.setWindowTitle(t("ui.charts"))
    w.quiz_action.setText(item_text(w, "quiz", "view", t("ui.quiz")) + "\tQ")
    w.contrast_action.setText(item_text(w, "contrast", "view", t("ui.contrast")))
    if w.chart_panel is not None:
        w.chart_panel.set_texts(t)
    w.model_label.setText(t("ui.model_info", layers=c.n_layer, heads=c.n_head, width=c.n_embd))


def show_selection(w, refill: bool = True) -> None:
    """The selectors show the selection; `refill` lists their items again (new sentence, model, language)."""
    c, t, sel = w.checkpoint.config, w.t, w.sel
    names = drawn_names(w.run.trace.tokens) if w.run else []  # as the desks write them (⟨U+200B⟩ 1/3, not a blank)
    for box, items, current in ((w.focus_box, [t("ui.seat_n", n=i + 1, word=word) for i, word in enumerate(names)],
                                 sel.focus),
                                (w.layer_box, [t("ui.layer_n", n=i + 1) for i in range(c.n_layer)], sel.layer),
                                (w.head_box, [t("ui.head_n", n=i + 1) for i in range(c.n_head)], sel.head),
                                (w.lang_box, None, LANGUAGES.index(sel.lang))):
        box.blockSignals(True)
        if items is not None and refill:
            box.clear()
            box.addItems(items)
        box.setCurrentIndex(min(current, box.count() - 1))
        box.blockSignals(False)
    w.temperature.blockSignals(True)
    w.temperature.setValue(sel.temperature)
    w.temperature.blockSignals(False)
    w.rule_buttons[sel.rule].setChecked(True)
