"""teacher33 #5: at 1024 x 768 the normal board of en step 25 (W_O) and step 29 (W_2) wrote ~10-11 px chalk (16-17 px
of the 4:3 canvas) with the bottom 40 % of the board empty: its widest prose line could only wrap into a word alone
("x: each head's new understanding of "cat", side by / side"), which the board refuses (WRAP_LEAST), so the chalk
stayed at the line's unwrapped width. Such a line now breaks earlier (board_wrap.balanced), both pieces long enough,
and the chalk grows into the room."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.state import Selection, frame_at, prepared_run, timeline_for

SEED = "The cat sat on the mat"


@pytest.mark.parametrize("key,least", [("heads.project", 18), ("ffn.residual", 19)])
def test_a_worked_board_at_four_three_grows_its_chalk_into_its_room(qapp, checkpoint, key, least):
    from classroom_gui.scene.board_fit import WRAP_LEAST
    from classroom_gui.scene.board_wrap import CONTINUED
    from classroom_gui.scene.classroom import ClassroomScene

    trace = prepared_run(checkpoint, SEED, "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    sel = Selection(focus=default_focus(trace.tokens, "none"), lang="en", rule="none", canvas=FOUR_THREE)
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, sel, timeline.beat_stop(i)))
    lines = scene.board.lines
    assert lines.font.pixelSize() >= least  # was 16 and 17: 11-12 px on a 1024 x 768 projector
    assert lines.used_height() <= lines.area.height() + 0.5 and lines.left_out() == 0
    fm = QFontMetricsF(lines.font)
    assert all(fm.horizontalAdvance(t) <= lines.area.width() + 0.5 for t in lines.lines)  # nothing runs off
    assert not any(t.startswith(CONTINUED) and len(t.strip()) < WRAP_LEAST for t in lines.lines)


def test_a_line_whose_last_piece_is_a_word_alone_breaks_earlier(qapp):
    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import CONTINUED, balanced, wrapped_at_breaks

    text = "x: each head's new understanding of \"cat\", side by side"
    fm = QFontMetricsF(fonts.font(18))
    width = fm.horizontalAdvance(text[:-3])  # " side" no longer fits: the usual wrap leaves it alone
    usual = wrapped_at_breaks(text, fm, width)
    assert usual[1].strip() == "side"
    pieces = balanced(text, usual, fm, width, 8)
    assert len(pieces) == 2 and pieces[1].startswith(CONTINUED) and len(pieces[1].strip()) >= 8
    assert (pieces[0] + " " + pieces[1].strip()) == text and all(fm.horizontalAdvance(p) <= width for p in pieces)
