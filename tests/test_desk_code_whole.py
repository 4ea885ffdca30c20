"""note20: a desk name that is a symbol's code (⟨U+1F431⟩, nine characters) was cut on small desks to 「⟨U+1F4…」,
which names no symbol at all. It is now whole: smaller on its line, or on two ("⟨U+" over "1F431⟩") inside the name
tag's row where that is bigger, never under CODE_LEAST; a word too is whole down to NAME_LEAST (teacher30 #2), cut only where not even that fits."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

WORDS = ["猫", "🐱", "が", "マット", "の", "上", "に", "座った"]


@pytest.mark.parametrize("canvas, n", [(WIDESCREEN, 64), (FOUR_THREE, 48), (FOUR_THREE, 64)],
                         ids=["16:9-64", "4:3-48", "4:3-64"])
def test_a_code_on_a_small_desk_is_whole(qapp, checkpoint, canvas, n):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene import fonts
    from classroom_gui.scene.desk_tag import CODE_LEAST, CODE_ONE_LINE, LINE_H, NAME_LEAST, _name_least, fit_name, name_room
    from classroom_gui.scene.layout import NAME_MIN

    trace = run_sentence(checkpoint, "".join((WORDS * 8)[:n]), "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(lang="ja", rule="none", canvas=canvas), timeline.beat_stop(3)))
    coded = [d for d in scene.desks if d.isVisible() and d.student is not None and d.student.text == "⟨U+1F431⟩"]
    assert coded  # (the asker's desk is drawn as an item; the class's desks are composed from the same fit_name)
    for desk in coded:
        lines = desk.name_text.split("\n")
        assert "".join(lines) == "⟨U+1F431⟩" and "…" not in desk.name_text, desk.name_text
        px = desk.name_font.pixelSize()
        fm = QFontMetricsF(desk.name_font)
        room = name_room(desk.box, desk._name_left(), 0.0 if desk.box.badge_h else desk._badge_size()[0],
                         desk.student.unknown)
        assert px >= (CODE_ONE_LINE if len(lines) == 1 else CODE_LEAST) and all(  # (one line first: teacher32 #4)
            fm.horizontalAdvance(line) <= room + 2 for line in lines)  # (2 px from a pill: fit_name)
        assert len(lines) <= 2 and len(lines) * px * LINE_H <= desk.box.tag_h + 0.01
        font, shown = fit_name("extraordinarily", desk.box, 1.0, desk._name_left(), 0.0, False)
        if shown.endswith("…"):  # a word: whole down to NAME_LEAST (teacher30 #2), cut only where not even then
            assert font.pixelSize() >= min(NAME_MIN, _name_least(desk.box, 1.0))
            assert QFontMetricsF(fonts.font(NAME_LEAST, True)).horizontalAdvance("extraordinarily") > name_room(
                desk.box, desk._name_left(), 0.0, False)
        else:
            assert shown == "extraordinarily" and font.pixelSize() >= NAME_LEAST


def test_a_code_that_fits_keeps_its_one_line(qapp, checkpoint):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, "".join(WORDS), "none").trace
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(lang="ja", rule="none", canvas=WIDESCREEN), 3.0))
    desk = next(d for d in scene.desks if d.student is not None and d.student.text == "⟨U+1F431⟩")
    assert desk.name_text == "⟨U+1F431⟩" and desk.name_font.pixelSize() > 16
