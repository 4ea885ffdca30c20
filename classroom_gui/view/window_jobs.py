"""The window's sentence and model jobs, as a mixin of MainWindow: computing a sentence (on the worker thread
for a big model), opening a model folder, adding the class's answer as a new student, and reporting a job
that failed. What they compute goes to the ClassroomModel (set_run, set_checkpoint), which the window shows.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..app.history import run_resumed
from ..app.sessions import opened_with_session, sentence_of
from ..export.errors import said
from ..lesson.strings import text, unbroken_quotes
from ..messages.phrase import PhraseError
from . import file_dialogs, settings
from . import message_box
from ..lesson import rules
from .window_lesson import warm_rule

BIG_MODEL = 5_000_000  # parameters; bigger models load and compute on the worker thread


@dataclass(frozen=True)
class Typed:
    """A job's answer with the sentence as typed when the job began (review10: one slot shared by every job let a
    sentence typed while a model folder opened label that folder's run)."""
    result: object
    typed: str
    shown: str = ""  # the sentence on screen when the job began


def typed_job(typed: str, shown: str, function, *args) -> Typed:  # runs on the worker thread
    return Typed(function(*args), typed, shown)


def warn(parent, title: str, said: str, detail: str = "") -> None:
    """A warning box saying `said` (broken between phrases: view.message_box), with `detail` behind its Show
    Details… button when there is one."""
    if not detail:
        message_box.warning(parent, title, said)  # (the tests' one seam for a box without details)
        return
    box = message_box.message_box(parent, message_box.Icon.Warning, title, said, detail)
    message_box.show_box(box)


@dataclass(frozen=True)
class Stepped:
    """The worker's answer to an Undo or Redo across sentences on a big model: `left`'s class under the rule shown
    is ready; the step is taken if it is still the one Undo (Redo) would take."""
    left: object
    undo: bool

    def arrived(self, window) -> None:
        if window.model.coming(self.undo) is self.left:
            window.model.undo_edit() if self.undo else window.model.redo_edit()


def _stepped(step: Stepped, shown, rule: str, layer: int, asker: int, head: int) -> Stepped:  # on the worker
    warm_rule(shown, rule, layer, asker, head)
    return step


def _filled(step: Stepped, checkpoint) -> Stepped:  # on the worker: a sentence Undo brings back by its text
    step.left.filled(checkpoint)
    return step


