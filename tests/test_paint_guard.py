"""An exception inside an item's paint() costs that item one frame, never the window (scene.paint_guard).

Without the guard, a paint() that raised while Python asked Qt to paint (a repaint(), a grab(), scene.render)
killed the process with signal 11, and one that raised in the event loop's painting was dropped unlogged."""
import importlib
import inspect
import pkgutil

import pytest

from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QGraphicsItem

from classroom_gui import scene
from classroom_gui.lesson.strings import text
from classroom_gui.scene import items, paint_guard
from classroom_gui.scene.items import CachedItem
from helpers import random_window

pytestmark = pytest.mark.paint_fails  # (conftest's _paints_whole: these tests break a paint on purpose)


def test_every_paint_of_the_scene_is_guarded():
    """Every item class of scene/ that paints in Python is a CachedItem, whose paint() is wrapped."""
    painters = []
    for info in pkgutil.iter_modules(scene.__path__):
        module = importlib.import_module(f"classroom_gui.scene.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QGraphicsItem) and "paint" in cls.__dict__ and cls.__module__ == module.__name__:
                painters.append(cls)
    assert len(painters) >= 10  # desks, strips, board, texts, pills, panels, the class picture, …
    for cls in painters:
        assert issubclass(cls, CachedItem) and getattr(cls.__dict__["paint"], "guarded", False), cls


def _broken_text(monkeypatch, calls):
    """Every text item's painting raises; no kept picture of a text is left to blit instead."""
    def broken(self, p):
        calls.append(self)
        raise ValueError("the chalk broke")
    monkeypatch.setattr(items.TextBlockItem, "_paint_text", broken)
    monkeypatch.setattr(paint_guard, "_logged", set())  # the same place may have been logged (and told) by another
    monkeypatch.setattr(paint_guard, "_told", set())    # test
    QPixmapCache.clear()


def _broken_tags(monkeypatch, calls):
    """Every desk's name tag raises as it is painted (review19's probe); no kept picture of a desk is left."""
    from classroom_gui.scene.desk import DeskItem

    def broken(self, p):
        calls.append(self)
        raise ValueError("the tag fell off")
    monkeypatch.setattr(DeskItem, "_paint_tag", broken)
    monkeypatch.setattr(paint_guard, "_logged", set())
    monkeypatch.setattr(paint_guard, "_told", set())
    QPixmapCache.clear()


def _shown(qtbot, tmp_path):
    w = random_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: w.model.run is not None, timeout=20000)
    w.canvas.viewport().repaint()
    return w


def test_a_paint_that_raises_is_logged_once_said_once_and_the_next_frames_paint(qtbot, tmp_path, monkeypatch,
                                                                                 caplog):
    w = _shown(qtbot, tmp_path)
    w.sentence.setText("the cat sat on")  # typed, not yet applied: it must survive
    narration = w.canvas.classroom.narration
    calls = []
    _broken_text(monkeypatch, calls)
    narration.blitted = None
    w.canvas.viewport().repaint()  # Python asks Qt to paint: the path that died of signal 11
    w.grab()
    assert narration in calls, "the broken paint was never called"
    logged = [r for r in caplog.records if "ValueError: the chalk broke" in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info, "logged once, with its traceback"
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == text("en", "ui.paint_failed"), timeout=3000)
    assert w.sentence.text() == "the cat sat on" and w.isVisible()

    monkeypatch.undo()  # the bug goes away: the narration paints again at the next frame
    painted = []
    real = items.TextBlockItem._paint_text
    monkeypatch.setattr(items.TextBlockItem, "_paint_text", lambda self, p: (painted.append(self), real(self, p)))
    QPixmapCache.clear()
    narration.blitted = None
    w.canvas.viewport().repaint()
    assert narration in painted and narration.blitted is not None


def test_the_status_line_is_japanese_in_a_japanese_class(qtbot, tmp_path, monkeypatch):
    w = _shown(qtbot, tmp_path)
    w.set_language("ja")
    qtbot.waitUntil(lambda: not w.worker.waiting and bool(w.canvas.classroom.narration.text), timeout=20000)
    qtbot.wait(50)
    calls = []
    _broken_text(monkeypatch, calls)
    w.canvas.classroom.narration.blitted = None
    w.canvas.viewport().repaint()
    assert calls
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == text("ja", "ui.paint_failed"), timeout=3000)


def test_a_picture_rendered_from_python_survives_a_broken_item(qapp, tmp_path, monkeypatch):
    """scene.render called from Python (every export) with an item whose paint raises: before the guard, signal 11.
    Now an export's picture (whole=True) is refused (no export writes a picture with a part missing), a preview's is
    drawn without the item, and the next one is whole."""
    from classroom_gui.lesson.state import Selection, frame_at
    from classroom_gui.messages.phrase import PhraseError
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.scene.render import render_frame
    from helpers import random_checkpoint

    trace = run_sentence(random_checkpoint(tmp_path / "ck"), "the cat sat on the mat").trace
    frame = frame_at(trace, Selection(focus=1, lang="en"), 30.0)
    whole = render_frame(frame, (960, 540))
    calls = []
    _broken_text(monkeypatch, calls)
    with pytest.raises(PhraseError) as refused:
        render_frame(frame, (960, 540), whole=True)
    assert calls and refused.value.phrase.key == "error.picture_incomplete"
    assert render_frame(frame, (960, 540)) != whole  # a preview: drawn, the narration left out
    monkeypatch.undo()
    QPixmapCache.clear()
    assert render_frame(frame, (960, 540)) == whole


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_export_whose_picture_breaks_writes_nothing_and_says_so(tmp_path, monkeypatch, capsys, lang):
    from classroom_gui.cli import main

    _broken_text(monkeypatch, [])
    for name in ("x.png", "x.pdf"):
        assert main(["export", "--text", "the cat sat", "--lang", lang, "-o", str(tmp_path / name)]) == 2
        refusal = capsys.readouterr().err.strip().splitlines()[-1]
        assert refusal.endswith(text(lang, "error.picture_incomplete")), refusal
    assert list(tmp_path.iterdir()) == []


