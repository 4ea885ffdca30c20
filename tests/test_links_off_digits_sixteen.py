"""teacher33 #1: in a class of 16 ("The cat sat on the mat and the dog sat on the rug near the door", "cat" asking,
1920×1080), the faint links of the softmax and listening steps ran across the digits of desks 3-5: only up to 12
students (ROUTED_ALL) did the unlabelled links try routes off the cards' numbers. Up to OFF_DIGITS (16) they now do:
fewer lines over numbers than the same frames routed as before, and fewer over desks 4 and 5's cards (16 lines
over numbers, 2 over desk 4's, where routed as before 20, and 14 over desks 4 and 5's)."""
from __future__ import annotations

import numpy as np

from classroom_gui.lesson.canvas import WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

LONG = "The cat sat on the mat and the dog sat on the rug near the door"
STEPS = 200


def crossed(curves, cells: np.ndarray) -> list[set[int]]:
    """For each drawn line (curve, width), the cells' rows (x0, y0, x1, y1) it paints over."""
    t = np.linspace(0.0, 1.0, STEPS + 1)[:, None]
    out = []
    for _, c, width in curves:
        p = np.asarray(c, np.float64)
        pts = (1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t * t * p[2] + t ** 3 * p[3]
        dx = np.maximum(np.maximum(cells[None, :, 0] - pts[:, None, 0], 0.0), pts[:, None, 0] - cells[None, :, 2])
        dy = np.maximum(np.maximum(cells[None, :, 1] - pts[:, None, 1], 0.0), pts[:, None, 1] - cells[None, :, 3])
        out.append(set(np.flatnonzero((np.hypot(dx, dy) < width / 2).any(axis=0)).tolist()))
    return out


def lines_over_numbers(checkpoint, monkeypatch, off_digits: int | None):
    from classroom_gui.scene import links
    from classroom_gui.scene.classroom import ClassroomScene

    if off_digits is not None:
        monkeypatch.setattr(links, "OFF_DIGITS", off_digits)
    trace = compute_run(checkpoint, LONG, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    total, on_4_5 = 0, []
    try:
        for i, beat in enumerate(timeline.beats):
            if beat.key not in ("softmax.weights", "listening.merge"):
                continue
            scene.set_frame(frame_at(trace, Selection(focus=1, lang="en", canvas=WIDESCREEN), timeline.beat_stop(i)))
            cells, seats = [], []
            for d in scene.desks:
                if d.isVisible() and d.student is not None and d.box is not None:
                    x, y = d.pos().x(), d.pos().y()
                    for st in d.box.strips:
                        if st.number_px:
                            cells.append((x + st.x + st.tab_w, y + st.cells_y, x + st.x + st.w, y + st.y + st.h))
                            seats.append(d.student.index)
            hits = crossed(scene.links.curves, np.array(cells, np.float64))
            total += sum(1 for h in hits if h)
            on_4_5 += [(beat.key, seats[k] + 1) for h in hits for k in h if seats[k] in (3, 4)]
    finally:
        scene.clear()
    return total, on_4_5


def test_a_class_of_16s_faint_links_keep_off_the_digits(qapp, checkpoint, monkeypatch):
    now, now_4_5 = lines_over_numbers(checkpoint, monkeypatch, None)
    before, before_4_5 = lines_over_numbers(checkpoint, monkeypatch, 12)  # routed as up to 12 students only
    assert now < before and len(now_4_5) < len(before_4_5), (now, before, now_4_5, before_4_5)
