"""The card legend names each colour once (teacher10 L1): at chapter 10's first step (the heads) a class of 7
on 4:3 showed "notebook", "new understanding 1", "… 2", "… 3", three entries in one pink that told nothing apart,
and took so much of the title row that the title shrank (ja ~14 px against 22) or wrapped (en, losing its "·").
Cards sharing a colour are one entry, named by the words their labels share, and the title keeps the size it has
at the chapter's next step."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

NAMED = {"en": "new understanding", "ja": "新しい理解"}


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_chapter_10s_legend_names_each_colour_once_and_the_title_keeps_its_size(qapp, checkpoint, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    heads = [i for i, beat in enumerate(timeline.beats) if beat.chapter == "heads"]
    scene = ClassroomScene()
    sizes = []
    for i in heads[:2]:
        scene.set_frame(frame_at(trace, Selection(focus=0, lang=lang, canvas=canvas), timeline.beat_stop(i)))
        sizes.append((scene.title.font.pixelSize(), "\n" in scene.title.text))
        if i == heads[0]:
            assert scene.legend.isVisible()
            colours = [colour for colour, _ in scene.legend.entries]
            assert len(set(colours)) == len(colours), scene.legend.entries
            assert NAMED[lang] in [label for _, label in scene.legend.entries]
    assert sizes[0] == sizes[1], sizes


def test_labels_of_one_colour_are_named_by_their_shared_words():
    from classroom_gui.scene.legend import one_per_colour

    assert one_per_colour([("grey", "notebook"), ("pink", "new understanding 1"), ("pink", "new understanding 2")]) \
        == [("grey", "notebook"), ("pink", "new understanding")]
    # labels sharing only part of a word keep their own entries
    assert one_per_colour([("grey", "notes"), ("grey", "notebook")]) == [("grey", "notes"), ("grey", "notebook")]
