"""Quiz while presenting and in decks: a question is asked on the step before the one that reveals it, its
answer is marked only after, and every marked answer is true of the trace (lesson.quiz reads it off)."""
from __future__ import annotations


import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.quiz_play import QuizPlay, class_questions, deck_with_quiz
from classroom_gui.lesson.state import Selection, timeline_for
from classroom_gui.lesson.strings import quote
from classroom_gui.model.sentence import run_sentence
from classroom_gui.export.moments import deck_times


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, "The cat sat on the mat", "causal").trace


def true_of(trace, sel, kind, answer) -> bool:
    """The marked choice is what the trace's numbers say (read here from the numbers, not through lesson.quiz)."""
    w = trace.layers[sel.layer].weights[sel.head, sel.focus]
    if kind == "top_share":
        return trace.tokens[int(np.argmax(w))] in answer
    if kind == "sum":
        return float(answer) == pytest.approx(float(w.sum()), abs=0.01)
    if kind == "next_word":
        return answer == quote(sel.lang, trace.vocab[int(np.argmax(trace.next_logits))])  # quoted as a name is
    if kind == "can_hear":  # the first student: only itself
        return sel.focus == 0 and trace.tokens[0] in answer
    if kind == "cannot_hear":
        heard = ~trace.layers[sel.layer].mask[sel.focus]
        return not any(trace.tokens[j] in answer for j in np.flatnonzero(heard) if trace.tokens.count(trace.tokens[j]) == 1)
    return False


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_deck_asks_before_each_answer_slide_and_marks_the_true_answer(trace, lang):
    sel = Selection(focus=1, layer=0, head=0, lang=lang, rule="causal")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    made = class_questions(trace, sel)
    frames = deck_with_quiz(trace, sel, deck_times(timeline, "beat"))
    asked = [f for f in frames if f.quiz and f.quiz["answer"] is None]
    for i, f in enumerate(frames):  # the question slides of a step are followed by their answer slides, in that order
        if f.quiz and f.quiz["answer"] is None and not (frames[i - 1].quiz and frames[i - 1].quiz["answer"] is None):
            run = [g.quiz["question"] for g in frames[i:] if g.quiz and g.quiz["answer"] is None][:1]
            while frames[i + len(run)].quiz["answer"] is None:
                run.append(frames[i + len(run)].quiz["question"])
            answers = frames[i + len(run): i + 2 * len(run)]
            assert [g.quiz["question"] for g in answers] == run and all(g.quiz["answer"] is not None for g in answers)
    assert len([f for f in frames if not f.quiz]) + len({f.beat for f in frames if f.quiz and f.quiz["answer"] is not None}) == len(timeline)
    shown = [f for f in frames if f.quiz and f.quiz["answer"] is not None]
    assert len(asked) == len(made) and {q["question"] for q in (f.quiz for f in shown)} == {q.question for q in made}
    for f in asked:  # the question slide shows the step before the answer's
        assert f.beat + 1 == f.quiz["step"] - 1
    by_question = {q.question: q for q in made}
    for f in shown:
        q = by_question[f.quiz["question"]]
        assert f.beat + 1 == q.step and f.quiz["choices"][f.quiz["answer"]] == q.answer
        assert 2 <= len(f.quiz["choices"]) <= 4  # fewer than 3 only when the asker hears only two
        assert true_of(trace, sel, q.kind, f.quiz["choices"][f.quiz["answer"]])


def test_presenter_presses_ask_then_reveal(trace):
    sel = Selection(focus=1, layer=0, head=0, rule="causal")
    made = class_questions(trace, sel)
    play = QuizPlay(made)
    q = next(q for q in made if [p.step for p in made].count(q.step) == 1)  # the only question its step reveals
    assert play.next(q.step - 2) == "move"  # not yet due
    assert play.next(q.step - 1) == "ask" and play.showing == (q, False)
    assert play.next(q.step - 1) == "reveal" and play.showing == (q, True)
    assert play.next(q.step) in ("move", "ask")


