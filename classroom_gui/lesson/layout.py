"""Where the students sit: desks in rows inside the classroom area of the fixed 1920 x 1080 canvas.

Up to 4 students sit in one row, up to 8 in two; bigger classes get a grid that keeps desks roughly
twice as wide as tall, so 64 students still fit (8 x 8 small desks).
"""
from __future__ import annotations

import math
from functools import lru_cache

# the classroom is the left part of the canvas; the blackboard and the caption take the rest
CLASS_X, CLASS_Y, CLASS_W, CLASS_H = 30, 96, 1230, 780
BOARD_X, BOARD_Y, BOARD_W, BOARD_H = 1290, 96, 600, 780
CAPTION_Y = 900
GAP = 14


def grid(n: int) -> tuple[int, int]:  # n students -> (columns, rows)
    if n <= 4:
        return max(n, 1), 1
    if n <= 8:
        return math.ceil(n / 2), 2
    cols = math.ceil(math.sqrt(n * 1.4))
    return cols, math.ceil(n / cols)


COMPACT_DESK_H = 24.0  # a desk lower than this has room for its name tag and seat number only


def compact(n: int) -> bool:
    """Compact seating (GPT-2's long inputs: 581 students and more): desks too small for any strip, so the
    Frame carries none for them (building 1024 x 4 strips a frame would cost more than drawing it)."""
    return n > 0 and seats(n)[0][3] < COMPACT_DESK_H


@lru_cache(maxsize=8)
def seats(n: int) -> tuple[tuple[float, float, float, float], ...]:  # n -> ((x, y, w, h), ...) per student
    cols, rows = grid(n)
    w = (CLASS_W - GAP * (cols - 1)) / cols
    h = min((CLASS_H - GAP * (rows - 1)) / rows, 420.0)
    top = CLASS_Y + (CLASS_H - (rows * h + GAP * (rows - 1))) / 2
    return tuple((CLASS_X + (i % cols) * (w + GAP), top + (i // cols) * (h + GAP), w, h) for i in range(n))
