"""The README stays true: its keyboard table lists every shortcut the window binds, and CI runs its test line."""
from pathlib import Path

from classroom_gui.view.shortcuts import SHORTCUTS

ROOT = Path(__file__).resolve().parent.parent


def test_keyboard_table_matches_the_shortcut_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for keys, _action, _help in SHORTCUTS:
        assert "| " + " / ".join(f"`{k}`" for k in keys) + " |" in readme, keys


def test_ci_runs_the_readme_test_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    line = readme[readme.index("<!-- test-command -->") + 2]
    assert "pytest" in line and "pip install" in line
    assert "test-command" in (ROOT / ".ci" / "run").read_text()
