"""teacher36 #10: at 4:3 step 16's discussion chart (classroom view) labelled only the 3 tallest bars (0.11, 0.17,
0.63), not "on" 0.01 and "the" 0.01, which have room: every heard bar's value that clears the other bars and values
is said, not only the 3 tallest."""
from __future__ import annotations

from PySide6.QtGui import QImage

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


def test_the_mask_charts_say_more_than_the_three_tallest_values_where_they_fit(qapp, checkpoint):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene

    trace = run_sentence(checkpoint, "The cat sat on the mat", "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key.startswith("mask."))
    frame = frame_at(trace, Selection(focus=1, lang="en", canvas=FOUR_THREE), tl.beat_stop(i))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        render_scene(scene, QImage(FOUR_THREE.width, FOUR_THREE.height, QImage.Format.Format_ARGB32_Premultiplied))
        said = scene.board.bars.value_texts
        boxes = [box for _, box in scene.board.bars.value_boxes]
    finally:
        scene.clear()
    assert sum(bool(t) for t in said) >= 5, said  # (cat's 0.06 would stand above sat's 0.17: left out, teacher36 #8)
    assert all(t in ("", fmt(v)) for t, v in zip(said, frame.bars.values))
    assert not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])
