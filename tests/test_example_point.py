"""teacher34 #6: an open gallery example's point (its sentence of "what") is the first line of its key step's
narration, on the shipped model, whole: every example, in English and Japanese, on the 16:9 and the 4:3 canvas
(1024x768), is drawn uncut by the scene; and only where the class is the one it speaks of."""
from __future__ import annotations

from dataclasses import replace

import pytest

from classroom_gui.lesson.example_point import KEY_BEAT, as_said, point_line
from classroom_gui.lesson.gallery import example_point, example_selection, load_gallery
from classroom_gui.lesson.state import frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

EXAMPLES = load_gallery(teaching_model_dir() / "examples.json")


def key_frame(checkpoint, example, lang: str, size=(1920, 1080)):
    trace = run_sentence(checkpoint, example.text, example.mask).trace
    sel = example_selection(example, trace.tokens, lang=lang).clamped(trace)
    sel = replace(sel, point=example_point(example, trace)).sized(*size)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    key = next(i for i, b in enumerate(timeline.beats) if b.key == KEY_BEAT)
    return trace, sel, frame_at(trace, sel, timeline.beat_stop(key)), timeline


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_every_example_says_its_point_whole_at_its_key_step(qapp, checkpoint, lang, size):
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    cut = []
    try:
        for example in EXAMPLES:
            _, sel, frame, _ = key_frame(checkpoint, example, lang, size)
            assert frame.narration.startswith(point_line(sel)) and as_said(example.describe(lang), lang) in point_line(sel)
            scene.set_frame(frame)
            if scene.narration.text.replace("\u2060", "") != frame.narration:
                cut.append((example.text, example.focus, scene.narration.text[-40:]))
    finally:
        scene.clear()
    assert cut == []


def test_the_point_is_said_at_the_key_step_of_its_class_only(checkpoint):
    example = next(e for e in EXAMPLES if e.mask == "causal" and e.expect_next)
    trace, sel, frame, timeline = key_frame(checkpoint, example, "en")
    line = point_line(sel)
    assert frame.narration.startswith(line)
    other_steps = [frame_at(trace, sel, timeline.beat_stop(i)).narration for i in range(len(timeline))
                   if timeline.beats[i].key != KEY_BEAT]
    assert not any(line.strip() in said for said in other_steps)
    at = timeline.beat_stop(frame.beat)
    for changed in (dict(focus=sel.focus - 1), dict(head=(sel.head + 1) % trace.config.n_head),
                    dict(layer=(sel.layer + 1) % trace.config.n_layer), dict(rule="none")):
        assert line.strip() not in frame_at(trace, replace(sel, **changed), at).narration, changed
    other = run_sentence(checkpoint, "The dog ran to the park", "causal").trace  # another sentence (Compare's)
    assert line.strip() not in frame_at(other, sel, at).narration


def test_every_point_stands_alone():
    """teacher34 #6: 「同じヘッドで、…」 pointed at the list entry above it, which is not on screen once the example is
    open; each text now says what it shows without another entry (their layer and head are on each list line)."""
    said = [(e.text, e.describe(lang)) for e in EXAMPLES for lang in ("en", "ja")]
    assert [s for s in said if "same head" in s[1].lower() or "同じヘッド" in s[1]] == []
