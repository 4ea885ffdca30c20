"""teacher11 L2: the window's quiz asked both softmax questions before revealing either (Q1, Q2, A1, A2) while the
deck did Q1, A1, Q2, A2. Both now take their order from lesson.quiz_play.in_turn: each answer right after its
question, every question over the step before its answer's, every answer over the step that shows it; two answers
shown by one step are both asked before it (teacher19 M2)."""
from __future__ import annotations

import pytest

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.quiz_play import class_questions, deck_with_quiz
from classroom_gui.lesson.state import timeline_for
from helpers import quiz_model, to_step

SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


def deck_sequence(trace, sel) -> list[tuple[str, bool, int]]:
    """(question, revealed, step shown) of each quiz slide of a per-step deck of the whole lesson (deck --quiz)."""
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frames = deck_with_quiz(trace, sel, deck_times(timeline, "beat"))
    return [(f.quiz["question"], f.quiz["answer"] is not None, f.beat + 1) for f in frames if f.quiz]


def pressed_through(press, frame, presses: int) -> list[tuple[str, bool, int]]:
    """(question, revealed, step shown) after each press that shows a quiz card."""
    seen = []
    for _ in range(presses):
        press()
        f = frame()
        if f.quiz:
            seen.append((f.quiz["question"], f.quiz["answer"] is not None, f.beat + 1))
    return seen


def in_lesson_order(made) -> list[tuple[str, bool, int]]:
    """Each question then its answer (Q1, A1), except two revealed by one step: both asked, then both marked (teacher19
    M2: the first answer's picture told the second's). Written out here, not read from in_turn."""
    seen = []
    for step in sorted({q.step for q in made}):
        qs = [q for q in made if q.step == step]
        seen += [(q.question, False, step - 1) for q in qs] + [(q.question, True, step) for q in qs]
    return seen


def assert_each_answer_follows_its_question(seen, made, timeline, hears_two: bool, last: bool):
    """Q1, A1, Q2, A2 but where one step reveals two answers, and the lesson's questions all asked. The mask chapter's
    last step reveals up to two (who cannot be heard unless the asker sits last, who is heard most when it hears two
    or more); what the shares add up to is softmax's (quiz22)."""
    assert seen == in_lesson_order(made)
    by_chapter = {}
    for q in made:
        by_chapter.setdefault(timeline.beats[q.step - 1].chapter, []).append(q)
    crowded = [qs for qs in by_chapter.values() if len(qs) > 1]
    assert [timeline.beats[qs[0].step - 1].chapter for qs in crowded] == (["mask"] if hears_two and not last else [])
    for qs in crowded:
        asked = [(question, revealed) for question, revealed, _ in seen if question in {q.question for q in qs}]
        assert asked == [(q.question, r) for r in (False, True) for q in qs]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("seat", [None, 2])  # the seed's asker (「猫」 hears only itself in turn), the third student
def test_the_model_quizzes_in_the_decks_order(checkpoint, lang, rule, seat):
    """ClassroomModel.quiz_next pressed through the whole lesson shows the deck's quiz slides, in the deck's order,
    over the same steps."""
    model = quiz_model(checkpoint, SENTENCES[lang], lang, rule, seat)
    assert (model.sel.rule, model.sel.lang) == (rule, lang)
    trace, timeline = model.shown_trace(), model.player.timeline
    made = sorted(class_questions(trace, model.sel), key=lambda q: q.step)
    seen = pressed_through(model.quiz_next, model.frame, len(timeline) + 2 * len(made) + 2)
    assert seen == deck_sequence(trace, model.sel)
    hears_two = int((~trace.layers[model.sel.layer].mask[model.sel.focus]).sum()) >= 2
    last = model.sel.focus == trace.n_tokens - 1
    assert_each_answer_follows_its_question(seen, made, timeline, hears_two, last)


