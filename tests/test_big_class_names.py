"""teacher21 L4: at answer time with 64 students (the teaching model's whole context) the guess badges took the
desks' name room, and 44 of 63 desks (16:9; 54 at 4:3) showed no word beside "→ "kind"": you could not tell
which word each guess follows. A badge now leaves every name at least its first character and "…" (whole where
it is that short), and its pill drops the arrow and quotes before the guessed word ends in "…", at 1600×900
(16:9) and 1024×768 (4:3) alike: each desk shows some of its name and some of its guess."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

WORDS = "the cat sat on the mat and the dog sat on the rug because it was tired".split()


@pytest.mark.parametrize("size", [(1600, 900), (1024, 768)], ids=["1600x900", "1024x768"])
def test_every_desk_of_64_keeps_some_of_its_name_beside_its_guess(qapp, checkpoint, size):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk_tag import badge_size, fit_name, pill_text

    trace = run_sentence(checkpoint, " ".join(WORDS * 5), "causal").trace
    assert trace.n_tokens == 64
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    # the first answer beat where the class has guessed (fix76: answer.norm, before the logits, shows no guesses yet)
    at = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.logits")
    sel = Selection(focus=63, canvas=canvas_for(*size), rule="causal")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, sel, timeline.beat_stop(at)))
    image = scene.class_image  # the 63 plain desks, composed as one picture with what these fit (class_parts)
    b, scale = image.box, image.theme.font_scale
    left = image._ghost(0, image.students[0], with_strips=False)._name_left()
    shown, guesses = [], []
    for s in image.students:
        assert s.badge.startswith("→ ")  # every desk has its guess at answer time
        bw, px = badge_size(s.badge, b, scale, left, s.text, s.unknown)
        shown.append((s.text, fit_name(s.text, b, scale, left, 0.0 if b.badge_h else bw, s.unknown)[1]))
        guesses.append((s.badge[2:].strip('"'), pill_text(s.badge, bw, px).lstrip("→ ").strip('"…')))
    shown += [(d.student.text, d.name_text) for d in scene.desks if d.isVisible() and d.student is not None]
    assert len(shown) == 64
    lost = [(text, word) for text, word in shown if not word.rstrip("…") or not text.startswith(word.rstrip("…"))]
    assert not lost, lost
    cut = [(word, pill) for word, pill in guesses if not pill or not word.startswith(pill)]
    assert not cut, cut
