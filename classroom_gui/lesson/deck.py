"""A deck's frames without Qt: one per step or per chapter, each chapter said whole on a deck per chapter
(lesson.chapter_summary), with the quiz's question slides when asked for (lesson.quiz_play). The CLI's `deck`
and the window's File → Export slides both take their frames from here."""
from __future__ import annotations

from dataclasses import replace
from os.path import commonprefix

from ..model.trace import Trace
from .chapter_summary import summarised
from .context import Selection
from .frame import Frame
from .quiz_play import deck_with_quiz
from .state import frame_at
from .strings import text
from .whatif_state import named


def deck_frames(trace: Trace, sel: Selection, times: list[float], per: str, notices=(),
                quiz: bool = False) -> list[Frame]:
    """The frames at `times` (export.moments.deck_times(per)): per step as frame_at shows them; per chapter each
    saying its chapter whole; with quiz, a question slide before each answer (deck_with_quiz)."""
    if quiz:
        return lead_once(trace, sel, deck_with_quiz(trace, sel, times, notices, per))
    frames = [frame_at(trace, sel, t, notices) for t in times]
    return lead_once(trace, sel, [summarised(trace, sel, f) for f in frames] if per == "chapter" else frames)


def lead_once(trace: Trace, sel: Selection, frames: list[Frame]) -> list[Frame]:
    """A what-if class's lead (「もしも…変えた数より後の数はすべて計算し直しています。」, ~95 characters) on the first
    slide that opens with it only: on every slide it filled two of the narration's three lines, the step's own point
    last (teacher17 M2). A later step the edits leave as the model's keeps its own sentence saying so, without the
    「もしも…どうなるでしょう。」 opening. The title's 【もしも】 and the outlined numbers still mark every what-if slide."""
    edits = tuple(trace.edits)
    if not edits:
        return frames
    said = named(sel.lang, edits, trace.tokens)
    full, same = (text(sel.lang, key, n=len(edits), edits=said) for key in ("whatif.narration", "whatif.narration_same"))
    shared = commonprefix([full, same])
    opening = shared[:max(shared.rfind("。"), shared.rfind(". ")) + 1]  # the sentence both leads open with
    out, led = [], False
    for frame in frames:
        lead = next((x for x in (full, opening) if x and frame.narration.startswith(x)), "")
        if lead and led:
            frame = replace(frame, narration=frame.narration[len(lead):].strip())
        led = led or bool(lead)
        out.append(frame)
    return out
