"""The canvas a picture is laid out on: its logical size and its areas (the class, the blackboard, the caption),
chosen from the output's shape. 16:9 (a 1920 x 1080 screen or picture) or 4:3 (a 1024 x 768 projector,
1440 x 1080): a 4:3 output gets a canvas of its own shape, not the 16:9 one with bands above and below.

No Qt: the lesson seats the students on it (layout.seats), the Frame carries it to the scene, and the CLI
chooses it from --size before Qt loads.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Canvas:
    name: str                                   # "16:9" or "4:3"
    width: int                                  # logical pixels (the text sizes are in these)
    height: int
    classroom: tuple[int, int, int, int]        # x, y, w, h of the desks' area
    board: tuple[int, int, int, int]            # x, y, w, h of the blackboard
    caption_y: int                              # the caption runs from here to the bottom
    columns: tuple[int, ...]                    # desks a row for 1, 2, … students (layout.grid)
    spread: float                               # a bigger class: ceil(sqrt(n * spread)) columns

    @property
    def aspect(self) -> float:
        return self.width / self.height


# the classroom is the left part of the canvas; the blackboard and the caption take the rest
# up to 4 students in one row, up to 8 in two
WIDESCREEN = Canvas("16:9", 1920, 1080, classroom=(30, 96, 1230, 780), board=(1290, 96, 600, 780), caption_y=900,
                    columns=(1, 2, 3, 4, 3, 3, 4, 4), spread=1.4)
# 4:3: as tall as 16:9 and a quarter narrower, so a 1024 x 768 projector draws it at 0.71 rather than 0.53.
# The board gives up a fifth of its width; the caption gets a little more height for its narrower lines; at
# most 3 desks a row up to 12 students, 2 up to 4: of every choice of columns these give a desk with a
# notebook and three cards the biggest digits, all shown up to 6 students (tests/test_canvas_four_three.py).
# From 7 no choice shows them all (3 columns show 5 numbers a strip and "…", 4 columns 3); a bigger class's
# desks keep the 16:9 classroom's shape (spread: 1.4 scaled by the classrooms' aspects, 880/764 : 1230/780)
FOUR_THREE = Canvas("4:3", 1440, 1080, classroom=(30, 96, 880, 764), board=(940, 96, 470, 764), caption_y=880,
                    columns=(1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), spread=1.0)
CANVASES = {c.name: c for c in (WIDESCREEN, FOUR_THREE)}


def canvas_for(width: float, height: float) -> Canvas:
    """The canvas whose shape is nearest a width x height output (compared as ratios: 1280 x 1024 is 4:3's)."""
    if width <= 0 or height <= 0:
        return WIDESCREEN
    ratio = width / height
    return min(CANVASES.values(), key=lambda c: max(ratio, c.aspect) / min(ratio, c.aspect))
