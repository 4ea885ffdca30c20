"""One card, one number of decimals (teacher10 L4): a notebook at the answer step of the gallery's "…too wide"
example showed "-11.1 0.67 4.52 6.84 12.97 -24.6", each number too wide for its cell losing a decimal on its own.
Now a card writes every number with 2 decimals, or, where one of them does not fit its cell so, every number
with 1."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

WIDE = "The animal didn't cross the street because it was too wide"


def decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_card_at_the_answer_step_has_one_number_of_decimals(qapp, checkpoint, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, WIDE, "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene, ones, cards = ClassroomScene(), 0, 0
    for i, beat in enumerate(timeline.beats):
        if beat.chapter != "answer":
            continue
        scene.set_frame(frame_at(trace, Selection(focus=10, lang=lang, canvas=canvas, rule="causal"),
                                 timeline.beat_stop(i)))
        for d in scene.desks:
            if not d.isVisible() or d.box is None:
                continue
            for view, box in zip(d.views, d.box.strips):
                numbers = [t for t in view.painted_numbers() if t != "…"]
                if not numbers:
                    continue
                cards += 1
                kinds = {decimals(t) for t in numbers}
                assert len(kinds) == 1, (beat.key, d.student.text, numbers)
                if kinds == {1}:  # only where 2 would not fit: a number of 6 characters or more ("-24.62", "12.97")
                    ones += 1
                    assert max(len(f"{float(v):.2f}") for v in view.strip.values[: len(numbers)]) > 5, numbers
    # since legible30 a lone notebook takes wider cells where "-24.62" needs them, so this example's cards write 2
    # decimals everywhere on both canvases (before, 16:9's 11 desks wrote 1 on some): one kind a card, as asserted
    assert cards and not ones
