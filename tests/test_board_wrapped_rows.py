"""A board's lines get the room their rows take once wrapped (boards25): Japanese at 4:3, the matrix board's rows of
「名前：3つの割合、ほかk人」 each wrap in two, and a room sized by the count of rows drew 5 of the seed's 7 and
「…（+2）」 under a matrix that could spare the room; a 17-student class's short board lost the asker's own row."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

SEED = "猫がマットの上に座った"
SEVENTEEN = "the cat sat on a mat and one dog lay by his red rug near our door"


def _matrix_board(checkpoint, sentence: str):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, sentence).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=trace.n_tokens - 1, lang="ja", canvas=FOUR_THREE)
    frame = next(f for f in (frame_at(trace, sel, timeline.beat_stop(i)) for i in range(len(timeline)))
                 if f.beat_key == "everyone.matrix")
    scene = ClassroomScene()
    scene.set_frame(frame)
    return scene, frame


@pytest.mark.parametrize("sentence", [SEED, SEVENTEEN])
def test_every_row_of_the_matrix_board_is_drawn_at_4_3_in_japanese(qapp, checkpoint, sentence):
    from classroom_gui.scene.board_fit import LINE_MIN_PX
    from classroom_gui.scene.board_wrap import CONTINUED

    scene, frame = _matrix_board(checkpoint, sentence)
    try:
        item = scene.board.lines
        rows: list[str] = []
        for line in (line for col in item.columns for line in col):  # a wrapped row's pieces joined again
            if line.startswith(CONTINUED) and rows:
                rows[-1] += line.strip()
            else:
                rows.append(line)
        lines = frame.board_short if scene.board.short_drawn else frame.board
        assert rows == lines, f"drawn {rows} of {lines}"  # every row (or the short board's every row and gap)
        assert item.left_out() == 0
        assert item.font.pixelSize() >= LINE_MIN_PX
        assert item.area.top() + item.used_height() <= scene.board.chart.top()  # not over the matrix
        assert rows[-1].startswith(f"「{frame.students[-1].text}」")  # the asker's own row, the last seat's
    finally:
        scene.clear()
