"""View → Compare in the window: the second sentence of a big model is computed on the worker thread as the
window's own sentences are; the dialog follows the window's model (its step, its theme) with the same two
scenes, and draws again only when what it shows has changed."""
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from classroom_gui.scene import palette
from classroom_gui.view import compare_dialog, message_box, window_jobs
from classroom_gui.view.compare_dialog import CompareDialog, open_compare
from helpers import random_checkpoint
from whatif_window import to_beat

SECOND = "cat sat on the mat the cat"


def test_a_big_models_second_sentence_is_computed_on_the_worker(qtbot, window, monkeypatch):
    threads = []
    real = compare_dialog.prepared_run

    def recorded(*args):
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(compare_dialog, "prepared_run", recorded)
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    assert open_compare(window, SECOND) is None  # asked of the worker: the window goes on meanwhile
    qtbot.waitUntil(lambda: bool(window.findChildren(CompareDialog)), timeout=10_000)
    dialog = window.findChildren(CompareDialog)[0]
    qtbot.addWidget(dialog)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.pair.frames[1].students[0].text == "cat" and not dialog.picture.pixmap().isNull()
    assert all(rules_ready(dialog.other.trace))  # chapter 6 and answer time draw without a forward here


def test_the_second_class_is_prepared_for_the_windows_layer_and_head(qtbot, window, monkeypatch):
    """review16 #1: the second class was warmed for layer 1, head 1 whatever the window showed, so a lean one held a
    head nobody looked at and its first frame made the shown head's shares again."""
    asked = []
    real = compare_dialog.prepared_run

    def recorded(*args):
        asked.append(args[3:])
        return real(*args)

    monkeypatch.setattr(compare_dialog, "prepared_run", recorded)
    window.model.select(layer=1, head=1)
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    assert asked == [(1, 1)] and dialog.other.trace.held_head == 1


def rules_ready(trace):
    from classroom_gui.lesson import rules

    return [rules.has(trace, rule) for rule in rules.RULES]


def test_an_unreadable_second_sentence_is_a_status_message(qtbot, window, monkeypatch):
    from classroom_gui.model.sentence import TokenizerFailed

    def fails(*_args):
        raise TokenizerFailed("model.tokenizer.cannot_read", path="tokenizer.json", detail="a panic")

    monkeypatch.setattr(compare_dialog, "prepared_run", fails)
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    open_compare(window, SECOND)
    qtbot.waitUntil(lambda: "cannot read" in window.statusBar().currentMessage(), timeout=10_000)
    assert not window.findChildren(CompareDialog)


def test_the_dialog_follows_the_model_and_draws_only_on_a_change(qtbot, window):
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    scenes, drawn = dialog.scenes, dialog.drawn
    window.model.changed("quiz")  # a notice that changes nothing the comparison shows
    window.model.select(layer=window.sel.layer)
    assert dialog.drawn == drawn
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert dialog.drawn == drawn + 1 and dialog.scenes is scenes
    window.model.jump(window.player.timeline.beat_stop(3))  # the window's own scrubbing moves both classes
    assert dialog.drawn == drawn + 2 and dialog.pair.frames[0].beat == 3
    window.model.set_theme("contrast")  # the projector's theme, as the window shows it
    corner = dialog.picture.pixmap().toImage().pixelColor(2, 2)
    assert corner == QColor(palette.CONTRAST.color("background"))
    assert dialog.scenes is scenes


def test_while_the_lesson_plays_the_dialog_draws_once_a_step(qtbot, window):
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    window.model.jump(0.0)
    window.model.play("toggle")
    window.timer.stop()  # ticks by hand: the window's own timer would race the counts
    window.model.tick(0.01)
    drawn = dialog.drawn
    for _ in range(5):  # still the first step (a step lasts seconds)
        window.model.tick(0.01)
    assert window.player.playing and dialog.drawn == drawn
    timeline = window.player.timeline
    while timeline.locate(window.player.time)[0] == 0:  # on to the next step (Player caps each tick's dt)
        window.model.tick(0.1)
    assert dialog.drawn == drawn + 1
    window.model.play("toggle")  # paused: the picture shows the very moment
    assert not window.player.playing and dialog.drawn == drawn + 2


