"""Where the files the app ships with live: the teaching model and the Japanese font under assets/.

assets/ is installed as the package data `classroom_gui.assets` (see pyproject.toml), so a
non-editable install finds it; a source checkout finds the top-level folder beside the package.
"""
from __future__ import annotations

from pathlib import Path

FONT = "fonts/ipaexg.ttf"  # under assets_dir(): the one font of the canvas, IPAex Gothic


def assets_dir() -> Path:
    try:
        import classroom_gui.assets as installed  # present in an installed package

        return Path(next(iter(installed.__path__)))
    except ImportError:
        return Path(__file__).resolve().parent.parent / "assets"


def teaching_model_dir() -> Path:
    return assets_dir() / "model"
