"""teacher36 #9: the board close-up's scores chart (step 13, 1024x768) was ~80 px of bars under eight big lines, its
ticks 2, -2, -4 (no 0), "-2" and "-4" almost touching. A chart of a few bars now keeps the usual board's share of the
close-up, and its tick labels (0 among them) stand a label and a half apart at least."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.canvas import FOUR_THREE, close_up
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_close_ups_scores_chart_has_room_and_ticks_that_do_not_touch(qapp, checkpoint, lang):
    from classroom_gui.scene import board_bars
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    canvas = close_up(FOUR_THREE)
    frame = frame_at(trace, Selection(focus=1, lang=lang, canvas=canvas), tl.beat_stop(12))  # step 13
    assert frame.bars is not None and frame.chapter_key == "scoring"
    drawn = []
    scene = ClassroomScene()
    real = board_bars.QPainter.drawText

    def spy(p, *args):
        if len(args) == 3 and isinstance(args[2], str):
            drawn.append((args[2], args[0].center().y(), args[0].x()))
        return real(p, *args)
    board_bars.QPainter.drawText = spy
    try:
        scene.set_frame(frame)
        render_scene(scene, QImage(canvas.width, canvas.height, QImage.Format.Format_ARGB32_Premultiplied))
        chart = scene.board.bars
        area, board_h, scale = chart.area, scene.board.panel.boundingRect().height(), chart.theme.font_scale
    finally:
        board_bars.QPainter.drawText = real
        scene.clear()
    assert area.height() >= 0.4 * board_h, (area, board_h)
    axis = [(t, y) for t, y, x in drawn if abs(x - area.x()) < 1 and t.lstrip("-").isdigit()]  # (the tick labels)
    ticks = sorted(y for _, y in axis)
    assert any(t == "0" for t, _ in axis), axis
    line = board_bars.TEXT_PX * scale
    assert len(ticks) >= 2 and all(b - a >= 1.5 * line - 0.5 for a, b in zip(ticks, ticks[1:])), ticks
