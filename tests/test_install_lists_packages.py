"""`pip install .` (not editable, as CI and a fresh machine do) installs only the packages pyproject.toml lists:
every folder of classroom_gui with an __init__.py must be listed, or the installed app misses it."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_installed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "classroom_gui").rglob("__init__.py")}
    assert found - listed == set()
