"""Render the app icon's PNGs from its SVG: assets/icons/io.github.attention_classroom-{16..512}.png.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Uses PySide6's QSvgRenderer (the same renderer the app has), so no other tool is needed. Run it again
after editing the SVG, and commit the PNGs.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the source tree's classroom_gui, whose icons this writes
from classroom_gui.view.icon import ICON_ID, SIZES  # noqa: E402  (the names and sizes app_icon() loads)

ICONS = ROOT / "assets" / "icons"


def render(svg: Path, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  (QImage text/fonts need one)
    svg = ICONS / f"{ICON_ID}.svg"
    for size in SIZES:
        out = ICONS / f"{ICON_ID}-{size}.png"
        if not render(svg, size).save(str(out), "PNG"):
            raise SystemExit(f"make_icons: could not write {out}")
        print(out.relative_to(ICONS.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
