"""teacher21 L2: with the quiz on, the chapter key ] skipped the question and landed on a step already showing its
answer (answer time's guess badges, "mat → ".""), while → from the chapter before asked it. Now a chapter jump that
lands on a step answering a question not yet answered lands on the question, asked as → asks it; the next → reveals
its answer, and ] on the card goes on to the chapter after."""
from __future__ import annotations

from PySide6.QtCore import Qt

from classroom_gui.lesson.quiz_play import class_questions
from helpers import window_on

SENTENCE = "The cat sat on the mat"


def card(w):
    """(question, the marked choice or None, step shown from 1) of the card on screen, None without one."""
    f = w.model.frame()
    if f.quiz is None:
        return None
    answer = f.quiz["answer"]
    return f.quiz["question"], None if answer is None else f.quiz["choices"][answer], f.beat + 1


def quiz_window(qtbot, tmp_path, checkpoint):
    w = window_on(qtbot, checkpoint, str(tmp_path / "s.ini"))
    w.quiz_anywhere = True  # offscreen there is no full screen; the presses are the same
    w.sentence.setText(SENTENCE)
    w.apply_sentence()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    assert w.model.quiz_on
    return w


def opening_questions(w):
    """The questions answered by the first step of their chapter (the mask chapter's; chapter 13's next word until
    teacher34 #13 moved it to the logits' step)."""
    t = w.player.timeline
    firsts = {round(s, 6) for _, s in t.chapter_starts()}
    return [q for q in class_questions(w.model.shown_trace(), w.sel)
            if any(abs(t.beats[q.step - 1].start - f) < 1e-6 for f in firsts) and q.step > 1]


def test_the_chapter_key_lands_on_answer_time_then_right_asks_and_reveals(qtbot, tmp_path, checkpoint):
    """] into answer time lands on its first step (the final LayerNorm) with no guess on the desks; → asks the
    next-word question there and the next → reveals it on the logits' step (teacher34 #13: the answer was marked on
    the norm step, before any number said it)."""
    w = quiz_window(qtbot, tmp_path, checkpoint)
    t = w.player.timeline
    answer = next(q for q in class_questions(w.model.shown_trace(), w.sel) if q.kind == "next_word")
    assert t.beats[answer.step - 1].key == "answer.logits"
    before = t.beats[answer.step - 3].chapter  # from the chapter before answer time, as the teacher pressed ]
    w.model.jump(t.chapter_stop(before))
    qtbot.keyClick(w.canvas, Qt.Key.Key_BracketRight)
    assert card(w) is None and t.beats[t.locate(w.player.time)[0]].key == "answer.norm"
    assert not any(s.badge for s in w.model.frame().students)  # no guess badge before the question is answered
    qtbot.keyClick(w.canvas, Qt.Key.Key_Right)
    assert card(w) == (answer.question, None, answer.step - 1)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Right)
    assert card(w) == (answer.question, answer.answer, answer.step)
    w.close()


def test_every_chapter_opening_question_is_asked_by_the_chapter_keys(qtbot, tmp_path, checkpoint):
    w = quiz_window(qtbot, tmp_path, checkpoint)
    t = w.player.timeline
    asked = []
    w.model.play("home")
    for _ in range(len(t.chapter_starts()) + 2):
        qtbot.keyClick(w.canvas, Qt.Key.Key_BracketRight)  # ] on a card goes past the chapter it asks about
        if card(w) is not None:
            asked.append(card(w)[2] + 1)  # the step its answer is on
    opening = opening_questions(w)  # (the mask chapter's two are asked one after the other by →)
    assert opening and sorted(asked) == sorted({q.step for q in opening})
    assert w.player.time == t.duration  # and never stuck on a card
    w.close()


def test_the_chapter_key_back_lands_on_the_question_too(qtbot, tmp_path, checkpoint):
    w = quiz_window(qtbot, tmp_path, checkpoint)
    t = w.player.timeline
    q = opening_questions(w)[0]
    after = next(b.chapter for b in t.beats[q.step:] if b.chapter != t.beats[q.step - 1].chapter)
    w.model.jump(t.chapter_stop(after))
    qtbot.keyClick(w.canvas, Qt.Key.Key_BracketLeft)
    assert card(w)[1:] == (None, q.step - 1)
    w.close()


def test_without_the_quiz_the_chapter_key_lands_on_the_chapters_first_step(qtbot, tmp_path, checkpoint):
    w = quiz_window(qtbot, tmp_path, checkpoint)
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)
    t = w.player.timeline
    q = opening_questions(w)[0]
    w.model.jump(t.beat_stop(q.step - 2))
    qtbot.keyClick(w.canvas, Qt.Key.Key_BracketRight)
    assert card(w) is None and w.model.frame().beat + 1 == q.step
    w.close()
