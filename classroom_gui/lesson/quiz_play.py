"""Quiz while presenting, and quiz slides, without Qt: when the next step reveals a question's answer, the
clicker's next press first asks (the class stays on the step before, the question and its choices shown), the
press after moves on and reveals (the answer marked), and the next one goes on as usual.

A question on a frame is Frame.quiz: {"question", "choices", "answer" (its index, or None until revealed),
"step", "kind", "marks", "seats", "chosen", "keys"} (lesson.quiz.Question, the step from 1 as on screen; the
choices' marks in its language: lesson.quiz.marks; the seats its answer is read from, [] every seat: the answered card
may cover the others; "chosen" the class's choice given in the window, by a key or a click, or None: its answer card
marks it right or wrong (teacher34 #13); "keys" what the window's asked card says about answering, "" on slides).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..model.trace import Trace
from . import rules
from .chapter_summary import summarised
from .close_up import usual
from .frame import Frame
from .quiz import Question, marks, questions
from .state import Selection, frame_at, timeline_for
from .strings import text, unbroken_words
from .timeline import Timeline


def class_questions(trace: Trace, sel: Selection) -> list[Question]:
    """lesson.quiz's questions for the class as the lesson tells it (its rule; answer time's own rule is
    the quiz's next-word question, which lesson.quiz reads from the in-turn trace itself)."""
    return questions(rules.under(trace, sel.rule), sel)


def card(q: Question, revealed: bool, chosen: int | None = None, keys: str = "") -> dict:
    return {"question": q.question, "choices": list(q.choices), "step": q.step, "kind": q.kind,
            "answer": q.choices.index(q.answer) if revealed else None, "marks": marks(q.lang), "seats": list(q.seats),
            "chosen": chosen, "keys": keys}


def answer_keys(q: Question) -> str:
    """What the window's asked card says about answering (teacher34 #13): keys 1 to the number of choices, or the
    letters A to the last (ア to the last in Japanese, said in order: the keys are 1-4 and A-D), or a click."""
    last = len(q.choices)  # broken between phrases, as the card wraps it (teacher40 #10: 「ク / リック」)
    return unbroken_words(text(q.lang, "quiz.keys", n=last, letter="ABCD"[last - 1], first=marks(q.lang)[0].rstrip("."),
                               last=marks(q.lang)[last - 1].rstrip(".")))


def more_answers(q: Question, coming: list[tuple[Question, bool]]) -> str:
    """What an answered card says at its foot where the next press marks another answer the same step reveals (the
    mask chapter asks two): 「→キーで、もう一問の答えを出します。」 (teacher37 #4: the second mark came only on another →, and was
    easy to miss); else nothing."""
    more = any(revealed and other.step == q.step for other, revealed in coming)
    return unbroken_words(text(q.lang, "quiz.more_answer")) if more else ""


def with_quiz(frame: Frame, q: Question | None, revealed: bool, chosen: int | None = None, keys: str = "") -> Frame:
    return frame if q is None else replace(frame, quiz=card(q, revealed, chosen, keys))


def opening(reveals: Frame, before: Frame, lang: str) -> Frame:
    """What a question is asked over when the step before its answer's is another chapter's (quiz22: the mask
    chapter's questions were asked over chapter 5's ÷√d board, titled 5): the answer's chapter as it opens, before
    its step shows anything. Its title and the strips every desk of the chapter shows, but no narration, board, chart,
    links or badges, no student faded as unheard and no card the step gives a desk of its own (review23: the
    next-word question showed answer.norm's 「レイヤー正規化（最後のノート）±6」 card); the class's heat map and layer
    view as on the step before (this one's may hold the row it reveals). Still the step before in time (`beat`),
    where the class is until the answer is revealed."""
    canvas, shown = usual(reveals)  # (the board close-up's desks again: this frame has no board)
    students = [replace(s, state="normal" if s.state == "masked" else s.state, opacity=1.0, badge="")
                for s in shown]
    kinds = set(reveals.class_strips.roles) if reveals.class_strips is not None else None
    for s in students if kinds is not None else ():  # (replace has read every desk's strips already)
        if any(c.role not in kinds for c in s.cards):
            s.cards = [c for c in s.cards if c.role in kinds]  # an edit's outline kept, the step's own card not
    return replace(reveals, time=before.time, beat=before.beat, alpha=1.0, narration=text(lang, "quiz.opening"),
                   students=students, canvas=canvas, aside=[], links=[], board=[], board_more=0, board_worked=-1, board_vectors=[],
                   board_short=[], board_strips=[], bars=None, bars_beside=None, heatmap=before.heatmap,
                   layer_view=before.layer_view)


