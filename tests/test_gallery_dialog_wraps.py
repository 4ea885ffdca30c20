"""The gallery dialog at 1024×768 in Japanese (teacher3 M4): an item whose description wraps is as tall as all
of its lines, so nothing is cut to "…"; the lines are counted by Qt's own text layout at the list's width."""
from __future__ import annotations

from PySide6.QtGui import QFontMetricsF, QTextOption

from classroom_gui.lesson.gallery import gallery_of
from classroom_gui.lesson.strings import text
from classroom_gui.model import load_checkpoint
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.wrapped_text import line_starts
from classroom_gui.view.gallery_dialog import TEXT_MARGIN, GalleryDialog
from classroom_gui.view.window import use_bundled_font


def laid_out_lines(line: str, font, width: float) -> int:  # as Qt's item views wrap: at words, or anywhere
    return len(line_starts(line.strip(), font, width, QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere))


def test_every_gallery_item_is_as_tall_as_its_wrapped_lines_in_japanese(qtbot):
    use_bundled_font()
    folder = teaching_model_dir()
    lang = "ja"
    d = GalleryDialog(None, gallery_of(folder)[0], lambda key, **v: text(lang, key, **v), lang,
                      load_checkpoint(folder).tokenizer)
    qtbot.addWidget(d)
    d.resize(760, 560)  # its size on a 1024×768 screen
    d.show()
    qtbot.waitExposed(d)
    font, view = d.list.font(), d.list
    metrics = QFontMetricsF(font)
    width = view.viewport().width() - 2 * view.spacing() - 2 * TEXT_MARGIN
    wrapped = 0
    for row in range(view.count()):
        lines = view.item(row).text().split("\n")
        n = sum(laid_out_lines(line, font, width - (metrics.horizontalAdvance("    ") if line.startswith(" ") else 0))
                for line in lines)
        wrapped += n > len(lines)
        assert view.visualItemRect(view.item(row)).height() >= n * metrics.lineSpacing(), row
    assert wrapped  # the case of the report is there: at least one description wraps at this width
