"""teacher37 #3, #6: at 1024 x 768 a wrong pick for the next-word question was drawn as 「ア「。」✓」 alone, at ~14 px in
the title row: the class's choice and its ✗ were missing, and the sum's card shrank to ~17 px in a narrow slot. Now
the answered card of a class's choice says both marks, at the asked card's size where there is room."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.quiz_play import class_questions
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.quiz_place import ASKED_PX
from classroom_gui.scene.render import render_frame
from helpers import quiz_model


def answered(checkpoint, kind: str, canvas, right: bool):
    model = quiz_model(checkpoint, "猫がマットの上に座った", focus=3, canvas=canvas)
    q = next(q for q in class_questions(model.shown_trace(), model.sel) if q.kind == kind)
    model.player.jump(model.player.timeline.beat_stop(q.step - 2))
    model.quiz_next()
    good = q.choices.index(q.answer)
    pick = good if right else (good + 1) % len(q.choices)
    assert model.quiz_choose(pick)
    frame = model.frame()
    scene = ClassroomScene()
    render_frame(frame, (canvas.width, canvas.height), scene=scene)
    return frame.quiz, scene.quiz_card, q.choices[good], q.choices[pick]


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
@pytest.mark.parametrize("kind", ["next_word", "sum"])
def test_a_wrong_pick_is_marked_beside_the_answer_and_big(qapp, checkpoint, kind, canvas):
    quiz, card, good, pick = answered(checkpoint, kind, canvas, right=False)
    text = "\n".join(card.lines)
    assert "✓" in text and "✗" in text, card.lines
    marked = [line for line in text.replace("      ", "\n").split("\n") if "✓" in line or "✗" in line]
    assert any(good in line for line in marked if "✓" in line) and any(pick in line for line in marked if "✗" in line)
    assert card.px >= ASKED_PX, (card.kind, card.px)


@pytest.mark.parametrize("kind", ["next_word", "sum"])
def test_a_right_pick_is_big_too(qapp, checkpoint, kind):
    quiz, card, good, _ = answered(checkpoint, kind, FOUR_THREE, right=True)
    assert "✓" in "\n".join(card.lines) and "✗" not in "\n".join(card.lines)
    assert card.px >= ASKED_PX, (card.kind, card.px)
