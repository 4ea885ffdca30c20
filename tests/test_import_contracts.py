"""The import contracts in pyproject.toml ([tool.importlinter]) hold: imports go one way.

import-linter builds the whole import graph (imports inside functions too) and checks each contract;
this test runs it as CI would and shows its report when a contract is broken.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    done = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
                           "sys.exit(lint_imports_command())"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_module_imports_itself_back():
    """No module of classroom_gui imports one that (directly or not) imports it back, not even inside a function or
    for type hints (grimp sees those too): the model (gpt <-> fast, limits -> checkpoint, the family -> its forward),
    the lesson and every other layer are free of import loops."""
    import grimp

    graph = grimp.build_graph("classroom_gui")
    loops = sorted((m, imp) for m in graph.modules for imp in graph.find_modules_directly_imported_by(m)
                   if graph.find_shortest_chain(importer=imp, imported=m))
    assert loops == []


def test_the_window_class_stays_small():
    """MainWindow is widgets and wiring (the state is app.model.ClassroomModel's): at most ~200 lines."""
    import ast

    tree = ast.parse((ROOT / "classroom_gui" / "view" / "window.py").read_text(encoding="utf-8"))
    window = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "MainWindow")
    assert window.end_lineno - window.lineno + 1 <= 200
