"""polish12 (whatif18's note): with what-if edits, the Japanese lead 「もしも…、どうなるでしょう。このクラスはもう…」
before the 4:3 answer-time caption cut its last words (「…答えは変わらず、e…」) at the narration's least size, 28 px;
a what-if's narration now goes below 28 (24, then 20) only where the whole text would not fit, so nothing is cut; a
caption that fits at 28 keeps its size, and the lesson's own steps keep 28 as their floor (test_lecture_ready)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.model.sentence import run_sentence

CASES = {"ja": ("猫がマットの上に座ったのは疲れていたからです", ["score[2,3,座った,マット]=-4", "v[1,2,が,3]=1.5"]),
         "en": ("The cat sat on the mat because it was tired", ["score[2,3,sat,mat]=-4", "v[1,2,cat,3]=1.5"])}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_the_answer_time_caption_with_two_edits_is_whole(qapp, checkpoint, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    text, specs = CASES[lang]
    trace = from_specs(run_sentence(checkpoint, text, "causal").trace, specs)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    try:
        for i, beat in enumerate(timeline.beats):
            if beat.chapter != "answer":
                continue
            sel = Selection(focus=trace.n_tokens - 1, lang=lang, canvas=canvas)
            frame = frame_at(trace, sel, timeline.beat_stop(i))
            assert frame.narration.startswith("もしも" if lang == "ja" else "What if")
            scene.set_frame(frame)
            assert scene.narration.text.replace("\u2060", "") == frame.narration, (beat.key, scene.narration.text[-40:])
            assert scene.narration.font.pixelSize() >= 20
    finally:
        scene.clear()


def test_a_caption_that_fits_keeps_the_lessons_size(qapp, checkpoint):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, CASES["ja"][0], "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    try:
        sel = Selection(focus=0, lang="ja", canvas=FOUR_THREE)
        scene.set_frame(frame_at(trace, sel, timeline.chapter_end("answer")))
        assert scene.narration.text.replace("\u2060", "") == scene.frame.narration and scene.narration.font.pixelSize() >= 28
    finally:
        scene.clear()
