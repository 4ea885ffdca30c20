"""teacher36 #8: at 4:3 the answer chart stacked its values each on its own bar's top and pushed one up past a
neighbour's, so "9.22" (were) stood higher than "9.49" (because): from the back a label's height read as its value.
The values that stack above their bars now stand on one band of two rows, by seat, so no height says more than its
bar does."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("text", ["The cat sat on the mat", "The little dog ran to the old house"])
def test_the_answer_charts_stacked_values_stand_on_two_rows_by_seat(qapp, checkpoint, text):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(checkpoint, text, "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.logits")
    frame = frame_at(trace, Selection(lang="en", canvas=FOUR_THREE), timeline.beat_stop(i))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        render_scene(scene, QImage(FOUR_THREE.width, FOUR_THREE.height, QImage.Format.Format_ARGB32_Premultiplied))
        chart = scene.board.bars
        said = [j for j, t in enumerate(chart.value_texts) if t and j != frame.bars.highlight]
        tops = {j: box.top() for (_, box), j in zip(chart.value_boxes[1:], said)}
    finally:
        scene.clear()
    assert len(said) >= 6, chart.value_texts
    rows = [{round(tops[j], 1) for j in said if j % 2 == k} for k in (0, 1)]
    assert all(len(r) == 1 for r in rows), tops  # one height a row: a taller label is never a larger value's
    assert rows[0] != rows[1]
