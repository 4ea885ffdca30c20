"""A class's strips given once as arrays (Frame.class_strips): every desk's notebook and cards read from them
are the trace's rows, a student's own strips (the asker's extra card) are kept, the scene draws a big class
without making its plain desks' Strips, and the picture it draws from the arrays is, pixel for pixel, the one
it draws from every desk's own Strips."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def trace(checkpoint):
    words = "the cat sat on the mat".split() * 11
    return run_sentence(checkpoint, " ".join(words[:64])).trace


def moments(trace, at=(0.5, 0.999)):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    seen = set()
    for beat in timeline.beats:
        if beat.key in seen:  # one beat of each step (scoring has one per classmate)
            continue
        seen.add(beat.key)
        for a in at:
            yield beat.key, beat.start + beat.duration * a


def pixels(frame) -> np.ndarray:
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene
    scene = ClassroomScene()
    scene.set_frame(frame)
    image = QImage(960, 540, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image)
    return np.frombuffer(image.constBits(), np.uint8).reshape(540, image.bytesPerLine())[:, :960 * 4].copy()


def test_a_desks_strips_are_its_rows_of_the_class_arrays(trace):
    frame = frame_at(trace, Selection(focus=1), timeline_for(64, trace.config.n_layer).chapter_end("question"))
    block = frame.class_strips
    assert block is not None and block.roles == ["notebook", "query", "key", "value"]
    L = trace.layers[0]
    H = L.head(0)
    for s in (frame.students[0], frame.students[1], frame.students[63]):
        assert s.notebook.role == "notebook" and np.array_equal(s.notebook.values, L.x[s.index].tolist())
        assert [c.role for c in s.cards] == ["query", "key", "value"]
        for card, rows in zip(s.cards, (H.q, H.k, H.v)):
            assert card.values == rows[s.index].tolist() and card.label and card.visible == 1.0
        assert s.cards[0].raised == (s.index == 1)  # the asker holds its question up
    assert frame.students[5].cards is frame.students[5].cards  # made once, then the student's own


def test_an_asker_given_a_card_of_its_own_keeps_it(trace):
    timeline = timeline_for(64, trace.config.n_layer)
    frame = frame_at(trace, Selection(focus=1), timeline.chapter_end("listening"))
    asker, other = frame.students[1], frame.students[2]
    assert [c.role for c in asker.cards] == ["query", "key", "value", "context"]
    assert [c.role for c in other.cards] == ["query", "key", "value"]


def test_the_scene_draws_a_big_class_without_making_its_plain_desks_strips(qapp, trace):
    from classroom_gui.scene.classroom import ClassroomScene
    scene = ClassroomScene()
    for key, t in moments(trace, at=(0.999,)):
        frame = frame_at(trace, Selection(focus=1), t)
        if frame.class_strips is None:
            continue
        scene.set_frame(frame)
        made = [s.index for s in frame.students if s.own_strips()]
        assert scene.composed, key
        assert len(made) <= 2, (key, made)  # the asker, and answer time's last student


def test_the_picture_from_the_arrays_is_the_picture_from_every_desks_strips(qapp, trace):
    checked = 0
    for key, t in moments(trace):
        frame = frame_at(trace, Selection(focus=1), t)
        if frame.class_strips is None:
            continue
        fast = pixels(frame)
        for s in frame.students:  # every desk's Strips made, and the arrays taken away: the per-desk reading
            s.notebook, s.cards = s.notebook, s.cards
            s.seated = None
        frame.class_strips = None
        assert np.array_equal(fast, pixels(frame)), key
        checked += 1
    assert checked >= 20
