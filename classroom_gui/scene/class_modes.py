"""How a big class's desks are drawn (ClassroomScene._show_desks asks): the plain desks as one picture (composed,
for scene.class_image) or every seat as one crowd item (crowd_box, for scene.crowd), else each desk its own DeskItem.
Layouts in logical canvas pixels."""
from __future__ import annotations

import numpy as np

from ..lesson.frame import Frame
from .class_image import fits
from .class_rows import stands_out
from .crowd import CROWD_FROM
from .desk_boxes import composed_box
from .layout import desk_layout, least_number_px


def composed(frame: Frame, per_student, alike: bool = False, fast=None,
             font_scale: float = 1.0) -> tuple[np.ndarray, object]:
    """The positions of the students whose desks one ClassImage draws (empty: every desk is a DeskItem), and
    their layout: the plain ones, when they all have desks of one size with the same cards (the asker may
    have one more; alike: every student's cards are already known to be as long as every other's, see
    class_rows; fast: a ClassPlan, which knows who stands out and that the plain desks' cards are alike)."""
    students, none = frame.students, (np.zeros(0, np.int64), None)
    if len(students) <= 1:
        return none
    if fast is not None:
        plain, counts = fast.plain, fast.lengths
    else:
        plain = np.array([k for k, (s, strips) in enumerate(zip(students, per_student))
                          if not stands_out(s, strips)], np.int64)
        counts = tuple(len(x.values) for x in per_student[plain[0]]) if len(plain) else ()
    if not len(plain) or len(students) - len(plain) > 16:
        return none
    s0 = students[plain[0]]
    if any(s.w != s0.w or s.h != s0.h for s in students) or not alike and fast is None and any(
            tuple(len(x.values) for x in per_student[k]) != counts for k in plain):
        return none
    least = least_number_px(frame.canvas, len(frame.students))
    box = desk_layout(float(s0.w), float(s0.h), counts, least)
    if not fits(students, box):
        return none
    return plain, composed_box([students[k] for k in plain], box, counts, font_scale, least)


def crowd_box(frame: Frame, has_strips: bool):
    """The one desk layout of a very big class whose desks are all alike and too small for strips,
    else None (then every desk is a DeskItem)."""
    students = frame.students
    if len(students) <= CROWD_FROM:
        return None
    w, h = students[0].w, students[0].h
    if any(s.w != w or s.h != h for s in students):
        return None
    # no strips to draw (the lesson's compact seating), or none would fit under the name tag
    least = least_number_px(frame.canvas, len(frame.students))
    if has_strips and desk_layout(float(w), float(h), (1,), least).strips:
        return None
    return desk_layout(float(w), float(h), (), least)
