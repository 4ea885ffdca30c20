"""model/, lesson/, app/ and `classroom-gui trace` run on a machine where PySide6 is not installed: a fresh
interpreter in which importing PySide6 (or shiboken6, pyqtgraph) fails, as it would there."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, NoQt())
"""


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK + code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_blocker_really_blocks_qt():
    done = _run("import PySide6")
    assert done.returncode != 0 and "No module named 'PySide6'" in done.stderr


def test_model_lesson_and_app_import_and_run_without_qt():
    done = _run("""
import importlib, pkgutil
import classroom_gui.model, classroom_gui.lesson, classroom_gui.app
for package in (classroom_gui.model, classroom_gui.lesson, classroom_gui.app):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.resources import teaching_model_dir
checkpoint = load_checkpoint(teaching_model_dir())
model = ClassroomModel(checkpoint)
model.set_run(prepared_run(checkpoint, "The cat sat on the mat", model.sel.rule))
model.play("next_chapter")
print(model.frame().title)
assert "PySide6" not in sys.modules
""")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_the_trace_command_runs_without_qt():
    done = _run("""
from classroom_gui.cli import main
code = main(["trace", "--text", "The cat sat on the mat"])
assert "PySide6" not in sys.modules
sys.exit(code)
""")
    assert done.returncode == 0, done.stderr
    assert "cat" in done.stdout
