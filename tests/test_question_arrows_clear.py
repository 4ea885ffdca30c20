"""teacher36 #1: the question step's arrows ("cat" looks at each classmate, like a radar). At 16 students
(1920×1080) the arrows to seats 5, 10 and 13-15 struck through desks 4, 8 and 9's digits. An arrow now takes a
route variant apart from the other links that reaches its classmate clear of every card's digits, or stops short
of the digits on the one that gets nearest, pointing its way (link_arrows.clear_arrows, arrow_stops)."""
from __future__ import annotations

import numpy as np

from classroom_gui.lesson.canvas import WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

LONG = "The cat sat on the mat and the dog sat on the rug near the door"
STEPS = 200


def question_scene(checkpoint, text: str, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask="causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(i for i, b in enumerate(timeline.beats) if b.key == "question.raise")
    frame = frame_at(trace, Selection(focus=1, lang="en", canvas=canvas), timeline.beat_stop(beat))
    scene = ClassroomScene()
    scene.set_frame(frame)
    return scene, frame


def test_sixteen_students_arrows_cross_no_digits(qapp, checkpoint):
    scene, frame = question_scene(checkpoint, LONG, WIDESCREEN)
    try:
        x, y, w, h = next((s.x, s.y, s.w, s.h) for s in frame.students if s.index == 1)
        cells = scene._number_cells(False).astype(np.float64)
        outside = ~((cells[:, 0] >= x) & (cells[:, 2] <= x + w) & (cells[:, 1] >= y) & (cells[:, 3] <= y + h))
        cells = cells[outside]  # (the asker's own cards: its arrows leave from its edge)
        arrows = [(link, c, width) for link, c, width in scene.links.curves if link.arrow]
        assert len(arrows) == 15
        t = np.linspace(0.0, 1.0, STEPS + 1)[:, None]
        over = []
        for link, c, width in arrows:
            p = np.asarray(c, np.float64)
            pts = (1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t * t * p[2] + t ** 3 * p[3]
            dx = np.maximum(np.maximum(cells[None, :, 0] - pts[:, None, 0], 0.0), pts[:, None, 0] - cells[None, :, 2])
            dy = np.maximum(np.maximum(cells[None, :, 1] - pts[:, None, 1], 0.0), pts[:, None, 1] - cells[None, :, 3])
            if (np.hypot(dx, dy) < width / 2).any():
                over.append(frame.students[link.target].text)
        assert not over, f"arrows to {over} run over other desks' digits"
    finally:
        scene.clear()
