"""Step (one step of a chapter, as its file declares it) and Beat (a step placed on the lesson's time axis).

A step is declared once, in its chapter's file (lesson/chapters/NN_name.py): its name, how long it plays,
and the builder that draws it. Its id "chapter.name" is made from the file's name and the step's, and is
also the key of its narration in messages/strings/<lang>.json.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

Builder = Callable  # (context.Ctx, frame.Frame) -> None: fills the frame from the trace's numbers


@dataclass(frozen=True)
class Step:
    name: str          # "exp" in the softmax chapter: the step's id is "softmax.exp"
    seconds: float     # how long it plays at 1x (a chapter's plan may give a repeated step its own length)
    build: Builder = field(compare=False, repr=False)


@dataclass(frozen=True)
class Beat:
    chapter: str       # the chapter's key (its file's name without the number)
    key: str           # "chapter.step", also the narration's string key
    duration: float    # seconds at 1x
    arg: int = 0       # which classmate (scoring) or layer (layers) the beat is about
    start: float = 0.0
    build: Builder | None = field(default=None, compare=False, repr=False)  # the step's builder

    @property
    def end(self) -> float:
        return self.start + self.duration
