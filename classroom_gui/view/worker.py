"""Loading a model and computing a trace off the GUI thread, so a 500 MB GPT-2 never freezes the window.

A job is one function run on Qt's thread pool; its answer comes back through one signal of the Worker's,
which Qt delivers on the GUI thread. Each job carries a number and a lane: a newer job of the same lane asks the
question again (a newer sentence), so the window ignores the older one's answer; a job of another lane does not
(review10 #5: a rule switch dropped the sentence still computing).

The pool is given a plain callable, which Qt wraps and deletes when it has run. A QRunnable of our own would
stay alive for the window's life: PySide's QThreadPool keeps a reference to every runnable it was given
unless Qt deletes it, and a runnable that must outlive run() (setAutoDelete(False)) is never deleted, so
every model opened left its job and the job's signal object behind.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal


QUIET = frozenset({"ahead"})  # lanes of work made ahead (both rules' traces of the class shown: window_lesson.rules_ahead)


class Worker(QObject):
    """Starts jobs and remembers the newest one's number in each lane."""
    finished = Signal(object)   # result of a lane's newest job
    failed = Signal(object, str)  # exception of a lane's newest job, with its lane (the window blames a model
    # folder only for "class")
    busy = Signal(bool)
    _answer = Signal(int, bool, object)  # job number, whether it failed, result or exception (any thread)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.number = 0
        self.latest: dict[str, int] = {}  # lane -> its newest job's number
        self.lanes: dict[int, str] = {}   # an awaited job's number -> its lane (each lane's newest, until it answers)
        # emitted on the pool's thread; the Worker lives on the GUI thread, so Qt queues the call there
        self._answer.connect(self._answered)

    def start(self, function, *args, lane: str = "class") -> int:
        """Run function(*args) on the pool; its answer replaces the one awaited from `lane` ("class": a sentence or
        a model; "rule": the other rule's trace; the window's own lanes for other questions; QUIET ones: work made
        ahead that nothing shown waits for, with no busy bar)."""
        self.number += 1
        self.lanes.pop(self.latest.get(lane), None)
        self.latest[lane] = number = self.number
        self.lanes[number] = lane
        if lane not in QUIET:
            self.busy.emit(True)
        self.pool.start(lambda: self._run(number, function, args))
        return number

    @property
    def waiting(self) -> bool:  # True from a start until every awaited answer has arrived (but QUIET lanes')
        return any(lane not in QUIET for lane in self.lanes.values())

    def awaiting(self, lane: str = "class") -> bool:
        """Whether an answer from `lane` is still to come (`waiting` is whether any lane's is)."""
        return self.latest.get(lane) in self.lanes

    def forget(self, lane: str) -> None:
        """No answer is awaited from `lane` any more (its question was taken back, e.g. the rule toggled back)."""
        if self.latest.get(lane) in self.lanes:
            self.lanes.pop(self.latest[lane])
            self._settled()

    def _run(self, number: int, function, args) -> None:  # on the pool's thread
        try:
            result = function(*args)
        except BaseException as exc:  # reported to the window, which shows it; the thread must not die
            self._answer.emit(number, True, exc)
        else:
            self._answer.emit(number, False, result)

    def _answered(self, number: int, failed: bool, value) -> None:
        if number not in self.lanes:
            return
        lane = self.lanes.pop(number)
        self._settled()
        if failed:
            self.failed.emit(value, lane)
        else:
            self.finished.emit(value)

    def _settled(self) -> None:
        if not self.waiting:
            self.busy.emit(False)

    def wait(self, ms: int = 60_000) -> bool:
        return self.pool.waitForDone(ms)
