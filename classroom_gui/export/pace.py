"""A video's reading pace: which moment of the lesson each picture shows. Every step plays its animation, then
holds its finished picture still long enough to read what it says (its narration; a comparison's title and caption)
at the language's reading speed (`video.chars_per_second` of messages/strings/<lang>.json: 15 characters a second
in English, 7 in Japanese), at least MIN_HOLD; `pace` is the speed of the whole (0.5: twice as long, the window's
speeds). A chapter video played lesson time only: softmax was 8 s for 3 steps, each narration still for 0.5-1 s
(teacher11 M2). Pure Python: the CLI checks --pace before Qt loads.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Generic, Iterator, TypeVar

from ..lesson.strings import text
from ..lesson.timeline import Timeline
from .files import ExportError, Progress, tick
from .moments import beats_in, chapter_span

MIN_HOLD = 1.5              # seconds a finished step is held at least (a step with a short narration)
PACE_RANGE = (0.25, 4.0)    # the window's slowest and fastest speeds (lesson.player.SPEEDS)
T = TypeVar("T")


def check_pace(pace: float) -> float:
    """`pace` when it is a speed the video can play at (PACE_RANGE), else an ExportError naming it as typed: 9, not
    argparse's 9.0 (teacher12 L4)."""
    number = isinstance(pace, (int, float))
    if not (number and math.isfinite(pace) and PACE_RANGE[0] <= pace <= PACE_RANGE[1]):
        raise ExportError("error.pace", pace=f"{pace:g}" if number else pace, least=PACE_RANGE[0], most=PACE_RANGE[1])
    return float(pace)


def reading_seconds(said: str, lang: str) -> float:
    """How long `said` takes to read in `lang` (its characters, spaces between words not counted), MIN_HOLD at
    least."""
    rate = float(text(lang, "video.chars_per_second"))
    return max(MIN_HOLD, len("".join(said.split())) / rate)


def paced_shots(timeline: Timeline, fps: int, first: str | None, last: str | None, pace: float, lang: str,
                said: Callable[[float], str], progress: Progress | None = None) -> list[tuple[float, int]]:
    """(lesson time, pictures) for a video of the chapters `first` to `last` at `fps`: each step's animation at
    `pace` (one picture per time), then its finished picture (the step's stop) repeated for
    reading_seconds(said(stop)) / pace. The pictures of a hold are one picture drawn once (export.video.held).
    `progress(done, total)` hears of each step read (said() builds its finished frame: review16 measured 0.23 s for
    45 steps of GPT-2 at 512 students; a step whose other rule is not computed yet runs a forward), and answering
    False stops it (Cancelled), as a video's pictures do (review16 #14)."""
    span = chapter_span(timeline, fps, first, last)
    pace = check_pace(pace)
    beats = [timeline.beats[i] for i in beats_in(timeline, span)]
    shots: list[tuple[float, int]] = []
    for i, beat in enumerate(beats):
        moving = max(1, round(beat.duration * fps / pace))
        shots += [(beat.start + k * beat.duration / moving, 1) for k in range(moving)]
        shots.append((beat.end, max(1, round(reading_seconds(said(beat.end), lang) * fps / pace))))
        tick(progress, i + 1, len(beats))
    return shots


@dataclass(frozen=True)
class Paced(Generic[T]):
    """A paced video's shots (paced_shots) and what each shot's time draws: `pictures()` in order, picture i held
    repeats[i] times, `count` in all (export.video.save_video, export.compare.save_compare_video take these)."""
    shots: list[tuple[float, int]]
    drawn: Callable[[float], T]

    def pictures(self) -> Iterator[T]:
        return (self.drawn(t) for t, _ in self.shots)

    @property
    def repeats(self) -> list[int]:
        return [n for _, n in self.shots]

    @property
    def count(self) -> int:
        """The pictures the video has."""
        return sum(self.repeats)


def paced(timeline: Timeline, fps: int, first: str | None, last: str | None, pace: float, lang: str,
          make: Callable[[float], T], says: Callable[[T], str], progress: Progress | None = None) -> Paced[T]:
    """The one way a video is paced (`video`, `video --compare`, the window's File → Video): `make(t)` is the
    picture of lesson time t (a frame, a comparison's pair), `says(picture)` the text its hold is read for (a
    frame's narration; a pair's title and caption). Each step's finished picture is made once (made_once), read
    here and drawn from `pictures()`."""
    stop, drawn = made_once(make)
    return Paced(paced_shots(timeline, fps, first, last, pace, lang, lambda t: says(stop(t)), progress), drawn)


def made_once(make: Callable[[float], T]) -> tuple[Callable[[float], T], Callable[[float], T]]:
    """`make` (the picture of lesson time t: a frame, or a comparison's pair) twice over: for paced_shots' `said`,
    keeping each step's finished picture it makes, and for the drawing, which takes each kept one (once: then it is
    let go) instead of making it again (review16 #10: every stop was built twice; 45 frames of 512 students kept
    are ~8 MB)."""
    kept: dict[float, T] = {}

    def said(t: float) -> T:
        kept[t] = made = make(t)
        return made

    def drawn(t: float) -> T:
        made = kept.pop(t, None)
        return make(t) if made is None else made

    return said, drawn

