"""Where the students sit: desks in rows inside the classroom area of the canvas (lesson.canvas: 16:9 or 4:3).

On the 16:9 canvas up to 4 students sit in one row, up to 8 in two; on the 4:3 canvas 2 to 4 sit in a row
up to 12 students (Canvas.columns). Bigger classes get a grid that keeps desks about as wide as tall, so 64 students still
fit (8 x 8 small desks).
"""
from __future__ import annotations

import math
from functools import lru_cache

from .canvas import WIDESCREEN, Canvas

GAP = 14
LANE = 36  # px between the rows of a class whose desks are full of numbers (Canvas.laned): a lane the links' share
# labels sit in (a 16 px label's pill is 23 px tall), off every digit; 36 px costs those desks no number (44 would)


def grid(n: int, canvas: Canvas = WIDESCREEN) -> tuple[int, int]:  # n students -> (columns, rows)
    """A small class's columns are the canvas's own choice (Canvas.columns); a bigger class gets a grid whose
    desks keep the 16:9 classroom's shape (Canvas.spread)."""
    n = max(n, 1)
    if n <= len(canvas.columns):
        cols = canvas.columns[n - 1]
    else:
        cols = math.ceil(math.sqrt(n * canvas.spread))
    return cols, math.ceil(n / cols)


COMPACT_DESK_H = 24.0  # a desk lower than this has room for its name tag and seat number only


def compact(n: int, canvas: Canvas = WIDESCREEN) -> bool:
    """Compact seating (GPT-2's long inputs: 581 students and more): desks too small for any strip, so the
    Frame carries none for them (building 1024 x 4 strips a frame would cost more than drawing it)."""
    return n > 0 and seats(n, canvas)[0][3] < COMPACT_DESK_H


@lru_cache(maxsize=16)
def seats(n: int, canvas: Canvas = WIDESCREEN) -> tuple[tuple[float, float, float, float], ...]:
    """n -> ((x, y, w, h), ...) per student, on `canvas`."""
    cols, rows = grid(n, canvas)
    class_x, class_y, class_w, class_h = canvas.classroom
    w = (class_w - GAP * (cols - 1)) / cols
    apart = LANE if canvas.laned[0] <= n <= canvas.laned[1] else GAP  # between rows
    h = min((class_h - apart * (rows - 1)) / rows, 420.0)
    top = class_y + (class_h - (rows * h + apart * (rows - 1))) / 2
    return tuple((class_x + (i % cols) * (w + GAP), top + (i // cols) * (h + apart), w, h) for i in range(n))
