"""Quiz while presenting, and quiz slides, without Qt: when the next step reveals a question's answer, the
clicker's next press first asks (the class stays on the step before, the question and its choices shown), the
press after moves on and reveals (the answer marked), and the next one goes on as usual.

A question on a frame is Frame.quiz: {"question", "choices", "answer" (its index, or None until revealed),
"step"} (lesson.quiz.Question, from 1 as on screen).
"""
from __future__ import annotations

from dataclasses import replace

from ..model.trace import Trace
from . import rules
from .chapter_summary import summarised
from .frame import Frame
from .quiz import Question, questions
from .state import Selection, frame_at, timeline_for


def class_questions(trace: Trace, sel: Selection) -> list[Question]:
    """lesson.quiz's questions for the class as the lesson tells it (its rule; answer time's own rule is
    the quiz's next-word question, which lesson.quiz reads from the in-turn trace itself)."""
    return questions(rules.under(trace, sel.rule), sel)


def card(q: Question, revealed: bool) -> dict:
    return {"question": q.question, "choices": list(q.choices), "step": q.step,
            "answer": q.choices.index(q.answer) if revealed else None}


def with_quiz(frame: Frame, q: Question | None, revealed: bool) -> Frame:
    return frame if q is None else replace(frame, quiz=card(q, revealed))


class QuizPlay:
    """Which question is up. next(step_now) says what the next press does: "ask" (stay, show a question),
    "reveal" (move on, mark an answer), "answer" (stay, mark the answer of another question the class has moved
    on to) or "move" (as without a quiz).

    Two questions revealed by one step (the sum and the top share, both seen on the shares) are both asked
    while the class stays on the step before; the press after moves on and marks the first answer, and the next
    marks the second, so every answer is marked over the step that shows it. Before, the sum's "1.00 ✓" was
    marked over the step before, whose board and narration give the sum of the exps, 19.2809 (teacher5 M2)."""

    def __init__(self, made: list[Question]):
        self.by_step: dict[int, list[Question]] = {}
        for q in made:
            self.by_step.setdefault(q.step, []).append(q)
        self.asked: set[int] = set()  # id() of each question asked (two may share a step)
        self.waiting: list[Question] = []  # asked, the answer not marked yet, in the order asked
        self.showing: tuple[Question, bool] | None = None

    def _due(self, step: int) -> list[Question]:
        return [q for q in self.by_step.get(step, ()) if id(q) not in self.asked]

    def next(self, step_now: int) -> str:
        due = self._due(step_now + 1)
        if due and not any(q.step <= step_now for q in self.waiting):
            self.asked.add(id(due[0]))
            self.waiting.append(due[0])
            self.showing = (due[0], False)
            return "ask"
        if self.waiting:
            q = self.waiting.pop(0)
            self.showing = (q, True)
            return "answer" if q.step <= step_now else "reveal"  # already on the step that shows it: stay
        self.showing = None
        return "move"

    def dress(self, frame: Frame) -> Frame:
        """The frame with the question (or its answer) on it while one is up."""
        if self.showing is None:
            return frame
        return with_quiz(frame, *self.showing)


def deck_with_quiz(trace: Trace, sel: Selection, times: list[float], notices=(), per: str = "beat") -> list[Frame]:
    """The deck's frames with a question slide before each slide that reveals an answer (showing the step
    before it), and that answer slide marking the answer (two questions answered on one slide: two pairs).
    A deck per chapter tells each slide's chapter so far (lesson.chapter_summary), not its step alone."""
    def shown(t: float) -> Frame:
        frame = frame_at(trace, sel, t, notices)
        return summarised(trace, sel, frame) if per == "chapter" else frame

    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    pending = sorted(class_questions(trace, sel), key=lambda q: q.step)
    if times:  # a deck of some chapters (--from): not the questions of the chapters before its first
        first = timeline.beats[timeline.locate(times[0])[0]].chapter
        begins = next(i for i, b in enumerate(timeline.beats) if b.chapter == first)
        pending = [q for q in pending if q.step > begins]
    frames = []
    for t in times:
        step = timeline.locate(t)[0] + 1
        due = [q for q in pending if q.step <= step]
        pending = [q for q in pending if q.step > step]
        if not due:
            frames.append(shown(t))
        for q in due:  # each question: asked on the step before, then this slide with its answer marked
            before = timeline.beat_stop(q.step - 2) if q.step >= 2 else 0.0
            frames.append(with_quiz(shown(before), q, False))
            frames.append(with_quiz(shown(t), q, True))
    return frames
