"""teacher15 L5, the quiz's keys as a teacher expects them. ← with a card up closes the card and leaves the class on
the step under it (before, ← went back a whole step); → then asks the closed question again, and the press after
reveals it, as if ← had not been pressed. M with a question open turns the rule and keeps the question open: the
next → reveals its answer, as the new rule's class answers it (before, the card moved and → asked it again)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.quiz_play import class_questions
from helpers import quiz_model, to_step

SENTENCE = "猫がマットの上に座った"


def card(model):
    """(question, the marked choice or None, step shown from 1) of the card on screen, None without one."""
    f = model.frame()
    if f.quiz is None:
        return None
    answer = f.quiz["answer"]
    return f.quiz["question"], None if answer is None else f.quiz["choices"][answer], f.beat + 1


@pytest.mark.parametrize("rule", ["none", "causal"])
def test_left_closes_the_card_on_its_step_and_right_asks_it_again(checkpoint, rule):
    model = quiz_model(checkpoint, SENTENCE, rule=rule, focus=3)
    made = sorted(class_questions(model.shown_trace(), model.sel), key=lambda q: q.step)
    q = next(q for q in made if [p.step for p in made].count(q.step) == 1)  # the only question its step reveals
    to_step(model, q.step - 1)
    model.quiz_next()
    asked = (q.question, None, q.step - 1)
    assert card(model) == asked
    model.play("prev_beat")  # ← (and PgUp): the card goes, the class stays
    assert card(model) is None and model.frame().beat + 1 == q.step - 1
    model.quiz_next()  # → asks it again rather than revealing an answer not yet asked
    assert card(model) == asked
    model.quiz_next()
    assert card(model) == (q.question, q.answer, q.step)
    model.play("prev_beat")  # ← on the answer: the card goes, the step that shows the answer stays
    assert card(model) is None and model.frame().beat + 1 == q.step
    model.play("prev_beat")  # and then ← steps back as ever, with no card
    assert card(model) is None and model.frame().beat + 1 == q.step - 1


def test_left_between_the_mask_questions_keeps_their_order(checkpoint):
    """Who cannot be heard and who is heard most are both revealed by one step, so both are asked first (teacher19
    M2): ← on the last one's question, then →, asks it again; then the answers in order. (What the shares add up to is
    softmax's question since quiz22.)"""
    model = quiz_model(checkpoint, SENTENCE, focus=3)
    made = sorted(class_questions(model.shown_trace(), model.sel), key=lambda q: q.step)
    group = [q for q in made if q.step == made[0].step]
    assert [q.kind for q in group] == ["cannot_hear", "top_share"]
    last = group[-1]
    to_step(model, last.step - 1)
    for _ in group:
        model.quiz_next()
    assert card(model) == (last.question, None, last.step - 1)
    model.play("prev_beat")
    assert card(model) is None and model.frame().beat + 1 == last.step - 1
    model.quiz_next()
    assert card(model) == (last.question, None, last.step - 1)
    for q in group:
        model.quiz_next()
        assert card(model) == (q.question, q.answer, q.step)


@pytest.mark.parametrize("rule, other", [("none", "causal"), ("causal", "none")])
def test_m_with_a_question_open_keeps_it_and_right_reveals_the_new_rules_answer(checkpoint, rule, other):
    model = quiz_model(checkpoint, SENTENCE, rule=rule, focus=3)
    made = sorted(class_questions(model.shown_trace(), model.sel), key=lambda q: q.step)
    q = next(q for q in made if q.kind == "top_share")
    to_step(model, q.step - 1)
    while card(model) is None or card(model)[0] != q.question:
        model.quiz_next()
    model.select(rule=other)  # M
    turned = next(n for n in class_questions(model.shown_trace(), model.sel) if n.kind == "top_share")
    assert card(model) == (turned.question, None, q.step - 1)  # still asked, over the same step
    for _ in range(4):  # → asks what is left of its step, then marks the answers: who cannot be heard first
        model.quiz_next()
        if card(model)[0] == turned.question and card(model)[1] is not None:
            break
    assert card(model) == (turned.question, turned.answer, q.step)
    model.select(rule=rule)  # M on an answer card: the answer as this rule's class gives it
    assert card(model) == (q.question, q.answer, q.step)
    while card(model) is not None:  # the answers after it (the shares' sum), then on
        model.quiz_next()
    assert model.frame().beat + 1 == q.step + 1


def test_the_keys_in_the_window(qtbot, tmp_path, checkpoint):
    """The same through the window's keys: Q, →, ←, →, M, →."""
    from PySide6.QtCore import Qt

    from helpers import window_on

    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    w.quiz_anywhere = True  # offscreen there is no full screen; the presses are the same
    w.sentence.setText(SENTENCE)
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.model.shows(SENTENCE), timeout=20000)
    w.model.select(rule="none", lang="ja", focus=3)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)  # Q and M are window shortcuts
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    q = next(q for q in class_questions(w.model.shown_trace(), w.sel) if q.kind == "next_word")  # alone on its step
    to_step(w.model, q.step - 1)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Right)
    assert card(w.model) == (q.question, None, q.step - 1)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Left)
    assert card(w.model) is None and w.model.frame().beat + 1 == q.step - 1
    qtbot.keyClick(w.canvas, Qt.Key.Key_Right)
    assert card(w.model) == (q.question, None, q.step - 1)
    qtbot.keyClick(w.canvas, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: w.sel.rule == "causal", timeout=20000)
    turned = next(n for n in class_questions(w.model.shown_trace(), w.sel) if n.kind == "next_word")
    assert card(w.model) == (turned.question, None, q.step - 1)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Right)
    assert card(w.model) == (turned.question, turned.answer, q.step)
