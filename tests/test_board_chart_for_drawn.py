"""review26 #6: the answer board's chart was sized for the full board's line count (a worked sum of 14 lines or more
takes from the chart for its chalk) before the board switched to its short form (Frame.board_short) where the full
one does not fit: the chart was smaller for lines that were not drawn. It is now sized for the board drawn."""
from __future__ import annotations

from dataclasses import replace

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


def logits_frame(trace, canvas):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.logits")
    return frame_at(trace, Selection(lang="en", rule="causal", canvas=canvas), timeline.beat_stop(i))


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
def test_the_chart_is_sized_for_the_short_board_it_is_drawn_beside(qapp, checkpoint, canvas):
    from classroom_gui.scene.board import DENSE_LINES
    from classroom_gui.scene.classroom import ClassroomScene

    frame = logits_frame(run_sentence(checkpoint, "The cat sat on the mat", "causal").trace, canvas)
    assert frame.board_short and frame.bars is not None
    long = ["= " + "+".join(["12345.678×98765.432"] * 40)] * DENSE_LINES  # a worked sum no board holds: too wide
    scene = ClassroomScene()
    scene.set_frame(replace(frame, board=long))
    drawn = [line.strip() for line in scene.board.lines.lines]
    chart = scene.board.chart
    assert drawn == [line.strip() for line in frame.board_short] and scene.board.lines.left_out() == 0
    scene.set_frame(replace(frame, board=list(frame.board_short), board_short=[]))  # the short board as the board
    assert chart == scene.board.chart  # the same chart as beside that board drawn for its own sake
    scene.set_frame(frame)  # the worked sum itself (16 lines) still takes from the chart for its chalk
    assert scene.board.chart.height() < chart.height()
