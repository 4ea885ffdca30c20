"""jareview6, "not Japanese, but seen": a class of 36 in turn at 4:3. Step 23 (every row of the matrix) stopped at
seat 13 with 「… (+23)」 and left out the asker's own row (seat 36, the highlighted one), while the notes pointed at
the board's first line 『「猫」：1.00』; step 24's three head lines were chalk of ~8 px (no break a board allows)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.speaker_notes import speaker_notes
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.board_fit import LINE_MIN_PX

LONG = "猫がマットの上に座った。犬が庭で寝転んだ。先生が教室で本を読んだ。子供が公園で元気に走った。猫が庭で寝転んだ。"


@pytest.fixture(scope="module")
def trace(checkpoint):
    trace = run_sentence(checkpoint, LONG, "causal").trace
    assert trace.n_tokens == 36
    return trace


def drawn(trace, step: int):
    from classroom_gui.scene.classroom import ClassroomScene
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=trace.n_tokens - 1, lang="ja", rule="causal", canvas=canvas_for(1024, 768))
    fr = frame_at(trace, sel, tl.beat_stop(step - 1))
    scene = ClassroomScene()
    scene.set_frame(fr)
    return fr, list(scene.board.lines.lines), scene.board.lines.font.pixelSize()


def test_the_matrix_board_keeps_the_askers_own_row_and_the_notes_point_at_it(qapp, trace):
    fr, shown, _ = drawn(trace, 23)
    assert fr.beat_key == "everyone.matrix"
    row = "36番の席の「。」："  # the asker's word sits at seats 8, 14, 22 and 30 too: said with its seat
    assert any(line.startswith(row) for line in shown), shown
    assert any(line.startswith("…（ほか") and "〜35番の席）" in line for line in shown), shown  # the gap says its seats
    assert not shown[-1].startswith("…（"), shown[-1]  # nothing cut after the asker's row
    assert speaker_notes(fr, "ja", shown)[0] == "ここを指す：「。」の机、黒板の36番の席の「。」の行。"


def test_the_heads_board_is_chalk_a_room_can_read(qapp, trace, checkpoint):
    fr, shown, px = drawn(trace, 24)
    assert fr.beat_key == "heads.others" and len(fr.board) == 4  # the asker (fix68), then its 3 heads
    assert px >= LINE_MIN_PX, (px, shown)  # each line broken after its 「、」: 「…よく聞くのは、」 / 「31番の席の「猫」（0.34）」
    seed = run_sentence(checkpoint, "猫がマットの上に座った", "causal").trace
    assert drawn(seed, 24)[2] >= LINE_MIN_PX
