"""review18 (note16): the links (ClassroomScene._number_cells, for route choice) and their labels
(ClassroomScene._desk_texts) keep off one measure of each drawn desk's name tag and badge (DeskItem.tag_rects). They
measured them apart and were 5 px apart: the links' missed the right 5 px of an unknown word's "?" tag, the labels'
kept 5 px past every known name. Read from the real items: every pixel the name tag and badge paint lies in both
sets of rectangles, and the two give the same ones."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

SCALE = 4  # the tag painted at 4x, so a rectangle 1 px short shows
SLACK = 1.0  # canvas px a glyph's antialiased edge or a pen's half width may reach past what was measured


def painted(desk) -> np.ndarray:
    """[k, 2] canvas points of the pixels the desk's seat number, name, "?" tag and badge paint (_paint_tag)."""
    b = desk.box
    image = QImage(math.ceil(b.w) * SCALE, math.ceil(b.header_h) * SCALE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.scale(SCALE, SCALE)
    desk._paint_tag(p)
    p.end()
    rgba = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    ys, xs = np.nonzero(rgba[:, :image.width(), 3] > 96)
    return np.stack([desk.pos().x() + (xs + 0.5) / SCALE, desk.pos().y() + (ys + 0.5) / SCALE], axis=1)


def in_header(rects: np.ndarray, desk) -> np.ndarray:
    """The [n, 4] edges among `rects` that lie in `desk`'s header band (its name tag and badge line)."""
    x, y, b = desk.pos().x(), desk.pos().y(), desk.box
    keep = (rects[:, 0] >= x - 0.01) & (rects[:, 2] <= x + b.w + 0.01) & (rects[:, 1] >= y - 0.01) & (
        rects[:, 3] <= y + b.header_h + 0.01)
    return rects[keep]


def covered(points: np.ndarray, rects: np.ndarray) -> np.ndarray:
    x, y = points[:, 0, None], points[:, 1, None]
    return ((x >= rects[None, :, 0] - SLACK) & (x <= rects[None, :, 2] + SLACK) & (y >= rects[None, :, 1] - SLACK)
            & (y <= rects[None, :, 3] + SLACK)).any(axis=1)


@pytest.mark.parametrize("text,lang,chapter,size", [
    ("The cat sat on the zz", "en", "softmax", None),  # "z" twice: unknown, with "?" tags; shares as badges
    ("猫がマットの上に座った", "ja", "softmax", (1024, 768)),  # 4:3
    ("The cat sat on the mat", "en", "listening", None),
])
def test_links_and_labels_keep_off_what_the_name_tags_and_badges_paint(qapp, checkpoint, text, lang, chapter, size):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, "none").trace
    sel = Selection(focus=1, lang=lang, rule="none")
    sel = sel.sized(*size) if size else sel
    frame = frame_at(trace, sel, timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end(chapter))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        links = scene._number_cells(True)
        texts, _ = scene._desk_texts(frame, 0.0, [])
        labels = np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in texts], np.float64)
        desks = [d for d in scene.desks if d.isVisible() and d.student is not None and d.box is not None]
        assert desks and any(d.student.unknown for d in desks) == ("zz" in text)
        assert any(d.student.badge for d in desks) and frame.links
        for desk in desks:
            points = painted(desk)
            assert len(points)
            for rects in (in_header(links, desk), in_header(labels, desk)):
                missed = points[~covered(points, rects)]
                assert not len(missed), f"{desk.student.text}: painted outside the rectangles at {missed[:3]}"
            assert np.allclose(in_header(links, desk), in_header(labels, desk), atol=0.01)
    finally:
        scene.clear()
