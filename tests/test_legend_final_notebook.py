"""polish12: at answer time a big class on 4:3 has a legend in the title row, and it showed 「ノート」 and
「最後のレイヤー正規化（ノート）」 (now 「レイヤー正規化（最後のノート）」) in one grey: two different things (the last layer's notebook, and the asker's
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
FINAL = {"en": "final LayerNorm(notebook)", "ja": "レイヤー正規化（最後のノート）"}  # the board's words (jareview 2)
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
            final = next(label for label in entries if label.startswith(FINAL[lang]))  # with its scale: "… ±5"
            assert set(entries) == {NOTEBOOK[lang], final} and "±" in final, scene.legend.entries
            assert entries[final] != entries[NOTEBOOK[lang]]
    finally:
        scene.clear()


@pytest.mark.parametrize("kind", [None, *MATRICES])
def test_the_final_notebooks_colour_is_apart_from_every_other_role(kind):
    final = palette.ROLES["final_notebook"]
    for role, colour in palette.ROLES.items():
        if role != "final_notebook":
            assert closest_pair({"final": final, role: colour}, kind)[0] >= 15, (role, kind)


@pytest.mark.parametrize("lang,words,canvas", [("ja", "猫がマットの上に座った", FOUR_THREE), ("en", "The cat sat on the mat", None),
                                               ("en", "the cat sat on the mat and the dog ran", FOUR_THREE),
                                               ("en", " ".join(["The cat sat on the mat"] * 7), None)],
                         ids=["ja-4:3", "en-16:9", "en-10-4:3", "en-42"])
def test_the_final_notebook_is_coloured_on_its_own_scale_which_its_label_says(qapp, checkpoint, lang, words, canvas):
    """review17 4: at answer time the final notebook (after the final LayerNorm) is what the answer is read from. On
    the class notebooks' scale (±33 at "the cat sat on the mat and the dog ran" beside its ±5.4) its cells read
    white; on its own its largest number has the deepest colour, and its label says the scale ("±5", whole: two
    decimals cut the label at 5 desks a row), so its colours are not read as the notebooks'. A class of 42 (its
    plain desks one picture: scene.class_image) too."""
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
            own = float(np.abs(np.asarray(finals[0].strip.values)).max())
            assert finals[0].scale == pytest.approx(own, rel=1e-2), key
            assert finals[0].strip.label == FINAL[lang] + (" " if lang == "en" else "") + f"±{own:.0f}"
    finally:
        scene.clear()


def test_the_final_notebook_reads_in_colour_where_the_class_notebooks_reach_33(qapp, checkpoint):
    """The reviewer's sentence: notebooks up to ±33, the final notebook ±5.43: its largest cell is deep, not white."""
    import numpy as np

    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, "the cat sat on the mat and the dog ran", "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    last = max(i for i, beat in enumerate(timeline.beats) if beat.chapter == "answer")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(lang="en", canvas=FOUR_THREE), timeline.beat_stop(last)))
    views = [v for d in scene.desks if d.isVisible() and d.box is not None for v in d.views[: len(d.box.strips)]]
    notebooks = max(v.scale for v in views if v.strip.role == "notebook")
    final = next(v for v in views if v.strip.role == "final_notebook")
    assert notebooks > 5 * final.scale  # the class's notebooks reach far further (±33 against ±5.4)
    assert final.scale == pytest.approx(float(np.abs(np.asarray(final.strip.values)).max()), rel=1e-2)
    scene.clear()
