"""Logging, and the window's last line of defence against a bug.

setup_logging(verbose) configures the "classroom_gui" logger: warnings and errors go to stderr (everything
from DEBUG up with --verbose). The window adds a rotating log file in the user's data folder
(add_log_file) and installs an exception hook (install): an exception that escapes a Qt slot, an event
handler or a Python thread is written to the log with its traceback and shown in a message box whose
details can be copied, and the window keeps running.

Qt is imported inside functions only, so the command line can set up logging without loading Qt.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from pathlib import Path

from .messages.fit import shortened

LOGGER = "classroom_gui"
LOG_FILE = "classroom-gui.log"
LOG_DIR_ENV = "CLASSROOM_GUI_LOG_DIR"          # tests (and users) can point the log elsewhere
FALLBACK_DIR = Path("~/.local/share/attention-classroom")
MAX_BYTES, BACKUPS = 1_000_000, 3              # classroom-gui.log + .1 .. .3: at most 4 MB on disk
MAX_SUMMARY = 400                              # columns of the exception shown above the details (messages.fit)
FILE_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

log = logging.getLogger(LOGGER)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time of the record (pytest and IDEs replace it), and to
    nothing when there is none (pythonw on Windows)."""

    def __init__(self, level: int):
        logging.Handler.__init__(self, level)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):  # StreamHandler.setStream; the stream is always the current sys.stderr
        pass

    def emit(self, record):
        if sys.stderr is not None:
            super().emit(record)


class _Brief(logging.Formatter):
    """One line a record: the traceback stays in the log file (and on stderr with --verbose only)."""

    def format(self, record):
        if record.exc_info or record.exc_text or record.stack_info:
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None})
        return super().format(record)


def _ours(handler: logging.Handler) -> bool:
    return getattr(handler, "_classroom_gui", None) is not None


def _replace_handler(kind: str, handler: logging.Handler | None) -> None:
    for old in [h for h in log.handlers if getattr(h, "_classroom_gui", None) == kind]:
        log.removeHandler(old)
        old.close()
    if handler is not None:
        handler._classroom_gui = kind
        log.addHandler(handler)


_verbose = False


def setup_logging(verbose: bool = False) -> logging.Logger:
    """Log WARNING and above to stderr, or DEBUG and above with `verbose`. Safe to call again."""
    global _verbose
    _verbose = bool(verbose)
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler = _StderrHandler(logging.DEBUG if verbose else logging.WARNING)
    handler.setFormatter(_Brief("classroom-gui: %(levelname)s: %(message)s") if not verbose
                         else logging.Formatter("classroom-gui: %(asctime)s %(levelname)s %(name)s: %(message)s"))
    _replace_handler("stderr", handler)
    return log


