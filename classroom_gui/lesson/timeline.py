"""The lesson as chapters of beats, laid end to end on a time axis (seconds at 1x speed); the beats are the
steps each chapter's file declares (lesson/chapters/).

A beat is one step a presenter clicks through; playing animates it over its duration. The beats depend
only on the class size and the model's depth, so the same sentence always gives the same timeline.
Keyboard stops sit at the end of each beat, where its picture is complete.
"""
from __future__ import annotations

import bisect
import math

from .beat import Beat
from .chapters import CHAPTERS, beat_plan  # noqa: F401  (CHAPTERS also read from here by callers)
from ..messages.numerals import whole

class Timeline:
    """Beats with start times, and the questions a player asks: where am I, where is the next stop."""

    def __init__(self, n_tokens: int, n_layer: int):
        self.beats: list[Beat] = []
        t = 0.0
        for chapter, key, duration, arg, step in beat_plan(n_tokens, n_layer):
            self.beats.append(Beat(chapter, key, duration, arg, t, step.build))
            t += duration
        self.duration = t
        self._ends = [b.end for b in self.beats]

    def __len__(self) -> int:
        return len(self.beats)

    def locate(self, t: float) -> tuple[int, float]:
        """(beat index, progress 0..1 through it) at time t, clamped to the lesson."""
        t = min(max(float(t), 0.0), self.duration)
        i = min(bisect.bisect_right(self._ends, t - 1e-9), len(self.beats) - 1)
        beat = self.beats[i]
        return i, min(1.0, max(0.0, (t - beat.start) / beat.duration))

    def chapter_of(self, i: int) -> int:
        return CHAPTERS.index(self.beats[i].chapter)

    def chapter_starts(self) -> list[tuple[str, float]]:
        seen, out = set(), []
        for b in self.beats:
            if b.chapter not in seen:
                seen.add(b.chapter)
                out.append((b.chapter, b.start))
        return out

    def beat_stop(self, i: int) -> float:
        """The time at which beat i is fully shown."""
        return self._ends[max(0, min(i, len(self._ends) - 1))]

    def next_stop(self, t: float) -> float:
        i = bisect.bisect_right(self._ends, t + 1e-6)
        return self._ends[min(i, len(self._ends) - 1)]

    def prev_stop(self, t: float) -> float:
        """The stop before `t`; from step 1, step 1 finished (the class seated), never the empty room of time 0."""
        i = bisect.bisect_left(self._ends, t - 1e-6) - 1
        return self._ends[max(i, 0)]

    def next_chapter(self, t: float) -> float:
        """The end of the first beat of the next chapter."""
        i, _ = self.locate(t)
        c = self.chapter_of(i)
        for j in range(i + 1, len(self.beats)):
            if self.chapter_of(j) > c:
                return self._ends[j]
        return self.duration

    def prev_chapter(self, t: float) -> float:
        i, _ = self.locate(t)
        here = self.chapter_of(i)
        first_here = next(j for j in range(len(self.beats)) if self.chapter_of(j) == here)
        if t > self._ends[first_here] + 1e-6:
            return self._ends[first_here]
        prev = here - 1
        for j in range(len(self.beats)):
            if self.chapter_of(j) == prev:
                return self._ends[j]
        return 0.0

    def chapter_stop(self, chapter: str) -> float:
        """The end of the named chapter's first beat, where Ctrl+Right lands (Lesson → Go to chapter)."""
        for j, b in enumerate(self.beats):
            if b.chapter == chapter:
                return self._ends[j]
        raise KeyError(chapter)

    def chapter_end(self, chapter: str) -> float:
        """The end of the named chapter's last beat: the chapter's finished picture (softmax: the shares,
        not the first exp step), for --chapter of export and the slides of a deck per chapter."""
        ends = [self._ends[j] for j, b in enumerate(self.beats) if b.chapter == chapter]
        if not ends:
            raise KeyError(chapter)
        return ends[-1]

    def place(self, t: float) -> str:
        """Where `t` is, as the settings file keeps it between runs: the step's index, key and classmate or layer
        ("23:softmax.weights:0")."""
        i, _ = self.locate(t)
        return f"{i}:{self.beats[i].key}:{self.beats[i].arg}"

    def time_in(self, place: str, t: float | None) -> float | None:
        """`t` (kept inside its step; None: the step fully shown, its stop) when this timeline has the step `place`
        names at the same index, else None: the lesson of another class size or model depth has other steps there."""
        index, _, rest = place.partition(":")
        key, _, arg = rest.rpartition(":")
        digits = whole(index) and whole(arg)
        if not (digits and int(index) < len(self.beats) and (t is None or math.isfinite(t))):
            return None
        beat = self.beats[int(index)]
        if (beat.key, beat.arg) != (key, int(arg)):
            return None
        return beat.end if t is None else min(max(float(t), beat.start), beat.end)
