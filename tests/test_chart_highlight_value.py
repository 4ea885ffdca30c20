"""review26 #5: with values stacked (board_bars.value_rows) the highlighted bar's value was drawn only where
value_rows placed it, and it placed none whose box touches a taller neighbour's bar. The scoring chapter
highlights the score just worked out (04_scoring: highlight=upto), often not the tallest: its value, the one the
narration names, went missing. It is now always drawn, placed first."""
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from classroom_gui.lesson.frame import Bars
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.strings import text
from classroom_gui.scene import fonts, palette
from classroom_gui.scene.board_bars import AXIS_W, STAGGER_WIDE, TEXT_PX, BarsItem


def painted(bars: Bars, rect: QRectF) -> BarsItem:
    item = BarsItem()
    item.set_bars(bars, rect, palette.CLASSROOM)
    image = QImage(int(rect.right()) + 8, int(rect.bottom()) + 8, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)
    try:
        item.paint(p, None)
    finally:
        p.end()
    return item


def test_the_highlighted_score_beside_a_taller_one_is_always_said(qapp):
    values = [111.25, 113.5, 112.75, 968.5, 114.25, 112.5]  # what-if scores: seat 3 the highest; 2 and 4 worked out
    ink = max(QFontMetricsF(fonts.font(TEXT_PX, True)).horizontalAdvance(fmt(v)) for v in values)
    # values wider than a slot, so stacked, yet each reaching over its neighbour's bar (0.7 slot wide)
    slot = ((ink + 4) / STAGGER_WIDE + ink / 1.3) / 2
    assert ink + 4 <= STAGGER_WIDE * slot and ink / 2 > slot - 0.7 * slot / 2
    labels = ["the", "cat", "sat", "on", "the", "mat"]
    for highlight in (2, 4):
        bars = Bars(text("en", "bars.scores"), labels, values, "key", highlight=highlight)
        chart = painted(bars, QRectF(10, 10, AXIS_W + slot * len(values), 420))
        assert max(values) != values[highlight]
        assert chart.value_texts[highlight] == fmt(values[highlight]), chart.value_texts
        said = [box for t, box in chart.value_boxes if t == fmt(values[highlight])]
        assert len(said) == 1 and chart.area.contains(said[0])
        others = [box for t, box in chart.value_boxes if t != fmt(values[highlight])]
        assert not any(said[0].adjusted(-4, 0, 4, 0).intersects(o) for o in others)  # the rest kept clear of it
