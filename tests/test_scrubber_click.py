"""teacher14 L2: a click on the scrubber's groove moved the lesson one page (step 9 -> 10 -> 12), not to the point
clicked; it now moves the handle, and the lesson, to the clicked point (the style's own handle placement), and a
press on the handle still drags it. A handle let go mid-step left that step half-faded (faint question cards, a grey
grid) until → was pressed: the step under it is now shown finished."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle

from helpers import random_window
from classroom_gui.view.controls import SCRUB_STEPS_PER_SECOND


def test_a_click_on_the_groove_goes_to_the_point_clicked(qtbot, tmp_path):
    window = random_window(qtbot, tmp_path)
    slider = window.controls.slider
    slider.resize(600, slider.height())  # a wide bar: a page step (10 % of the lesson) is far from the point
    window.model.play("home")
    for share in (0.7, 0.25, 0.9):
        qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(slider.width() * share), slider.height() // 2))
        assert abs(slider.value() / slider.maximum() - share) < 0.05  # there, not a page (0.1 s) from where it was
        # the lesson went there, and the step there is shown finished once the handle is let go (as → shows it)
        timeline = window.player.timeline
        i = timeline.locate(share * timeline.duration)[0]
        assert window.player.time == timeline.beat_stop(i) or window.player.time == timeline.beat_stop(i + 1)
        assert window.model.frame().beat == timeline.locate(window.player.time)[0]
        assert abs(window.player.time - slider.value() / SCRUB_STEPS_PER_SECOND) < 0.006  # the handle shows it
        x = QStyle.sliderPositionFromValue(slider.minimum(), slider.maximum(), slider.value(), slider.width())
        assert abs(x / slider.width() - share) < 0.05  # the handle sits under the pointer
    assert abs(window.player.time / window.player.timeline.duration - 0.9) < 0.06
    # a drag: the handle held down, moved mid-step (the lesson follows it there), then let go
    slider.setSliderDown(True)
    timeline = window.player.timeline
    middle = (timeline.beats[20].start + timeline.beat_stop(20)) / 2
    slider.setValue(round(middle * SCRUB_STEPS_PER_SECOND))
    assert window.player.time == round(middle * SCRUB_STEPS_PER_SECOND) / SCRUB_STEPS_PER_SECOND
    slider.setSliderDown(False)
    assert window.player.time == timeline.beat_stop(20)
    centre = slider.value()
    assert slider.value_at(_handle_centre(slider)) is None  # a press on the handle drags it: no jump
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(_handle_centre(slider), slider.height() // 2))
    assert slider.value() == centre


def _handle_centre(slider) -> int:
    from PySide6.QtWidgets import QStyleOptionSlider
    opt = QStyleOptionSlider()
    slider.initStyleOption(opt)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, slider)
    return rect.center().x()
