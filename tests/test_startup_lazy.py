"""The window's start-up stays lean: what the first frame does not need is not imported by the time the window
has painted and done its after-paint work, and each lazy part still loads when it is used.

The real start path runs in a fresh process (this test process has imported everything already):
`classroom_gui.cli.main()` with no arguments, as the `classroom-gui` script calls it, with the teaching model.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Imported only when used: the side panel's charts (and pyqtgraph), the dialogs, the what-if editor, the
# quiz, the exporters (and their libraries), the thread pool of long inputs.
LAZY = ("pyqtgraph", "classroom_gui.view.charts", "classroom_gui.view.dialogs", "classroom_gui.view.whatif_edit",
        "classroom_gui.view.export_dialogs", "classroom_gui.view.compare_dialog",
        "classroom_gui.view.gallery_dialog", "classroom_gui.lesson.quiz_play", "classroom_gui.lesson.quiz",
        "classroom_gui.lesson.worksheet", "classroom_gui.export.pictures", "classroom_gui.export.deck",
        "classroom_gui.export.video", "classroom_gui.export.png", "classroom_gui.export.deck_pptx",
        "classroom_gui.export.worksheet_pdf", "classroom_gui.export.compare", "pptx", "imageio_ffmpeg",
        "concurrent.futures")

# Waits for the window's first paint and one more turn of the event loop after its after-paint work, notes
# the modules, then opens what loads lazily (the side panel, the help screen's module, the quiz) and notes
# them again. The QApplication.exec wrapper is put in place by an import hook, so nothing is imported early.
CHILD = r"""
import importlib.util, json, sys
sys.argv = ["classroom-gui"]
OUT = {}


def watch(QtWidgets):
    from PySide6.QtCore import QEvent, QObject, QTimer
    QApplication = QtWidgets.QApplication
    qt_exec = QApplication.exec

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "painted" not in OUT:
                OUT["painted"] = True
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, self.done))  # after the after-paint work
            return False

        def done(self):
            OUT["hook"] = type(sys.excepthook.__self__).__name__ if hasattr(sys.excepthook, "__self__") else ""
            OUT["after_paint_done"] = not window.later.jobs and window.sentence._known is not None
            OUT["at_first_paint"] = sorted(sys.modules)
            window.show_charts(True)
            window.charts.set_frame(window.model.frame(), 0, 0)
            window.model.set_quiz(True)
            window.model.quiz_next()
            from classroom_gui.view import dialogs  # noqa: F401  (what show_help imports)
            OUT["charts_tabs"] = window.charts.count()
            OUT["after_use"] = sorted(sys.modules)
            QApplication.instance().quit()

    def exec_and_watch(*args):
        global window
        window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "canvas"))
        window.canvas.viewport().installEventFilter(watcher)
        return qt_exec()

    watcher = Watch()
    QApplication.exec = exec_and_watch


class WaitForQt:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            watch(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, WaitForQt())
from classroom_gui.cli import main
main()
print(json.dumps(OUT))
"""


def loaded(names, modules) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


def test_the_first_frame_loads_only_what_it_shows(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c"),
           "CLASSROOM_GUI_LOG_DIR": str(tmp_path / "log"), "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    first = set(out["at_first_paint"])
    assert out["painted"] and out["after_paint_done"]  # the completions were sorted after the first paint
    assert out["hook"] == "CrashReporter"  # errors are caught from the start
    assert "classroom_gui.scene.classroom" in first and "classroom_gui.lesson.typing_help" in first
    assert loaded(LAZY, first) == []
    # each lazy part still loads when it is used (so the list above names real imports)
    used = set(out["after_use"])
    assert loaded(("pyqtgraph", "classroom_gui.view.charts", "classroom_gui.lesson.quiz_play",
                   "classroom_gui.view.dialogs"), used) == ["pyqtgraph", "classroom_gui.view.charts",
                                                             "classroom_gui.lesson.quiz_play", "classroom_gui.view.dialogs"]
    assert out["charts_tabs"] == 2
