"""Where a comparison seats each class, without Qt: the canvas a compared class is laid out on, chosen for the
page (export.compare draws the two classes side by side), and the part of it a comparison draws.

A comparison used to seat each class on the lesson's 16:9 canvas and draw two of its classrooms side by side:
0.72 of the lesson's size at 1920 x 1080 (card numbers 10 px) and 0.39 at 1024 x 768 (5-6 px), with 40 % of a 4:3
page empty (teacher11 H2). Each class now gets a classroom of its own half of the page's shape, drawn at about the
lesson's own size: SIDE_WIDE (3 desks a row for 5-9 students) on a 16:9 page, SIDE_TALL (2 a row up to 8, each
desk wide enough for a whole card on one row) on a 4:3 page or a window's dialog, whichever draws bigger
(`canvas_for_page`). Both canvases are as wide as 16:9's, so a desk's numbers are the lesson's: 14 px (12 px in a
class of 9-12, scene.layout.least_number_px); a compared desk shows only the strips its step is about
(lesson.compare.about), so that they fit whole at that size.
"""
from __future__ import annotations

from dataclasses import replace

from .canvas import Canvas

# The blackboard is left out of a comparison: a narrow strip below the part drawn, just right of the classroom, so
# that the card legend, which the scene right-aligns on the board's right edge, stays beside the class it names (at
# the 16:9 canvas's board it was cut off: "notebook ■ new under", teacher11). A classroom ends above the links'
# floor (scene.link_geometry.FLOOR: 874).
SIDE_WIDE = Canvas("compare 16:9", 1920, 1080, classroom=(30, 96, 856, 764), board=(896, 900, 12, 170),
                   caption_y=880, columns=(1, 2, 3, 2, 3, 3, 3, 3, 3, 4, 4, 4), spread=1.0)
SIDE_TALL = Canvas("compare 4:3", 1920, 1080, classroom=(30, 96, 740, 770), board=(780, 900, 12, 170),
                   caption_y=880, columns=(1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3), spread=0.8)
# at answer time each class lists its top guesses under its classroom (export.compare_answer): the classrooms are
# lower by about that list's height (5 guesses at 1920 x 1080), so that their desks are not drawn smaller (a desk
# shows one notebook then, which needs less height)
ANSWER_WIDE = replace(SIDE_WIDE, name="compare 16:9 answer", classroom=(30, 96, 856, 560), board=(896, 700, 12, 100),
                      caption_y=676)
ANSWER_TALL = replace(SIDE_TALL, name="compare 4:3 answer", classroom=(30, 96, 740, 620), board=(780, 750, 12, 100),
                      caption_y=736)
PREFER_WIDE = 1.03  # SIDE_TALL is chosen only when it draws the classes this much bigger (a 16:9 page keeps 3 a row)


def drawn_part(canvas: Canvas) -> tuple[float, float, float, float]:
    """x, y, w, h of the part of a compared class's canvas a comparison draws: its classroom, the labels above the
    first row, the title row (where the class's sentence goes) and the card legend; not the blackboard or caption."""
    right = canvas.board[0] + canvas.board[2]
    return 4.0, 4.0, right - 4.0, canvas.caption_y - 14.0


def text_px(h: float) -> float:
    """The comparison's own text size (its title, labels and caption) on a page h pixels high."""
    return max(12.0, h * 0.026)


def gap_px(w: float) -> float:
    """The space between the two classes, and around the caption, on a page w pixels wide."""
    return w * 0.012


def margins(h: float, below_extra: float = 0.0) -> tuple[float, float]:
    """The room a page h pixels high keeps above the two classes (the title) and below them (the change line, and
    `below_extra` px more: the answers at answer time)."""
    px = text_px(h)
    return px * 3.0, px * 3.2 + below_extra


def width_scale(canvas: Canvas, w: float) -> float:
    """The scale at which two drawn_parts side by side fill a page w pixels wide (a gap left, between and right)."""
    return (w - 3 * gap_px(w)) / 2 / drawn_part(canvas)[2]


def page_scale(canvas: Canvas, w: float, h: float, below_extra: float = 0.0) -> float:
    """The scale at which a w x h page draws each class's drawn_part, side by side under the title and above the
    caption (and `below_extra` px more below: the answers at answer time)."""
    above, below = margins(h, below_extra)
    return max(0.01, min(width_scale(canvas, w), (h - above - below - gap_px(w)) / drawn_part(canvas)[3]))


def canvas_for_page(w: float, h: float, answers: bool = False) -> Canvas:
    """The canvas a compared class is seated on for a w x h page: SIDE_WIDE unless SIDE_TALL draws it
    PREFER_WIDE times bigger (a 4:3 page, a 1024 x 768 window's dialog); at answer time its lower twin (chosen by
    the same comparison, so that a 16:9 page keeps the wide rows a class of 9-12 needs for its notebooks)."""
    tall = page_scale(SIDE_TALL, w, h) > page_scale(SIDE_WIDE, w, h) * PREFER_WIDE
    return (ANSWER_TALL if tall else ANSWER_WIDE) if answers else SIDE_TALL if tall else SIDE_WIDE
