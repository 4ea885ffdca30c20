"""student39 #6 (a lost fix, redone): at step heads.residual on 4:3 in Japanese the board re-flowed the notebook's
numbers 8 a line, out of the rows the asker's desk writes them in (6 a row: the English board kept them), since its
longer lines only fit that way above the attention map. The map now shrinks (to HEAT_MIN, ~260 px) where that keeps
the desks' rows; where they fit already (English) it keeps its size."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


def residual_board(checkpoint, text: str, lang: str, focus: int):
    from classroom_gui.scene.board import HEAT_BARE, HEAT_MIN
    from classroom_gui.scene.heatmap import NUMBER_CELL, map_cell
    from classroom_gui.scene.board_wrap import board_as_desks
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    step = next(i for i, b in enumerate(tl.beats) if b.key == "heads.residual")
    frame = frame_at(trace, Selection(focus=focus, lang=lang, canvas=FOUR_THREE), tl.beat_stop(step))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        board = scene.board
        rows = set(board_as_desks(frame, scene.desk_rows)) - set(frame.board)  # the desks' rows the board writes
        drawn = {line.strip() for line in board.lines.lines}
        bare = map_cell(frame.heatmap, board.chart.width(), board.chart.height(), 1.0) < NUMBER_CELL
        return board.desks_cut, rows, drawn, board.chart.height(), HEAT_BARE if bare else HEAT_MIN
    finally:
        scene.clear()


@pytest.mark.parametrize("text, focus", [("The cat sat on the mat", 1), ("猫がマットの上に座った", 0)])
def test_the_notebook_stays_in_the_desks_rows_in_japanese(qapp, checkpoint, text, focus):
    cut, rows, drawn, chart_h, least = residual_board(checkpoint, text, "ja", focus)
    assert rows and not cut
    assert all(line.strip() in drawn for line in rows), (rows, drawn)
    assert chart_h >= least - 0.5  # the map no smaller than its least (HEAT_BARE where its cells carry no numbers:
    # it gives the lines its room, teacher40 #1)


def test_english_keeps_its_map(qapp, checkpoint):
    cut, rows, drawn, chart_h, least = residual_board(checkpoint, "The cat sat on the mat", "en", 1)
    assert rows and not cut and all(line.strip() in drawn for line in rows)
    assert chart_h > least + 40  # (326 px: the rows fit above it as it was)
