"""house2: the lesson decides the narration's least size (Frame.narration_least), the scene only draws it: an
edited class's narration, whose lead names the edits, may go to 24 and 20 px where it would be cut at 28
(test_whatif_caption_whole); the model's own class keeps 28 as its floor. The scene reads no `edits`."""
from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

import classroom_gui.scene
from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.frame import EDITED_NARRATION_LEAST, NARRATION_LEAST
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.model.sentence import run_sentence

TEXT = "猫がマットの上に座ったのは疲れていたからです"
SPECS = ["score[2,3,座った,マット]=-4", "v[1,2,が,3]=1.5"]


@pytest.fixture(scope="module")
def own(checkpoint):
    return run_sentence(checkpoint, TEXT, "causal").trace


def answer_frame(trace):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=trace.n_tokens - 1, lang="ja", canvas=FOUR_THREE)
    return frame_at(trace, sel, timeline.chapter_end("answer"))


def test_the_lesson_lets_an_edited_class_narration_go_below_28_and_no_other(own):
    edited = from_specs(own, SPECS)
    timeline = timeline_for(own.n_tokens, own.config.n_layer)
    for i in range(0, len(timeline), 7):
        t = timeline.beat_stop(i)
        assert frame_at(own, Selection(focus=1), t).narration_least == NARRATION_LEAST
        frame = frame_at(edited, Selection(focus=1), t)
        assert frame.edits and frame.narration_least == EDITED_NARRATION_LEAST


def test_the_scene_draws_the_narration_at_the_sizes_the_frame_gives(qapp, own):
    from classroom_gui.scene.classroom import ClassroomScene

    frame = answer_frame(from_specs(own, SPECS))  # the 4:3 answer-time caption with two edits: cut at 28
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        assert scene.narration.text.replace("\u2060", "") == frame.narration and 20 <= scene.narration.font.pixelSize() < 28
        scene.set_frame(replace(frame, narration_least=NARRATION_LEAST))  # the same edits, the floor at 28
        assert scene.narration.text != frame.narration and scene.narration.text.endswith("…")
        assert scene.narration.font.pixelSize() >= 28
    finally:
        scene.clear()


def test_the_scene_reads_no_edits():
    read = [(path.name, node.lineno) for path in Path(classroom_gui.scene.__file__).parent.glob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and node.attr == "edits"]
    assert read == []