def step_frame(timeline: Timeline, make: Callable[[float], Frame]) -> Callable[[int], Frame]:
    """A step's finished frame (steps from 1, as on screen), made by `make(time)`: asked_over's `reveal`, for the
    deck's frames and the window's alike."""
    return lambda step: make(timeline.beat_stop(step - 1))


def asked_over(q: Question, before: Frame, reveal: Callable[[int], Frame]) -> Frame:
    """The picture question `q` is asked over: the step before its answer's (`before`), or where that is another
    chapter's, the answer's chapter as it opens (`reveal(step)` makes a step's finished frame; opening)."""
    if q.step < 2:
        return before
    reveals = reveal(q.step)
    return before if reveals.chapter == before.chapter else opening(reveals, before, q.lang)


def in_turn(due: list[Question]) -> list[tuple[Question, bool]]:
    """The quiz's one order, the deck's and the window's: (question, revealed) for each question in lesson order.
    A question is asked over the step before the one that reveals it, and its answer marked over that step. Each
    answer comes right after its question (teacher11 L2: a class answering aloud needs it), except where one step
    reveals several answers (who cannot be heard and who is heard most, both told by the mask chapter's last step):
    all are asked before that step is shown, then all marked (Q1, Q2, A1, A2), since its picture answers all
    (teacher19 M2: A1's picture and narration gave Q2's answer before Q2 was asked)."""
    by_step: dict[int, list[Question]] = {}
    for q in sorted(due, key=lambda q: q.step):
        by_step.setdefault(q.step, []).append(q)
    return [(q, revealed) for qs in by_step.values() for revealed in (False, True) for q in qs]


def shown_on(q: Question, revealed: bool) -> int:
    """The step (from 1) a question is shown over: the step before its answer's while asked, that step once answered."""
    return q.step if revealed else q.step - 1