def test_another_model_closes_the_dialog(qtbot, window, tmp_path):
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    closed = []
    dialog.finished.connect(closed.append)
    window.model.set_checkpoint(random_checkpoint(tmp_path / "other"), window.run)
    assert closed and dialog._changed not in window.model._listeners


def test_an_edit_or_a_new_sentence_redraws_the_open_dialog(qtbot, window):
    """The shown trace changes under the dialog (a what-if edit, its undo, a new sentence): it draws again.
    A Trace holds arrays, so comparing two of them with == raised ValueError here."""
    from classroom_gui.model.whatif import Edit

    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    drawn = dialog.drawn
    window.model.edit(Edit("q", window.sel.layer, window.sel.head, 0, 0, 1.5))
    assert dialog.drawn == drawn + 1 and dialog.shown[0] is window.model.shown_trace()
    window.sentence.setText("the cat sat")
    window.apply_sentence()
    qtbot.waitUntil(lambda: window.run.trace.n_tokens == 3, timeout=10_000)
    assert dialog.drawn >= drawn + 2 and dialog.pair.frames[0].students[0].text == "the"


def test_compare_waits_for_the_workers_pending_answer(qtbot, window, monkeypatch):
    """A big model's Compare while the worker still computes the window's own sentence or model would meet a class
    of the one before: it says so and starts nothing."""
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)
    started = []
    monkeypatch.setattr(window.worker, "start", lambda *args, **lane: started.append(args))
    window.worker.lanes[0] = "class"  # an answer awaited from the class lane
    assert open_compare(window, SECOND) is None and not started
    assert window.statusBar().currentMessage() == window.t("ui.compare_wait")
    window.worker.lanes.clear()
    open_compare(window, SECOND)
    assert len(started) == 1


def test_the_labels_keep_each_sentences_own_spacing_and_unknown_words_whole(qtbot, window):
    """A Japanese teacher comparing two English sentences: the labels read as typed (spaces kept, an unknown
    word whole), not the students' words joined the Japanese way ("Thecatsat...", "zzzqqqxv")."""
    from classroom_gui.export.compare import sentence_label

    window.set_language("ja")
    window.sentence.setText("the cat sat on the mat")
    window.apply_sentence()
    dialog = open_compare(window, "the  dog sat zzzq qqxv")
    qtbot.addWidget(dialog)
    assert sentence_label(dialog.pair, 0) == "the cat sat on the mat"
    assert sentence_label(dialog.pair, 1) == "the dog sat zzzq qqxv"
    unlabelled = type(dialog.pair)(dialog.pair.frames, dialog.pair.selections, dialog.pair.changed_most)
    assert sentence_label(unlabelled, 0) == "the cat sat on the mat"  # rebuilt by the sentence's script


def test_the_compare_dialog_fits_a_1024_by_768_screen(qtbot, window):
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 700, hint
    dialog.resize(1000, 600)
    qtbot.wait(20)
    assert dialog.width() <= 1000 and dialog.height() <= 600
    shown = dialog.picture.pixmap()
    assert shown.width() <= dialog.picture.width() and shown.height() <= dialog.picture.height()
    assert shown.width() >= 0.9 * dialog.picture.width() or shown.height() >= 0.9 * dialog.picture.height()


def test_an_empty_second_sentence_says_so(qtbot, window):
    window.set_language("ja")
    assert open_compare(window, "   ") is None
    assert window.statusBar().currentMessage() == window.t("ui.compare_empty") and not window.findChildren(CompareDialog)