class SentenceJobs:
    """Mixed into MainWindow, which provides model, worker, sentence and t()."""

    def apply_sentence(self) -> None:
        text = self.sentence.text()  # read as typed by GPT-2 folders (compute_run)
        # the sentence on screen again: nothing to compute, its what-if edits stay (unless another sentence is on
        # its way, whose answer would replace it: then this one is computed, and the newest job wins; another lane's
        # job, a big model's rule, step or compare, is no sentence: review12, Enter dropped the edits meanwhile)
        if not self.worker.awaiting("class") and self.model.shows(text):
            self.canvas.setFocus()
            return
        example = self.model.example  # a gallery example shows its own layer; a new sentence keeps the shown one
        layer = example.layer - 1 if example is not None else self.sel.layer
        head = example.head - 1 if example is not None else self.sel.head
        focus = example.focus if example is not None else None  # its asker's softmax row is worked at load
        # the last session's edits, until the first sentence comes, are read again in the same job (review15)
        job = (self.model.waiting(), self.checkpoint, text, self.sel.rule, layer, head, focus)
        if self._is_big():  # a real GPT-2 takes a while: compute off the GUI thread
            if getattr(self, "_opening", None) and self.worker.awaiting("class"):
                self._after_open = True  # its job would replace the model's in their lane: computed when it lands
                return
            self.worker.start(typed_job, text, self.model.typed, run_resumed, *job)
            return
        try:
            self.model.set_run(run_resumed(*job), text)
        except Exception as exc:  # never let a sentence kill the window
            self._job_failed(exc)

    def _is_big(self) -> bool:
        return sum(p.size for p in self.checkpoint.params.values()) > BIG_MODEL

    def open_model(self, folder: str | None = None) -> None:
        if folder is None:
            folder = file_dialogs.ask_folder(self, self.t("ui.open_model"))
            if not folder:
                return
        self._opening = folder  # a failure is then the folder's, said in the UI's language (ui.model_unreadable)
        field = self.sentence.text()
        self.saver.stop()
        # this model's own session first: opening it again brings it back (teacher21 M1)
        self._kept = self.save_settings()
        self._left_here = getattr(self, "_left_here", frozenset()) | {self.model.model_key}  # back later: "kept"
        self.worker.start(typed_job, field, self.model.typed, opened_with_session, folder, field,
                          settings.sessions(self.store, settings.Settings(sentence=field)), self._left_here)

    def open_teaching_model(self) -> None:
        """File → Open the teaching model: the shipped one, wherever the app is installed (teacher22 M1)."""
        from ..resources import teaching_model_dir

        self.open_model(str(teaching_model_dir()))

    def _job_done(self, result) -> None:
        typed, began = "", None
        if isinstance(result, Typed):
            result, typed, began = result.result, result.typed, result.shown
        if hasattr(result, "arrived"):  # an answer that knows where it goes (Compare's second class, the other
            result.arrived(self)  # rule's trace of a big model: window_lesson.RuleRun, an Undo's Stepped)
            return
        if isinstance(result, tuple):  # a new model, its first trace (or why its tokenizer cannot read it), and its
            self._opening = None  # own session (app.sessions)
            checkpoint, run, session, key = result
            self.retire = session.retire if session is not None else None  # read under its former key (review26 #3)
            shown = self.model.typed  # a sentence applied while the folder opened is newer than the job's
            own = typed if isinstance(run, Exception) else sentence_of(session, typed)  # its kept edits' sentence
            self.model.set_checkpoint(checkpoint, None if isinstance(run, Exception) else run, own, session,
                                      getattr(self, "_kept", True), key)
            if isinstance(run, Exception):
                self._job_failed(run)
            elif began is not None and shown != began and shown != typed:  # so the new model reads that one
                self.sentence.setText(shown)
                self.apply_sentence()
            elif own != typed:  # the box says which sentence the model came back on
                self.sentence.setText(own)
            self._opened()
        else:
            self.model.set_run(result, typed)
            self.example_opened()  # a gallery example's class on a big model: the status line says where it opened

    def step_edits(self, undo: bool) -> bool:
        """Undo (or Redo). One that brings back a big model's sentence under a rule its class was not computed in
        computes that rule's trace on the worker first, as a rule switch does, then steps (review10 #4: 1-3.5 s on
        the GUI thread at 512-1,024 students); True when something was (or is being) taken back."""
        left = self.model.coming(undo)
        if left is not None and left.run is None and left.typed and self._is_big():  # kept by its text: computed
            self.worker.start(_filled, Stepped(left, undo), self.checkpoint, lane="step")  # on the worker first
            return True
        if left is not None and left.run is not None and self._is_big():  # (an emptied room has no class)
            shown = left.whatif.trace if left.whatif is not None else left.run.trace
            where = left.where  # the step shows that class where the lesson was in it (its rule, layer, head)
            if not rules.has(shown, where.rule):
                self.worker.start(_stepped, Stepped(left, undo), shown, where.rule, where.layer, where.focus,
                                  where.head, lane="step")
                return True
        return self.model.undo_edit() if undo else self.model.redo_edit()

    def _job_failed(self, exc, lane: str = "") -> None:
        """A job's failure said in a box: a model folder's (ui.model_unreadable) only when the job was the "class"
        lane's, where a model opens (review12: a rule, step or compare job failing meanwhile blamed the folder)."""
        logging.getLogger("classroom_gui").warning("background job failed", exc_info=exc)
        folder = getattr(self, "_opening", None) if lane == "class" else None
        if folder:
            self._opening = None
            self.model_unreadable(folder, exc, "ui.model_unreadable")
            self._opened()
        else:
            warn(self, self.t("ui.error_title"), unbroken_quotes(said(exc, self.sel.lang)) or type(exc).__name__)

    def _opened(self) -> None:
        """A model folder's job has answered: a sentence applied meanwhile on a big model is computed now."""
        if getattr(self, "_after_open", False):
            self._after_open = False
            self.apply_sentence()

    def model_unreadable(self, folder, exc, key: str) -> None:
        """A model folder that cannot be read (Open model…, or --model at launch: `key` says what the class does
        now), in a box titled so. The loaders' reason names the file, in the UI's language where it is keyed (a
        missing folder, a file beyond a limit of model.limits): under an English UI it follows the sentence, under
        another it is the box's details (Show Details…), not a line under the sentence."""
        reason = exc.phrase.said(self.sel.lang) if isinstance(exc, PhraseError) else str(exc)
        said, detail = self.t(key, folder=Path(folder).name or str(folder)), reason or type(exc).__name__
        if self.sel.lang == "en":
            said, detail = said + "\n\n" + detail, ""
        warn(self, self.t("ui.model_error_title"), said, detail)

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def add_answer_to_class(self) -> None:
        """The class's answer joins as a new student; the lesson stays at the answer."""
        frame = self.model.frame()
        if frame.answer_id < 0:  # not answer time: one line says where A works, rather than nothing happening
            self.tell(lambda lang: text(lang, "ui.add_answer_not_now"))
            return
        # the class on screen, whatever the sentence field holds now (a sentence typed and not applied)
        shown = self.run.text if self.run is not None and self.run.text else self.sentence.text()
        try:
            extended = self.checkpoint.tokenizer.extend(shown, frame.answer_id)
        except Exception as exc:  # the model's tokenizer cannot read the sentence (e.g. it panics): say so
            self._job_failed(exc)
            return
        self.sentence.setText(extended)
        self.apply_sentence()
        self.model.jump(self.player.timeline.duration)
