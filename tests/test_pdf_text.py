"""PDF text is the text: the bundled font is registered with a cmap where no look-alike code point
(Kangxi radical, soft hyphen, combining mark) comes before a glyph's proper character, so Qt's PDF
writer maps 自 back to 自, not to the radical ⾃. Checked on the font's tables and on real PDFs."""
import io
from collections import Counter

import pytest
from fontTools.ttLib import TTFont

from classroom_gui.cli import main
from classroom_gui.resources import assets_dir
from classroom_gui.messages import font_cmap

RADICALS = range(0x2E80, 0x2FE0)
FONT = assets_dir() / "fonts" / "ipaexg.ttf"


@pytest.fixture(scope="module")
def original():
    return FONT.read_bytes()


@pytest.fixture(scope="module")
def fixed(original):
    return font_cmap.fixed_font(original)


def cmap_of(data: bytes) -> dict[int, int]:
    font = TTFont(io.BytesIO(data))
    order = font.getReverseGlyphMap()
    return {cp: order[name] for cp, name in font.getBestCmap().items()}


def test_our_reader_agrees_with_fonttools(original):
    assert font_cmap.read_cmap(original) == cmap_of(original)


def test_the_shipped_font_has_the_shadowing_pairs(original):
    """The cause, as found: these pairs share one glyph, and the look-alike has the lower code point."""
    cmap = cmap_of(original)
    for shadow, proper in ((0x2F83, 0x81EA), (0x2F30, 0x5DF1), (0x00AD, 0x2212), (0x0336, 0x2014), (0x2003, 0x3000)):
        assert cmap[shadow] == cmap[proper] and shadow < proper


def test_the_fixed_font_keeps_one_proper_code_point_per_shared_glyph(original, fixed):
    before, after = cmap_of(original), cmap_of(fixed)
    assert after == font_cmap.one_code_point_per_glyph(before)
    assert all(before[cp] == g for cp, g in after.items())  # nothing remapped, only look-alikes removed
    first = {}
    for cp in sorted(after):  # what Qt's reverse map keeps: the first code point of each glyph
        first.setdefault(after[cp], cp)
    for proper in (0x81EA, 0x5DF1, 0x7D39, 0x4ECB, 0x2212, 0x2014, 0x3000, 0x89D2, 0x2019):
        assert first[after[proper]] == proper, hex(proper)
    shared = Counter(after.values())
    assert all(shared[after[cp]] == 1 for cp in after if cp in RADICALS)  # a radical left has its own glyph
    assert len(before) - len(after) < 300  # only the look-alikes went (273 in IPAex Gothic 00401)
    # the other tables are the original's, byte for byte
    a, b = TTFont(io.BytesIO(original)), TTFont(io.BytesIO(fixed))
    for tag in ("glyf", "hmtx", "name", "OS/2"):
        assert a.reader[tag] == b.reader[tag]


def extracted(path) -> str:
    from pypdf import PdfReader
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_qt_pdf_text_extracts_as_written(qapp, tmp_path):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainter, QPdfWriter

    from classroom_gui.scene import fonts

    words = "自己紹介 −5.01 — 全角\u3000ソフトマックス it’s"
    writer = QPdfWriter(str(tmp_path / "t.pdf"))
    painter = QPainter(writer)
    painter.setFont(fonts.font(40))
    painter.drawText(QPointF(100, 200), words)
    painter.end()
    text = extracted(tmp_path / "t.pdf")
    for piece in ("自己紹介", "−5.01", "—", "全角\u3000", "ソフトマックス", "it’s"):  # (pypdf breaks after U+3000)
        assert piece in text
    assert "\u00ad" not in text and not any(ord(c) in RADICALS for c in text)


def test_japanese_deck_pdf_of_the_teaching_model_copies_right(qapp, tmp_path):
    out = tmp_path / "ja.pdf"
    assert main(["deck", "--text", "猫がマットの上に座った", "--lang", "ja", "--per", "chapter", "-o", str(out)]) == 0
    text = extracted(out)
    assert "自己紹介" in text and "質問" in text and "意見" in text
    assert [c for c in text if ord(c) in RADICALS] == []
    assert main(["export", "--text", "猫がマットの上に座った", "--lang", "ja", "--chapter", "cards",
                 "-o", str(tmp_path / "p.pdf")]) == 0
    picture = extracted(tmp_path / "p.pdf")
    assert "自己紹介" in picture and not any(ord(c) in RADICALS for c in picture)


SYSTEM_FONT_RUN = """
import sys
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from classroom_gui.cli import main
app = QApplication([])  # (the font list is asked for only afterwards: asking first hid the fault)
done = main(["export", "--text", "猫がマットの上に座った", "--lang", "ja", "--mask", "causal", "--focus", "4",
             "--beat", "12", "-o", sys.argv[1]])
sys.exit(done if "IPAexGothic" in QFontDatabase.families() else 3)  # 3: this Qt reads no fontconfig
"""


def test_a_system_ipaex_gothic_does_not_bring_the_radicals_back(tmp_path):
    """With IPAex Gothic installed system-wide (common on Japanese desktops), Qt matched the system file by
    the fixed font's family name and embedded its original cmap: ⾃⼰紹介 again. The fixed copy has a family
    name of its own (scene.font_name). A fontconfig file adds the shipped, unfixed font as a system font."""
    import os
    import subprocess
    import sys

    from classroom_gui.scene import font_name

    system = tmp_path / "system_fonts"
    system.mkdir()
    (system / "ipaexg.ttf").write_bytes(FONT.read_bytes())
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f'<dir>{system}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    out = tmp_path / "p.pdf"
    done = subprocess.run([sys.executable, "-c", SYSTEM_FONT_RUN, str(out)], env=env, capture_output=True,
                          text=True, timeout=300)
    if done.returncode == 3:
        pytest.skip("this Qt does not read fontconfig")
    assert done.returncode == 0, done.stderr
    text = extracted(out)
    assert "自己紹介" in text and not any(ord(c) in RADICALS for c in text)
    assert font_name.family_names(font_name.renamed(FONT.read_bytes())) == {font_name.FAMILY}
