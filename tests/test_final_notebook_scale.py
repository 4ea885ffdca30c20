"""review18 (note16): the final notebook's label names the colour scale its cells are drawn on («±5»), from one
source (lesson.frame.colour_scale): the label read its finite numbers' largest while the colours skipped a row
holding inf and fell back to ±1."""
import math

import numpy as np
import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.class_rows import colour_scales


def final_notebook(frame):
    return next(st for s in frame.students for st in [s.notebook, *s.cards] if st is not None
                and st.role == "final_notebook")


@pytest.mark.parametrize("inf", [False, True])
def test_the_final_notebook_s_label_names_the_scale_its_colours_use(checkpoint, inf):
    trace = run_sentence(checkpoint, "The cat sat on the mat", "causal").trace  # a class of its own, changed here
    if inf:  # a row holding inf, as a what-if far out could make: it sets no scale, and the label says the one used
        trace.ln_f[-1, 3] = np.inf
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    stop = next(timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.key == "answer.norm")
    frame = frame_at(trace, Selection(focus=1, rule="causal"), stop)
    strip = final_notebook(frame)
    scale = colour_scales([[strip]])["final_notebook"]
    finite = np.abs(np.asarray(strip.values, np.float64))
    assert (scale == 1.0) if inf else math.isclose(scale, finite.max(), rel_tol=5e-3)
    assert strip.label.endswith(f"±{scale:.0f}")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_norm_step_says_what_the_scale_is_and_its_caption_is_whole(qapp, checkpoint, lang):
    """teacher15 L2, jareview2: 「±6」 beside the final notebook was unexplained, and no wording of the label itself fit
    at 11 students 16:9; the norm step's caption says it is that notebook's colour scale, whole at 11-12 students on
    both canvases."""
    from classroom_gui.lesson.strings import WORD_JOINER, quote, text
    from classroom_gui.scene.classroom import ClassroomScene

    words = run_sentence(checkpoint, "猫がマットの上に座ったのは疲れていたからです" if lang == "ja"
                         else "the cat sat on the mat and the dog sat on it too", "causal").trace.tokens
    scene = ClassroomScene()
    try:
        for n in (11, 12):
            trace = run_sentence(checkpoint, ("" if lang == "ja" else " ").join(words[:n]).strip(), "causal").trace
            assert trace.n_tokens == n
            timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
            stop = next(timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.key == "answer.norm")
            for size in ((1920, 1080), (1024, 768)):
                frame = frame_at(trace, Selection(lang=lang, rule="causal", focus=n - 1).sized(*size), stop)
                scale = final_notebook(frame).label.rsplit("±", 1)[1]
                assert frame.narration == text(lang, "answer.norm", last=quote(lang, trace.tokens[-1]), scale=scale,
                                               rerun="")  # told in turn: nothing re-run
                assert f"±{scale}" in frame.narration
                scene.set_frame(frame)
                assert scene.narration.text.replace(WORD_JOINER, "") == frame.narration, (n, size)
    finally:
        scene.clear()
