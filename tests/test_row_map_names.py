"""jareview8 #7: the listening chapter's one-row map (Heatmap.row_only) was titled 「アテンション行列：第1層、ヘッド1」
over a row of numbers with no column names; in the board close-up, with the desks hidden, nothing said which number
was 「マット」's. Its title names whose row it is, and each cell has its student's name over it, in both views."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import quote, text
from classroom_gui.model.sentence import run_sentence

SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


@pytest.mark.parametrize("board", [False, True])
@pytest.mark.parametrize("lang, canvas", [("en", WIDESCREEN), ("ja", FOUR_THREE), ("ja", WIDESCREEN)])
def test_the_one_row_map_says_whose_row_and_whose_column_each_number_is(qapp, checkpoint, lang, canvas, board):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, SENTENCES[lang], "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(lang=lang, rule="none", focus=1, canvas=canvas, board=board)
    frames = [frame_at(trace, sel, tl.beat_stop(i)) for i, b in enumerate(tl.beats) if b.chapter == "listening"]
    frame = next(f for f in frames if f.bars is None)  # the step the map is drawn on (the other shows the chart)
    hm = frame.heatmap
    assert hm.row_only and hm.rows == [1]
    asker = frame.heatmap.labels[1]
    assert hm.title == text(lang, "heatmap.row_title", name=quote(lang, asker), layer=1, head=1)
    assert asker in hm.title and hm.title != text(lang, "heatmap.title", layer=1, head=1)
    scene = ClassroomScene()
    scene.set_frame(frame)
    item = scene.board.heatmap
    assert item.isVisible()
    from PySide6.QtGui import QImage, QPainter
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    try:
        grid = item._grid(p)
    finally:
        p.end()
    x0, y0, cell, side, t, k, margin = grid
    labels = item.column_labels(grid)
    assert len(labels) == trace.n_tokens
    for j, (box, shown) in enumerate(labels):
        name = hm.labels[j]
        assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), (shown, name)
        assert abs(box.left() - (x0 + j * cell)) < 1e-6 and abs(box.width() - cell) < 1e-6  # over its own cell
        assert box.bottom() <= y0 + cell + 1e-6 and box.top() >= item.area.top()  # above the row, in the map's area
    assert sum(shown == name for (_, shown), name in zip(labels, hm.labels)) >= len(labels) - 1  # names, not "…"
