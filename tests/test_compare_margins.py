"""A comparison's page has one set of margins (lesson.compare_layout.margins: the title's room above the classes, the
change line's below) and one width-limited scale (width_scale): compare_layout.page_scale seats the classes by them,
and export.compare places them (pair_layout) and sizes the answer lists (answer_rows) by the same ones, where it
used to copy page_scale's numbers twice and work out the answer rows twice a picture."""
from __future__ import annotations

import pytest

from classroom_gui.export.compare import answer_rows, pair_layout
from classroom_gui.export.compare_answer import MIN_ROWS, block_height
from classroom_gui.lesson import compare_layout as layout
from classroom_gui.lesson.compare import ANSWER_ROWS

PAGES = [(1920, 1080), (1024, 768), (1280, 720), (640, 480), (1440, 1080), (800, 1000), (2000, 600)]


def _extra(w: float, h: float, rows: int) -> float:
    return block_height(layout.text_px(h), rows) + layout.gap_px(w) if rows else 0.0


@pytest.mark.parametrize("answers", [False, True])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p[0]}x{p[1]}")
def test_the_classes_sit_inside_the_margins_page_scale_seats_them_by(qapp, page, answers):
    w, h = page
    canvas = layout.canvas_for_page(w, h, answers)
    extra = _extra(w, h, answer_rows(w, h, canvas) if answers else 0)
    px, (left, right), scale = pair_layout(w, h, answers)
    above, below = layout.margins(h, extra)
    assert px == layout.text_px(h) and scale == layout.page_scale(canvas, w, h, extra)
    assert left.top() == right.top() >= above - 1e-9 and left.bottom() <= h - below + 1e-9
    assert right.left() - left.right() == pytest.approx(layout.gap_px(w))
    assert left.left() == pytest.approx(w - right.right()) and left.left() >= layout.gap_px(w) - 1e-9
    if left.top() > above + 1e-9:  # height to spare: centred between the margins
        assert left.top() - above == pytest.approx(h - below - left.bottom())


@pytest.mark.parametrize("page", PAGES + [(1920, h) for h in range(560, 1081, 40)], ids=lambda p: f"{p[0]}x{p[1]}")
def test_the_answer_lists_take_the_rows_the_width_limited_classes_leave(qapp, page):
    """As many guesses as fit under classes drawn at their width-limited scale: those cost the classes nothing,
    one more would make them smaller (unless ANSWER_ROWS is all a class lists, or MIN_ROWS already cost them)."""
    w, h = page
    canvas = layout.canvas_for_page(w, h, True)
    rows = answer_rows(w, h, canvas)
    assert MIN_ROWS <= rows <= ANSWER_ROWS
    wide = min(layout.width_scale(canvas, w), layout.page_scale(canvas, w, h))
    if rows > MIN_ROWS:
        assert layout.page_scale(canvas, w, h, _extra(w, h, rows)) == pytest.approx(wide)
    if rows < ANSWER_ROWS:
        assert layout.page_scale(canvas, w, h, _extra(w, h, rows + 1)) < wide