class QuizPlay:
    """Which question is up, taking the questions the next step reveals in_turn. next(step_now) says what the next
    press does: "ask" (stay, show a question), "back" (one step back, show the next question: its answer is on the
    step shown), "reveal" (move on, mark the answer), "answer" (stay, mark it: the class is on its step already) or
    "move" (as without a quiz). Every answer is marked over the step that shows it (teacher5 M2: the sum's "1.00 ✓"
    was once marked over the sum of the exps, 19.2809) and every question asked over the step before it."""

    def __init__(self, made: list[Question]):
        self.by_step: dict[int, list[Question]] = {}
        for q in made:
            self.by_step.setdefault(q.step, []).append(q)
        self.done: dict[int, Question] = {}  # by id(): each question whose answer was marked (two may share a step)
        self.coming: list[tuple[Question, bool]] = []  # the rest of in_turn for the step being quizzed
        self.showing: tuple[Question, bool] | None = None
        self.chosen: dict[int, int] = {}  # by id(): the class's choice for a question, given while it was asked

    def next(self, step_now: int) -> str:
        # the class went back before the step a question was asked over (←, Home, a chapter): a second pass asks it
        # again (review18: after Home, a second pass through the lesson asked nothing)
        self.done = {i: q for i, q in self.done.items() if shown_on(q, False) <= step_now}
        if self.coming and step_now not in (self.coming[0][0].step - 1, self.coming[0][0].step):
            self.coming = []  # the class went elsewhere (←, a chapter): what was not answered is asked when it is due
        if not self.coming:
            self.coming = in_turn([q for q in self.by_step.get(step_now + 1, ()) if id(q) not in self.done])
        if not self.coming:
            self.showing = None
            return "move"
        q, revealed = self.showing = self.coming.pop(0)
        if revealed:
            self.done[id(q)] = q
        else:
            self.chosen.pop(id(q), None)  # asked (again, on a second pass): the class has not answered yet
        moves = shown_on(q, revealed) - step_now
        return "reveal" if moves > 0 else "back" if moves < 0 else "answer" if revealed else "ask"

    def choose(self, i: int, step_now: int) -> bool:
        """The class's choice `i` (from 0: ア, A, 1) for the question asked over `step_now` (a key or a click on the
        card); the next press (app.quiz_steps.quiz_choose makes it) reveals the answer, marked right or wrong. False
        with no question asked there, or no such choice: the key does what it does without a quiz."""
        if self.showing is None or self.showing[1] or shown_on(*self.showing) != step_now:
            return False
        q = self.showing[0]
        if not 0 <= i < len(q.choices):
            return False
        self.chosen[id(q)] = i
        return True

    def close(self, step_now: int) -> bool:
        """← (or PgUp) while a card is up over `step_now`: the card goes and the class stays on the step under it
        (teacher15 L5: ← went back a whole step). A question asked and not answered is asked again by the next
        press (→ after ← is as if ← had not been pressed); an answered one stays answered. False with no card up."""
        if self.showing is None or shown_on(*self.showing) != step_now:
            return False
        q, revealed = self.showing
        if not revealed:
            self.coming.insert(0, self.showing)
        self.showing = None
        return True

    def follow(self, before: "QuizPlay") -> "QuizPlay":
        """This quiz (the class's questions made again: M turned the rule, or another temperature) where `before`
        was: the card up, the questions to come and those answered, each as the question of the same kind revealed
        by the same step (teacher15 L5: after M the next → asked the open question again instead of revealing it).
        A question the new class has not (a tie) is dropped."""
        mine = {(q.kind, q.step): q for qs in self.by_step.values() for q in qs}

        def same(q: Question) -> Question | None:
            return mine.get((q.kind, q.step))
        self.done = {id(n): n for n in map(same, before.done.values()) if n is not None}
        self.coming = [(same(q), r) for q, r in before.coming if same(q) is not None]
        shown = before.showing and same(before.showing[0])
        self.showing = (shown, before.showing[1]) if shown else None
        olds = [q for qs in before.by_step.values() for q in qs]
        self.chosen = {id(same(q)): i for q in olds if id(q) in before.chosen and same(q) is not None
                       for i in (before.chosen[id(q)],) if i < len(same(q).choices)}
        return self

    def dress(self, frame: Frame, reveal: Callable[[int], Frame] | None = None) -> Frame:
        """The frame with the question (or its answer) on it while one is up and the class is on the step it is
        shown over; on any other step (after ←, Home) the frame as it is (review18: the answer card stayed up over
        the step before its own, and over the roll call after Home). With `reveal` (a step's finished frame, from 1)
        a question is asked over what the deck asks it over (asked_over: its own chapter, quiz22)."""
        if self.showing is None or frame.beat + 1 != shown_on(*self.showing):
            return frame
        q, revealed = self.showing
        keys = more_answers(q, self.coming) if revealed else answer_keys(q)
        return with_quiz(frame if revealed or reveal is None else asked_over(q, frame, reveal), q, revealed,
                         self.chosen.get(id(q)), keys)


def deck_with_quiz(trace: Trace, sel: Selection, times: list[float], notices=(), per: str = "beat") -> list[Frame]:
    """The deck's frames with a question slide before each slide that reveals an answer (showing the step
    before it), and that answer slide marking the answer (two questions answered on one slide: both asked, then both
    marked: in_turn).
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
        for q, revealed in in_turn(due):  # each question: asked on the step before (in its own chapter: asked_over),
            before = timeline.beat_stop(shown_on(q, False) - 1) if q.step >= 2 else 0.0  # then this slide answering it
            frame = shown(t) if revealed else asked_over(q, shown(before), step_frame(timeline, shown))
            frames.append(with_quiz(frame, q, revealed))
    return frames