@pytest.mark.parametrize("lang, rule", [("ja", "none"), ("en", "causal")])
def test_the_window_quizzes_in_the_decks_order(qtbot, tmp_path, checkpoint, lang, rule):
    """Q, then → through the mask chapter's end: Q1, Q2, A1, A2 (teacher19 M2); and through the whole lesson, the window's quiz cards
    are the deck's quiz slides."""
    from PySide6.QtCore import Qt

    from helpers import window_on

    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    w.quiz_anywhere = True  # offscreen there is no full screen; the presses are the same
    w.sentence.setText(SENTENCES[lang])
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.model.shows(SENTENCES[lang]), timeout=20000)
    w.model.select(rule=rule, lang=lang)
    qtbot.waitUntil(lambda: w.sel.rule == rule, timeout=20000)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)  # Q is a window shortcut
    w.canvas.setFocus()

    def right():
        qtbot.keyClick(w.canvas, Qt.Key.Key_Right)  # what PageDown and a clicker's next press do too

    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    assert w.model.quiz_on
    trace, timeline = w.model.shown_trace(), w.player.timeline
    made = sorted(class_questions(trace, w.sel), key=lambda q: q.step)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Home)
    assert pressed_through(right, w.model.frame, len(timeline) + 2 * len(made) + 2) == deck_sequence(trace, w.sel)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Home)  # review18: the last answer card stayed over the roll call, and a
    assert w.model.frame().quiz is None  # second pass asked nothing
    assert pressed_through(right, w.model.frame, len(timeline) + 2 * len(made) + 2) == deck_sequence(trace, w.sel)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Left)  # from the lesson's end: no card over a step it does not belong to
    assert w.model.frame().quiz is None

    for _ in range(2):  # the quiz off and on again: its questions are asked afresh
        qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    assert w.model.quiz_on
    group = [q for q in made if timeline.beats[q.step - 1].chapter == "mask"]
    step = group[0].step
    w.model.player.jump(timeline.beat_stop(step - 2))  # the step before the mask's last: both are asked over it
    presses = []
    for _ in range(2 * len(group) + 1):
        right()
        f = w.model.frame()
        presses.append((f.quiz["question"], f.quiz["answer"] is not None) if f.quiz else (None, None))
        presses[-1] += (f.beat + 1,)
    assert presses == [*[(q.question, False, step - 1) for q in group], *[(q.question, True, step) for q in group],
                       (None, None, step + 1)]  # then on, as without a quiz


def quiz_and_questions(checkpoint, lang="en", rule="causal", seat=2):
    model = quiz_model(checkpoint, SENTENCES[lang], lang, rule, seat)
    made = sorted(class_questions(model.shown_trace(), model.sel), key=lambda q: q.step)
    return model, made


def card_on(model) -> tuple[str, bool, int] | None:
    f = model.frame()
    return (f.quiz["question"], f.quiz["answer"] is not None, f.beat + 1) if f.quiz else None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_back_and_home_leave_no_card_on_another_step(checkpoint, lang):
    """review18 bug 2: after an answer then ←, the answer card stayed over the step before its own (teacher5 M2 again);
    after Home it sat over the roll call; after ←← the question card sat over the two steps before. Every card is
    shown only over its own step. (teacher15 L5: ← with a card up first closes it, on its step.)"""
    model, made = quiz_and_questions(checkpoint, lang)
    q1 = made[0]
    to_step(model, q1.step - 1)
    model.quiz_next()
    assert card_on(model) == (q1.question, False, q1.step - 1)
    model.play("prev_beat")
    assert card_on(model) is None and model.frame().beat + 1 == q1.step - 1
    model.play("prev_beat")
    assert card_on(model) is None and model.frame().beat + 1 == q1.step - 2
    model.play("prev_beat")
    assert card_on(model) is None
    to_step(model, q1.step - 1)  # → on the step it is asked over: the question again, and → reveals its answer
    assert card_on(model) is None
    model.quiz_next()
    assert card_on(model) == (q1.question, False, q1.step - 1)
    for q in made[1:]:
        if q.step == q1.step:  # revealed by the same step: asked too before the first answer (teacher19 M2)
            model.quiz_next()
            assert card_on(model) == (q.question, False, q1.step - 1)
    model.quiz_next()
    assert card_on(model) == (q1.question, True, q1.step)
    model.play("prev_beat")
    model.play("prev_beat")
    assert card_on(model) is None and model.frame().beat + 1 == q1.step - 1
    model.play("next_beat")
    model.play("home")
    assert card_on(model) is None and model.frame().beat == 0


def test_a_second_pass_asks_again(checkpoint):
    """review18 bug 3: after Home, a second pass through the lesson asked no question. Home starts the quiz afresh,
    and going back before the step a question is asked over lets → ask it again; one step back from its answer and →
    again moves on without asking it twice."""
    model, made = quiz_and_questions(checkpoint)
    presses = len(model.player.timeline) + 2 * len(made) + 2
    first = pressed_through(model.quiz_next, model.frame, presses)
    assert first and {q for q, _, _ in first} == {q.question for q in made}
    model.play("home")
    assert pressed_through(model.quiz_next, model.frame, presses) == first

    last = made[-1]
    to_step(model, last.step - 3)  # back before the step its question is asked over
    assert pressed_through(model.quiz_next, model.frame, 4) == [(last.question, False, last.step - 1),
                                                               (last.question, True, last.step)]
    model.play("prev_beat")  # the answer card closed, then one step back: → moves on, not asking it twice
    model.play("prev_beat")
    model.quiz_next()
    assert card_on(model) is None and model.frame().beat + 1 == last.step


def test_quiz_off_and_on_mid_quiz_drops_the_card(checkpoint):
    """Q pressed mid-quiz (off): no card; on again, the question due is asked afresh."""
    model, made = quiz_and_questions(checkpoint)
    q1 = made[0]
    to_step(model, q1.step - 1)
    model.quiz_next()
    assert card_on(model) is not None
    model.set_quiz(False)
    assert card_on(model) is None
    model.set_quiz(True)
    assert card_on(model) is None
    model.quiz_next()
    assert card_on(model) == (q1.question, False, q1.step - 1)
