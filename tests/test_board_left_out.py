"""review12: export --json said `board_lines_left_out: 0` from the lesson's own count (Frame.board_more) while the
picture's board ended in "… (+4)". The JSON now says what the picture left out."""
from __future__ import annotations

from dataclasses import replace

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
    whole = write_picture(frame, tmp_path / "a.png", ".png", (1024, 768))
    assert whole == frame.board_more == 0 and frame_numbers(frame, sel, whole)["board_lines_left_out"] == 0
    crowded = replace(frame, board=frame.board + [f"{i} = {i}.000" for i in range(80)])
    left = write_picture(crowded, tmp_path / "b.png", ".png", (1024, 768))
    assert 0 < left < 80 and crowded.board_more == 0
    assert frame_numbers(crowded, sel, left)["board_lines_left_out"] == left
    assert write_picture(crowded, tmp_path / "b.svg", ".svg", (1024, 768)) == left  # the same board in any format
