"""teacher33 #2: answer time drew the same 24 numbers in three grid shapes (en step 33 at 1024 x 768: desks 1-4 6 x 4,
"the" 4 x 6, the asker "mat" 5 x 5 with an empty 25th cell; ja step 34 「座った」 both grids 5 x 5 with a blank). A
class wraps every whole strip of one length on one shape (scene.desk_boxes.one_shape), and the board's vectors
wrap as the asker's desk does."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.state import Selection, frame_at, prepared_run, timeline_for

SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


def shapes(scene, board: set[int] = frozenset()) -> dict[int, set[tuple[int, int]]]:
    """{a strip's length: the (rows, columns) the drawn desks give its whole, wrapped strips}; the asker's strips of a
    length the board writes (`board`) left out: fix81 (review33 #3) lets only those take the board's shape, so that
    no blank cells spread to the other desks."""
    out: dict[int, set[tuple[int, int]]] = {}
    for d in scene._drawn():
        asker = getattr(d, "student", None) is not None and d.student.state == "focus"
        for v, st in zip(d.views, d.box.strips):
            x = v.strip
            if asker and len(x.values) in board:
                continue
            if st.number_px and not st.shown and st.rows > 1:
                out.setdefault(len(x.values), set()).add((st.rows, st.cols))
    return out


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_a_class_wraps_a_length_in_one_shape(qapp, checkpoint, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = prepared_run(checkpoint, SENTENCES[lang], "none").trace
    sel = Selection(focus=default_focus(trace.tokens, "none"), lang=lang, rule="none", canvas=canvas)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    answer = 0
    for i, beat in enumerate(timeline.beats):
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        scene.set_frame(frame)
        for n, seen in shapes(scene, {len(v.numbers) for v in frame.board_vectors if not v.left_out}).items():
            assert len(seen) == 1, f"{beat.key}: {n} numbers as {sorted(seen)}"
            rows, cols = next(iter(seen))
            # answer time: no blank cell (the embedding's three strips of 24 at 4:3 stay 5 x 5: 6 x 4 is too tall)
            assert beat.chapter != "answer" or rows * cols == n, f"{beat.key}: {n} numbers in {rows} x {cols}"
        answer += beat.chapter == "answer"
    assert answer
