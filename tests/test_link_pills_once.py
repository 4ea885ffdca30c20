"""teacher36 #6: a link's pill repeated its desk's badge. At 6 students (1024×768, step 19) "0.11", "0.06" and
"0.17" floated above badges with the same numbers; in Compare "The" showed 0.27 twice (its badge, and a pill inside
its desk). One number in one place: a whole link whose far desk's badge shows its share gets no pill, at every
class size (before, only a big class's composed desks left it off: Classroom badges_say)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import WIDESCREEN, canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

LONG = "The cat sat on the mat and the dog sat on the rug near the door"


def repeated(scene, frame) -> list[str]:
    """The pills whose number the badge of their link's far desk shows too."""
    badges = scene._badges(frame, scene.theme)
    out = []
    for link, _ in scene.links.label_boxes:
        if link.progress < 1:
            continue
        far = link.target if link.source == 1 else link.source
        if badges.get(far) == link.label:
            out.append(f"{frame.students[far].text} {link.label}")
    return out


@pytest.mark.parametrize("text,canvas", [("The cat sat on the mat", canvas_for(1024, 768)), (LONG, WIDESCREEN)],
                         ids=["6", "16"])
def test_no_pill_repeats_its_desks_badge(qapp, checkpoint, text, canvas):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, text, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    seen = 0
    try:
        for i, beat in enumerate(timeline.beats):
            if beat.key not in ("softmax.weights", "listening.merge"):
                continue
            frame = frame_at(trace, Selection(focus=1, lang="en", canvas=canvas), timeline.beat_stop(i))
            scene.set_frame(frame)
            seen += 1
            assert not repeated(scene, frame), (beat.key, repeated(scene, frame))
    finally:
        scene.clear()
    assert seen


def test_compare_shows_each_share_once(qapp, checkpoint):
    from classroom_gui.cli_export import with_edits
    from classroom_gui.export.compare import render_pair
    from classroom_gui.lesson.compare import compare
    from classroom_gui.scene.classroom import ClassroomScene

    first, second = "The cat sat on the mat", "The dog sat on the mat"
    own = compute_run(checkpoint, first, mask="none").trace
    edited = with_edits(own, ["score[1,1,cat,mat]=0"], lang="en")
    other = compute_run(checkpoint, second, mask="none").trace
    t = timeline_for(own.n_tokens, own.config.n_layer).chapter_end("softmax")
    pair = compare(edited, other, Selection(focus=1, layer=1, lang="en", rule="none"), t, texts=(first, second),
                   page=(1024, 768), own=own)
    scenes = (ClassroomScene(), ClassroomScene())
    try:
        render_pair(pair, (1024, 768), scenes=scenes)
        for scene in scenes:
            assert not repeated(scene, scene.frame), repeated(scene, scene.frame)
    finally:
        for scene in scenes:
            scene.clear()
