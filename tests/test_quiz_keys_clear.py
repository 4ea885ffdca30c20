"""teacher37 #13: the asked card's keys line 「答えは、キーの1〜4（ア〜エの順）か…」 touched the card's bottom edge on the
softmax question (10 canvas px under it, half of that under the frame's pen). It now keeps well clear of the frame."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.quiz_play import class_questions
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.quiz import asked_box
from classroom_gui.scene.render import render_frame
from helpers import quiz_model


@pytest.mark.parametrize("lang, sentence", [("ja", "猫がマットの上に座った"), ("en", "The cat sat on the mat")])
@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_the_keys_line_keeps_clear_of_the_cards_frame(qapp, checkpoint, lang, sentence, canvas):
    model = quiz_model(checkpoint, sentence, lang, focus=0, canvas=canvas)
    seen = 0
    for q in class_questions(model.shown_trace(), model.sel):
        model.player.jump(model.player.timeline.beat_stop(q.step - 2))
        model.quiz_next()
        frame = model.frame()
        if frame.quiz is None or frame.quiz["answer"] is not None:
            continue
        scene = ClassroomScene()
        render_frame(frame, (canvas.width // 2, canvas.height // 2), scene=scene)
        [keys] = scene.quiz_keys.words()
        [text] = scene.quiz_text.words()
        placed = scene.quiz_asked  # the panel as placed (its pen drawn half outside, half inside); None: over the board
        panel = placed.box if placed is not None else asked_box(frame.canvas)
        assert panel.bottom() - keys.bottom() >= 16, (q.kind, panel, keys)  # the frame's pen and a clear gap
        assert keys.top() >= text.bottom() + 4, (q.kind, text, keys)  # the choices above it, clear too
        seen += 1
    assert seen >= 2
