"""The app's icon: three students' cards on a desk, from assets/icons (installed as classroom_gui.assets).

    QApplication.setWindowIcon(app_icon())

PNGs at 16-512 px are rendered from the SVG by packaging/make_icons.py; the window manager picks the size.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from ..resources import assets_dir

ICON_ID = "io.github.attention_classroom"  # the same name as the .desktop file and the AppStream id
SIZES = (16, 32, 48, 64, 128, 256, 512)


def icons_dir() -> Path:
    return assets_dir() / "icons"


def app_icon() -> QIcon:
    """A QIcon with every shipped PNG size; the SVG when no PNG is there. Null only if both are missing."""
    folder = icons_dir()
    icon = QIcon()
    for size in SIZES:
        png = folder / f"{ICON_ID}-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    svg = folder / f"{ICON_ID}.svg"
    if icon.isNull() and svg.is_file():
        icon = QIcon(str(svg))
    return icon
