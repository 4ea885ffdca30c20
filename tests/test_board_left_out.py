"""review12: export --json said `board_lines_left_out: 0` from the lesson's own count (Frame.board_more) while the
picture's board ended in "… (+4)". The JSON now says what the picture left out."""
from __future__ import annotations

from dataclasses import replace

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run


def test_the_json_counts_the_board_lines_the_picture_left_out(qapp, tmp_path, checkpoint):
    from classroom_gui.export.frame_json import frame_numbers
    from classroom_gui.export.pictures import write_picture

    trace = compute_run(checkpoint, "猫がマットの上に座った", mask="none").trace
    sel = Selection(focus=0, lang="ja", canvas=canvas_for(1024, 768))
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frame = frame_at(trace, sel, timeline.beat_stop(next(i for i, b in enumerate(timeline.beats)
                                                         if b.key == "embedding.token")))
    whole = write_picture(frame, tmp_path / "a.png", ".png", (1024, 768)).left_out
    assert whole == frame.board_more == 0 and frame_numbers(frame, sel, whole)["board_lines_left_out"] == 0
    crowded = replace(frame, board=frame.board + [f"{i} = {i}.000" for i in range(80)])
    left = write_picture(crowded, tmp_path / "b.png", ".png", (1024, 768)).left_out
    assert 0 < left < 80 and crowded.board_more == 0
    assert frame_numbers(crowded, sel, left)["board_lines_left_out"] == left
    assert write_picture(crowded, tmp_path / "b.svg", ".svg", (1024, 768)).left_out == left  # the same board in any format


LONG = ("After school the young teacher walked slowly to the old library with her students because she wanted to "
        "find a good book about the stars and the moon for them")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_json_counts_the_students_a_short_boards_gaps_leave_out(qapp, tmp_path, checkpoint, lang):
    """fix52's note: a 32-student list drawn as its short board ("… (+16: seats 10–27)" between named students)
    said board_lines_left_out 0 and nothing of the students its gaps skip. board_students_left_out counts them,
    0 where the whole board is drawn."""
    from classroom_gui.export.frame_json import frame_numbers
    from classroom_gui.export.pictures import write_picture

    trace = compute_run(checkpoint, LONG, mask="none").trace
    assert trace.n_tokens > 20
    sel = Selection(focus=trace.n_tokens - 1, lang=lang, canvas=canvas_for(1024, 768))
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    seen = 0
    for i, beat in enumerate(timeline.beats):
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        if not frame.board_short:
            continue
        drawn = write_picture(frame, tmp_path / f"{i}.png", ".png", (1024, 768))
        numbers = frame_numbers(frame, sel, *drawn)
        gaps = [line for line in frame.board_short if line.startswith("…")]
        if drawn.short:  # every line of the whole list is a student; the short list keeps some, the gaps the rest
            seen += 1
            kept = len(frame.board_short) - len(gaps)
            assert gaps and numbers["board_students_left_out"] == len(frame.board) - kept > 0, (beat.key, gaps)
        elif gaps:
            assert numbers["board_students_left_out"] == 0  # the whole list was drawn
        else:  # a short board without gaps (answer time's logits beside the chart) leaves no student out
            assert "board_students_left_out" not in numbers
        if gaps:
            assert frame_numbers(frame, sel)["board_students_left_out"] is None  # no picture: which board is unknown
    assert seen >= 2


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_gap_that_says_only_its_count_is_counted(lang):
    """review30 2: a gap with too many skips to split says only "… (+29)" (board.skipped_count), and
    gap_students read it as 0, so board_students_left_out undercounted (or vanished where every gap is so)."""
    from classroom_gui.export.frame_json import gap_students
    from classroom_gui.lesson.long_lists import Gap, gap_line, picked
    from classroom_gui.lesson.strings import text

    every_other = list(range(0, 64, 2))  # fix55's "too many skips" board
    rows = picked(every_other, set(every_other[-3:]), rows=4)
    lines = [gap_line(lambda key, **v: text(lang, key, **v), r) if isinstance(r, Gap) else f"{r + 1}" for r in rows]
    assert lines[0] == text(lang, "board.skipped_count", n=29)
    one, many = Gap(40, 40, 1), Gap(41, 50, 10)
    lines += [gap_line(lambda key, **v: text(lang, key, **v), g) for g in (one, many)]
    assert gap_students(lines, lang) == 29 + 1 + 10
