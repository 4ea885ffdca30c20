"""The font every piece of text on the canvas uses: IPAex Gothic, bundled in assets/fonts, so Japanese
words render on a machine without any CJK system font (where Qt would draw empty boxes).

The font file is registered with Qt once per process; that needs a QGuiApplication, so call
ui_family() after one exists. The family's ASCII digits are tabular (all the same width), which keeps
columns of numbers aligned without a separate monospace font.
"""
from __future__ import annotations

import warnings
from functools import lru_cache

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ..resources import FONT, assets_dir

_family: str | None = None
_app_id: int | None = None  # the application the font was registered with (a new one forgets it)


def ui_family() -> str:
    """The family name to give every QFont on the canvas (the bundled one if it loaded)."""
    global _family, _app_id
    app = QGuiApplication.instance()
    if _family is not None and id(app) == _app_id:
        return _family
    if app is None:
        raise RuntimeError("fonts.ui_family() needs a QGuiApplication; create one first")
    _app_id = id(app)
    path = assets_dir() / FONT
    font_id = _register(path) if path.is_file() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        _family = families[0]
    else:  # still draw something; Japanese may show as boxes, and the warning says why
        warnings.warn(f"could not load the bundled font {path}; Japanese text may not render", RuntimeWarning,
                      stacklevel=2)
        _family = QGuiApplication.font().family()
    return _family


def _register(path) -> int:
    """Register the font with its cmap fixed for PDF text (font_cmap: 自 must not come out as ⾃) under a
    family name of its own (font_name: a system IPAex Gothic must not be matched instead), or as it is if
    the fix cannot be made."""
    import struct

    from ..messages.font_cmap import fixed_font_file
    from .font_name import renamed

    try:
        data = renamed(fixed_font_file(str(path)))  # (the same bytes messages.glyphs reads its character map from)
    except (ValueError, struct.error, OSError):
        return QFontDatabase.addApplicationFont(str(path))
    return QFontDatabase.addApplicationFontFromData(QByteArray(data))


@lru_cache(maxsize=256)
def font(pixel_size: float, bold: bool = False) -> QFont:
    """A QFont of the UI family at a pixel size (canvas pixels, not points: the canvas is 1920 wide)."""
    f = QFont(ui_family())
    f.setPixelSize(max(1, int(round(pixel_size))))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same shapes at every export scale
    return f
