"""Hovering just under a card names what is there, not the card: a strip's bounds keep room below it for a card
rising into place (StripItem.set_lift), but its hit area is where it is drawn now (review8)."""
from __future__ import annotations

from PySide6.QtCore import QPointF

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.strip import LIFT_ROOM, StripItem


def still_strips(scene):
    return [i for i in scene.items() if isinstance(i, StripItem) and i.isVisible() and i.view.strip is not None]


def test_hover_under_a_still_card_is_not_the_card(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat .", "causal").trace
    beat = next(b for b in timeline_for(trace.n_tokens, trace.config.n_layer).beats if b.key == "cards.value")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=1, rule="causal"), beat.end))
    strips = [i for i in still_strips(scene) if i.lift == 0]
    assert strips, "the value cards' stop shows strips of their own"
    for item in strips:
        drawn = item.view.bounds()
        inside = item.mapToScene(drawn.center())
        below = item.mapToScene(QPointF(drawn.center().x(), drawn.bottom() + LIFT_ROOM / 2))
        assert item in scene.items(inside)
        assert item not in scene.items(below), item.view.strip.role


def test_a_rising_card_is_found_where_it_is_drawn(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat .", "causal").trace
    beat = next(b for b in timeline_for(trace.n_tokens, trace.config.n_layer).beats if b.key == "cards.value")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=1, rule="causal"), beat.end))
    item = still_strips(scene)[0]
    drawn = item.view.bounds()
    top = item.mapToScene(QPointF(drawn.center().x(), drawn.top() + 1))
    item.set_lift(int(LIFT_ROOM))
    assert item not in scene.items(top)  # it is drawn LIFT_ROOM px lower now
    assert item in scene.items(item.mapToScene(QPointF(drawn.center().x(), drawn.bottom() + LIFT_ROOM - 1)))
