"""The lesson as chapters of beats, laid end to end on a time axis (seconds at 1x speed).

A beat is one step a presenter clicks through; playing animates it over its duration. The beats depend
only on the class size and the model's depth, so the same sentence always gives the same timeline.
Keyboard stops sit at the end of each beat, where its picture is complete.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

CHAPTERS = ("seats", "embedding", "cards", "question", "scoring", "scaling", "mask", "softmax",
            "listening", "everyone", "heads", "ffn", "layers", "answer")
SCORED_ONE_BY_ONE = 6  # classmates scored in their own beat; the rest of a big class share one beat


@dataclass(frozen=True)
class Beat:
    chapter: str       # one of CHAPTERS
    key: str           # "chapter.step", also the narration's string key
    duration: float    # seconds at 1x
    arg: int = 0       # which classmate (scoring) or layer (layers) the beat is about
    start: float = 0.0

    @property
    def end(self) -> float:
        return self.start + self.duration


def beat_plan(n_tokens: int, n_layer: int) -> list[tuple[str, str, float, int]]:
    plan = [("seats", "seats.sit", 2.0, 0),
            ("embedding", "embedding.token", 2.5, 0), ("embedding", "embedding.position", 2.5, 0),
            ("embedding", "embedding.sum", 2.5, 0),
            ("cards", "cards.query", 2.5, 0), ("cards", "cards.key", 2.5, 0), ("cards", "cards.value", 2.5, 0),
            ("question", "question.raise", 3.0, 0)]
    one_by_one = n_tokens if n_tokens <= SCORED_ONE_BY_ONE + 2 else SCORED_ONE_BY_ONE
    plan += [("scoring", "scoring.classmate", 2.0, j) for j in range(one_by_one)]
    if one_by_one < n_tokens:
        plan.append(("scoring", "scoring.rest", 2.5, one_by_one))
    plan += [("scaling", "scaling.divide", 2.5, 0), ("mask", "mask.future", 2.5, 0),
             ("softmax", "softmax.exp", 2.5, 0), ("softmax", "softmax.sum", 2.5, 0),
             ("softmax", "softmax.weights", 3.0, 0),
             ("listening", "listening.travel", 3.0, 0), ("listening", "listening.merge", 2.5, 0),
             ("everyone", "everyone.matrix", 4.0, 0),
             ("heads", "heads.others", 3.0, 0), ("heads", "heads.concat", 2.5, 0),
             ("heads", "heads.project", 2.5, 0), ("heads", "heads.residual", 3.0, 0),
             ("ffn", "ffn.hidden", 2.5, 0), ("ffn", "ffn.activation", 2.5, 0), ("ffn", "ffn.residual", 2.5, 0)]
    per_layer = max(0.6, min(2.5, 12.0 / max(1, n_layer)))  # deep models take the fast path
    plan += [("layers", "layers.layer", per_layer, layer) for layer in range(n_layer)]
    plan += [("answer", "answer.norm", 2.5, 0), ("answer", "answer.logits", 2.5, 0), ("answer", "answer.softmax", 3.0, 0)]
    return plan


class Timeline:
    """Beats with start times, and the questions a player asks: where am I, where is the next stop."""

    def __init__(self, n_tokens: int, n_layer: int):
        self.beats: list[Beat] = []
        t = 0.0
        for chapter, key, duration, arg in beat_plan(n_tokens, n_layer):
            self.beats.append(Beat(chapter, key, duration, arg, t))
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
        i = bisect.bisect_left(self._ends, t - 1e-6) - 1
        return self._ends[i] if i >= 0 else 0.0

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
        """The end of the first beat of the named chapter (for --chapter and the chapter list)."""
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
