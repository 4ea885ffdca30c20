"""Loading a model and computing a trace off the GUI thread, so a 500 MB GPT-2 never freezes the window.

A Job runs one function on Qt's thread pool and reports back through signals, which Qt delivers on
the GUI thread. Each job carries a number; the window ignores answers to questions it no longer asks.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    done = Signal(int, object)     # job number, result
    failed = Signal(int, object)   # job number, exception


class Job(QRunnable):
    def __init__(self, number: int, function, *args):
        super().__init__()
        self.number, self.function, self.args = number, function, args
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            result = self.function(*self.args)
        except BaseException as exc:  # reported to the window, which shows it; the thread must not die
            self.signals.failed.emit(self.number, exc)
        else:
            self.signals.done.emit(self.number, result)
        finally:
            self.function = self.args = None  # the pool keeps the runnable: let go of what it held


class Worker(QObject):
    """Starts jobs and remembers the newest one's number."""
    finished = Signal(object)   # result of the newest job
    error = Signal(object)      # exception of the newest job
    busy = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.latest = 0
        self._jobs: dict[int, Job] = {}

    def start(self, function, *args) -> int:
        self.latest += 1
        job = Job(self.latest, function, *args)
        job.setAutoDelete(False)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self._jobs[job.number] = job
        self.busy.emit(True)
        self.pool.start(job)
        return job.number

    def _settle(self, number: int) -> bool:
        self._jobs.pop(number, None)
        if number == self.latest:
            self.busy.emit(False)
            return True
        return False

    def _done(self, number: int, result) -> None:
        if self._settle(number):
            self.finished.emit(result)

    def _failed(self, number: int, exc) -> None:
        if self._settle(number):
            self.error.emit(exc)

    def wait(self, ms: int = 60_000) -> bool:
        return self.pool.waitForDone(ms)
