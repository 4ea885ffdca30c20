"""teacher28 L1: in presenter mode at 4:3 with 64 desks the scoring step's badges were cut, even the two highest
scores ("12.…" at seats 10 and 49, the ones the links' labels name), and "9.…", "-…". A number its pill cuts is
drawn smaller where then it is whole (desk_tag.badge_size: down to 0.7 of its size, not below 10.5 px), on the
composed class picture (scene.class_badges) as on a desk drawn on its own."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QPainter

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

from test_byte_pieces import PARAGRAPH

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


def test_the_highest_scores_are_whole_on_a_4_3_class_of_64(qapp):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = max(i for i, b in enumerate(tl.beats) if b.chapter == "scoring")
    frame = frame_at(trace, Selection(focus=63, canvas=canvas_for(1024, 768), rule="causal"), tl.beat_stop(at))
    scores = sorted((float(s.badge), s.badge) for s in frame.students if s.badge)
    assert len(scores) == 64
    scene = ClassroomScene()
    scene.set_frame(frame)
    image = QImage(1024, 768, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)
    scene.render(p)
    p.end()
    drawn = [key[1] for key in scene.class_image._pictures if key[0] == "badge"]  # the pills' texts as painted
    individually = [d.badge_text() for d in scene.desks if d.isVisible() and d.student is not None]
    shown = set(drawn) | set(individually)
    assert [badge for _v, badge in scores[-2:]] == ["12.48", "12.89"]
    assert all(badge in shown for _v, badge in scores[-2:]), sorted(shown)
    assert not any(text.endswith("…") and text[:-1].lstrip("-").replace(".", "") == "" for text in shown)  # no "-…"
