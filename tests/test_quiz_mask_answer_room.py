"""teacher40 #10: at 4:3 the mask chapter's second answered card was squeezed into the one free desk, its question
in 7 lines of 2-6 characters (「話し合いでは、/第1層・/ヘッド1で/「猫」が/…」). A question in a few lines is tried first
everywhere it may go; a named student whose cards the rule hatches is read by its name only, so the card may cover
those cards (never the names)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.quiz import desk_heads
from classroom_gui.scene.render import render_frame
from helpers import at_two_answers, quiz_model

MOST_LINES = 6  # the question's lines on an answered card that still read as phrases, not fragments


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_both_mask_answers_keep_their_question_in_a_few_lines_off_every_name(qapp, checkpoint, canvas):
    model = quiz_model(checkpoint, "猫がマットの上に座った", "ja", focus=0, canvas=canvas)
    at_two_answers(model)
    seen = 0
    for _ in range(4):
        frame = model.frame()
        model.quiz_next()
        if frame.quiz is None or frame.quiz["answer"] is None:
            continue
        scene = ClassroomScene()
        render_frame(frame, (canvas.width // 2, canvas.height // 2), scene=scene)
        card = scene.quiz_card
        asked = [line for line in card.lines if line and not line.startswith(tuple(frame.quiz["marks"]))]
        assert card.kind == "whole" and len(asked) <= MOST_LINES, card.lines
        for seat, head in desk_heads(scene).items():  # every name the answer is read from stays in sight
            if seat in frame.quiz["seats"]:
                assert not card.box.intersects(head), (seat, card.box, head)
        seen += 1
    assert seen == 2
