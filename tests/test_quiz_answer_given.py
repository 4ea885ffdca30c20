"""teacher34 #13: the quiz took no answer, so a class could not be told right or wrong. The class's choice is given
by a key (1-4, or A-D as the card's marks) or a click on its line while a question is asked: the answer is
revealed with that choice marked, the card framed green when right and red when wrong (✗ on the choice, ✓ on the
answer), and → goes on as before. The asked card says the keys; a slide (no keys) does not."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from classroom_gui.lesson.quiz_play import class_questions
from classroom_gui.scene.palette import theme
from classroom_gui.scene.quiz import choice_at, frame_colour
from classroom_gui.scene.quiz_place import card_lines
from helpers import quiz_model
from test_quiz_chapter_keys import card, quiz_window

SENTENCE = "猫がマットの上に座った"


def asked_sum(model):
    """The sum question (the only one its step reveals), asked."""
    q = next(q for q in class_questions(model.shown_trace(), model.sel) if q.kind == "sum")
    model.player.jump(model.player.timeline.beat_stop(q.step - 2))
    model.quiz_next()
    assert model.frame().quiz["answer"] is None and model.asking()
    return q


@pytest.mark.parametrize("right", [True, False])
def test_a_choice_reveals_the_answer_marked_right_or_wrong(checkpoint, right):
    model = quiz_model(checkpoint, SENTENCE, focus=3)
    q = asked_sum(model)
    good = q.choices.index(q.answer)
    pick = good if right else (good + 1) % len(q.choices)
    assert model.quiz_choose(pick)
    f = model.frame()
    assert f.beat + 1 == q.step and f.quiz["answer"] == good and f.quiz["chosen"] == pick
    lines = card_lines(f.quiz, f.quiz["marks"], False)
    assert lines[2 + good].endswith("✓")
    assert right or lines[2 + pick].endswith("✗")
    th = theme("classroom")
    assert frame_colour(f.quiz, th) == th.color("quiz_right" if right else "quiz_wrong")
    assert not model.asking() and not model.quiz_choose(0)  # answered: the keys do what they did
    model.quiz_next()  # → goes on as before
    assert model.frame().quiz is None and model.frame().beat + 1 == q.step + 1


def test_a_second_pass_asks_again_without_the_old_choice(checkpoint):
    model = quiz_model(checkpoint, SENTENCE, focus=3)
    q = asked_sum(model)
    model.quiz_choose(0)
    model.play("home")
    asked_sum(model)
    model.quiz_next()
    assert model.frame().quiz["chosen"] is None and model.frame().beat + 1 == q.step


def test_no_choice_without_a_question(checkpoint):
    model = quiz_model(checkpoint, SENTENCE, focus=3)
    assert not model.asking() and not model.quiz_choose(1)
    assert model.frame().beat == 0


def test_the_asked_card_says_the_keys_and_a_slide_does_not(checkpoint):
    from classroom_gui.export.moments import deck_times
    from classroom_gui.lesson.quiz_play import deck_with_quiz
    from classroom_gui.lesson.state import timeline_for

    model = quiz_model(checkpoint, SENTENCE, focus=3)
    asked_sum(model)
    keys = model.frame().quiz["keys"]
    assert "1〜4" in keys and "A〜D" in keys and "ア〜エ" in keys  # the letters are keys too (review34 #3)
    trace = model.shown_trace()
    slides = deck_with_quiz(trace, model.sel, deck_times(timeline_for(trace.n_tokens, trace.config.n_layer), "beat"))
    assert all(f.quiz["keys"] == "" for f in slides if f.quiz)


@pytest.mark.parametrize("key, index", [(Qt.Key.Key_3, 2), (Qt.Key.Key_B, 1)])
def test_keys_in_the_window(qtbot, tmp_path, checkpoint, key, index):
    w = quiz_window(qtbot, tmp_path, checkpoint)
    q = asked_sum(w.model)
    board = w.model.board
    qtbot.keyClick(w.canvas, key)
    assert w.model.frame().quiz["chosen"] == index and card(w)[1] == q.answer
    assert w.model.board == board  # B answered; it did not open the board close-up
    qtbot.keyClick(w.canvas, Qt.Key.Key_B)  # no question asked: B is the board close-up again
    assert w.model.board != board
    w.close()


def test_a_key_past_the_last_choice_does_nothing_while_asked(qtbot, tmp_path, checkpoint, monkeypatch):
    """review34 #3: C on a 2-choice question opened Compare (over presenter mode), while 3, 4 and D did nothing. Every
    answer key is the quiz's while it asks: one past the choices does nothing, and the question stays asked."""
    w = quiz_window(qtbot, tmp_path, checkpoint)
    w.sentence.setText("the cat")
    w.apply_sentence()
    opened = []
    monkeypatch.setattr(w, "open_compare", lambda: opened.append("compare"))
    q = next(q for q in class_questions(w.model.shown_trace(), w.model.sel) if len(q.choices) == 2)
    w.model.player.jump(w.model.player.timeline.beat_stop(q.step - 2))
    w.model.quiz_next()
    assert w.model.asking() and w.model.frame().quiz["question"] == q.question
    for key in (Qt.Key.Key_C, Qt.Key.Key_3, Qt.Key.Key_D, Qt.Key.Key_4):
        qtbot.keyClick(w.canvas, key)
        assert not opened and w.model.asking() and w.model.frame().quiz["chosen"] is None, key
    assert "1–2 or A–B" in w.model.frame().quiz["keys"]
    qtbot.keyClick(w.canvas, Qt.Key.Key_B)
    assert w.model.frame().quiz["chosen"] == 1 and not w.model.asking()
    qtbot.keyClick(w.canvas, Qt.Key.Key_C)  # answered: C is Compare again
    assert opened == ["compare"]
    w.close()


def test_a_click_on_a_choice_answers_with_it(qtbot, tmp_path, checkpoint):
    w = quiz_window(qtbot, tmp_path, checkpoint)
    asked_sum(w.model)
    scene = w.canvas.classroom
    area = scene.quiz_text.area
    bottom = QPointF(area.left() + 4, area.center().y())
    hits = {choice_at(scene, area.left() + 8, area.top() + y) for y in range(0, int(area.height()), 2)}
    assert hits >= {0, 1}, hits  # every choice's line answers to a click
    assert choice_at(scene, bottom.x() - 30, bottom.y()) == -1  # off the card's text: none
    ys = [area.top() + y for y in range(0, int(area.height()), 2) if choice_at(scene, area.left() + 8, area.top() + y) == 1]
    view = w.canvas.mapFromScene(QPointF(area.left() + 8, ys[len(ys) // 2]))  # the middle of choice B's line
    qtbot.mouseClick(w.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view)
    assert w.model.frame().quiz["chosen"] == 1
    w.close()


def test_the_help_screen_lists_the_answer_keys():
    from classroom_gui.view.shortcuts import SHORTCUTS

    assert any(keys == ("1–4", "A–D") and help_key == "help.quiz_answer" for keys, _a, help_key in SHORTCUTS)
