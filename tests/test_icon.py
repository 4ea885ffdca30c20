"""The app icon: the SVG and its PNGs are shipped, the SVG draws something, the PNGs are the SVG's
current rendering (run packaging/make_icons.py after editing it), and app_icon() gives Qt an icon."""
import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from classroom_gui.view.icon import ICON_ID, SIZES, app_icon, icons_dir

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"


def _render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(icons_dir() / f"{ICON_ID}.svg")).render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def test_icon_files_are_shipped():
    assert (icons_dir() / f"{ICON_ID}.svg").is_file()
    for size in SIZES:
        png = icons_dir() / f"{ICON_ID}-{size}.png"
        assert png.is_file(), f"{png.name} is missing; run packaging/make_icons.py"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png.name


def test_svg_renders_the_three_cards(qapp):
    assert QSvgRenderer(str(icons_dir() / f"{ICON_ID}.svg")).isValid()
    image = _render(128)
    opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(0, 128, 2) for y in range(0, 128, 2))
    assert opaque > 0.6 * 64 * 64  # a filled tile, not a blank or a speck
    found = {QColor(image.pixelColor(x, y)).name() for x in range(128) for y in range(128)}
    for colour in ("#0072b2", "#e69f00", "#009e73"):  # the Okabe-Ito blue, orange and green cards
        assert colour in found, colour


@pytest.mark.parametrize("size", [32, 256])
def test_pngs_are_the_svg_rendered(qapp, size):
    png = QImage(str(icons_dir() / f"{ICON_ID}-{size}.png")).convertToFormat(QImage.Format.Format_ARGB32)
    svg = _render(size)
    diff = sum(abs(a - b) for x in range(size) for y in range(size)
               for a, b in zip(png.pixelColor(x, y).getRgb(), svg.pixelColor(x, y).getRgb()))
    assert diff / (size * size * 4) < 2.0, "the PNGs are older than the SVG: run packaging/make_icons.py"


def test_app_icon_has_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= set(SIZES)
    assert not icon.pixmap(QSize(48, 48)).isNull()


def test_desktop_entry_and_metainfo_name_the_icon():
    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str
    entry.read(LINUX / f"{ICON_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == ICON_ID and desktop["Exec"].split()[0] == "classroom-gui"
    assert desktop["Name[ja]"] == "アテンション教室"
    root = ET.parse(LINUX / f"{ICON_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == ICON_ID
    assert root.find("launchable").text == f"{ICON_ID}.desktop"