def test_the_comparison_is_saved_and_copied_from_the_window(qtbot, window, tmp_path, monkeypatch):
    """teacher3 M2 (the window's part): the dialog saves the comparison as `export --compare` draws it (PNG or
    PDF, 1920 x 1080), says where it wrote as the other exports do (teacher14 L1), and copies it; a wrong suffix is
    one message and writes nothing."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from classroom_gui.export.compare import render_pair
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    saved = dialog.save(tmp_path / "c.png")
    image = QImage(str(saved))
    want = render_pair(dialog.pair_for(compare_dialog.EXPORT_SIZE), compare_dialog.EXPORT_SIZE, palette.theme(window.model.theme),
                       lang=window.sel.lang)
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.convertToFormat(want.format()) == want
    from classroom_gui.lesson.strings import text
    from classroom_gui.messages.fit import sentence_start
    wrote = sentence_start(text(window.sel.lang, "cli.wrote", path=saved))
    assert window.statusBar().currentMessage() == wrote and str(saved) in wrote  # teacher14 L1
    assert dialog.save(tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    dialog.copy()
    assert QApplication.clipboard().image().size() == want.size()
    said = []
    monkeypatch.setattr(message_box, "warning", lambda *a: said.append(a[2]))
    assert dialog.save(tmp_path / "c.txt") is None and said and not (tmp_path / "c.txt").exists()


def test_the_arrow_keys_step_both_classes_wherever_the_dialogs_focus_is(qtbot, window, monkeypatch):
    """review6 bug 3: the keys go to the focused widget, as a user's do; a focused button took the arrows as
    focus moves and Enter as a press of "Export picture…"."""
    from PySide6.QtWidgets import QApplication

    from classroom_gui.view import file_dialogs

    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    opened = []
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a, **kw: (opened.append(a), "")[1])
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Left):
        before = window.player.time
        qtbot.keyClick(QApplication.focusWidget() or dialog, key)
        if key == Qt.Key.Key_Right:
            assert window.player.time > before
        elif key == Qt.Key.Key_Left:
            assert window.player.time < before
    assert not opened  # Enter presses no button


def test_the_dialog_speaks_the_windows_language_when_it_changes(qtbot, window):
    """review6 bug 7: the title and the buttons follow a language switch, as the picture does."""
    from classroom_gui.lesson.strings import text

    window.set_language("en")
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    window.set_language("ja")
    assert dialog.windowTitle() == text("ja", "ui.compare") != text("en", "ui.compare")
    assert [b.text() for b in dialog.buttons.values()] == [text("ja", "ui.export_picture"),
                                                           text("ja", "ui.copy_picture"), text("ja", "ui.close")]


def test_the_dialog_steps_with_the_windows_keys_and_opens_on_seated_classes(qtbot, window):
    """teacher4 L7: Ctrl+→ stepped one step, and ], [, Home and End did nothing in the dialog; opened at the
    lesson's start (as after Ctrl+R) it showed two empty rooms. Every stepping key of the window's table works
    here as there, and the start shows the students seated."""
    window.model.reset()
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    assert window.player.time == window.player.timeline.beat_stop(0)  # step 1, seated (teacher5 L6)
    assert all(s.opacity > 0.99 for frame in dialog.pair.frames for s in frame.students)  # seated, both classes
    timeline = window.player.timeline
    chapter = lambda: timeline.beats[timeline.locate(window.player.time)[0]].chapter
    for keys, after in (((Qt.Key.Key_BracketRight,), "embedding"), ((Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier), "cards"),
                        ((Qt.Key.Key_BracketLeft,), "embedding"), ((Qt.Key.Key_End,), "answer"), ((Qt.Key.Key_Home,), "seats")):
        drawn = dialog.drawn
        qtbot.keyClick(dialog, *keys)
        assert chapter() == after, keys
        assert dialog.pair.frames[0].chapter_key == after and dialog.drawn == drawn + 1


def test_view_compare_shows_both_classes_at_the_window_step(qtbot, window):
    to_beat(window, "softmax.weights")
    dialog = open_compare(window, SECOND)
    qtbot.addWidget(dialog)
    fa, fb = dialog.pair.frames
    assert fa.beat_key == fb.beat_key == "softmax.weights"
    assert fa.narration == window.model.frame().narration
    assert not dialog.picture.pixmap().isNull()
    before = window.player.time
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert window.player.time > before and dialog.pair.frames[1].beat_key == dialog.pair.frames[0].beat_key
