"""jareview6 2: the board's own overflow mark is said in the lesson's language: 「…（+2）」 in full-width brackets on a
Japanese board (beside the long list's 「…（+23：12〜34番の席）」), "… (+2)" on an English one. Seen on the seed itself:
at 4:3, step 23 in discussion (every student's row, wrapped to two lines each beside the attention map) leaves
off the last two rows, until boards25 gave the lines the room their wrapped rows take: now all seven fit there too,
and the mark is read off the same rows in a board too small for them."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_seeds_cut_board_ends_in_the_languages_mark(qapp, checkpoint, lang):
    from classroom_gui.scene.classroom import ClassroomScene
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    sel = Selection(focus=0, canvas=canvas_for(1024, 768), rule="none", lang=lang)
    fr = frame_at(trace, sel, timeline_for(trace.n_tokens, trace.config.n_layer).beat_stop(22))  # step 23 on screen
    assert fr.lang == lang and len(fr.board) == 7, fr.board
    scene = ClassroomScene()
    scene.set_frame(fr)
    shown = scene.board.lines.lines
    name = '"座った"' if lang == "en" else "「座った」"
    # all seven rows, in either language (boards25: 「に」 and 「座った」 were left off in Japanese)
    assert scene.board.lines.left_out() == 0 and any(line.startswith(name) for line in shown[-2:]), shown[-2:]
    from classroom_gui.scene.board_fit import fitted
    area = scene.board.lines.area  # the same rows in half the room: the board's own mark, in the lesson's language
    _px, columns, left = fitted(tuple(fr.board), 0, area.width(), area.height() / 2, 1.0, True, lang)
    last = [line for col in columns for line in col][-1]
    assert left > 0 and last == text(lang, "board.more_one" if left == 1 else "board.more", n=left), last
