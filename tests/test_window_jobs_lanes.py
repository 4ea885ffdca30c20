"""polish9 on review10 #4 and #5: a big model's rule switch no longer drops the sentence still computing (each kind
of question keeps its own newest answer: view.worker's lanes), and Undo across sentences that brings a class back
under a rule it was not computed in computes that rule's trace on the worker, as a rule switch does, not on the GUI
thread (1-3.5 s at 512-1,024 students)."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from classroom_gui.lesson import rules
from classroom_gui.model.whatif import Edit
from classroom_gui.view.worker import Worker
from helpers import warned_window


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    return warned_window(qtbot, tmp_path, monkeypatch)


def _big(monkeypatch):
    from classroom_gui.view import window_jobs
    monkeypatch.setattr(window_jobs, "BIG_MODEL", 0)


def _settled(qtbot, window):
    qtbot.waitUntil(lambda: not window.worker.waiting, timeout=10_000)
    qtbot.wait(50)


def test_each_lane_keeps_its_newest_answer(qtbot):
    worker, done = Worker(), []
    worker.finished.connect(done.append)
    worker.start(sum, [1, 2])
    worker.start(sum, [3, 4])                 # asks the class's question again: 3 is no longer awaited
    worker.start(sum, [10, 20], lane="rule")  # another question: both answers come
    worker.start(sum, [5, 5], lane="step")
    worker.forget("step")                     # taken back before it came
    worker.wait()
    QApplication.processEvents()
    assert sorted(done) == [7, 30] and not worker.waiting


def test_a_rule_switch_does_not_drop_the_sentence_computing(qtbot, window, monkeypatch):
    _big(monkeypatch)
    other = next(r for r in rules.RULES if r != window.sel.rule)
    window.sentence.setText("the mat")
    window.apply_sentence()                   # on the worker
    window.set_rule(other)                    # the teacher switches the rule while it computes
    _settled(qtbot, window)
    assert window.run.text.split() == ["the", "mat"]
    assert window.sel.rule == other and window.rule_buttons[other].isChecked()  # switched for the new sentence


def test_undo_across_a_rule_switch_comes_back_under_the_rule_left_without_a_forward(qtbot, window, monkeypatch):
    _big(monkeypatch)
    sel = window.sel
    window.model.edit(Edit("score", sel.layer, sel.head, sel.focus, 0, 5.0))  # a class Undo brings back
    first = window.run
    window.sentence.setText("the mat")
    window.apply_sentence()
    _settled(qtbot, window)
    other = next(r for r in rules.RULES if r != window.sel.rule)
    window.set_rule(other)
    _settled(qtbot, window)
    assert window.sel.rule == other and window.run is not first
    on_gui = []
    rerun = rules.rerun
    monkeypatch.setattr(rules, "rerun", lambda *a, **k: (on_gui.append(threading.current_thread()
                                                                        is threading.main_thread()), rerun(*a, **k))[1])
    window.do("undo_edit")
    # teacher11 M4: Undo brings the class back where it was left, under the rule it was shown in, whose trace it
    # has: no forward at all, neither on the GUI thread nor on the worker
    _settled(qtbot, window)
    assert window.run is first and window.sel.rule != other and on_gui == []
    assert window.model.whatif.edits and window.model.coming(undo=True) is None


def test_enter_on_the_sentence_shown_keeps_its_edits_while_another_lane_computes(qtbot, window, monkeypatch):
    """review12: `waiting` is true while any lane is busy, so Enter on the unchanged sentence while a big model's rule
    (step, compare) job ran computed the sentence again and dropped its what-if edits. Only the class lane counts."""
    _big(monkeypatch)
    sel = window.sel
    window.model.edit(Edit("score", sel.layer, sel.head, sel.focus, 0, 5.0))
    run, release = window.run, threading.Event()
    window.worker.start(lambda: (release.wait(10), Arrives())[1], lane="rule")  # a long job of another lane
    try:
        window.apply_sentence()  # Enter on the sentence on screen
        assert window.run is run and window.model.whatif.edits
    finally:
        release.set()
    _settled(qtbot, window)
    assert window.run is run and len(window.model.whatif.edits) == 1


class Arrives:  # a job's answer that knows where it goes (as a compare's or a step's does): here, nowhere
    def arrived(self, window) -> None:
        pass
