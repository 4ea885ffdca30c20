"""teacher33 #4: the question step's "radar" lines, in a still (an export, a slide, en and ja beat 8 at 1024×768),
were short orange strokes between name tags, one lying on a notebook's top border: nothing said what they were.
Whole, each now ends in an arrowhead at the classmate it points to (clear of every card's digits), and the board
says what the arrows are."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPolygonF

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

CASES = [("The cat sat on the mat", "en", 1, "Arrows:"), ("猫がマットの上に座った", "ja", 0, "矢印：")]


@pytest.mark.parametrize("text,lang,asker,board", CASES, ids=lambda v: str(v)[:6])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=str)
def test_the_question_steps_lines_are_arrows_to_each_classmate(qapp, checkpoint, text, lang, asker, board, size):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask="causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(i for i, b in enumerate(timeline.beats) if b.key == "question.raise")
    frame = frame_at(trace, Selection(focus=asker, lang=lang, canvas=canvas_for(*size), rule="causal"),
                     timeline.beat_stop(beat))
    assert any(line.startswith(board) for line in frame.board), frame.board
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        tips = {link.target: tip for link, tip in scene.links.head_points}
        assert sorted(tips) == [j for j in range(trace.n_tokens) if j != asker]  # one arrow to each classmate
        desks = {s.index: QRectF(s.x, s.y, s.w, s.h) for s in frame.students}
        for seat, (x, y) in tips.items():  # each tip at its classmate's desk, not at the asker's
            near = {k: max(r.left() - x, x - r.right(), r.top() - y, y - r.bottom(), 0.0) for k, r in desks.items()}
            assert near[seat] <= near[asker], (frame.students[seat].text, near)
        heads = [item for item in scene.links.heads.values() if item.isVisible()]
        assert heads
        digits = scene._number_cells(False)
        for item in heads:
            path = item.path()
            for poly in path.toSubpathPolygons():  # (the triangle itself against each strip's cells)
                on = [d for d in digits.tolist()
                      if poly.intersects(QPolygonF(QRectF(d[0], d[1], d[2] - d[0], d[3] - d[1])))]
                assert not on, f"an arrowhead at {poly.boundingRect()} lies on a card's digits {on[0]}"
    finally:
        scene.clear()