def log_dir() -> Path:
    """CLASSROOM_GUI_LOG_DIR if set; else Qt's AppDataLocation when Qt is installed (after
    QApplication.setApplicationName, a folder named after the app); else ~/.local/share/attention-classroom."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    try:
        from PySide6.QtCore import QStandardPaths

        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        if location:
            return Path(location)
    except ImportError:
        pass
    return FALLBACK_DIR.expanduser()


def log_path() -> Path | None:
    """The file the log is written to now, or None."""
    for h in log.handlers:
        if getattr(h, "_classroom_gui", None) == "file":
            return Path(h.baseFilename)
    return None


def add_log_file(folder: Path | None = None) -> Path | None:
    """Also log to FOLDER/classroom-gui.log (rotated at 1 MB, 3 old files kept). Returns the path, or None
    when the folder cannot be written: a read-only home must not stop the lesson."""
    folder = Path(folder) if folder is not None else log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write the log file in %s: %s", folder, exc.strerror or exc)
        return None
    handler.setLevel(logging.DEBUG if _verbose else logging.INFO)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    _replace_handler("file", handler)
    return folder / LOG_FILE


def environment() -> str:
    """Versions a bug report needs: app, Python, Qt, PySide6, numpy, system."""
    from . import __version__

    parts = [f"Attention Classroom {__version__}", f"Python {platform.python_version()}"]
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        parts.append(f"Qt {qVersion()} / PySide6 {PySide6.__version__}")
    except ImportError:
        pass
    try:
        import numpy

        parts.append(f"numpy {numpy.__version__}")
    except ImportError:
        pass
    # not platform.platform(): on Linux it runs `uname -p` in a subprocess and reads the whole Python binary
    # for the C library's version, measured at 0.1-1 s at every start (the log's first line is written then)
    parts.append(f"{platform.system()} {platform.release()} {platform.machine()}")
    return ", ".join(parts)


# --- the exception hook ----------------------------------------------------------------------------------

class CrashReporter:
    """Installed as sys.excepthook and threading.excepthook while the window runs.

    Every uncaught exception is logged with its traceback. The first time a given error happens (same
    type, same place) it is also shown in a message box; the box is opened from the event loop, on the
    GUI thread, never inside the handler that failed (a paintEvent must not start a modal loop), and
    one box at a time: an error repeating on every frame is logged, not shown a hundred times.
    """

    def __init__(self):
        from PySide6.QtCore import Qt

        self._bridge = _bridge_class()(self._show)
        app = _qt_app()
        if app is not None:
            self._bridge.moveToThread(app.thread())  # its slot runs on the GUI thread, whoever emits
        self._bridge.report.connect(self._bridge.deliver, Qt.ConnectionType.QueuedConnection)
        self.shown: set[str] = set()      # signatures of the errors already shown
        self.count = 0                    # uncaught exceptions since install
        self.showing = False
        self._previous = None
        self.model = None  # the window's app.model.ClassroomModel: the box speaks its language

    # hooks
    def excepthook(self, exc_type, exc, tb) -> None:
        from .export.stopping import Terminated

        if issubclass(exc_type, Terminated):  # SIGTERM / SIGHUP stopped an export: its files are cleaned up
            log.info("%s", exc)
            app = _qt_app()
            if app is not None:
                app.quit()
            return
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            (self._previous[0] if self._previous else sys.__excepthook__)(exc_type, exc, tb)
            return
        try:
            self.report(exc_type, exc, tb)
        except Exception:  # the hook itself must never fail; fall back to Python's own printout
            sys.__excepthook__(exc_type, exc, tb)

    def thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def report(self, exc_type, exc, tb) -> None:
        self.count += 1
        where = f" in thread {threading.current_thread().name}" if threading.current_thread() is not threading.main_thread() else ""
        log.error("uncaught %s%s: %s", exc_type.__name__, where, _short(exc), exc_info=(exc_type, exc, tb))
        signature = repr(_signature(exc_type, tb))
        if signature in self.shown or _qt_app() is None:
            return
        details = (f"{environment()}\n\n" + "".join(traceback.format_exception(exc_type, exc, tb))).rstrip()
        self._bridge.report.emit(signature, f"{exc_type.__name__}: {_short(exc)}", details)

    # the message box (GUI thread)
    def _show(self, signature: str, summary: str, details: str) -> None:
        if self.showing or signature in self.shown:  # one box at a time; the log has every error
            return
        self.shown.add(signature)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        self.showing = True
        try:
            from .lesson.strings import text  # the lesson's words, in the window's language
            from .view.message_box import informative
            lang, path = _language(self.model), log_path()
            box = details_box(_parent_window(), text(lang, "crash.title"), text(lang, "crash.text"), details)
            informative(box, f"{summary}\n\n" + (text(lang, "crash.info", log=path) if path else
                                                   text(lang, "crash.no_log")))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            copy = box.addButton(text(lang, "crash.copy"), QMessageBox.ButtonRole.ActionRole)
            # a button of a QMessageBox closes it; "Copy details" copies first, then the box closes
            copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{summary}\n\n{details}"))
            box.exec()
            box.deleteLater()
        finally:
            self.showing = False

    # installing
    def install(self) -> "CrashReporter":
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            if sys.excepthook == self.excepthook:
                sys.excepthook = self._previous[0]
            if threading.excepthook == self.thread_excepthook:
                threading.excepthook = self._previous[1]
            self._previous = None


def details_box(parent, title: str, said: str, details: str):
    """A warning box saying `said`, with `details` behind its Show Details… button (the crash box's, and a failed
    job's: view.window_jobs.warn), its words broken between phrases (view.message_box); the caller shows it (exec)
    and deletes it."""
    from .view.message_box import Icon, message_box

    return message_box(parent, Icon.Warning, title, said, details)


def install(log_to_file: bool = True) -> CrashReporter:
    """For the window: the log file (unless told not to) and the exception hooks. Call after the
    QApplication exists and has its name, so the log lands in the app's own data folder."""
    if not any(_ours(h) for h in log.handlers):
        setup_logging(_verbose)
    path = add_log_file() if log_to_file else None
    log.info("started: %s", environment())
    log.debug("log file %s, argv %s", path, sys.argv)
    return CrashReporter().install()


# --- helpers -----------------------------------------------------------------------------------------------

_BRIDGE = None


def _bridge_class():
    """A QObject whose signal carries a report to the GUI thread (a queued connection, from any thread)."""
    global _BRIDGE
    if _BRIDGE is None:
        from PySide6.QtCore import QObject, Signal, Slot

        class Bridge(QObject):
            report = Signal(str, str, str)  # signature, summary, details

            def __init__(self, show):
                super().__init__()
                self._show = show

            @Slot(str, str, str)
            def deliver(self, signature: str, summary: str, details: str) -> None:
                self._show(signature, summary, details)

        _BRIDGE = Bridge
    return _BRIDGE


def _qt_app():
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return None
    return QApplication.instance()


def _short(exc) -> str:
    try:
        text = str(exc)
    except Exception:  # a broken __str__ must not break the report
        text = repr(exc)
    text = " ".join(text.split())
    return shortened(text, MAX_SUMMARY)


def _signature(exc_type, tb) -> tuple:
    """Type and innermost place of an error: the same bug on every frame has one signature."""
    frames = traceback.extract_tb(tb)
    last = frames[-1] if frames else None
    return (exc_type.__qualname__, last.filename if last else "", last.lineno if last else 0)


def _parent_window():
    from PySide6.QtWidgets import QApplication, QMainWindow

    active = QApplication.activeWindow()
    if active is not None:
        return active
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    return windows[0] if windows else None


def _language(model) -> str:
    """The lesson's language (the ClassroomModel's Selection), so a Japanese class gets a Japanese box."""
    from .lesson.strings import LANGUAGES

    lang = model.sel.lang if model is not None else "en"
    return lang if lang in LANGUAGES else "en"


QUIET_QT = "qt.text.font.db.warning=false"  # "OpenType support missing for ...", once per font and script


def quiet_qt_fonts() -> None:
    """Silence Qt's font-database warnings: harmless, and dozens of lines per export otherwise. Rules the
    user sets in QT_LOGGING_RULES still win."""
    from PySide6.QtCore import QLoggingCategory

    QLoggingCategory.setFilterRules(QUIET_QT)
