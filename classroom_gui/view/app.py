"""run(args): start the classroom window — Qt application, bundled font, teaching model, main window.

An exception that escapes a Qt slot is logged, shown in a dialog (crash.py) and the window keeps running.
"""
from __future__ import annotations

import sys


def run(args) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .. import crash
    from ..model import CheckpointError, load_checkpoint
    from ..resources import teaching_model_dir
    from .icon import app_icon
    from .window import MainWindow

    crash.quiet_qt_fonts()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Attention Classroom")
    app.setDesktopFileName("io.github.attention_classroom")  # Wayland takes the icon from the .desktop file
    app.setWindowIcon(app_icon())
    reporter = crash.install()  # after the name: the log goes to the app's data folder
    try:
        folder = getattr(args, "gui_model", None) or teaching_model_dir()
        failed = None
        try:
            checkpoint = load_checkpoint(folder)
        except CheckpointError as exc:
            print(f"classroom-gui: {exc}", file=sys.stderr)
            if folder == teaching_model_dir():
                _tell(app, exc)  # started from a desktop icon, nobody reads stderr
                return 2
            # a bad --model: the class opens with the teaching model, and the window says why (teacher6 L6)
            failed = exc
            try:
                checkpoint = load_checkpoint(teaching_model_dir())
            except CheckpointError as again:
                print(f"classroom-gui: {again}", file=sys.stderr)
                _tell(app, exc)
                return 2
            print("classroom-gui: opening the teaching model instead", file=sys.stderr)
        window = MainWindow(checkpoint)
        reporter.model = window.model  # an error box in the lesson's language
        window.show()
        if failed is not None and app.platformName() not in ("offscreen", "minimal"):  # (no modal box offscreen)
            QTimer.singleShot(0, lambda: window.model_unreadable(folder, failed, "ui.model_unreadable_start"))
        wake = _stop_on_signals(app)
        try:
            return app.exec()
        finally:
            wake.stop()
    finally:
        reporter.uninstall()


def _stop_on_signals(app):
    """SIGTERM and SIGHUP close the app; one arriving during an export unwinds it first (stopping.Terminated,
    which removes its temporaries, then crash.py's hook quits). Python runs signal handlers only between its
    own bytecodes, so a timer lets it in every 200 ms while Qt's loop waits."""
    from PySide6.QtCore import QTimer

    from ..export.stopping import handle_signals

    handle_signals()
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    return wake


def _tell(app, exc) -> None:
    """The start-up error in a message box, in the language of the saved settings; not without a screen
    (offscreen, as in tests and exports), where a modal box would wait for ever."""
    if app.platformName() in ("offscreen", "minimal"):
        return
    from ..lesson.strings import text
    from . import settings
    from .message_box import critical

    try:
        lang = settings.load(settings.open_store()).lang
    except Exception:  # the message matters more than its language
        lang = "en"
    critical(None, text(lang, "ui.error_title"), exc.phrase.said(lang))  # a CheckpointError
