"""Chapter 10's heads' board on a projector (fix68): since boards25 a repeated asker carries its seat where another
student is named, and a class of 64 repeated words gave every head's line the asker's seat and the other's:
「ヘッド1：2番の席の「cat」がいちばんよく聞くのは、26番の席の「mat」（0.11）」
drawn at 14 px. The asker is named
once, in the board's heading; each head's row says whom it hears most and how much, from the model."""
from __future__ import annotations

import pytest

from classroom_gui.lesson import state
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson import rules
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.board_fit import LINE_MIN_PX
from text_census import text_census

LONG = " ".join((["the", "cat", "sat", "on", "mat", "the", "dog"] * 10)[:64])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_heads_board_of_a_class_of_64_reads_on_a_projector(qapp, checkpoint, lang):
    from classroom_gui.scene.classroom import ClassroomScene
    trace = run_sentence(checkpoint, LONG, "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    focus = state.default_focus(trace.tokens)
    step = next(i for i, b in enumerate(tl.beats) if b.key == "heads.others")
    sel = Selection(focus=focus, lang=lang)  # (a discussion: its shares gave the longest lines)
    fr = frame_at(trace, sel, tl.beat_stop(step))
    scene = ClassroomScene()
    try:
        scene.set_frame(fr)
        drawn = [t for t in text_census(scene) if t.item is scene.board.lines]  # as a 1920 x 1080 picture draws them
    finally:
        scene.clear()
    assert drawn and all(t.px >= LINE_MIN_PX - 0.01 for t in drawn), [(t.text, t.px) for t in drawn]
    asker = "2番の席の「cat」" if lang == "ja" else '"cat" (seat 2)'
    assert trace.tokens[focus].strip() == "cat" and focus == 1
    assert fr.board[0].startswith(asker) and not any(asker in line for line in fr.board[1:]), fr.board
    seats, shares = rules.under(trace, sel.rule).layers[0].best_heard(focus)
    assert len(fr.board) == 1 + len(seats)
    for line, j, w in zip(fr.board[1:], seats, shares):  # each head's row: whom (with its seat), and the share
        # (at 2 decimals, or more where the runner-up is written the same at 2: student35 #5, 0.0585 here)
        assert f"{int(j) + 1}" in line and any(f"{w:.{d}f}" in line for d in (2, 3, 4)), (line, j, w)
