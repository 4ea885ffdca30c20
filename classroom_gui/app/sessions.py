"""Each model's own session (no Qt): where the lesson was in it — the sentence, asker, layer, head, rule, step and
what-if edits — kept per model in the settings file (view.settings), so that opening another model (Ctrl+O or
--model) never throws away the edits prepared on this one, and one model's rule never becomes another's
(teacher21 M1, L1). Opening a model brings back its own session; a model never opened before starts as its
lesson does.
"""
from __future__ import annotations

from dataclasses import dataclass

from .history import Resumed, run_resumed
from .model_identity import former_key, model_key, own_session


@dataclass(frozen=True)
class Session:
    """A model's place, as the settings file keeps it (view.settings.Settings' place fields)."""
    sentence: str = ""
    seat: int | None = None
    asker: str = ""
    layer: int | None = None
    head: int | None = None
    rule: str | None = None
    left: tuple | None = None  # ClassroomModel.left_at
    edits: tuple[str, ...] = ()  # as --set writes them
    retire: str | None = None  # read from the section of the model's former key: its id (the next save removes it)
    unread: object = None  # what the section held but could not give ("edits" without their sentence: view.settings)
    # [General]'s whole copy of a damaged or lost section (view.settings.sessions): own_session takes it only where its
    # moment is of its sentence under the model's key, else `section`, what the damaged section itself gave (or None)
    copy: bool = False
    section: "Session | None" = None


def sentence_of(session: Session | None, text: str) -> str:
    """The sentence a model opens on: its session's own when that kept what-if edits (they were made for it, as a start
    with --model does: view.settings.load; review24 #1: Ctrl+O back on the box's sentence dropped them), else `text`."""
    return session.sentence if session is not None and session.edits and session.sentence else text


def opened_with_session(folder: str, text: str, sessions: dict[str, Session], left_here=frozenset()):
    """On the worker thread: the model folder's checkpoint and its first run of `text` (sentence_of) under its own session (the
    rule, layer and head it was left in, its what-if edits read again: history.run_resumed) or, for a model never
    opened, as its lesson starts (gallery.lesson_rule); with the session (None for a new model), or the
    TokenizerFailed its tokenizer raised on the sentence in place of the run; and its model_identity.model_key, worked out
    once here (ClassroomModel.set_checkpoint's key). `left_here`: the keys of the models this window left earlier
    (their edits come back as kept with the model, not as the last session's)."""
    from ..lesson.gallery import gallery_of, lesson_rule
    from ..model.checkpoint import load_checkpoint
    from ..model.sentence import TokenizerFailed

    checkpoint = load_checkpoint(folder)
    key = model_key(checkpoint)
    session = own_session(sessions, key, former_key(checkpoint))  # found under a former key too (teacher22 M1)
    rule = session.rule if session is not None and session.rule else lesson_rule(checkpoint, gallery_of(folder)[0])
    layer = min(session.layer or 0, checkpoint.config.n_layer - 1) if session is not None else 0
    head = min(session.head or 0, checkpoint.config.n_head - 1) if session is not None else 0
    waiting = (session.seat, session.asker, session.left, session.edits, key) if session and session.edits else None
    try:
        run = run_resumed(waiting, checkpoint, sentence_of(session, text), rule, layer, head, here=key in left_here)
    except TokenizerFailed as exc:  # the model still opens; the window says why this sentence cannot be read
        return checkpoint, exc, session, key
    return checkpoint, run, session, key


def unwrapped(run):
    """The run itself of a job's answer that may be a Resumed one."""
    return run.run if isinstance(run, Resumed) else run
