"""Loading a model and computing a trace off the GUI thread, so a 500 MB GPT-2 never freezes the window.

A job is one function run on Qt's thread pool; its answer comes back through one signal of the Worker's,
which Qt delivers on the GUI thread. Each job carries a number; the window ignores answers to questions it
no longer asks.

The pool is given a plain callable, which Qt wraps and deletes when it has run. A QRunnable of our own would
stay alive for the window's life: PySide's QThreadPool keeps a reference to every runnable it was given
unless Qt deletes it, and a runnable that must outlive run() (setAutoDelete(False)) is never deleted, so
every model opened left its job and the job's signal object behind.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal


class Worker(QObject):
    """Starts jobs and remembers the newest one's number."""
    finished = Signal(object)   # result of the newest job
    error = Signal(object)      # exception of the newest job
    busy = Signal(bool)
    _answer = Signal(int, bool, object)  # job number, whether it failed, result or exception (any thread)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.latest = 0
        self.waiting = False  # True from a start until the newest job's answer arrives
        # emitted on the pool's thread; the Worker lives on the GUI thread, so Qt queues the call there
        self._answer.connect(self._answered)

    def start(self, function, *args) -> int:
        self.latest += 1
        number = self.latest
        self.waiting = True
        self.busy.emit(True)
        self.pool.start(lambda: self._run(number, function, args))
        return number

    def _run(self, number: int, function, args) -> None:  # on the pool's thread
        try:
            result = function(*args)
        except BaseException as exc:  # reported to the window, which shows it; the thread must not die
            self._answer.emit(number, True, exc)
        else:
            self._answer.emit(number, False, result)

    def _answered(self, number: int, failed: bool, value) -> None:
        if number != self.latest:
            return
        self.waiting = False
        self.busy.emit(False)
        (self.error if failed else self.finished).emit(value)

    def wait(self, ms: int = 60_000) -> bool:
        return self.pool.waitForDone(ms)
