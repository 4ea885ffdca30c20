"""A deck's frames without Qt: one per step or per chapter, each chapter said whole on a deck per chapter
(lesson.chapter_summary), with the quiz's question slides when asked for (lesson.quiz_play). The CLI's `deck`
and the window's File → Export slides both take their frames from here, and a video its pictures (video_frame)."""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from os.path import commonprefix
from typing import Callable

from ..model.trace import Trace
from .chapter_summary import summarised
from .context import Selection
from .frame import Frame
from .quiz_play import deck_with_quiz
from .state import frame_at
from .whatif_words import lead_before_change, leads


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
    said = said_once(trace, sel)
    return [said(frame, i) for i, frame in enumerate(frames)]


def video_frame(trace: Trace, sel: Selection, notices=()) -> Callable[[float], Frame]:
    """The picture of lesson time t in a video (the CLI's `video`, the window's File → Video): frame_at, the what-if
    lead said on the pictures of the video's first step only, as a deck says it on its first slide (a what-if video
    opened every step with it, and held each step the longer to read it)."""
    said = said_once(trace, sel)
    return lambda t: (lambda frame: said(frame, frame.beat))(frame_at(trace, sel, t, notices))


def said_once(trace: Trace, sel: Selection) -> Callable[[Frame, int], Frame]:
    """said(frame, key): `frame` as shown where the first frame with a what-if lead had a key of at least `key`, else
    without its lead (the whole lead, or the opening sentence of a step the edits leave as the model's). Keys grow
    in the order the frames are shown: a deck's slide numbers, a video's steps (a step's first picture is the one
    before's finished one, so it keeps what that one said). The first names every edit; the window's steps, said
    one at a time, name the newest two and count the rest (whatif_words.named)."""
    edits = tuple(trace.edits)
    if not edits:
        return lambda frame, key: frame
    first: list[int] = []

    @cache
    def said(rule: str, every: bool = False) -> tuple[str, str, str]:  # the leads of a step under `rule` (whatif_words.
        _, full, same = leads(sel.lang, edits, trace.tokens, rule, every)  # leads: a mask edit the rule has is apart)
        shared = commonprefix([full, same])
        # a step whose lead names what the edits changed most (teacher34 #3): that sentence stays on each slide
        changed = lead_before_change(sel.lang, edits, trace.tokens, rule, every)
        return full, changed, shared[:max(shared.rfind("。"), shared.rfind(". ")) + 1]  # the sentence both open with

    def once(frame: Frame, key: int) -> Frame:
        short = said(frame.rule)
        at = next((i for i, x in enumerate(short) if x and frame.narration.startswith(x)), None)
        if at is None:
            return frame
        first[:] = first or [key]
        rest = frame.narration[len(short[at]):]
        if key > first[0]:
            return replace(frame, narration=rest.strip())
        # the one step that says the lead names every edit, the older ones too (teacher25 M1: "…; and 1 more edit"
        # left the score the slides' numbers rest on unsaid in the whole deck)
        return replace(frame, narration=said(frame.rule, True)[at] + rest)
    return once
