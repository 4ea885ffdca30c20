"""teacher33 #3: chapter 8's listening map was a 7-cell colour strip without numbers over a ~200 px empty grey square
(en step 21 at 1024 x 768, ja step 22's close-up). It is now the asker's row alone, right under its title and the
lines, each cell with its share; where a row's cells are too narrow for their numbers the map is left out."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.state import Selection, frame_at, prepared_run, timeline_for

SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}
BIG = "The cat sat on the mat and the dog sat on the rug near the door"

def listening_frames(checkpoint, text: str, lang: str, canvas, board: bool = False):
    trace = prepared_run(checkpoint, text, "none").trace
    sel = Selection(focus=default_focus(trace.tokens, "none"), lang=lang, rule="none", canvas=canvas, board=board)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for i, b in enumerate(timeline.beats):
        if b.chapter == "listening":
            yield frame_at(trace, sel, timeline.beat_stop(i))

@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
@pytest.mark.parametrize("board", [False, True], ids=["board", "close-up"])
def test_the_listening_map_is_the_askers_row_with_its_numbers(qapp, checkpoint, lang, canvas, board):
    from classroom_gui.scene.classroom import ClassroomScene
    from PySide6.QtGui import QImage, QPainter

    from classroom_gui.scene.heatmap import NUMBER_CELL, TITLE_H, _column_room

    frames = [f for f in listening_frames(checkpoint, SENTENCES[lang], lang, canvas, board) if f.bars is None]
    assert frames  # (a step with the shares' chart draws that instead)
    for f in frames:
        scene = ClassroomScene()
        scene.set_frame(f)
        heat = scene.board.heatmap
        assert heat.isVisible(), f.beat_key
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        x0, y0, cell, side, t, k, margin = heat._grid(painter)
        heat._paint_marks(painter)  # (where its cells are, as a paint leaves it for cell_at)
        painter.end()
        row = f.heatmap.rows[0]
        # no grey block of rows not filled, no empty band: the one row right under the title, its cells numbered
        assert cell >= NUMBER_CELL, f.beat_key
        names = _column_room(f.heatmap, heat.theme.font_scale)  # fix79: the columns' names over the cells
        assert y0 + row * cell - heat.area.top() <= TITLE_H * heat.theme.font_scale + names + 0.5, f.beat_key
        assert heat.area.height() <= TITLE_H * heat.theme.font_scale + names + cell + 8, f.beat_key
        lines_end = scene.board.lines.area.top() + scene.board.lines.used_height()
        assert 0 <= heat.area.top() - lines_end <= 40, f.beat_key  # right under the lines, not over them
        assert heat.cell_at(_point(x0 + cell / 2, y0 + row * cell + cell / 2)) == (row, 0)
        assert heat.cell_at(_point(x0 + cell / 2, y0 + (row + 1.5) * cell)) is None  # a row not drawn is no cell

def test_a_row_too_narrow_for_its_numbers_is_left_out(qapp, checkpoint):
    from classroom_gui.scene.classroom import ClassroomScene

    frames = [f for f in listening_frames(checkpoint, BIG, "en", FOUR_THREE) if f.bars is None]
    scene = ClassroomScene()
    scene.set_frame(frames[-1])
    assert not scene.board.heatmap.isVisible() and scene.board.chart is None

def _point(x, y):
    from PySide6.QtCore import QPointF
    return QPointF(x, y)
