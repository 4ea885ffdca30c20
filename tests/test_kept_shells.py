"""A card's label row and a desk's body are kept as pictures of their own (scene.strip.StripView.paint_kept,
scene.desk.DeskItem._paint_desk_kept): a new moment that shows the same cards with new numbers paints their cells
and blits their labels, a desk with a new badge or name tag blits its body, to the same pixels as painting in
place. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.desk import DeskItem
from classroom_gui.scene.strip import StripItem, StripView
from test_kept_marks import canvas, count_calls, grab
from text_census import painted_in_place


@pytest.fixture(scope="module")
def lesson(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat", "causal").trace  # (6 students: cards have labels)
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def cards(view) -> dict:
    """{(label, greyed, where on the canvas): what the card shows} of the labelled cards on screen."""
    return {(i.view.strip.label, i.view.masked, i.scenePos().x(), i.scenePos().y()): i.view.content
            for i in view.scene().items()
            if isinstance(i, StripItem) and i.isVisible() and i.view.box is not None and i.view.box.label_h}


def test_new_numbers_under_the_same_labels_blit_the_labels(lesson, monkeypatch):
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    view = canvas()
    pair = None
    before = None
    for beat in timeline.beats:  # two beats in a row: cards with the same labels in the same places show new numbers
        view.set_frame(frame_at(trace, sel, beat.start + 0.97 * beat.duration))
        now = cards(view)
        if before and len([k for k in now if k in before[1] and now[k] != before[1][k]]) >= 3:
            pair = (before[0], beat, len(now.keys() - before[1].keys()))
            break
        before = (beat, now)
    assert pair, "no two beats in a row show new numbers under the same labels"
    first, second = (b.start + 0.97 * b.duration for b in pair[:2])
    view.set_frame(frame_at(trace, sel, first))
    grab(view)
    labels = count_calls(monkeypatch, StripView, "_paint_label")
    bodies = count_calls(monkeypatch, StripView, "paint_body")
    frame = frame_at(trace, sel, second)
    view.set_frame(frame)
    kept = grab(view)
    assert bodies["n"] >= 3 and labels["n"] <= pair[2]  # new numbers painted; only a new card's label painted
    from classroom_gui.scene import pictures
    monkeypatch.setattr(pictures, "paint_item", lambda item, p, key, paint, lift=0: pictures.lifted(p, lift, paint))
    monkeypatch.setattr(StripView, "paint_kept", StripView.paint)  # each label drawn where it is
    monkeypatch.setattr(StripView, "paint_body_kept", StripView.paint_body)
    painted_in_place(monkeypatch)  # every item painted in place, into Qt's item cache
    direct = canvas()
    direct.set_frame(frame)
    assert grab(direct) == kept  # the same pixels as painting every card in place in Qt's item cache
    assert labels["n"] >= len(cards(direct))
    view.close()
    direct.close()


def desks(view) -> dict:
    """{(seat, state, where on the canvas): what the desk shows} of the desks on screen."""
    return {(i.student.index, i.student.state, i.scenePos().x(), i.scenePos().y()): i._key for i in view.scene().items()
            if isinstance(i, DeskItem) and i.isVisible() and i.student is not None}


def test_a_desk_with_a_new_tag_blits_its_body(lesson, monkeypatch):
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    view = canvas()
    pair = None
    before = None
    for beat in timeline.beats:  # two beats in a row: desks in the same state and place show a new tag or badge
        view.set_frame(frame_at(trace, sel, beat.start + 0.97 * beat.duration))
        now = desks(view)
        if before and len([k for k in now if k in before[1] and now[k] != before[1][k]]) >= 3:
            pair = (before[0], beat, len(now.keys() - before[1].keys()))
            break
        before = (beat, now)
    assert pair, "no two beats in a row show new tags on desks in the same state"
    first, second = (b.start + 0.97 * b.duration for b in pair[:2])
    view.set_frame(frame_at(trace, sel, first))
    grab(view)
    bodies = count_calls(monkeypatch, DeskItem, "_paint_body")
    tags = count_calls(monkeypatch, DeskItem, "_paint_tag")
    frame = frame_at(trace, sel, second)
    view.set_frame(frame)
    kept = grab(view)
    assert tags["n"] >= 3 and bodies["n"] <= pair[2]  # new tags painted; only a desk in a new state or place's body
    from classroom_gui.scene import pictures
    monkeypatch.setattr(pictures, "paint_item", lambda item, p, key, paint, lift=0: pictures.lifted(p, lift, paint))
    monkeypatch.setattr(DeskItem, "_paint_desk_kept", DeskItem._paint_desk)  # each body drawn where it is
    painted_in_place(monkeypatch)  # every item painted in place, into Qt's item cache
    direct = canvas()
    direct.set_frame(frame)
    assert grab(direct) == kept  # the same pixels as painting every desk in place in Qt's item cache
    assert bodies["n"] >= len(desks(direct))
    view.close()
    direct.close()