ONE = ["--text", "the cat sat", "--from", "softmax", "--to", "softmax"]


@pytest.mark.parametrize("argv", [
    ["export", "--text", "the cat sat", "-o", "x.svg"],
    ["export", "--text", "the cat sat", "--compare", "the dog sat", "-o", "x.png"],
    ["export", "--text", "the cat sat", "--compare", "the dog sat", "-o", "x.pdf"],
    ["deck", *ONE, "-o", "d.pdf"], ["deck", *ONE, "-o", "d.pptx"], ["deck", *ONE, "-o", "slides/"],
    ["deck", *ONE, "--compare", "the dog sat", "-o", "d.pdf"],
    ["video", *ONE, "-o", "v.gif"], ["video", *ONE, "--compare", "the dog sat", "-o", "v.gif"],
], ids=lambda argv: " ".join(a for a in argv if a.startswith(("-o", "--compare")) or "." in a or "/" in a))
def test_every_export_refuses_a_picture_with_a_part_missing(tmp_path, monkeypatch, capsys, argv):
    """Each writer passes whole=True to render.paint_scene (a preview does not): none writes what it could not draw."""
    from classroom_gui.cli import main

    _broken_tags(monkeypatch, [])
    out = tmp_path / "out"
    out.mkdir()
    assert main([*argv[:-1], str(out / argv[-1])]) == 2
    assert capsys.readouterr().err.strip().endswith(text("en", "error.picture_incomplete"))
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_copying_a_picture_that_breaks_copies_nothing_and_says_why_once(qtbot, tmp_path, monkeypatch, lang):
    """review19 #4: the box said 「何も書き出していません」 (an export's words) and the status line said ui.paint_failed at
    the same time. Now one box, in a copy's words; the same fault on the window's own canvas is still told there."""
    from PySide6.QtWidgets import QApplication
    from classroom_gui.view import message_box

    from classroom_gui.scene import render
    from classroom_gui.view import export_dialogs

    w = _shown(qtbot, tmp_path)
    if lang == "ja":
        w.set_language("ja")
        qtbot.waitUntil(lambda: not w.worker.waiting and bool(w.canvas.classroom.narration.text), timeout=20000)
    w.statusBar().clearMessage()
    QApplication.clipboard().setText("kept")
    warned = []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, said: warned.append((title, said)))
    whole = items.TextBlockItem._paint_text
    _broken_text(monkeypatch, [])
    broken = items.TextBlockItem._paint_text
    monkeypatch.setattr(items.TextBlockItem, "_paint_text",  # the fault meets the copy's picture, not the window's
                        lambda self, p: (broken if render.painting else whole)(self, p))
    export_dialogs.copy_picture(w.model, w)
    qtbot.wait(100)  # (the status line is told from the event loop)
    assert warned == [(text(lang, "ui.copy_failed"), text(lang, "ui.copy_incomplete"))]
    assert QApplication.clipboard().text() == "kept" and w.statusBar().currentMessage() == ""
    monkeypatch.setattr(items.TextBlockItem, "_paint_text", broken)
    w.canvas.classroom.narration.blitted = None
    w.canvas.viewport().repaint()  # the window's canvas meets the fault: said on its status line, once
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == text(lang, "ui.paint_failed"), timeout=3000)


def test_a_comparison_previews_without_a_broken_item_and_refuses_to_save_or_copy_it(qtbot, tmp_path, monkeypatch):
    """review19 #1: View → Compare's preview follows the window's steps (a model listener): a refused picture raised
    in every listener call; its save and copy did not catch the refusal either."""
    from PySide6.QtWidgets import QApplication
    from classroom_gui.view import message_box

    from classroom_gui.view.compare_dialog import open_compare

    w = _shown(qtbot, tmp_path)
    dialog = open_compare(w, "cat sat on the mat the cat")
    qtbot.addWidget(dialog)
    warned, calls = [], []
    monkeypatch.setattr(message_box, "warning", lambda parent, title, said: warned.append(said))
    _broken_tags(monkeypatch, calls)
    drawn = dialog.drawn
    w.model.play("next_beat")  # the dialog draws the step, the desks without their tags
    assert calls and dialog.drawn == drawn + 1 and not dialog.picture.pixmap().isNull()
    QApplication.clipboard().setText("kept")
    assert dialog.save(tmp_path / "c.png") is None and not (tmp_path / "c.png").exists()
    dialog.copy()
    assert QApplication.clipboard().text() == "kept"
    assert warned == [text("en", "error.picture_incomplete"), text("en", "ui.copy_incomplete")]
