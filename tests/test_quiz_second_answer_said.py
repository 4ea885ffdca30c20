"""teacher37 #4: the mask chapter asks two questions and its reveal marked only the first; the second's mark came
only on another →, easy to miss. The first answered card now says at its foot that → shows the other answer, and
says so in the picture; the second (the last of its step) says nothing more."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.strings import WORD_JOINER, text
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.render import render_frame
from helpers import at_two_answers, quiz_model


@pytest.mark.parametrize("lang, sentence", [("ja", "猫がマットの上に座った"), ("en", "The cat sat on the mat")])
@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_the_first_of_two_answers_says_the_other_comes_on_right(qapp, checkpoint, lang, sentence, canvas):
    model = quiz_model(checkpoint, sentence, lang, focus=0, canvas=canvas)
    at_two_answers(model)
    assert model.quiz_choose(0)  # the first question answered: the second is asked
    assert model.quiz_choose(1)  # the second answered: the first answer is marked
    said = text(lang, "quiz.more_answer")
    cards = []
    for _ in range(2):
        frame = model.frame()
        assert frame.quiz is not None and frame.quiz["answer"] is not None
        scene = ClassroomScene()
        render_frame(frame, (canvas.width // 2, canvas.height // 2), scene=scene)
        shown = scene.quiz_keys.text if scene.quiz_keys.isVisible() else ""
        cards.append((frame.quiz["question"], shown))
        if shown:  # drawn inside the card, under its text, clear of its frame
            box, [words], [body] = scene.quiz_card.box, scene.quiz_keys.words(), scene.quiz_text.words()
            assert box.contains(words) and words.top() >= body.bottom() and box.bottom() - words.bottom() >= 16
        model.quiz_next()
    assert cards[0][0] != cards[1][0]
    assert cards[0][1].replace(WORD_JOINER, "") == said and cards[1][1] == ""  # (joined between phrases: teacher40 #10)
