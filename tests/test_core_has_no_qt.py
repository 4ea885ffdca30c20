"""The model and the lesson logic must run without Qt (CLI, export, tests on a machine with no display).

Two checks: a static scan of every import statement (catches a Qt import hidden inside a function
that the import check would not run), and importing every module in a fresh interpreter (catches Qt
pulled in indirectly, through another module).
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "classroom_gui"
CORE = ["model", "lesson"]
FORBIDDEN = {"PySide6", "shiboken6", "pyqtgraph"}


def _core_files() -> list[Path]:
    return sorted(p for sub in CORE for p in (PACKAGE / sub).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def forbidden_imports(source: str, filename: str = "<source>") -> list[str]:
    """`file:line module` for each import of a forbidden package, in any import form."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call):  # importlib.import_module("PySide6...") or __import__("...")
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
                names = [str(node.args[0].value)]
        found += [f"{filename}:{node.lineno} {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    return found


def test_the_scan_finds_every_import_form():
    source = ("import os\nimport PySide6.QtCore as qc\nfrom shiboken6 import isValid\n"
              "def f():\n    import pyqtgraph\n    importlib.import_module('PySide6.QtGui')\n"
              "    __import__('pyqtgraph.exporters')\nfrom .PySide6 import x\nimport PySide6_helpers\n")
    lines = sorted(int(hit.split(":")[1].split()[0]) for hit in forbidden_imports(source))
    assert lines == [2, 3, 5, 6, 7]


def test_core_sources_do_not_import_qt():
    files = _core_files()
    assert any(p.name == "gpt.py" for p in files)
    hits = [hit for p in files for hit in forbidden_imports(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))]
    assert hits == [], "Qt imported in the core:\n" + "\n".join(hits)


def test_importing_the_core_loads_no_qt():
    modules = [_module_name(p) for p in _core_files()]
    code = f"""
import importlib, json, sys
failed = {{}}
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = repr(exc)
print(json.dumps({{"qt": sorted(m for m in sys.modules if m.split(".")[0] in {sorted(FORBIDDEN)!r}),
                  "failed": failed}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "", "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["failed"] == {}, f"core modules that do not import: {result['failed']}"
    assert result["qt"] == [], f"importing {', '.join(CORE)} loaded {result['qt']}"


@pytest.mark.parametrize("name", ["classroom_gui.cli"])
def test_cli_trace_path_loads_no_qt(name):
    """`classroom-gui trace` runs on a machine without Qt too: the CLI imports the window lazily."""
    code = (f"import sys, {name}; from classroom_gui.model import trace_json, sentence; "
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
