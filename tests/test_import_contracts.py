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


def test_the_lesson_has_no_import_loop():
    """No module of lesson/ imports one that (directly or not) imports it back, not even for type hints."""
    import grimp

    graph = grimp.build_graph("classroom_gui")
    loops = sorted((m, imp) for m in graph.modules if m.startswith("classroom_gui.lesson")
                   for imp in graph.find_modules_directly_imported_by(m)
                   if imp.startswith("classroom_gui.lesson") and graph.find_shortest_chain(importer=imp, imported=m))
    assert loops == []
