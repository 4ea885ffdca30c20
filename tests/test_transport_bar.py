"""polish17: at 1024 x 768 "Step 33 of 35" ran into "Speed:". At the answer steps "Add 「。」 to the class" joins the
transport bar, which then needed 808 px (Japanese 834) on one row; with the charts' dock (320 px) open a window
manager squeezed it into what a 1024-pixel screen leaves and the controls overlapped (X without one made the window
1,134 px wide, past the screen). Where one row does not fit, the counter, speed, Reset and the add button take a
second row. Widget geometry, offscreen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from classroom_gui.model import load_checkpoint
from classroom_gui.resources import teaching_model_dir
from helpers import window_on


def at_the_answer(qtbot, tmp_path, lang: str, width: int, charts: bool):
    w = window_on(qtbot, load_checkpoint(teaching_model_dir()), str(tmp_path / "s.ini"))
    w.showNormal()
    w.set_language(lang)
    w.sentence.setText("猫がマットの上に座った" if lang == "ja" else "The cat sat on the mat")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None, timeout=10000)
    w.resize(width, 768)
    if charts:
        w.charts_action.setChecked(True)
        qtbot.waitUntil(lambda: w.dock.isVisible(), timeout=10000)
    while w.model.frame().chapter_key != "answer":
        w.do("next_chapter")
    w.do("next_beat")  # (a two-digit step near the end: as wide as the counter gets)
    qtbot.waitUntil(lambda: w.add_answer.isVisibleTo(w), timeout=5000)
    qtbot.wait(20)
    return w


def bar_rects(w) -> list[tuple[str, QRect]]:
    bar = w.controls
    return [(type(c).__name__ + (f" {c.text()!r}" if hasattr(c, "text") else ""),
             QRect(c.mapTo(w, c.rect().topLeft()), c.size()))
            for c in [*bar.head, *bar.tail] if c.isVisibleTo(w)]


def assert_whole_and_apart(w) -> None:
    shown = bar_rects(w)
    assert len(shown) == 11  # five buttons, the scrubber, the counter, "Speed:", its box, Reset, the add button
    for i, (a, ra) in enumerate(shown):
        assert w.rect().contains(ra), f"{a} {ra} runs past the window {w.rect()}"
        for b, rb in shown[i + 1:]:
            assert not ra.intersects(rb), f"{a} {ra} overlaps {b} {rb}"
    for label in (w.controls.step_label, w.controls.speed_label):
        assert label.width() >= label.sizeHint().width(), f"{label.text()!r} is cut short"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_with_the_charts_at_1024_the_bar_takes_two_rows_and_nothing_overlaps(qtbot, tmp_path, lang):
    w = at_the_answer(qtbot, tmp_path, lang, 1024, charts=True)
    assert w.width() <= 1024, f"the window needs {w.width()} px"
    bar = w.controls
    assert bar.two_rows and bar.width() < bar.one_row_width()
    assert_whole_and_apart(w)
    slider = bar_rects(w)[5][1]
    assert all(r.top() > slider.bottom() for _, r in bar_rects(w)[6:])  # the tail under the scrubber's row
    w.charts_action.setChecked(False)  # room again: back on one row
    qtbot.waitUntil(lambda: not bar.two_rows, timeout=5000)
    assert_whole_and_apart(w)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [1024, 1920])
def test_where_one_row_fits_the_bar_stays_on_one(qtbot, tmp_path, lang, width):
    w = at_the_answer(qtbot, tmp_path, lang, width, charts=False)
    bar = w.controls
    assert not bar.two_rows and bar.width() >= bar.one_row_width()
    assert_whole_and_apart(w)
    rects = [r for _, r in bar_rects(w)]
    assert all(r.top() <= rects[5].center().y() <= r.bottom() for r in rects)  # one row: all across the scrubber's middle
