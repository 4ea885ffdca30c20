"""teacher5 L9: the scrubber's 14 chapter marks had no names and no menu listed the chapters. Hovering the scrubber
names the chapter under the pointer, and Lesson → Go to chapter lists every chapter by its title and lands where
Ctrl+Right does (the chapter's first step, finished)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from classroom_gui.lesson.chapters import CHAPTERS, chapter_title
from helpers import random_window


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_go_to_chapter_lists_every_chapter_and_lands_on_its_first_step(qtbot, tmp_path, lang):
    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    items = window.chapter_menu.actions()
    assert [a.text() for a in items] == [chapter_title(lang, k) for k in CHAPTERS]
    assert window.chapter_menu.menuAction() in window.menus["lesson"].actions()
    assert window.chapter_menu.title() == window.t("ui.go_to_chapter")
    items[CHAPTERS.index("softmax")].trigger()
    frame = window.model.frame()
    assert frame.chapter_key == "softmax" and frame.beat_key == "softmax.exp"
    window.model.play("home")
    window.model.play("next_chapter")
    by_key = window.player.time
    items[1].trigger()
    assert window.player.time == by_key  # the same place as Ctrl+Right from the start


def test_hovering_the_scrubber_names_the_chapter_under_the_pointer(qtbot, tmp_path):
    window = random_window(qtbot, tmp_path)
    window.set_language("ja")
    slider = window.controls.slider
    starts = [s for _, s in window.player.timeline.chapter_starts()]
    i = CHAPTERS.index("softmax")
    t = (starts[i] + starts[i + 1]) / 2  # the middle of softmax's stretch
    x = 6 + (slider.width() - 12) * t * 100 / slider.maximum()
    assert slider.chapter_at(x) == chapter_title("ja", "softmax")
    event = QHelpEvent(QEvent.Type.ToolTip, QPoint(int(x), 5), slider.mapToGlobal(QPoint(int(x), 5)))
    assert slider.event(event)
    assert QToolTip.text() == chapter_title("ja", "softmax")
