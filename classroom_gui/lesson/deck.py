"""A deck's frames without Qt: one per step or per chapter, each chapter said whole on a deck per chapter
(lesson.chapter_summary), with the quiz's question slides when asked for (lesson.quiz_play). The CLI's `deck`
and the window's File → Export slides both take their frames from here."""
from __future__ import annotations

from ..model.trace import Trace
from .chapter_summary import summarised
from .context import Selection
from .frame import Frame
from .quiz_play import deck_with_quiz
from .state import frame_at


def deck_frames(trace: Trace, sel: Selection, times: list[float], per: str, notices=(),
                quiz: bool = False) -> list[Frame]:
    """The frames at `times` (export.moments.deck_times(per)): per step as frame_at shows them; per chapter each
    saying its chapter whole; with quiz, a question slide before each answer (deck_with_quiz)."""
    if quiz:
        return deck_with_quiz(trace, sel, times, notices, per)
    frames = [frame_at(trace, sel, t, notices) for t in times]
    return [summarised(trace, sel, f) for f in frames] if per == "chapter" else frames