@pytest.mark.parametrize("text, lang", [("猫がマットの上に座った", "ja"), ("The cat sat on the mat", "en")])
def test_presenting_asks_every_question_two_at_one_step_included(text, lang, checkpoint):
    """teacher4 M3: two questions revealed by one step (since teacher19 M2 the mask chapter's last: who cannot be
    heard, who is heard most); pressing through the whole lesson asks each question once, on the step before its
    answer, each answer marked right after its question (teacher11 L2) except that the two of one step are both asked
    before either is marked (teacher19 M2: the first answer's picture gave the second away), and the class moves on
    only after the last answer of that step (as ClassroomModel.quiz_next does with the moves next() gives)."""
    trace = run_sentence(checkpoint, text, "none").trace
    sel = Selection(focus=1, layer=0, head=0, lang=lang, rule="none")
    made = class_questions(trace, sel)
    steps = [q.step for q in made]
    assert len(steps) > len(set(steps))  # two questions share a step (the premise of the finding)
    play, step, shown = QuizPlay(made), 1, []
    for _ in range(4 * len(timeline_for(trace.n_tokens, trace.config.n_layer))):
        did = play.next(step)
        step += {"reveal": 1, "move": 1, "back": -1}.get(did, 0)
        if did != "move":
            shown.append(play.showing)
            q, revealed = play.showing
            # teacher5 M2: every answer is marked over the step that shows it (the sum's "1.00 ✓" was marked
            # over the sum of the exps, 19.2809, on the step before), every question asked over the step before
            assert step == (q.step if revealed else q.step - 1), (did, q.kind, step)
    steps = sorted(set(steps))  # all of them: Q1 A1, but Q1 Q2 A1 A2 where one step reveals two
    assert shown == [(q, r) for s in steps for r in (False, True) for q in made if q.step == s]
    assert [q.kind for q, _ in shown[:6]] == ["cannot_hear", "top_share"] * 2 + ["sum"] * 2  # (quiz22: the sum in softmax)


def test_cli_deck_quiz_writes_question_slides(tmp_path):
    out = tmp_path / "deck"
    assert main(["deck", "--text", "The cat sat on the mat", "--quiz", "--size", "640x360", "--per", "chapter",
                 "-o", str(out)]) == 0
    notes = (out / "notes.txt").read_text(encoding="utf-8").splitlines()
    assert len(notes) > 14  # 14 chapters and at least one question


def test_window_quiz_in_presenter_mode(qtbot, tmp_path):
    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.show()
    w.quiz_anywhere = True  # offscreen there is no full screen; the presses are the same
    from PySide6.QtCore import Qt

    from classroom_gui.view.shortcuts import SHORTCUTS

    assert any(keys == ("Q",) and help_key == "help.quiz" for keys, _id, help_key in SHORTCUTS)  # on the F1 list
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_Q)  # the key, as in presenter mode where the menu bar is hidden
    assert w.quiz_action.isChecked() and w.model.quiz_on
    made = class_questions(w.model.shown_trace(), w.sel)
    first = min(q.step for q in made)
    w.do("home")
    seen = []
    for _ in range(first + 3):
        w.do("next_beat")  # what Right, PageDown and a clicker's next press do
        f = w.model.frame()
        seen.append((f.beat + 1, "-" if f.quiz is None else "asked" if f.quiz["answer"] is None else "answered"))
    assert (first - 1, "asked") in seen, (first, seen)
    i = seen.index((first - 1, "asked"))  # the press before the answer's step: the class stays, the question is up
    assert seen[i - 1] == (first - 1, "-")
    while seen[i + 1] == (first - 1, "asked"):  # a second question its step reveals: asked too (teacher19 M2)
        i += 1
    assert seen[i + 1] == (first, "answered")  # the next press moves on and marks the answer
    assert seen[i + 2][1] in ("-", "asked", "answered") and seen[i + 2][0] >= first
