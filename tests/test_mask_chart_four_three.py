"""teacher33 #7: chapter 6's two charts at 1024×768 (en beat 16): the in-turn chart wrote The's 0.64 (highlighted)
but not cat's 0.36, its only other heard bar, while the deck's slide wrote both; values too wide for their slots
beside names were written for the highlighted bar alone. The tallest few heard bars now say their values too,
where each clears every other bar and value. And the title "8. Listening: a mix of opinions · discussion" ended
~17 px from the card legend at 1024 px: it now keeps TITLE_GAP (48 canvas px) from it."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
from classroom_gui.scene.board_bars import bar_text

CASES = [("The cat sat on the mat", "en", 1), ("猫がマットの上に座った", "ja", 0)]


def scene_at(checkpoint, text, lang, asker, key, size=(1024, 768), rule="causal"):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask=rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    frame = frame_at(trace, Selection(focus=asker, lang=lang, canvas=canvas_for(*size), rule=rule),
                     timeline.beat_stop(beat))
    scene = ClassroomScene()
    scene.set_frame(frame)
    image = QImage(int(scene.width()), int(scene.height()), QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)
    scene.render(p)  # (the charts lay their values out as they paint)
    p.end()
    return scene, frame


@pytest.mark.parametrize("text,lang,asker", CASES, ids=lambda v: str(v)[:6])
def test_both_mask_charts_say_their_two_tallest_heard_shares(qapp, checkpoint, text, lang, asker):
    scene, frame = scene_at(checkpoint, text, lang, asker, "mask.future")
    try:
        charts = [scene.board.bars, scene.board.beside]
        assert all(c.isVisible() for c in charts)
        for chart in charts:
            values, masked = chart.bars.values, chart.masked
            heard = sorted((i for i in range(len(values)) if not masked[i]), key=lambda i: -values[i])
            for i in heard[:2]:  # the highlighted (tallest) and the next
                assert chart.value_texts[i] == bar_text(values[i]), (chart.bars.title, i, chart.value_texts)
            boxes = [box for _, box in chart.value_boxes]
            for k, box in enumerate(boxes):  # no value on another, each inside its chart
                assert chart.area.contains(box) and not any(box.intersects(o) for o in boxes[k + 1:])
    finally:
        scene.clear()


@pytest.mark.parametrize("text,lang,asker", CASES, ids=lambda v: str(v)[:6])
@pytest.mark.parametrize("key", ["listening.merge", "listening.travel", "mask.future", "question.raise"])
@pytest.mark.parametrize("rule", ["none", "causal"])
def test_the_title_keeps_clear_of_the_legend_at_1024(qapp, checkpoint, text, lang, asker, key, rule):
    scene, frame = scene_at(checkpoint, text, lang, asker, key, rule=rule)
    try:
        t = scene.title
        assert scene.legend.isVisible() and t.isVisible()
        ink = QFontMetricsF(t.font).boundingRect(t.area, t.flags, t.text)
        assert scene.legend.area.x() - ink.right() >= 40, (t.text, ink.right(), scene.legend.area.x())
    finally:
        scene.clear()
