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


@pytest.mark.parametrize("lang,words,canvas", [("ja", "猫がマットの上に座った", FOUR_THREE), ("en", "The cat sat on the mat", None),
                                               ("en", " ".join(["The cat sat on the mat"] * 7), None)],
                         ids=["ja-4:3", "en-16:9", "en-42"])
def test_the_final_notebook_is_coloured_on_the_notebooks_scale(qapp, checkpoint, lang, words, canvas):
    """At answer time the final notebook (after the final LayerNorm) is on one screen with the class's notebooks, and
    its cells are coloured on their scale (class_rows.SHARED_SCALE), as chapter 10's LayerNorm card is: a cell of
    one size is one colour on both. On a scale of its own (±6 beside the seed's ±10) its -4.35 was a deeper red than
    the notebook's -5.28 just above it. A class of 42 (its plain desks one picture: scene.class_image) too."""
    import numpy as np

    from classroom_gui.lesson.canvas import WIDESCREEN
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, words, "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    answer = [(i, beat.key) for i, beat in enumerate(timeline.beats) if beat.chapter == "answer"]
    scene = ClassroomScene()
    try:
        for i, key in answer:  # the final LayerNorm's step (a card), the logits and the softmax (the notebook)
            frame = frame_at(trace, Selection(focus=0, lang=lang, canvas=canvas or WIDESCREEN), timeline.beat_stop(i))
            scene.set_frame(frame)
            views = [v for d in scene.desks if d.isVisible() and d.box is not None for v in d.views[: len(d.box.strips)]]
            finals = [v for v in views if v.strip.role == "final_notebook"]
            assert len(finals) == 1, key
            scales = {v.scale for v in views if v.strip.role == "notebook"}
            if scene.class_image.isVisible():
                scales.add(scene.class_image.scales["notebook"])
            largest = max(float(np.abs(np.asarray(st.values)).max()) for s in frame.students
                          for st in [s.notebook, *s.cards] if st is not None and st.role.endswith("notebook"))
            assert scales == {finals[0].scale}, (key, scales, finals[0].scale)
            assert finals[0].scale >= 0.999 * largest >= 0.999 * float(np.abs(np.asarray(finals[0].strip.values)).max())
    finally:
        scene.clear()
