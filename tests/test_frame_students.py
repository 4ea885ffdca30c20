"""frame_at seats the class by copying each student's starting fields, kept beside the trace per canvas
(lesson.state.class_rows, frame.seated_copies), instead of calling Student's __init__ for every desk (1,024 desks:
~4 ms a frame): the students are the ones __init__ makes, and no frame's changes reach another frame."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.lesson import layout
from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson import state
from classroom_gui.lesson.frame import Strip, Student, seated_copies
from classroom_gui.lesson.state import Selection, class_rows, frame_at, timeline_for
from classroom_gui.model import forward

WORDS = "the cat sat on the mat .".split()


@pytest.fixture(scope="module")
def trace(checkpoint):
    ids = [checkpoint.tokenizer.encode(w)[0].id for w in WORDS]
    made = forward(ids, checkpoint.params, checkpoint.config, tokens=WORDS)
    made.unknown[2] = True  # a word the model does not know: its desk says so
    return made


def made_by_init(trace, canvas, focus):
    return [Student(index=j, text=trace.tokens[j], unknown=trace.unknown[j], x=x, y=y, w=w, h=h,
                    state="focus" if j == focus else "normal")
            for j, (x, y, w, h) in enumerate(layout.seats(trace.n_tokens, canvas))]


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE])
def test_the_copies_are_the_students_init_makes(trace, canvas):
    """Every field of every student (its __dict__: the notebook and cards not set), as __init__ makes them."""
    copies = seated_copies(class_rows(trace, canvas))
    expected = made_by_init(trace, canvas, -1)
    assert copies == expected and [vars(s) for s in copies] == [vars(s) for s in expected]


def test_every_beats_students_are_those_of_students_made_by_init(trace, monkeypatch):
    sel = Selection(focus=2, layer=1, head=2)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    moments = [b.start + b.duration * 0.6 for b in timeline.beats]
    copied = [frame_at(trace, sel, t).students for t in moments]
    monkeypatch.setattr(state, "seated_copies", lambda rows: [
        Student(**{k: r[k] for k in ("index", "text", "unknown", "x", "y", "w", "h")}) for r in rows])
    for t, students in zip(moments, copied):
        assert frame_at(trace, sel, t).students == students, t


def test_a_frames_changes_to_its_students_stay_in_that_frame(trace):
    sel = Selection(focus=1)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    t = timeline.beats[len(timeline.beats) // 2].start
    first = frame_at(trace, sel, t)
    again = frame_at(trace, sel, t)
    seats = frame_at(trace, Selection(focus=4), 0.0)
    assert first.students == again.students and first.students[0] is not again.students[0]
    for s in first.students:  # what a chapter or the scene may do to a frame's desks
        s.state, s.badge, s.opacity, s.x = "masked", "0.99", 0.5, s.x + 7
        s.notebook = Strip("notebook", np.zeros(3), "x")
        s.cards = []
    assert [vars(s) for s in frame_at(trace, Selection(focus=4), 0.0).students] == [vars(s) for s in seats.students]
    assert frame_at(trace, sel, t).students == again.students
