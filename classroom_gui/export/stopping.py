"""How Ctrl+C, SIGTERM and SIGHUP stop an export: by unwinding (so export.files removes every temporary and the
old file stays), never from inside Qt. A Python exception raised while Qt's C++ is on the stack (a picture being
painted, shiboken setting up PySide6) crashes or aborts the process, so there the signal only sets a flag that
the work reads between pages and frames (files.tick), before a commit and at the end of the command.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like KeyboardInterrupt, so every temporary is removed on the way."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


_pending: list[int] = []  # a signal that came while it was not safe to stop (Qt loaded or loading, a picture painted)
_held = [0]  # > 0 while the command line imports its modules: a KeyboardInterrupt inside an import can abort Python
live: set[Path] = set()  # temporaries being written, removed by a second Ctrl+C that cannot wait
committed = [0]  # outputs renamed into place by this process: a signal after that has nothing left to stop
_where = ["classroom-gui"]  # the command, for the one line a second Ctrl+C prints on its way out
_lines: dict[int, str] = {}  # that line per signal in the command line's --lang, made before any signal (stopping_as)


def pending() -> bool:
    """A signal has come and waits for the next stop_if_signalled."""
    return bool(_pending)


def stop_unless_written() -> None:
    """At the end of a command: a deferred signal stops it as stop_if_signalled does, unless the command's
    files are already in place (the signal came too late to keep them out; the command is simply done)."""
    if committed[0]:
        _pending.clear()
    stop_if_signalled()


def stop_if_signalled() -> None:
    """Raise what a deferred signal asked for (between pictures, before a commit, after Qt loads):
    KeyboardInterrupt for Ctrl+C, Terminated for SIGTERM and SIGHUP."""
    if _pending:
        signum = _pending.pop()
        _pending.clear()
        _raise_for(signum)


def _raise_for(signum: int) -> None:
    """What a signal stops the work with: KeyboardInterrupt for Ctrl+C's SIGINT, else Terminated."""
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _qt_loaded() -> bool:
    # PySide6 is in sys.modules from the first line of its import: a Python exception raised inside shiboken's
    # set-up, or inside Python code that Qt's C++ called (a paint()), aborts or crashes the process
    return "PySide6" in sys.modules or "shiboken6" in sys.modules


def handle_signals(interrupt: bool = False, where: str = "") -> Callable[[], None]:
    """Stop the work on SIGTERM and SIGHUP (and Ctrl+C's SIGINT when `interrupt`, for the command line) by
    unwinding: every temporary is removed on the way (call from the main thread). Returns a function that
    puts the previous handlers back.

    The window (interrupt=False) raises at once except while a picture is painted (scene.render.painting).
    The command line (interrupt=True) raises at once only while neither Qt is loaded nor its own modules are
    being imported (hold_signals); otherwise the signal waits for the next stop_if_signalled: between pages
    or frames (tick), before a commit, and after Qt has loaded. A second signal that cannot wait removes the
    temporaries, prints one line and ends the process at once."""
    if where:
        _where[0] = where
        _lines.clear()  # a new command (tests run many in one process): its line is made again by stopping_as
    if interrupt:
        committed[0] = 0  # a new command (tests run many in one process)
        _pending.clear()

    def stop(signum, _frame):
        render = sys.modules.get("classroom_gui.scene.render")  # not loaded (a trace without Qt): not painting
        painting = render is not None and render.painting
        unsafe = painting or (interrupt and (_held[0] > 0 or _qt_loaded()))
        if unsafe and not _pending:
            _pending.append(signum)
            return
        if unsafe:
            _stop_now(signum)
        _pending.clear()
        _raise_for(signum)

    names = ("SIGTERM", "SIGHUP") + (("SIGINT",) if interrupt else ())
    previous = {}
    for name in names:
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, stop)

    def restore() -> None:
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, handler if handler is not None else signal.SIG_DFL)
    return restore


def _stop_now(signum: int) -> None:
    """A second signal while it is not safe to unwind: remove our temporaries and leave without Python's
    clean-up (which would run Qt's destructors mid-paint)."""
    for tmp in list(live):
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp) if tmp.is_dir() else os.remove(tmp)
    said = _lines.get(signum) or stopped_line(signum, _where[0])  # nothing is looked up in a signal handler
    with contextlib.suppress(OSError, ValueError):
        os.write(2, f"{said}\n".encode())
    os._exit(128 + signum)


def stopped_line(signum: int, where: str, lang: str = "en") -> str:
    """The one line of a stopped command: "classroom-gui deck: stopped; no file was written", "…: stopped by
    SIGTERM; …", in the command line's --lang (polish10: English under --lang ja)."""
    name = "" if signum == signal.SIGINT else signal.Signals(signum).name
    if lang != "en":
        from ..messages.strings import text  # loaded by then: the command line's help is in that language

        return text(lang, "cli.stopped_by" if name else "cli.stopped", where=where, signal=name)
    return f"{where}: stopped by {name}; no file was written" if name else f"{where}: stopped; no file was written"


def say_stopped(stop: BaseException, where: str, lang: str = "en") -> int:
    """One line for a command stopped by Ctrl+C (exit 130) or a termination signal (128 + its number)."""
    signum = signal.SIGINT if isinstance(stop, KeyboardInterrupt) else stop.signum
    print(stopped_line(signum, where, lang), file=sys.stderr)
    return 128 + signum


def stopping_as(where: str, lang: str = "en") -> None:
    """Name the command, and the language, of the line a second signal prints."""
    _where[0] = where
    _lines.clear()
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            _lines[getattr(signal, name)] = stopped_line(getattr(signal, name), where, lang)


@contextmanager
def hold_signals():
    """While the command line imports its modules, a Ctrl+C waits (see handle_signals)."""
    _held[0] += 1
    try:
        yield
    finally:
        _held[0] -= 1
