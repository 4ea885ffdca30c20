"""No link line rises into the title row or off the canvas's top (review7 bug 2): a far desk's arch up from a
row below grows with the link's length and once climbed to y = -38 through the step's title. Measured on the
drawn curves (minus half the line's width) of every asker (a spread of them at 64 students) of classes of 6,
9, 12 and 64 students, English and Japanese, both rules, at the end of the scoring, shares and listening
chapters. Nor does one sink into the caption below the class (an arch down over a bottom row's cards, with 3
rows of desks at 9 students, ran under the caption's box): FLOOR."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
from classroom_gui.scene.areas import title_rect
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.link_labels import point_at
from classroom_gui.scene.link_geometry import CEILING, FLOOR
from test_link_labels_clear import CLASSES

CHAPTERS = ("scoring", "softmax", "listening")
TITLE, TITLE_TWO_LINES = title_rect(WIDESCREEN), title_rect(WIDESCREEN, two_lines=True)  # (as high on 4:3)


def test_the_ceiling_lies_below_the_title_row():
    assert CEILING >= TITLE_TWO_LINES.bottom() >= TITLE.bottom() > 0


def test_the_floor_lies_above_every_canvas_caption():
    from classroom_gui.lesson.canvas import CANVASES
    assert all(FLOOR < c.caption_y for c in CANVASES.values())


@pytest.mark.parametrize("mask", ["none", "causal"])
@pytest.mark.parametrize("text,lang,focus", CLASSES, ids=lambda v: str(v)[:14])
def test_no_link_line_rises_into_the_title_row(qapp, checkpoint, text, lang, focus, mask):
    trace = compute_run(checkpoint, text, mask=mask).trace
    n = trace.n_tokens
    timeline = timeline_for(n, trace.config.n_layer)
    askers = range(n) if n <= 12 else sorted({*range(0, n, 9), n - 1, n // 2})
    scene = ClassroomScene()
    lines, highest, lowest = 0, None, None
    for asker in askers:
        for chapter in CHAPTERS:
            scene.set_frame(frame_at(trace, Selection(focus=asker, lang=lang), timeline.chapter_end(chapter)))
            for link, c, width in scene.links.curves:
                lines += 1
                top = min(point_at(c, k / 64)[1] for k in range(65)) - width / 2
                if highest is None or top < highest[0]:
                    highest = (top, asker + 1, chapter, link.source + 1, link.target + 1)
                bottom = max(point_at(c, k / 64)[1] for k in range(65)) + width / 2
                if lowest is None or bottom > lowest[0]:
                    lowest = (bottom, asker + 1, chapter, link.source + 1, link.target + 1)
    assert lines > 0
    assert highest[0] >= TITLE_TWO_LINES.bottom(), \
        f"a line reaches y = {highest[0]:.1f} (asker, chapter, link): {highest}"
    assert lowest[0] <= WIDESCREEN.caption_y, f"a line sinks to y = {lowest[0]:.1f} (asker, chapter, link): {lowest}"


@pytest.mark.parametrize("mask", ["none", "causal"])
def test_no_link_line_sinks_into_the_caption_from_a_bottom_row(qapp, checkpoint, mask):
    """9 students sit in 3 rows at 16:9: the asker in the bottom row links its row-mates by arches down over
    their cards, which ran under the caption's box (y > 900) before FLOOR."""
    trace = compute_run(checkpoint, "The teacher read a book to the student today", mask=mask).trace
    assert trace.n_tokens == 9
    timeline = timeline_for(9, trace.config.n_layer)
    scene = ClassroomScene()
    lowest = None
    for asker in (6, 7, 8):  # the bottom row
        for chapter in CHAPTERS:
            scene.set_frame(frame_at(trace, Selection(focus=asker, rule=mask), timeline.chapter_end(chapter)))
            for link, c, width in scene.links.curves:
                bottom = max(point_at(c, k / 64)[1] for k in range(65)) + width / 2
                if lowest is None or bottom > lowest[0]:
                    lowest = (bottom, asker + 1, chapter, link.source + 1, link.target + 1)
    assert lowest is not None and lowest[0] <= WIDESCREEN.caption_y, f"a line sinks to {lowest}"
