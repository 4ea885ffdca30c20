"""teacher40 #2: chapter 6's two charts at 1024x768 did not say which value went with which bar. On the 4:3
board the values were too wide for their slots at 16 px, so only a few were said (「の」 0.08 and 「に」 0.04 had
none) and one was pushed up over the gap between two bars (「0.09」); in the window (16:9) the in-turn chart's
「0.00」 labels sat on the hatched masked bars and on the zero line. Every bar now says its value (on 4:3 down to
12 px, as big on a 1024x768 projector as the window's 16 px: least_value_px), each value over its own bar and the
masked ones over their hatched stubs."""
from __future__ import annotations

import pytest

from classroom_gui.scene.board_bars import MASKED_STUB, bar_text, least_value_px
from test_mask_chart_four_three import scene_at

CASES = [("The cat sat on the mat", "en", 1), ("猫がマットの上に座った", "ja", 0)]


def test_a_four_three_chart_may_write_its_values_as_big_as_the_window_does():
    assert least_value_px(1920) == 16 and least_value_px(1440) == 12


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}")
@pytest.mark.parametrize("text,lang,asker", CASES, ids=lambda v: str(v)[:6])
def test_every_bar_of_both_mask_charts_says_its_value_over_its_own_bar(qapp, checkpoint, text, lang, asker, size):
    scene, frame = scene_at(checkpoint, text, lang, asker, "mask.future", size=size)
    try:
        for chart in (scene.board.bars, scene.board.beside):
            values = chart.bars.values
            assert chart.value_texts == [bar_text(v) for v in values], (chart.bars.title, chart.value_texts)
            assert chart.value_px >= least_value_px(frame.canvas.width)
            slot = chart._geometry()[0]
            centres, _ = chart.places(slot, chart.zero_y, 1.0)
            boxes = dict(chart.value_boxes and zip(range(len(values)), (box for _, box in chart.value_boxes)))
            for i, box in boxes.items():
                assert abs(box.center().x() - centres[i]) < slot / 2, (i, box, centres[i])  # over its own bar
                if chart.masked[i]:  # over the hatching, never on it or on the zero line
                    assert box.bottom() <= chart.zero_y - MASKED_STUB + 0.01, (i, box, chart.zero_y)
                assert not any(box.intersects(o) for j, o in boxes.items() if j != i)
    finally:
        scene.clear()
