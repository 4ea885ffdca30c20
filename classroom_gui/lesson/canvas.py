"""The canvas a picture is laid out on: its logical size and its areas (the class, the blackboard, the caption),
chosen from the output's shape. 16:9 (a 1920 x 1080 screen or picture) or 4:3 (a 1024 x 768 projector,
1440 x 1080): a 4:3 output gets a canvas of its own shape, not the 16:9 one with bands above and below.

No Qt: the lesson seats the students on it (layout.seats), the Frame carries it to the scene, and the CLI
chooses it from --size before Qt loads.
"""
from __future__ import annotations

from dataclasses import dataclass, replace


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
    laned: tuple[int, int] = (0, 0)             # classes of this many students (from, to) get LANE between rows
    chalk: float = 1.0                          # the board's lines may be this many times the usual biggest chalk

    @property
    def close_up(self) -> bool:  # the board close-up's canvas (close_up): the board has the classroom's room too
        return self.chalk != 1.0

    @property
    def aspect(self) -> float:
        return self.width / self.height


# the classroom is the left part of the canvas; the blackboard and the caption take the rest
# up to 4 students in one row, up to 8 in two; 9 in three rows of 3 (400 x 251 desks: with 12 px numbers, see
# scene.layout.least_number_px, every strip whole but the embedding chapter's; tests/test_wide_numbers.py). 5 a row
# at 10 would show more numbers, but its links' lines then cross digits. 11-12 sit in two rows of 6 (193 x 372 desks,
# 12 px numbers: every strip whole but the embedding, listening and everyone chapters'), the rows a LANE apart
# (lesson.layout): desks full of numbers leave the links' share labels no other room (scene.link_labels).
WIDESCREEN = Canvas("16:9", 1920, 1080, classroom=(30, 96, 1230, 780), board=(1290, 96, 600, 780), caption_y=900,
                    columns=(1, 2, 3, 4, 3, 3, 4, 4, 3, 4, 6, 6), spread=1.4, laned=(11, 12))
# 4:3: as tall as 16:9 and a quarter narrower, so a 1024 x 768 projector draws it at 0.71 rather than 0.53.
# The board gives up a fifth of its width; the caption gets a little more height for its narrower lines. The
# columns: of every choice up to 5 a row these give a desk with a notebook and three cards the biggest digits with
# every number shown (tests/test_canvas_four_three.py): 2 a row up to 4 students, 3 up to 6 (14-16 px), then 4 a
# row up to 8 and 5 a row at 9-10, narrow tall desks (165 x 364 at 5 a row) whose numbers take 12 px type
# (scene.layout.least_number_px: as big at 1024 x 768 as 16:9's biggest) on more rows: every strip whole but the
# embedding chapter's (3 a row cut every card to 6 of 8 and "…"), the two rows a LANE apart (laned) for the links,
# names beside a guess on a line of their own (scene.desk_boxes.badge_lines). From 11 none shows them all, and
# 3 a row shows the most (6 a row, 135 px desks, 3 numbers a row, would lose fewer but crowd every name and line).
# A bigger class's desks keep the 16:9 classroom's shape (spread: 1.4 scaled by the classrooms' aspects,
# 880/764 : 1230/780)
FOUR_THREE = Canvas("4:3", 1440, 1080, classroom=(30, 96, 880, 764), board=(940, 96, 470, 764), caption_y=880,
                    columns=(1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 3, 3), spread=1.0, laned=(9, 10))
CANVASES = {c.name: c for c in (WIDESCREEN, FOUR_THREE)}
CLOSE_UP_CHALK = 1.6  # the close-up's chalk may grow to 40 px (25 px the usual most: scene.board_fit.LINE_MAX_PX)


def close_up(canvas: Canvas) -> Canvas:
    """The board close-up of `canvas` (teacher30 #1: the chalk readable from the back row): the same canvas with the
    blackboard across the classroom's room and its own (the title and the caption stay where they are) and its
    lines allowed bigger chalk. The desks step aside: lesson.close_up leaves them out of a frame laid out on it."""
    if canvas.close_up:
        return canvas
    x = canvas.classroom[0]
    bx, by, bw, bh = canvas.board
    return replace(canvas, board=(x, by, bx + bw - x, bh), chalk=CLOSE_UP_CHALK)


PICTURE_TOP = 58  # a PPTX slide's picture of the class is the canvas from here down (export.deck_pptx; the title above)


def canvas_for(width: float, height: float) -> Canvas:
    """The canvas whose shape is nearest a width x height output (compared as ratios: 1280 x 1024 is 4:3's)."""
    if width <= 0 or height <= 0:
        return WIDESCREEN
    ratio = width / height
    return min(CANVASES.values(), key=lambda c: max(ratio, c.aspect) / min(ratio, c.aspect))


# a window turns 4:3 only when clearly narrower than the midpoint (1.54) and 16:9 again only when clearly wider:
# a slightly narrow normal window (1.52) stays 16:9, and a window resized across the midpoint does not flip back and
# forth. Exports choose by canvas_for: a picture's size is its shape.
TO_FOUR_THREE = 1.5   # width / height at or below which a 16:9 window turns 4:3 (1280 x 1024, 1024 x 768, ...)
TO_WIDESCREEN = 1.6   # ... at or above which a 4:3 window turns 16:9 again (16:10, 16:9)


def window_canvas(shown: Canvas, width: float, height: float) -> Canvas:
    """The canvas a window's width x height view shows, having shown `shown`: 4:3 at a ratio of TO_FOUR_THREE or
    less, 16:9 at TO_WIDESCREEN or more, and in between the one it shows."""
    if width <= 0 or height <= 0:
        return shown
    ratio = width / height
    return FOUR_THREE if ratio <= TO_FOUR_THREE else WIDESCREEN if ratio >= TO_WIDESCREEN else shown
