"""view.worker: jobs run off the GUI thread, only the newest job's answer is reported, and a finished job
leaves nothing behind (a QRunnable of ours stayed alive in PySide's thread pool for every model opened)."""
from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication

from classroom_gui.view.worker import Worker


def _settle(worker: Worker) -> None:
    worker.wait()
    QApplication.processEvents()


def test_the_newest_answer_and_errors_are_reported(qtbot):
    worker, done, failed, busy = Worker(), [], [], []
    worker.finished.connect(done.append)
    worker.failed.connect(lambda exc, lane: failed.append(exc))
    worker.busy.connect(busy.append)
    worker.pool.setMaxThreadCount(1)
    first = worker.start(sum, [1, 2])
    second = worker.start(sum, [3, 4])
    _settle(worker)
    assert (first, second) == (1, 2) and done == [7]  # the first answer is to a question no longer asked
    assert busy[-1] is False
    worker.start(int, "not a number")
    _settle(worker)
    assert len(failed) == 1 and isinstance(failed[0], ValueError) and done == [7]


def test_finished_jobs_leave_nothing_behind(qtbot):
    worker, answers = Worker(), []
    worker.finished.connect(lambda result: answers.append("done"))  # the answers themselves are not kept
    worker.failed.connect(lambda exc, lane: answers.append(type(exc).__name__))
    for i in range(5):
        worker.start(str, i)
        _settle(worker)
    gc.collect()
    before = len(gc.get_objects())
    for i in range(200):  # as 200 model folders opened one after another
        worker.start(divmod, i, 0 if i % 2 else 1)
        _settle(worker)
    gc.collect()
    assert len(answers) == 205 and answers.count("ZeroDivisionError") == 100
    assert len(gc.get_objects()) - before < 50  # was 3 a job: the runnable, its signal object and its dict
