"""The quiz as the clicker steps through it (no Qt): turned on or off, its questions made for the class on screen, and
the next press, ] and [ with a card up (lesson.quiz_play); the part of ClassroomModel (app.model) that keeps them."""
from __future__ import annotations


class QuizSteps:
    """ClassroomModel's quiz. It reads the model's quiz_on, quiz_play, player and sel, and its shown_trace and
    changed."""

    def set_quiz(self, on: bool) -> None:
        self.quiz_on, self.quiz_play = bool(on), None
        self.changed("quiz")

    def _quiz(self):
        """The questions of the class on screen, made again when the sentence, asker, layer, head, rule, language or
        temperature change."""
        trace = self.shown_trace()
        if not self.quiz_on or trace is None:
            return None
        # the temperature too: a wrong choice needs at least 1 % at the shown temperature (lesson.quiz)
        key = (id(trace), self.sel.focus, self.sel.layer, self.sel.head, self.sel.rule, self.sel.lang,
               self.sel.temperature)
        if self.quiz_play is None or self.quiz_play.key != key:
            from ..lesson.quiz_play import QuizPlay, class_questions

            before, self.quiz_play = self.quiz_play, QuizPlay(class_questions(trace, self.sel))
            if before is not None and before.key[:4] == key[:4]:  # the same asker (M, the temperature, the language):
                self.quiz_play.follow(before)  # the quiz goes on where it was, its open question still to be revealed
            self.quiz_play.key = key
        return self.quiz_play

    def quiz_next(self) -> bool:
        """The clicker's next press with the quiz on: ask the coming step's question (the class stays, or goes back
        to the step before for a second question that step reveals), or move on and reveal its answer, in the
        deck's order (lesson.quiz_play.in_turn); False when the quiz is off (the press steps as usual)."""
        play = self._quiz()
        if play is None:
            return False
        did = play.next(self.player.timeline.locate(self.player.time)[0] + 1)
        if did in ("reveal", "move"):
            self.player.next_beat()
        elif did == "back":
            self.player.prev_beat()
        self.changed("time")
        return True

    def quiz_choose(self, i: int) -> bool:
        """The class's choice `i` (from 0: ア, A, key 1 or a click on it) for the question on screen: kept, then the
        next press made, so the answer is revealed marked right or wrong (or, where one step reveals two answers, the
        next question asked: lesson.quiz_play.in_turn). False with no question asked on screen (the key does what
        it does without a quiz)."""
        play = self._quiz()
        if play is None or not play.choose(i, self.player.timeline.locate(self.player.time)[0] + 1):
            return False
        return self.quiz_next()

    def asking(self) -> bool:
        """Whether a question is asked on screen (its choices take the keys 1-4 and A-D, and clicks)."""
        play = self.quiz_play if self.quiz_on else None
        if play is None or play.showing is None or play.showing[1]:
            return False
        from ..lesson.quiz_play import shown_on
        return shown_on(*play.showing) == self.player.timeline.locate(self.player.time)[0] + 1

    def jump_chapter(self, name: str, quiz: bool = False) -> None:
        """] or [ (next_chapter, prev_chapter): the chapter's first step. With the quiz asking (`quiz`: presenting with
        it on), a first step that answers a question not yet answered is the question instead, asked over the step
        before as → asks it (teacher21 L2: ] skipped the question and landed on its answer); ] on a question card goes
        past the chapter it asks about, leaving the question unanswered (the next pass asks it)."""
        play = self._quiz() if quiz else None
        timeline = self.player.timeline
        if play is not None and play.showing is not None and name == "next_chapter":
            q, revealed = play.showing
            if not revealed and timeline.locate(self.player.time)[0] + 1 == q.step - 1:
                self.player.jump(timeline.beat_stop(q.step - 1))  # from the chapter the card shows
            play.showing, play.coming = None, []
        self.player.next_chapter() if name == "next_chapter" else self.player.prev_chapter()
        beat = timeline.locate(self.player.time)[0]
        if play is not None and beat > 0 and any(id(q) not in play.done for q in play.by_step.get(beat + 1, ())):
            self.player.jump(timeline.beat_stop(beat - 1))
            play.next(beat)
        self.changed("time")
