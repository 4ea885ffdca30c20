"""scene.text_lines draws a one-line text from a kept layout with exactly the pixels QPainter.drawText(rect,
flags, text) gives: over the canvas's fonts and sizes, scales (an export at 640 x 360, the window, 4K), fractions
of a pixel, every alignment, numbers, names in Japanese, and texts wider or taller than their rectangle."""
from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

A = Qt.AlignmentFlag
ALIGNS = [A.AlignCenter, A.AlignLeft | A.AlignVCenter, A.AlignRight | A.AlignVCenter, A.AlignHCenter | A.AlignTop,
          A.AlignLeft | A.AlignBottom, A.AlignRight | A.AlignTop]
TEXTS = ["0.43", "-1.20", "12.34", "-0.05", "…", "7", "0.0", "猫", "マット", "座った", "「の」", "attention", "W_Q", "34%"]


def paint(how: str, text: str, font, rect: QRectF, flags, scale: float, dx: float, dy: float, colour: str) -> bytes:
    from classroom_gui.scene import text_lines
    image = QImage(240, 140, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(200, 120, 90))
    p = QPainter(image)
    p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    p.translate(dx, dy)
    p.scale(scale, scale)
    p.setPen(QColor(colour))
    if how == "drawText":
        p.setFont(font)
        p.drawText(rect, flags, text)
    elif how == "draw_centred":  # rect: (x, y, w, h), always centred
        text_lines.draw_centred(p, (rect.x(), rect.y(), rect.width(), rect.height()), text, font)
    else:
        text_lines.draw_text(p, rect, flags, text, font)
    p.end()
    return bytes(image.constBits())


def test_kept_lines_paint_what_draw_text_paints(qapp):
    from classroom_gui.scene import fonts
    rng = random.Random(18)
    differ = []
    for _ in range(600):
        text = rng.choice(TEXTS)
        font = fonts.font(rng.choice([9, 12, 14, 15, 16, 18, 22, 28]), rng.random() < 0.3)
        # rectangles from roomy to too small for the text (then both clip to it)
        rect = QRectF(rng.uniform(0, 30), rng.uniform(0, 20), rng.uniform(8, 90), rng.uniform(6, 50))
        args = (text, font, rect, rng.choice(ALIGNS), rng.choice([1 / 3, 0.5, 0.8333, 1.0, 1.37, 2.0]),
                rng.uniform(0, 3), rng.uniform(0, 3), rng.choice(["#000000", "#1A1A1A", "#FFFFFF", "#3366CC"]))
        if paint("drawText", *args) != paint("kept", *args):
            differ.append(args[:5])
    assert not differ, f"{len(differ)} of 600 differ, e.g. {differ[:3]}"


@pytest.mark.parametrize("text,flags", [("a\nb", A.AlignCenter), ("tab\there", A.AlignLeft | A.AlignVCenter),
                                        (" padded ", A.AlignRight | A.AlignVCenter), ("wrapped words", int(A.AlignLeft | A.AlignTop) | int(Qt.TextFlag.TextWordWrap)),
                                        ("", A.AlignCenter)])
def test_other_texts_are_left_to_draw_text(qapp, text, flags):
    """What a kept line would place differently from Qt (several lines, tabs, spaces at the ends, wrapping) is
    drawn by drawText itself: the same pixels, and the painter's font is left as it was."""
    from classroom_gui.scene import fonts, text_lines
    assert not (flags in text_lines.ALIGNMENTS and text_lines.plain_text(text))  # draw_text's own test
    args = (text, fonts.font(16), QRectF(3.3, 4.1, 60, 30), flags, 0.8333, 0.4, 0.7, "#000000")
    assert paint("drawText", *args) == paint("kept", *args)


def test_a_layout_is_made_once_per_text_and_font(qapp):
    from classroom_gui.scene import fonts, text_lines
    a = text_lines.line("0.43", fonts.font(15))
    assert text_lines.line("0.43", fonts.font(15)) is a
    assert text_lines.line("0.43", fonts.font(15, True)) is not a
    assert text_lines.line("0.44", fonts.font(15)) is not a


def test_centred_numbers_paint_what_draw_text_paints(qapp):
    """draw_centred (a card's numbers) gives draw_text's pixels for centred texts: cells roomy and too small
    (then clipped to the cell, as drawText clips), fractions of a pixel, the canvas's scales."""
    from classroom_gui.scene import fonts
    rng = random.Random(61)
    differ = []
    for trial in range(400):
        text = rng.choice(TEXTS[:7] + [f"{rng.uniform(-99, 99):.2f}", "-12.345", "猫", "1.23e+07", ""])
        font = fonts.font(rng.choice([14, 15, 16]), rng.random() < 0.2)
        rect = (rng.uniform(0, 30), rng.uniform(0, 20), rng.uniform(8, 70), rng.uniform(6, 40))
        scale, dx, dy = rng.choice([1 / 3, 0.5, 0.8333, 1.0, 2.0]), rng.uniform(0, 3), rng.uniform(0, 3)
        images = [paint(how, text, font, QRectF(*rect), A.AlignCenter, scale, dx, dy, "#1A1A1A")
                  for how in ("draw_text", "draw_centred")]
        if images[0] != images[1]:
            differ.append((text, rect, scale))
    assert not differ, f"{len(differ)} of 400 differ, e.g. {differ[:3]}"


def test_a_kept_layouts_advance_is_what_font_metrics_measure(qapp):
    """strip.all_fit and shown_number measure a card's numbers by their kept layouts (text_lines.line), not
    QFontMetricsF: the same advance to the bit, for numbers as cards write them at the sizes cards use."""
    import numpy as np
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.lesson.numbers import fmt_many
    from classroom_gui.scene import fonts, text_lines
    values = np.concatenate([np.random.default_rng(0).normal(0, 3, 300), [1e7, -2.5e8, 0.0, -0.0, 99.99, -0.004]])
    texts = set(fmt_many(values)) | set(fmt_many(values, 1)) | set(fmt_many(values, signed=True)) | {"…"}
    for px in (8, 12, 12.6, 14, 16, 22):
        font = fonts.font(px)
        metrics = QFontMetricsF(font)
        assert [text_lines.line(t, font).advance for t in sorted(texts)] == \
            [metrics.horizontalAdvance(t) for t in sorted(texts)]
