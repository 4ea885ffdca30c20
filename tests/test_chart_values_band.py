"""teacher36 #8: at 4:3 the answer chart stacked its values each on its own bar's top and pushed one up past a
neighbour's, so "9.22" (were) stood higher than "9.49" (because): from the back a label's height read as its value.
The values that stack above their bars stand on one band of two rows, by seat, so no height says more than its
bar does.
teacher40 #4: the band was still two rows over bars of almost one height (10.24 over 10.25) where the 1024x768
window's 16:9 chart kept one row; the 4:3 chart now writes its values at down to 12 px (as big on that projector
as the window's 16 px: board_bars.least_value_px), so it keeps one row too: each value just over its own bar."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

TEXTS = ["The cat sat on the mat", "The little dog ran to the old house", "猫がマットの上に座った"]


def answer_chart(checkpoint, text, canvas, lang="en"):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(checkpoint, text, "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.logits")
    frame = frame_at(trace, Selection(lang=lang, canvas=canvas), timeline.beat_stop(i))
    scene = ClassroomScene()
    scene.set_frame(frame)
    render_scene(scene, QImage(canvas.width, canvas.height, QImage.Format.Format_ARGB32_Premultiplied))
    return scene, frame


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_answer_charts_values_stand_on_one_row_each_over_its_bar_as_in_the_window(qapp, checkpoint, text, canvas):
    lang = "ja" if text.startswith("猫") else "en"
    scene, frame = answer_chart(checkpoint, text, canvas, lang)
    try:
        chart = scene.board.bars
        slot = chart._geometry()[0]
        centres, ends = chart.places(slot, chart.zero_y, (chart.zero_y - chart.area.y()) / max(chart.axis[1], 1e-9))
        texts, boxes = chart.value_texts, [box for _, box in chart.value_boxes]
    finally:
        scene.clear()
    assert texts == [fmt(v) for v in frame.bars.values]  # every word's logit
    assert chart.value_px >= 12
    for i, box in enumerate(boxes):  # one row: each just over its own bar, none lifted over a neighbour's value
        assert abs(box.center().x() - centres[i]) < slot / 2, (i, texts[i])
        assert not any(box.intersects(o) for o in boxes[i + 1:]), texts[i]
    bars = sorted(range(len(boxes)), key=lambda i: frame.bars.values[i])
    tops = [boxes[i].top() for i in bars]
    assert tops == sorted(tops, reverse=True), tops  # a higher label is a larger value's, never a neighbour's lift
