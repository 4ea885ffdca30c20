"""A desk's guess reads whole (teacher10 M2): at the answer step of the gallery's "…too wide" example (11
students, 16:9: 6 desks a row, 193 px each) the guesses beside the names were cut ("→「did…」", "→「beca…」") and
the names drawn at two sizes to make room. Where a badge or a name would end in "…" beside the other, every
desk of the class puts its badge on a line of its own under the name (the desks' numbers unchanged), so each
guess and name is whole and the names keep one size; the seed's classes keep one line."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.desk_tag import badge_face

WIDE = "The animal didn't cross the street because it was too wide"


def answer_frames(trace, sel):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for i, beat in enumerate(timeline.beats):
        if beat.chapter == "answer":
            yield beat.key, frame_at(trace, sel, timeline.beat_stop(i))


def badged_desks(scene):
    return [d for d in scene.desks if d.isVisible() and d.student is not None and d.student.badge]


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_guess_and_name_reads_whole_at_the_answer_step(qapp, checkpoint, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, WIDE, "causal").trace
    assert trace.n_tokens == 11
    scene = ClassroomScene()
    guesses = 0
    for key, frame in answer_frames(trace, Selection(focus=10, lang=lang, canvas=canvas, rule="causal")):
        scene.set_frame(frame)
        desks = badged_desks(scene)
        for d in desks:
            assert d.badge_text() == badge_face(d.student.badge), (key, d.student.text, d.badge_text())
            assert d.name_text == d.student.text, (key, d.name_text)
            assert d._badge_size()[1] >= 16 and d.name_font.pixelSize() >= 16
        if len(desks) == 11:
            guesses += 1
            assert len({d.name_font.pixelSize() for d in desks}) == 1, key  # the names at one size
            assert len({d.box.header_h for d in desks}) == 1
    assert guesses >= 1


def test_a_class_whose_guesses_fit_beside_their_names_keeps_one_line(qapp, checkpoint):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, "The cat sat on the mat", "causal").trace
    scene = ClassroomScene()
    seen = 0
    for key, frame in answer_frames(trace, Selection(focus=1, lang="en", rule="causal")):
        scene.set_frame(frame)
        for d in badged_desks(scene):
            assert d.box.badge_h == 0 and d.badge_text() == badge_face(d.student.badge), key
            seen += 1
    assert seen


SEED = {"en": ("The cat sat on the mat", 1), "ja": ("猫がマットの上に座った", 0)}


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_names_keep_their_size_and_room_beside_guesses_at_4_3(qapp, checkpoint, lang, rule):
    """teacher12 L3: at the 4:3 answer step 「に」 shrank beside 「→「座った」」 and 「マット」 touched its 「→「の」」.
    Every name is drawn whole at one size, the class's, and a badge beside a name stands 4 px clear of it."""
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk import name_left

    text, focus = SEED[lang]
    trace = run_sentence(checkpoint, text, rule).trace
    scene = ClassroomScene()
    seen = 0
    for key, frame in answer_frames(trace, Selection(focus=focus, lang=lang, canvas=FOUR_THREE, rule=rule)):
        scene.set_frame(frame)
        desks = badged_desks(scene)
        for d in desks:
            assert d.name_text == d.student.text and d.badge_text() == badge_face(d.student.badge), (key, d.name_text)
            assert d.name_font.pixelSize() == round(d.box.name_px * scene.theme.font_scale), (key, d.student.text)
            if not d.box.badge_h:  # beside the name
                name_w = QFontMetricsF(d.name_font).horizontalAdvance(d.name_text)
                assert name_left(d.box) + name_w + 4 + d._badge_size()[0] <= d.box.w - d.box.pad + 0.01, (
                    key, d.student.text, d.student.badge)
            seen += 1
    assert seen >= 6
