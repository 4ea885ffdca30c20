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
