"""teacher5 L12: answer time's first step showed the selected layer's attention map (layer 1, head 1 by default)
with the lesson's asker's row outlined, which an audience read as "the answer comes from layer 1, where "cat"
listens". At answer time the map is the last layer's, with the answering (last) student's row."""
from __future__ import annotations

import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run


@pytest.mark.parametrize("lang, sentence, title", [("en", "The cat sat on the mat", "layer 3"),
                                                   ("ja", "猫がマットの上に座った", "第3層")])
@pytest.mark.parametrize("step", ["norm", "logits", "softmax"])
def test_answer_time_maps_the_last_layer_with_the_answering_students_row(lang, sentence, title, step, checkpoint):
    trace = compute_run(checkpoint, sentence, mask="none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == f"answer.{step}")
    fr = frame_at(trace, Selection(focus=0, layer=0, head=1, lang=lang), tl.beat_stop(i))
    last, in_turn = trace.n_tokens - 1, rules.under(trace, rules.ANSWER_RULE)
    assert fr.heatmap.focus_row == last and title in fr.heatmap.title
    assert (fr.heatmap.matrix == in_turn.layers[-1].head(1).weights).all()
