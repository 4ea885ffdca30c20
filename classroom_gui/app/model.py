"""ClassroomModel: the open lesson without Qt — the checkpoint, its gallery, the sentence's run, the Selection
(asker, layer, head, temperature, language, rule), the Player, the teacher's what-if edits (and their Undo and
Redo: edit_history.EditHistory), the quiz (quiz_steps.QuizSteps), and change notifications. The window draws what
it says; export dialogs and the crash reporter read it; tests drive it without a window.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..lesson import rules
from ..lesson.gallery import example_point, example_selection, gallery_of, lesson_rule, lesson_selection
from ..lesson.example_point import KEY_BEAT
from ..lesson.player import Land, Player
from ..lesson.state import Selection, default_focus, frame_at, notices_for, timeline_for
from ..lesson.timeline import Timeline
from ..lesson.whatif_state import WhatIf
from ..messages.phrase import Phrase, said_in_turn
from ..model.allocator import give_back_excess
from .edit_history import EditHistory
from .history import (Left, Resumed, View, edits_back, kept_asker, left_behind, opened_asker, resumed_seat,
                      same_left, sentence_id, within_budget)
from .model_identity import is_teaching, model_key
from .quiz_steps import QuizSteps
from .sessions import unwrapped

# what changed, for listeners: "model" (a new checkpoint), "run" (a new sentence), "selection", "time",
# "edits" (the what-if edits), "quiz" (quiz on or off), "theme" (the classroom's look), "canvas" (its shape),
# "board" (the board close-up on or off)
Listener = Callable[[str], None]

class ClassroomModel(EditHistory, QuizSteps):
    def __init__(self, checkpoint, lang: str = "en", speed: float = 1.0, key: str | None = None):
        self._listeners: list[Listener] = []
        self.run = None
        self.example = None  # a gallery example whose sentence is being computed (applied in set_run)
        self.before_example = None  # where the lesson was when that example was chosen (history.View)
        self.open_example = None  # the gallery example on screen (its sentence shown), for the gallery to show it
        self.resumed = None  # where the last session left the lesson, for the first sentence (resume)
        self.stepped = None  # True (False) when Undo (Redo) brought back the sentence shown (EditHistory._step)
        self.note = None  # a Phrase the status line says once: what-if edits the last session left, not brought back
        # a Phrase: what the settings file could not give (view.settings.unread_note, set by the window), said once with
        # the first sentence (_resume_in)
        self.unread = None
        self.whatif: WhatIf | None = None  # the edits of the shown sentence (lesson.whatif_state)
        self.typed = ""  # the sentence as typed for the run shown (the run's text is as read: spaces joined)
        self.brought_back = False  # the shown sentence came back by Undo or Redo, not from the sentence box
        self.earlier: list[Left] = []  # sentences left with edits, newest last: Undo brings the last one back
        self.later: list[Left] = []  # sentences Undo left, for Redo; a new sentence, edit or reset clears them
        self.quiz_on = False
        # the questions of the class on screen (lesson.quiz_play.QuizPlay), made when first asked: the quiz's
        # modules load then, not at start
        self.quiz_play = None
        self.theme = "classroom"  # scene.palette's theme name: "contrast" for a washed-out projector
        self._sel = Selection()  # its canvas is the window's (set_canvas); a new sentence or model keeps it (sel)
        self.player = Player(Timeline(1, checkpoint.config.n_layer), speed=speed)
        self._open(checkpoint, lang, 1.0, None, key)

    # notifications ------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:  # a window that closes before the model (Compare)
        if listener in self._listeners:
            self._listeners.remove(listener)

    def changed(self, what: str) -> None:
        if what == "edits":  # what start-up said of the last session's edits is old news after a change of them
            self.note = self.stepped = None  # (and what Undo or Redo of a sentence brought back)
        if what in ("model", "run", "edits", "selection"):
            self._hold_head()
        for listener in list(self._listeners):
            listener(what)

    def _hold_head(self) -> None:
        """The selected head is the one the classes made from the class on screen keep (Trace.held_head: the other
        rule's, a what-if class): set here, where the head, the sentence or the edits change, not by each frame
        (an export's or a comparison's frames leave the window's classes as they were)."""
        if self.run is not None:
            for trace in {id(t): t for t in (self.run.trace, self.shown_trace())}.values():
                rules.show_head(trace, self.sel.head)  # the other rule's class and kept layers hold it too

    # the model and the sentence ----------------------------------------------------------------
    def _open(self, checkpoint, lang: str, temperature: float, rule: str | None, key: str | None = None) -> None:
        self.checkpoint = checkpoint
        self.model_key = key if key is not None else model_key(checkpoint)  # left_at's; from the caller: review24
        self.gallery, self.gallery_problem = gallery_of(checkpoint.path)
        self.sel = lesson_selection(self.gallery, lang, temperature, rule or lesson_rule(checkpoint, self.gallery))

    def set_checkpoint(self, checkpoint, run, typed: str = "", session=None, kept: bool = True,
                       key: str | None = None) -> None:
        """A newly opened model and its first run (None when its tokenizer cannot read the sentence), in the model's
        own `session` (app.sessions.Session: where it was left, its rule and what-if edits; None: as its lesson
        starts). The old model's edits are not lost: the window saved them in its session first (teacher21 M1); `kept`:
        whether that save was written (review24 L4: else the status line does not say they were kept)."""
        own, teaching = unwrapped(run), is_teaching(self.model_key)  # the model left, and whether its edits stay
        left = kept and self.whatif is not None and self.whatif.active
        rule = own.trace.mask_rule if own else session.rule if session is not None else None
        self._open(checkpoint, self.sel.lang, self.sel.temperature, rule, key)
        self.earlier.clear()  # another model's classes are not brought back by Undo (its session keeps its edits)
        self.later.clear()
        self.whatif = self.resumed = None  # so the old model's class is not left as a step either
        if session is not None:
            self.resume(session.seat, session.asker, session.layer, session.head, None, session.left, session.edits)
        self.changed("model")
        said = Phrase("whatif.kept_with_teaching_model" if teaching else "whatif.kept_with_model") if left else None
        self.set_run(run, typed, said, new_model=True)

    def shows(self, typed: str) -> bool:
        """Whether `typed` is the sentence on screen: Enter or Apply on it again changes nothing, its edits stay."""
        return self.run is not None and self.example is None and typed in (self.typed, self.run.text)

    def set_run(self, run, typed: str = "", note=None, new_model: bool = False) -> None:
        """A newly computed sentence (`typed` as the teacher typed it): the same step where it still exists, the
        seed's asker (or the pending gallery example's asker, layer, head and rule, shown at its shares). It is the
        model's own class again; the sentence it replaces, when it had edits, is one step Undo brings back. A
        Resumed run (history.run_resumed) brings the last session's edits it was computed with. `note`: a Phrase the
        status line says once (unless the edits brought back have their own). `new_model`: the first run of a model
        just opened, shown at the first step of the same chapter (its chapters have other numbers of steps)."""
        back = None
        if isinstance(run, Resumed):
            run, back = run.run, run.back
        if self.run is not None and self.whatif is not None:  # with or without edits (teacher31 #2: the README
            # promises any new sentence is one step Undo takes back)
            self.whatif.redone.clear()  # a new sentence starts a new line of changes, as a new edit does
            here = self.before_example if self.example is not None and self.before_example else self.here()
            # one with no edits to bring back keeps its text, not its trace (history.left_behind)
            self.earlier = within_budget(self.earlier + [left_behind(self.run, self.whatif, self.typed, here)])
        # the asker stays by seat and word (teacher31 #3); not across models, nor for an example (it has its own)
        asked = self.run is not None and not new_model and self.example is None and self.resumed is None
        asked = (self.sel.focus, self.run.trace.tokens[self.sel.focus]) if asked else None
        self.later.clear()
        self.note = note
        self._show(run, WhatIf(run.trace) if run else None, typed, back=back, new_model=new_model, asked=asked)

    def _show(self, run, whatif: WhatIf | None, typed: str, where: View | None = None, back=None,
              new_model: bool = False, asked: tuple | None = None) -> None:
        self.run, self.whatif = run, whatif
        self.typed = typed or (run.text if run else "")
        self.brought_back = where is not None  # by Undo or Redo (_step): the sentence box shows it again
        n = run.trace.n_tokens if run else 1
        self.player.set_timeline(timeline_for(n, self.checkpoint.config.n_layer),
                                 Land.SAME_CHAPTER if new_model else Land.SAME_STEP)
        kept = self.open_example if run and self.open_example and self.open_example.text == run.text else None
        self.open_example = self.example if run and self.example is not None else kept  # the same sentence keeps it
        if run and self.example is not None:
            self.sel = example_selection(self.example, run.trace.tokens, self.sel.temperature, self.sel.lang).clamped(run.trace)
            beats = self.player.timeline.beats  # to the shares, where the example's claim is seen
            self.player.jump(self.player.timeline.beat_stop(next(i for i, b in enumerate(beats) if b.key == KEY_BEAT)))
        elif run and where is not None:  # a sentence Undo or Redo brought back: where the lesson was in it too
            self._go(where)
        elif run:
            self._resume_in(run, back, asked)
        # the open example's point, said at its key step (teacher34 #6); none once another sentence is shown
        self.sel = replace(self.sel, point=example_point(self.open_example, run.trace) if self.open_example else None)
        self.example = self.resumed = self.before_example = None
        self.changed("run")
        # the old trace is gone now that the listeners drew the new one: free its peak, keeping what a sentence
        # of this size needs again
        give_back_excess(run.trace.nbytes if run else 0)

    def rule_ready(self, rule: str) -> None:
        """The other rule's trace of this sentence is computed (a big model's, on the worker): show that rule, then
        give back what computing it freed (its forward's temporaries, the shares its lean layers let go: ~0.2 GB
        for GPT-2 small at 512 students), keeping what a sentence of this size needs again."""
        self.select(rule=rule)
        give_back_excess(self.run.trace.nbytes if self.run else 0)

    def resume(self, seat: int | None, word: str, layer: int | None, head: int | None, rule: str | None,
               left: tuple | None = None, edits: tuple = ()) -> None:
        """Where the last session left the lesson (view.settings), before its sentence is computed: its rule, layer
        and head now (Selection.clamped keeps them inside the model when its first run arrives); with the first
        sentence, its asker when that seat still holds `word`, and, when it is the sentence `left` was taken
        of (left_at), its moment where the lesson still has that step, the gallery example that was open and its
        what-if `edits` (as --set writes them: edit_specs), each read again (whatif_state.restored)."""
        changes = {k: v for k, v in (("layer", layer), ("head", head), ("rule", rule)) if v is not None}
        self.sel = replace(self.sel, **changes)
        self.resumed = (seat, word, left, tuple(edits))

    def waiting(self) -> tuple | None:
        """What a sentence's job needs to bring back the last session's edits with its run (history.run_resumed),
        while they wait for the first sentence; None once it came, or when none were left."""
        if self.resumed is None or not self.resumed[3]:
            return None
        return (*self.resumed, self.model_key)

    def edit_specs(self) -> tuple[str, ...]:
        """The kept class's what-if edits as --set writes them ("q[1,1,3,1]=3.0", places from 1), for the settings
        file; () for the model's own class."""
        whatif = self.whatif if self.run is not None else self.kept_left().whatif if self.kept_left() else None
        return tuple(e.spec() for e in whatif.edits) if whatif is not None else ()

    def kept_left(self) -> Left | None:
        """While an emptied sentence leaves the room empty, the class Undo brings back: the settings file keeps that
        one, its asker and its edits (teacher31 #1: a restart meanwhile lost them); else None."""
        return self.earlier[-1] if self.run is None and self.earlier and self.earlier[-1].typed else None

    def left_at(self) -> tuple[str, str, float, int | None] | None:
        """Where the lesson is, for the settings file: (the sentence's id, its step (Timeline.place), the time, the
        open gallery example's index or None); None without a sentence. An emptied room: where the lesson was in
        the class Undo brings back (kept_left)."""
        left = self.kept_left()
        if left is not None:  # (kept whole, or by its text: Left.read)
            text, n_tokens, _ = left.read
            timeline = timeline_for(n_tokens, self.checkpoint.config.n_layer)
            return sentence_id(text, self.model_key), timeline.place(left.where.time), left.where.time, None
        if self.run is None:
            return None
        # by value: a model opened again (set_checkpoint) reads its gallery again, new Examples equal to the open one
        example = next((i for i, e in enumerate(self.gallery) if e == self.open_example), None)
        time = self.player.time
        return sentence_id(self.run.text, self.model_key), self.player.timeline.place(time), time, example

    def _resume_in(self, run, back=None, asked: tuple | None = None) -> None:
        """The first sentence's asker, moment and gallery example, as resume() was told (else the defaults), and
        the edits left: `back` when the run's job read them again (history.run_resumed), else read here. `asked`:
        (seat, word) of the asker of the sentence this one replaces, kept where it can be (history.kept_asker)."""
        seat, word, left, edits = self.resumed or (None, "", None, ())
        moved = None
        if asked is not None:
            seat, moved = kept_asker(run.trace.tokens, *asked, self.sel.rule)
        else:
            seat = resumed_seat(run.trace.tokens, seat, word, self.sel.rule)
            moved = opened_asker(run.trace.tokens, seat)
        self.sel = replace(self.sel, focus=seat).clamped(run.trace)
        same = same_left(left, run.text, self.model_key)
        gone = None
        if same:  # (another sentence: from its start)
            _, place, time, example = left
            at = self.player.timeline.time_in(place, time)
            if at is not None:
                self.player.seek(at)
            elif place:  # a step this lesson does not have is said, not silently left (teacher26 L2)
                gone = Phrase("settings.step_gone")
            if example is not None and example < len(self.gallery) and self.gallery[example].text == run.text:
                self.open_example = self.gallery[example]
        if edits:  # Undo of each comes back to where the lesson resumed, as a fresh edit's to where it was made
            self.whatif, self.note = back if back is not None else edits_back(run.trace, edits, same)
            where = self.here()  # (the worker's run_resumed read them before the lesson had a place: review28 #2)
            self.whatif.history = [replace(change, where=where) for change in self.whatif.history]
        if moved is not None and moved.key == "ui.asker_opened" and any((self.unread, gone, self.note)):
            moved = None  # (who asks is said alone: after a damaged file's or the edits' line it ran past 1024 px)
        self.note, self.unread = said_in_turn(self.unread, gone, self.note, moved), None

    def choose_example(self, example) -> None:
        """A gallery example: its sentence is computed next, under its rule. The UI's language stays: the gallery
        describes every example in the reader's language, and a Japanese class studies the English one in Japanese."""
        if self.example is None:  # where the lesson was, for Undo of the sentence it replaces (not the example's rule)
            self.before_example = self.here()
        self.example = example
        self.sel = replace(self.sel, rule=example.mask)
        self.changed("selection")

    # the selection ------------------------------------------------------------------------------
    def select(self, **changes) -> bool:
        """Change the Selection (kept inside the sentence and the model); True when it changed."""
        new = replace(self.sel, **changes)
        if self.run:
            new = new.clamped(self.run.trace)
        if new == self.sel:
            return False
        self.sel = new
        self.changed("selection")
        return True

    def step_focus(self, by: int) -> None:
        n = self.run.trace.n_tokens if self.run else 1
        self.select(focus=(self.sel.focus + by) % n)

    def reset(self) -> bool:
        """The lesson as it opened: the start, paused, at speed 1, the seed example's selection, and the model's own
        numbers (the what-if edits go too, as one step Ctrl+Z brings back, to where the lesson was). True when there
        were edits."""
        here = self.here()
        self.player.reset()
        point = self.sel.point  # (the example stays open: its point is said if the class is looked at as it says)
        self.sel = replace(lesson_selection(self.gallery, self.sel.lang, rule=lesson_rule(self.checkpoint, self.gallery)),
                           point=point)
        if self.run:
            self.sel = replace(self.sel, focus=default_focus(self.run.trace.tokens, self.sel.rule)).clamped(self.run.trace)
        edited = self.whatif is not None and self.whatif.active
        if edited:
            self.whatif.reset(here)  # the class below the selection first, so one redraw shows both
            self.later.clear()
        self.changed("selection")
        if edited:
            self.changed("edits")
        return edited

    # time ----------------------------------------------------------------------------------------
    def play(self, name: str) -> None:
        """A Player move by name (next_beat, prev_chapter, home, faster, toggle, ...), then a notification. Home
        starts the quiz afresh: its questions are asked again on the next pass."""
        quiz = self.quiz_play if self.quiz_on else None
        if name == "prev_beat" and quiz and quiz.close(self.player.timeline.locate(self.player.time)[0] + 1):
            self.changed("time")  # ← with a quiz card up closes it, on the step under it (lesson.quiz_play.close)
            return
        getattr(self.player, name)()
        if name == "home":
            self.quiz_play = None
        self.changed("time")

    def jump(self, seconds: float) -> None:
        self.player.jump(seconds)
        self.changed("time")

    def settle(self) -> None:
        """The scrubber let go mid-step: that step shown finished, as → shows it (teacher14 L2: a dragged handle
        left faint question cards and a grey grid until → was pressed). The lesson's start stays the start."""
        player = self.player
        if not player.playing and player.time > 0:
            self.jump(player.timeline.beat_stop(player.timeline.locate(player.time)[0]))

    def go_to_chapter(self, chapter: str) -> None:
        """Lesson → Go to chapter: the chapter's first step, finished (where Ctrl+Right lands)."""
        self.player.jump(self.player.timeline.chapter_stop(chapter))
        self.changed("time")

    def set_speed(self, speed: float) -> None:
        self.player.speed = speed
        self.changed("time")

    def tick(self, dt: float) -> None:
        self.player.step(dt)
        self.changed("time")

    def shown_trace(self):
        """The class on screen: the model's own trace with the teacher's what-if edits."""
        return self.whatif.trace if self.whatif is not None else (self.run.trace if self.run else None)

    @property
    def sel(self):
        """The Selection, on the window's canvas (whatever a new sentence or model chose, the canvas stays)."""
        return self._sel

    @sel.setter
    def sel(self, value) -> None:
        self._sel = replace(value, canvas=self._sel.canvas, board=self._sel.board)

    @property
    def canvas(self):  # the shape the window shows the lesson in (lesson.canvas): the Selection's, its one place
        return self._sel.canvas

    def set_canvas(self, canvas) -> None:
        """The window's canvas turned 16:9 or 4:3 (lesson.canvas): its frames are laid out on it."""
        if canvas != self.canvas:
            self._sel = replace(self._sel, canvas=canvas)
            self.changed("canvas")

    @property
    def board(self) -> bool:  # the board close-up (lesson.close_up), kept like the canvas across sentences and models
        return self._sel.board

    def set_board(self, on: bool) -> None:
        if bool(on) != self.board:
            self._sel = replace(self._sel, board=bool(on))
            self.changed("board")

    def set_theme(self, name: str) -> None:
        if name != self.theme:
            self.theme = name
            self.changed("theme")

    # what is shown -------------------------------------------------------------------------------
    @property
    def notices(self) -> list[str]:
        return notices_for(self.run, self.sel.lang)

    def frame(self, size=None):
        """The moment shown, on the window's canvas or on the canvas of an export's `size` (w, h: Selection.sized)."""
        sel = self.sel if size is None else self.sel.sized(*size)
        trace, notices = self.shown_trace(), self.notices
        frame = frame_at(trace, sel, self.player.time, notices)
        play = self._quiz() if self.quiz_play is not None else None  # made again for the class shown (after M)
        if play is None:
            return frame
        from ..lesson.quiz_play import step_frame  # (loaded with the quiz: _quiz)
        # a question is asked in its own chapter (quiz_play.asked_over)
        return play.dress(frame, step_frame(self.player.timeline, lambda t: frame_at(trace, sel, t, notices)))

    def ahead(self):
        """What the canvas may draw ahead in idle time: (frame_at_time, [(start, duration) of each beat], now,
        students), frame_at_time None when there is nothing to draw ahead (no sentence, or a quiz, whose frames
        depend on the questions asked)."""
        trace = self.shown_trace()
        if trace is None or self.quiz_on:
            return None, [], self.player.time, 0
        sel, notices = self.sel, self.notices

        def frame_at_time(t: float):
            return frame_at(trace, sel, t, notices)
        beats = [(b.start, b.duration) for b in self.player.timeline.beats]
        return frame_at_time, beats, self.player.time, trace.n_tokens

