"""The board close-up (teacher30 #1: at 1024 x 768 the worked boards' chalk was 8-9 px, readable from the first 4-5 m
only): a step with a board is laid out on its canvas's close-up (lesson.canvas.close_up), the blackboard across the
classroom's room, and its desks and their links step aside. The frame's board is the step's own (the same lines,
numbers, chart and strips: more of a long board fits); a step with no board keeps its desks, as usual.
"""
from __future__ import annotations

from .canvas import CANVASES, close_up
from .frame import Frame


def has_board(frame: Frame) -> bool:
    """Whether the step writes on the board (lines, wide strips, a chart or the filled heatmap), or only its desks
    show it (the close-up then shows them as usual)."""
    return bool(frame.board or frame.board_strips or frame.bars is not None
                or (frame.heatmap is not None and frame.heatmap.rows))


def closed_up(frame: Frame) -> bool:
    """`frame` on its canvas's close-up, its desks and links left out, where it has a board (True); else left as
    it is (False)."""
    if not has_board(frame):
        return False
    frame.canvas = close_up(frame.canvas)
    frame.aside, frame.students = frame.students, []
    frame.links = []
    frame.class_strips = None
    return True


def usual(frame: Frame) -> tuple:
    """(canvas, students) of `frame` as it is without the close-up: for a frame made from it with no board (a
    question asked as a chapter opens, lesson.quiz_play.opening), whose desks are the content again."""
    if not frame.canvas.close_up:
        return frame.canvas, frame.students
    return CANVASES[frame.canvas.name], frame.aside
