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
