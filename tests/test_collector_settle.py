"""collector.settle(): what is alive once the canvas shows its first frame is left out of later collections
(gc.freeze), what comes after is collected as before."""
import gc
import weakref

import pytest

from classroom_gui import collector


class Node:
    def __init__(self):
        self.other = self  # a cycle: only the cycle collector frees it


@pytest.mark.settles
def test_settled_objects_are_never_walked_again_and_new_ones_are():
    try:
        before = Node()
        gone_before = weakref.ref(before)
        collector.settle()
        assert gc.get_freeze_count() > 0
        after = Node()
        gone_after = weakref.ref(after)
        del before, after
        gc.collect()
        assert gone_after() is None  # made after settling: collected as ever
        assert gone_before() is not None  # alive when settled: left alone (the cost collector.py names)
    finally:
        gc.unfreeze()
    gc.collect()
    assert gone_before() is None  # back in sight, collected


@pytest.mark.settles
def test_the_canvas_settles_once_its_first_frame_is_shown(qapp, monkeypatch):
    from classroom_gui.lesson.state import Selection, frame_at
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view import canvas_view

    calls = []
    monkeypatch.setattr(collector, "settle", lambda: calls.append(view.frame is not None))
    trace = run_sentence(load_checkpoint(teaching_model_dir()), "the cat sat").trace
    view = canvas_view.CanvasView()
    view.resize(640, 360)
    view.show()
    qapp.processEvents()
    assert calls == []  # nothing shown yet
    view.set_frame(frame_at(trace, Selection(focus=1), 0.5))
    assert calls == []  # settled from the event loop, after the frame is painted
    qapp.processEvents()
    assert calls == [True]
    view.set_frame(frame_at(trace, Selection(focus=1), 9.0))
    qapp.processEvents()
    assert calls == [True]  # once
    view.close()
    view.deleteLater()


def test_other_tests_canvases_leave_the_collector_alone(qapp):
    """(conftest: unmarked tests share the process's collector unsettled)"""
    from classroom_gui.lesson.state import Selection, frame_at
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view.canvas_view import CanvasView

    frozen = gc.get_freeze_count()
    view = CanvasView()
    view.show()
    view.set_frame(frame_at(run_sentence(load_checkpoint(teaching_model_dir()), "the cat").trace, Selection(), 0.5))
    qapp.processEvents()
    assert view.settled and gc.get_freeze_count() == frozen
    view.close()
    view.deleteLater()


@pytest.mark.settles
def test_a_settled_window_still_lets_its_first_sentence_go(qtbot, tmp_path):
    """Settling leaves cycles alive then uncollected; the first sentence's trace is in none: a new sentence frees it
    (the window's first class, settled with it, would otherwise stay for the whole session)."""
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir
    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow

    frozen = gc.get_freeze_count()
    checkpoint = load_checkpoint(teaching_model_dir())
    w = MainWindow(checkpoint, settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    try:
        w.show()
        qtbot.waitUntil(lambda: w.run is not None and not w.busy_bar.isVisible(), timeout=30000)
        qtbot.waitUntil(lambda: gc.get_freeze_count() > frozen, timeout=5000)  # the canvas settled
        first = weakref.ref(w.run.trace)
        for text in ("the dog sat on the rug", "a cat saw the dog"):  # (one step of Undo may keep the last)
            w.model.set_run(run_sentence(checkpoint, text))
            qtbot.wait(50)
        gc.collect()
        assert first() is None
    finally:
        gc.unfreeze()
