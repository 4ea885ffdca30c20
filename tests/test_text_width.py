"""routes28 (#18): text widths are kept per (font, string) (scene.text_width), as a first visit to a beat measures
the same board lines, prefixes and labels again and again. A kept width is QFontMetricsF's own answer for the same
font, in English and Japanese, whatever pixel size rounds to the same font; the store is bounded."""
from __future__ import annotations

import pytest

TEXTS = ["0.63", "The cat sat on the mat", "「猫」がマットの上に座った。", "0.1381 ÷ 38246.30788 = 0.0000036", "", " ",
         "→「座った」", "W_Q · x + b = [0.476, 0.334, …]"]


@pytest.mark.parametrize("px,bold", [(16.0, True), (16.4, True), (17 * 1.25, False), (8, False), (36.0, True)])
def test_a_kept_width_is_the_fonts_own(qapp, px, bold):
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene import fonts, text_width

    text_width.forget()
    slow = QFontMetricsF(fonts.font(px, bold))
    for _ in range(2):  # measured, then kept
        for t in TEXTS:
            assert text_width.widths(px, bold).horizontalAdvance(t) == slow.horizontalAdvance(t), t
            assert text_width.advance(t, px, bold) == slow.horizontalAdvance(t), t
    assert text_width.widths(px, bold).height() == slow.height()  # the rest is QFontMetricsF's


def test_kept_widths_are_bounded_and_told_apart_by_font(qapp, monkeypatch):
    from classroom_gui.scene import text_width

    text_width.forget()
    monkeypatch.setattr(text_width, "KEPT", 50)
    for k in range(400):
        text_width.advance(f"row {k}", 16, k % 2 == 0)
        assert len(text_width._WIDTHS) <= 50
    assert text_width.widths(16, True).number != text_width.widths(16, False).number  # bold: another font's widths
    assert text_width.widths(16.4, True).number == text_width.widths(16, True).number  # (one font: 16 px)
    assert text_width.advance("mat 0.63", 30) > text_width.advance("mat 0.63", 16)


def test_the_board_and_labels_measure_through_the_kept_widths(qapp):
    """The board's fitting and a label's pill read the kept widths: measured once, found again."""
    from classroom_gui.scene import board_fit, link_labels, text_width

    text_width.forget()
    board_fit.advance.cache_clear()
    board_fit.advance("「猫」の注目: 0.50, 0.25, 0.25", 22.3)
    link_labels.pill_rect("0.63", 17.0, (0.0, 0.0))
    assert any(t == "「猫」の注目: 0.50, 0.25, 0.25" for _, t in text_width._WIDTHS)
    assert any(t == "0.63" for _, t in text_width._WIDTHS)
