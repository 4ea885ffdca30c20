"""Player is the lesson's clock: the time on the timeline, playing or paused, and the speed.

As in PhET's time controls, the player owns `playing`; `step(dt)` advances only while playing and caps
dt so a stalled frame never skips a beat; stepping keys jump between beat stops. No Qt: the window's
timer calls step(dt) and then draws frame_at(trace, selection, player.time).
"""
from __future__ import annotations

from enum import Enum

from .timeline import Timeline

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
MAX_DT = 0.1  # seconds of wall time one step may cover


class Land(Enum):
    """Where Player.set_timeline lands on the new timeline."""
    SAME_STEP = "step"        # the same step of the same chapter (a new sentence: same_step)
    SAME_CHAPTER = "chapter"  # the first step of the same chapter, else the lesson's first (another model)


def same_step(old: Timeline, beat: int, new: Timeline) -> int:
    """Step `beat` of `old` on `new` (another class size: its chapters hold other numbers of steps): in the same
    chapter, the same step (its key, the same time it is taken there: the scoring chapter's 3rd classmate), else the
    chapter's step as far in, clamped to its last (teacher34 #8: from ソフトマックス step 20 a new sentence of one more
    student landed on step 20, in 聞く). A chapter `new` has not: the same step index, clamped."""
    if not new.beats:
        return 0
    was = old.beats[beat]
    mine = [i for i, b in enumerate(old.beats) if b.chapter == was.chapter]
    theirs = [i for i, b in enumerate(new.beats) if b.chapter == was.chapter]
    if not theirs:
        return min(beat, len(new.beats) - 1)
    same = [i for i in mine if old.beats[i].key == was.key]
    keyed = [i for i in theirs if new.beats[i].key == was.key]
    if keyed:
        return keyed[min(same.index(beat), len(keyed) - 1)]
    return theirs[min(mine.index(beat), len(theirs) - 1)]


class Player:
    def __init__(self, timeline: Timeline, time: float = 0.0, speed: float = 1.0):
        self.timeline = timeline
        self.time = 0.0
        self.playing = False
        self.speed = speed if speed in SPEEDS else 1.0
        self.seek(time)

    def reset(self) -> None:  # the lesson as it opens: step 1 shown finished (the class seated), paused, speed 1
        self.time, self.playing, self.speed = self.timeline.beat_stop(0), False, 1.0

    def set_timeline(self, timeline: Timeline, land: Land = Land.SAME_STEP) -> None:
        """A new timeline (a new sentence or model), landing where `land` says: the same step of the same chapter
        (a new sentence: same_step), the first step of the same chapter (another model, whose chapters hold
        other numbers of steps; teacher22 L4: softmax's 18/36 opened a 2-layer model at 18/31, 「8. 聞く」)."""
        beat, _ = self.timeline.locate(self.time)
        old = self.timeline
        chapter = old.beats[beat].chapter if old.beats else None
        self.timeline = timeline
        if land is Land.SAME_CHAPTER:
            beat = next((i for i, b in enumerate(timeline.beats) if b.chapter == chapter), 0)
        elif old.beats:
            beat = same_step(old, beat, timeline)
        self.time = timeline.beat_stop(beat)

    def seek(self, t: float) -> None:
        self.time = min(max(float(t), 0.0), self.timeline.duration)

    def step(self, dt: float) -> bool:
        """Advance by dt seconds of wall time; returns True when the time changed."""
        if not self.playing:
            return False
        before = self.time
        self.seek(self.time + min(max(dt, 0.0), MAX_DT) * self.speed)
        if self.time >= self.timeline.duration:
            self.playing = False
        return self.time != before

    def toggle(self) -> None:
        if not self.playing and self.time >= self.timeline.duration:
            self.time = 0.0  # play again from the start
        self.playing = not self.playing

    def jump(self, t: float) -> None:
        """Stepping keys stop the animation and show a finished picture."""
        self.playing = False
        self.seek(t)

    def next_beat(self) -> None:
        self.jump(self.timeline.next_stop(self.time))

    def prev_beat(self) -> None:
        self.jump(self.timeline.prev_stop(self.time))

    def next_chapter(self) -> None:
        self.jump(self.timeline.next_chapter(self.time))

    def prev_chapter(self) -> None:
        self.jump(self.timeline.prev_chapter(self.time))

    def home(self) -> None:
        """Step 1 as the lesson opens on it, the class seated: time 0 is the moment before the first desk
        appears, an empty room under a narration that says the students take their seats (teacher5 L6)."""
        self.jump(self.timeline.beat_stop(0))

    def end(self) -> None:
        self.jump(self.timeline.duration)

    def faster(self) -> None:
        self.speed = SPEEDS[min(SPEEDS.index(self.speed) + 1, len(SPEEDS) - 1)]

    def slower(self) -> None:
        self.speed = SPEEDS[max(SPEEDS.index(self.speed) - 1, 0)]
