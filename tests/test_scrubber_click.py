"""teacher14 L2: a click on the scrubber's groove moved the lesson one page (step 9 -> 10 -> 12), not to the point
clicked; it now moves the handle, and the lesson, to the clicked point (the style's own handle placement), and a
press on the handle still drags it."""
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
        assert abs(window.player.time - slider.value() / SCRUB_STEPS_PER_SECOND) < 1e-6  # the lesson went there
        x = QStyle.sliderPositionFromValue(slider.minimum(), slider.maximum(), slider.value(), slider.width())
        assert abs(x / slider.width() - share) < 0.05  # the handle sits under the pointer
    assert abs(window.player.time / window.player.timeline.duration - 0.9) < 0.06
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
