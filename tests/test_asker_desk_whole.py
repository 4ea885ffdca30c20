"""The asker's desk shows what the board reads from (teacher10 M3, teacher9 M3): at the listening and everyone
steps the board works 「猫」's new understanding from every opinion card, 「8個の数すべて」, so the asker's desk
must not cut its cards to 5 numbers and "…" (the seed's 7 students on 16:9 did, with 6 rows of the desk unused),
nor its notebook to 19 of 24 numbers in a class of 11-12 (16:9: the desks then have the rows for every number at
a snug row height)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

SEED = {"en": ("The cat sat on the mat", 1), "ja": ("猫がマットの上に座った", 0)}
WIDE = "The animal didn't cross the street because it was too wide"  # the gallery's 11 students
TWELVE = "The tired animal didn't cross the street because it was too wide"


def asker_strips(scene, focus: int) -> list[tuple[str, int, int, float]]:
    """(role, numbers, numbers shown, number px) of every strip on the asker's desk as drawn."""
    desk = scene.desk(focus)
    return [(view.strip.role, len(view.strip.values), box.shown or len(view.strip.values), box.number_px)
            for view, box in zip(desk.views, desk.box.strips)]


def steps_of(trace, sel, chapters):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for i, beat in enumerate(timeline.beats):
        if beat.chapter in chapters:
            yield beat.key, frame_at(trace, sel, timeline.beat_stop(i))


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_seed_askers_desk_shows_every_number_while_the_class_listens(qapp, checkpoint, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    text, focus = SEED[lang]
    trace = run_sentence(checkpoint, text, "none").trace
    scene = ClassroomScene()
    checked = 0
    for key, frame in steps_of(trace, Selection(focus=focus, lang=lang, canvas=canvas), ("listening", "everyone")):
        scene.set_frame(frame)
        strips = asker_strips(scene, focus)
        assert "value" in [role for role, *_ in strips], key
        for role, n, shown, px in strips:
            assert px > 0 and shown == n, (key, role, strips)  # every number written, no "…"
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("text", [WIDE, TWELVE], ids=["11", "12"])
def test_an_askers_notebook_is_whole_in_a_class_of_11_or_12(qapp, checkpoint, text):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, "none").trace
    assert trace.n_tokens in (11, 12)
    focus = trace.n_tokens - 1
    scene = ClassroomScene()
    for lang in ("en", "ja"):
        for key, frame in steps_of(trace, Selection(focus=focus, lang=lang, canvas=WIDESCREEN),
                                   ("listening", "everyone")):
            scene.set_frame(frame)
            for role, n, shown, px in asker_strips(scene, focus):
                assert px >= 12 and shown == n, (key, role, n, shown)



CAUSAL = {"ja": ("猫がマットの上に座った。", "猫がマットの上に座った。犬", "猫がマットの上に座った。犬は"),  # teacher12 M2
          "en": ("The cat sat on the mat. The", "The cat sat on the mat. The dog", "The cat sat on the mat. The dog sat")}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [8, 9, 10])
def test_an_askers_desk_is_whole_in_a_causal_class_of_8_to_10(qapp, checkpoint, lang, size):
    """teacher12 M2: the asker of 「猫がマットの上に座った。犬は」 (10 students, 16:9) showed 13 of its 24 notebook
    numbers and 6 of 8 of each card + 「…」 while the board read 「8個の数すべて」 from them (7 a row at 12 px)."""
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, CAUSAL[lang][size - 8], "causal").trace
    assert trace.n_tokens == size
    focus = size - 1
    scene = ClassroomScene()
    checked = 0
    for key, frame in steps_of(trace, Selection(focus=focus, lang=lang, canvas=WIDESCREEN, rule="causal"),
                               ("listening", "everyone", "heads")):
        scene.set_frame(frame)
        for role, n, shown, px in asker_strips(scene, focus):
            assert px >= 12 and shown == n, (size, key, role, n, shown)
        checked += 1
    assert checked >= 3
