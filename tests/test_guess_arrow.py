"""teacher28 M4: at answer time with 64 desks at 1024×768 a guess too wide for its pill dropped its arrow ("Go…" for
"→ "Good"", read as a word of the class's). A guess pill writes "→" and the bare word (desk_tag.badge_face); a cut
guess keeps "→" and at least the first letter of its word (drawn smaller where it must: desk_tag.badge_size), at
4:3 and 16:9 alike."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

from test_byte_pieces import PARAGRAPH

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.mark.parametrize("size", [(1024, 768), (1600, 900)], ids=["1024x768", "1600x900"])
def test_every_cut_guess_keeps_its_arrow_and_a_letter(qapp, size):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk_tag import badge_face, badge_size, pill_text

    trace = run_sentence(load_checkpoint(GPT2), PARAGRAPH, "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = next(i for i, b in enumerate(tl.beats) if b.key == "answer.softmax")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=63, canvas=canvas_for(*size), rule="causal"), tl.beat_stop(at)))
    image = scene.class_image
    b, scale = image.box, image.theme.font_scale
    left = image._ghost(0, image.students[0], with_strips=False)._name_left()
    pills = []
    for s in image.students:
        bw, px = badge_size(s.badge, b, scale, left, s.text, s.unknown)
        pills.append((s.badge, pill_text(s.badge, bw, px)))
    pills += [(d.student.badge, d.badge_text()) for d in scene.desks if d.isVisible() and d.student is not None]
    assert len(pills) == 64
    cut = [(badge, pill) for badge, pill in pills if pill != badge_face(badge)]
    assert all(pill.startswith("→") for _badge, pill in pills), pills
    words = [(badge[2:].strip('"'), pill[1:].strip().strip('"').removesuffix("…")) for badge, pill in cut
             if "⟨U+" not in badge]  # (a code for a control character keeps its arrow, not always a letter)
    assert all(shown and word.startswith(shown) for word, shown in words), words
