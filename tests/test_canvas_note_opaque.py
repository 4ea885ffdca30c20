"""teacher16 L2: the F5 "Wrote …" note over the caption was translucent (alpha 225 on dark grey), so the narration's
lines showed through under its white text. It is opaque now, in the theme's ink ("text") with paper ("caption")
letters: what it covers changes none of its pixels, in both window themes."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from classroom_gui.scene import palette
from test_start_hint import fresh

SAID = "Wrote /tmp/a rather long folder name/lesson.pptx (40 slides)"


def _inside(w):
    """The note's pixels as drawn on the viewport, less its rounded corners (which show the caption's white)."""
    note = w.canvas.note
    w.canvas.viewport().repaint()
    r = note.geometry()
    inset = note.height() // 2
    return w.canvas.viewport().grab(r.adjusted(inset, 2, -inset, -2)).toImage()


@pytest.mark.parametrize("name", ["classroom", "contrast"])
def test_the_note_hides_the_narration_under_it(qtbot, tmp_path, name):
    w = fresh(qtbot, tmp_path, "The cat sat on the mat")
    w.resize(1280, 800)
    w.canvas.classroom.theme = palette.theme(name)
    w.set_presenter(True)
    pictures, narrations = [], []
    for _ in range(2):
        if pictures:
            w.next_beat()
        qtbot.wait(20)
        narrations.append(w.canvas.frame.narration)
        w.canvas.note.say(lambda lang: SAID, "en", until_key=False)
        assert w.canvas.note.isVisible()
        pictures.append(_inside(w))
    assert narrations[0] != narrations[1] and all(narrations)  # another narration under the same note
    assert pictures[0].size() == pictures[1].size() and pictures[0] == pictures[1]
    th = palette.theme(name)
    corner = QColor(pictures[0].pixel(1, 1))
    assert corner.name().upper() == th.color("text").upper()
    w.set_presenter(False)
