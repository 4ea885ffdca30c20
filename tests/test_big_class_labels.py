"""teacher32 #6: the tiny GPT-2's 58 students at 1024×768, scoring: the links' labels 「11.20」「12.88」「17.22」「14.87」
「12.84」 each repeated its own desk's badge and sat on the desks' edges between the rows, by the names and badges of
desks 15, 19, 21, 29, 52. In a big class whose desks are composed, each with its badge, a label that would repeat
its desk's badge is left off: the line is drawn, the badge reads its number."""
from __future__ import annotations

from pathlib import Path

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

P = "昨日、猫がマットの上に座った。犬は箱の中で寝た。私は🐱を見て、とても笑った。"
GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


def test_no_label_repeats_its_desks_badge_in_a_composed_class(qapp):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(load_checkpoint(GPT2), P, "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    checked = 0
    for i, beat in enumerate(tl.beats):
        if beat.chapter not in ("scoring", "softmax", "listening"):
            continue
        frame = frame_at(trace, Selection(focus=1, canvas=canvas_for(1024, 768), rule="causal", lang="ja"),
                         tl.beat_stop(i))
        scene.set_frame(frame)
        assert scene.composed and len(frame.students) == 58
        badges = {s.index: s.badge for s in frame.students}
        for link, _pill in scene.links.label_boxes:
            far = link.source if link.source != 1 else link.target
            assert link.label != badges[far], (beat.key, link.label, frame.students[far].text)
        checked += sum(1 for link in frame.links
                       if link.label and link.label == badges[link.source if link.source != 1 else link.target])
    assert checked >= 6  # (links whose far desk's badge shows their number: their labels left off)
