"""A board's attention map too small to carry its numbers gives its room to the worked text above it (teacher40 #1:
step 27's LayerNorm at 16-17 px chalk, 8 px letters on a 1024 x 768 projector, beside half a board of colours
without a number): the lines may take all but HEAT_BARE, and the map gets back what the lines leave. Measured on the
teacher's sentence: before, 16 px (4:3) and 17 px (16:9)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

LEAST = {"4:3": 17, "16:9": 20}


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_a_map_without_numbers_gives_the_lines_its_room(qapp, checkpoint, canvas):
    from classroom_gui.scene.board import HEAT_BARE
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.heatmap import NUMBER_CELL, map_cell

    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "heads.residual")
    frame = frame_at(trace, Selection(focus=0, lang="ja", canvas=canvas), timeline.beat_stop(i))
    scene = ClassroomScene()
    scene.set_frame(frame)
    board, lines = scene.board, scene.board.lines
    chart = board.chart
    assert chart is not None and frame.heatmap is not None
    assert map_cell(frame.heatmap, chart.width(), chart.height(), scene.theme.font_scale) < NUMBER_CELL  # (no numbers)
    assert lines.left_out() == 0 and lines.font.pixelSize() >= LEAST[canvas.name], lines.font.pixelSize()
    assert chart.height() >= HEAT_BARE and lines.area.bottom() <= chart.top()
    assert lines.area.top() + lines.used_height() <= chart.top()
