"""polish12: at answer time a big class on 4:3 has a legend in the title row, and it showed 「ノート」 and
「最後のレイヤー正規化（ノート）」 in one grey: two different things (the last layer's notebook, and the asker's
notebook after the final LayerNorm, the one the answer is read from) with one colour. The final notebook has its
own colour role, apart from every card's colour for every colour vision."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene import palette
from colour_vision import MATRICES, closest_pair

BIG = {"en": "The cat sat on the mat because it was tired and", "ja": "猫がマットの上に座ったのは疲れていたからです"}
FINAL = {"en": "final LayerNorm(notebook)", "ja": "最後のレイヤー正規化（ノート）"}
NOTEBOOK = {"en": "notebook", "ja": "ノート"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_answer_steps_legend_gives_the_final_notebook_its_own_colour(qapp, checkpoint, lang):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, BIG[lang], "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    answer = [i for i, beat in enumerate(timeline.beats) if beat.chapter == "answer"]
    scene = ClassroomScene()
    try:
        for i in (answer[0], answer[-1]):  # the final LayerNorm's own step (a card) and the answer's (the notebook)
            scene.set_frame(frame_at(trace, Selection(focus=0, lang=lang, canvas=FOUR_THREE), timeline.beat_stop(i)))
            assert scene.legend.isVisible()
            entries = dict((label, colour) for colour, label in scene.legend.entries)
            assert set(entries) == {NOTEBOOK[lang], FINAL[lang]}, scene.legend.entries
            assert entries[FINAL[lang]] != entries[NOTEBOOK[lang]]
    finally:
        scene.clear()


@pytest.mark.parametrize("kind", [None, *MATRICES])
def test_the_final_notebooks_colour_is_apart_from_every_other_role(kind):
    final = palette.ROLES["final_notebook"]
    for role, colour in palette.ROLES.items():
        if role != "final_notebook":
            assert closest_pair({"final": final, role: colour}, kind)[0] >= 15, (role, kind)
