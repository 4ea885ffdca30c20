"""student39 #2: the board close-up's attention map (`export --board`, chapter 10's heads step) had its numbers at 6
and 8 students but none at 9: its cells, 46 px (44 px on 4:3), were under the map's NUMBER_CELL (50 px), though
their numbers fit them at 17 px, above the app's least number size. The close-up's map now has its numbers wherever
they are at least that size (scene.layout.least_number_px); the usual board's map is as it was."""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN, close_up
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

NINE = "The cat sat on the mat and the dog"
NUMBER = re.compile(r"^\d\.\d\d$")


def map_numbers(checkpoint, canvas, key: str, board: bool) -> list[tuple[str, float]]:
    """The numbers drawn in the map's cells at step `key` of NINE on `canvas`, in the close-up if `board`: (text, font
    px) each."""
    from classroom_gui.scene import heatmap
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(checkpoint, NINE, "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    step = next(i for i, b in enumerate(tl.beats) if b.key == key)
    frame = frame_at(trace, Selection(focus=1, lang="en", canvas=canvas, board=board), tl.beat_stop(step))
    drawn, real = [], heatmap.text_lines.draw_text

    def spy(p, rect, flags, text, font):
        if NUMBER.match(text):
            drawn.append((text, font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF()))
        return real(p, rect, flags, text, font)
    heatmap.text_lines.draw_text = spy
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        scene.board.heatmap.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # painted in place, not from a kept picture
        scene.board.heatmap.blits = False
        render_scene(scene, QImage(canvas.width, canvas.height, QImage.Format.Format_ARGB32_Premultiplied))
        shown = scene.board.heatmap.isVisible()
        assert frame.canvas.close_up == board
    finally:
        heatmap.text_lines.draw_text = real
        scene.clear()
    assert shown, key
    return drawn


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("key", ["heads.others", "layers.layer"])
def test_the_close_ups_map_of_nine_students_has_its_numbers(qapp, checkpoint, canvas, key):
    from classroom_gui.scene.layout import least_number_px

    drawn = map_numbers(checkpoint, canvas, key, board=True)
    assert len(drawn) == 81, drawn  # every cell of the 9 x 9 matrix (a discussion: none masked)
    assert min(px for _, px in drawn) >= least_number_px(close_up(canvas), 9), drawn


def test_the_usual_boards_map_keeps_its_cells_without_numbers(qapp, checkpoint):
    """Not the close-up: the usual board's map of nine (cells of ~39 px) has no numbers, as before."""
    drawn = map_numbers(checkpoint, WIDESCREEN, "everyone.matrix", board=False)
    assert drawn == []


@pytest.mark.parametrize("board", [True, False], ids=["close-up", "usual"])
def test_the_close_ups_whole_map_names_its_columns(qapp, checkpoint, board):
    """Its columns named in the band over the cells (with the desks hidden nothing else says whose share a column
    is), at the least number size or bigger; the usual board's whole map names its rows only, as before."""
    from PySide6.QtGui import QPainter

    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.layout import least_number_px

    trace = run_sentence(checkpoint, NINE, "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    step = next(i for i, b in enumerate(tl.beats) if b.key == "heads.others")
    frame = frame_at(trace, Selection(focus=1, lang="en", board=board), tl.beat_stop(step))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        item = scene.board.heatmap
        image = QImage(frame.canvas.width, frame.canvas.height, QImage.Format.Format_ARGB32_Premultiplied)
        p = QPainter(image)
        grid = item._grid(p)
        p.end()
        names = [shown for _, shown in item.column_labels(grid)]
        px = item.column_font(grid[2]).pixelSize()
    finally:
        scene.clear()
    if board:
        assert names == trace.tokens and px >= least_number_px(frame.canvas, 9), (names, px)
    else:
        assert names == []
