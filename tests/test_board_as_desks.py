"""teacher8 L5: the blackboard writes a vector (a notebook, a card) in rows of as many numbers as the desks show a
row of it, so a student matches the board with the asker's desk row by row: 6 a line beside desks of 6 (16:9,
7 students), 5 beside desks of 5 (4:3), where it wrote 8 a line under both. Lines that are not a vector stay."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import compute_run

from board_lines import one_row_each


@pytest.fixture(scope="module")
def trace(checkpoint):
    return compute_run(checkpoint, "猫がマットの上に座った", mask="none").trace


scene_cut = [False]  # whether the last shown_board drew the vectors as the lesson wrote them (Board.desks_cut)


def shown_board(frame):
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        desk = next(d for d in scene.desks if d.isVisible() and getattr(d, "student", None) is not None
                    and d.student.state == "focus")
        scene_cut[0] = scene.board.desks_cut
        return list(scene.board.lines.lines), desk
    finally:
        scene.clear()


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_a_notebook_on_the_board_is_wrapped_as_on_the_asker_s_desk(qapp, trace, size):
    from classroom_gui.scene.board_wrap import desk_rows

    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "embedding.token")
    frame = frame_at(trace, Selection(focus=0, lang="ja", canvas=canvas_for(*size)), timeline.beat_stop(i))
    assert [len(line.split(", ")) for line in frame.board[1:]] == [8, 8, 8]  # the lesson writes 8 a line
    lines, desk = shown_board(frame)
    per_row = desk_rows(desk.box, [24])[24]  # the desk's own rows: its lone word card grown into the desk
    assert per_row == (4 if size[0] == 1920 else 3)  # (teacher40 #1: 4 a row on 16:9, 3 on 4:3's narrower desks)
    vector = [line.strip() for line in lines[1:]]
    assert vector[0].startswith("[") and vector[-1].endswith("]")
    assert [len(line.split(", ")) for line in vector] == [per_row] * (24 // per_row) + ([24 % per_row] if 24 % per_row else [])
    assert " ".join(vector) == " ".join(frame.board[1:])  # the same numbers in the same order
    # teacher17 L1: a list that wraps keeps its comma at each line's end (「…0.36⏎-0.25…」 lost it)
    assert all(line.endswith(",") for line in vector[:-1] + frame.board[1:-1]) and not vector[-1].endswith(",")
    assert lines[0] == frame.board[0]


def test_only_the_vectors_the_lesson_marks_are_wrapped():
    """The scene wraps the vectors the lesson wrote with Frame.write_vector (their numbers as given, never read
    back out of the text); other lines, a vector with numbers left out and bracketed lines it did not mark stay."""
    from classroom_gui.lesson.frame import Frame
    from classroom_gui.scene.board_wrap import board_as_desks

    fr = Frame(0.0, 0, 0, "", "", 1.0, "", "", [], board=["「猫」：ノート"])
    fr.write_vector(["0.21", "0.04", "-0.16"])
    fr.board.append("exp(1.31) = 3.706")
    fr.write_vector(["0.50", "0.25", "0.12"], left_out=765)
    fr.board += ["[1, 2", "3]"]  # bracketed, not marked: a worked sum's lines (write_worked) are written so
    written = ["「猫」：ノート", "[0.21, 0.04, -0.16]", "exp(1.31) = 3.706", "[0.50, 0.25, 0.12, " + text("en", "board.more_items", n=765) + "]", "[1, 2", "3]"]
    assert fr.board == written and [(v.first, v.lines) for v in fr.board_vectors] == [(1, 1), (3, 1)]
    assert board_as_desks(fr, {}) == written
    assert board_as_desks(fr, {3: 2}) == written[:1] + ["[0.21, 0.04,", "-0.16]"] + written[2:]
    assert board_as_desks(fr, {3: 3, 768: 6}) == written


@pytest.mark.parametrize("key", ["cards.query", "heads.residual", "ffn.hidden"])
def test_a_worked_sum_is_drawn_as_written_beside_narrow_desks(qapp, trace, key):
    """review12 (merge damage): the board re-wrapped a worked sum's LayerNorm inputs and W_1 / W_O columns (24
    numbers, no desk's vector) to the desk's 4 a row on 4:3, and the sum's total fell off the board. The worked
    lines are drawn as written, in order; the lesson's own vectors above them still wrap as the desk does."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    frame = frame_at(trace, Selection(focus=0, lang="ja", canvas=canvas_for(1024, 768)), timeline.beat_stop(i))
    start = frame.board_worked
    assert 0 < start < len(frame.board) and any(line.startswith("[") for line in frame.board[start:])
    lines, desk = shown_board(frame)
    drawn, written = ("".join(x).replace(" ", "") for x in (lines, frame.board[start:]))
    assert drawn.endswith(written)  # the whole sum, its total last, no "… (+k)" (a wider line may wrap by width)
    vectors = [line for line in one_row_each(frame.board[start:]) if line.startswith("[")]
    # its inputs and matrix columns whole, as worked wrote them or re-flowed for bigger chalk (fix44)
    assert vectors and all(line in one_row_each(lines) for line in vectors)
    if key == "heads.residual":  # the notebook above the sum, 24 numbers: in rows as the asker's desk shows it
        from classroom_gui.scene.board_wrap import desk_rows

        per = desk_rows(desk.box, [24])[24]
        if scene_cut[0]:  # the desks' rows would push lines off (since fix77's note under it): as the lesson wrote it
            assert per < 6 and lines[1:4] == frame.board[1:4]
            return
        assert per < 6 and [len(line.split(", ")) for line in lines[1:1 + -(-24 // per)]] == [per] * (24 // per) + (
            [24 % per] if 24 % per else [])


def test_a_wrapped_number_list_keeps_its_commas():
    """teacher17 L1: 「…0.36⏎-0.25…」: a list of numbers that wraps keeps the comma at the end of each line it goes on
    after, so that reading the lines together gives the list; the last line closes the bracket without one."""
    from classroom_gui.lesson.numbers import bracketed, vector_lines

    parts = [f"{x / 5:.2f}" for x in range(-5, 6)]
    lines = vector_lines(parts, per_line=4)
    assert lines == ["[-1.00, -0.80, -0.60, -0.40,", "-0.20, 0.00, 0.20, 0.40,", "0.60, 0.80, 1.00]"]
    assert " ".join(lines) == "[" + ", ".join(parts) + "]"
    assert bracketed(parts[:4], 4) == ["[-1.00, -0.80, -0.60, -0.40]"] and bracketed([], 4) == ["[]"]
