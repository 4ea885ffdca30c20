"""jareview6 2: the board's own overflow mark is said in the lesson's language: 「…（+2）」 in full-width brackets on a
Japanese board (beside the long list's 「…（+23：12〜34番の席）」), "… (+2)" on an English one. Seen on the seed itself:
at 4:3, step 23 in discussion (every student's row, wrapped to two lines each beside the attention map) leaves
off the last two rows."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
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
    if lang == "en":  # its rows are shorter ("… (+4)" for 「ほか4人」): all seven fit, no mark of the board's own
        assert scene.board.lines.left_out() == 0 and shown[-1].startswith('"座った"'), shown[-2:]
        return
    left = scene.board.lines.left_out()
    assert left > 0 and shown[-1] == f"…（+{left}）", shown[-2:]
