"""run(args): start the classroom window — Qt application, bundled font, teaching model, main window.

An exception that escapes a Qt slot is shown in a dialog and the window keeps running.
"""
from __future__ import annotations

import sys
import traceback


def _show_error(exc_type, exc, tb) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    details = "".join(traceback.format_exception(exc_type, exc, tb))
    sys.stderr.write(details)
    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "Attention Classroom", f"{exc_type.__name__}: {exc}")
    box.setDetailedText(details)
    box.exec()


def run(args) -> int:
    from PySide6.QtWidgets import QApplication

    from ..model import CheckpointError, load_checkpoint
    from ..resources import teaching_model_dir
    from . import fonts
    from .window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Attention Classroom")
    folder = getattr(args, "gui_model", None) or teaching_model_dir()
    try:
        checkpoint = load_checkpoint(folder)
    except CheckpointError as exc:
        print(f"classroom-gui: {exc}", file=sys.stderr)
        return 2
    window = MainWindow(checkpoint)
    window.show()
    sys.excepthook = _show_error
    return app.exec()
