"""The README stays true: its keyboard table lists every shortcut the window binds, CI runs its test line, and its
screenshots' lines are the ones that make them."""
import re
import shlex
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

from classroom_gui.cli import build_parser
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


def test_every_screenshot_is_made_by_a_line_the_readme_shows():
    """student35 #6: docs/screenshots were stale against their own commands. The README shows the lines of
    scripts/make_screenshots.sh that make them, every picture there is made by one, and each export line is one the
    command line takes (the pictures themselves are made by running the script, never compared here)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = text.split("scripts/make_screenshots.sh`", 1)[1].split("```", 2)[1].strip().splitlines()
    script = [line.replace('"$out', '"docs/screenshots').split("  #")[0].strip()
              for line in (ROOT / "scripts" / "make_screenshots.sh").read_text(encoding="utf-8").splitlines()
              if line.startswith(("classroom-gui", "python"))]
    exports = [shlex.split(line) for line in script if line.startswith("classroom-gui")]
    assert [shlex.split(line) for line in shown if line.startswith("classroom-gui")] == exports
    assert any("presenter_screenshots.py" in line for line in shown) and "presenter_screenshots.py" in script[-1]
    made = {Path(argv[argv.index("-o") + 1]).name for argv in exports}
    spec = spec_from_file_location("presenter_screenshots", ROOT / "scripts" / "presenter_screenshots.py")
    presenter = module_from_spec(spec)
    spec.loader.exec_module(presenter)  # (its Qt is imported inside main(), not here)
    made |= {f"{name}-ja-1024x768-presenter.png" for name, *_ in presenter.SHOTS}
    assert {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")} == made
    assert {Path(p).name for p in re.findall(r"\]\((docs/screenshots/[^)]+)\)", text)} <= made
    for argv in exports:
        build_parser().parse_args(argv[1:])  # (exits on a line the command line refuses)
