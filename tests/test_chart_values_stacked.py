"""teacher23 L3: at 4:3 the answer chart's bars are too thin for their values in a row, and it labelled only the
top word's logit (14.72): "of"'s probability, exp(12.99 − 14.72) ÷ 1.588, could not be redone. Values too wide
for one slot now stack (board_bars.value_rows): every value drawn is its own bar's, above (or under) it, clear
of every other value and every other bar, and the top three words' logits and probabilities at least are on the
chart, on the shipped checkpoint, at 4:3 and 16:9."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
@pytest.mark.parametrize("text,lang", [("The little dog ran to the old house", "en"), ("猫がマットの上に座った", "ja")])
def test_the_answer_charts_say_the_top_words_values_each_clear_of_the_rest(qapp, checkpoint, canvas, text, lang):
    from classroom_gui.scene.board_bars import AXIS_W
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(checkpoint, text, "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    try:
        for key in ("answer.logits", "answer.softmax"):
            i = next(i for i, b in enumerate(timeline.beats) if b.key == key)
            frame = frame_at(trace, Selection(lang=lang, canvas=canvas), timeline.beat_stop(i))
            scene.set_frame(frame)
            render_scene(scene, QImage(canvas.width, canvas.height, QImage.Format.Format_ARGB32_Premultiplied))
            chart = scene.board.bars
            values = frame.bars.values
            assert chart.value_texts[:3] == [fmt(v) for v in values[:3]], (key, chart.value_texts)
            boxes = [box for _, box in chart.value_boxes]
            assert len(boxes) == sum(bool(t) for t in chart.value_texts)
            slot = (chart.area.width() - AXIS_W) / len(values)
            for n, (said, box) in enumerate(chart.value_boxes):
                i = chart.value_texts.index(said) if chart.value_texts.count(said) == 1 else None
                if i is not None:  # centred on its own bar (moved in only at the chart's edges)
                    cx = chart.area.x() + AXIS_W + slot * (i + 0.5)
                    assert abs(box.center().x() - cx) < 1 or box.left() <= chart.area.left() + 0.5 \
                        or box.right() >= chart.area.right() - 0.5, (key, said)
                assert chart.area.contains(box), (key, said, box, chart.area)
                assert not any(box.intersects(o) for o in boxes[n + 1:]), (key, said)
    finally:
        scene.clear()
