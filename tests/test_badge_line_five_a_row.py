"""review17 7: at 4:3 with 9-10 students (5 narrow desks a row) a name beside its badge shrank: 「マット」 and 「座った」
16 px beside 「猫」's 25 (11 px on a 1024 x 768 projector), since the whole class could not take a badge line (the
asker's desk would lose numbers). Now the crowded desks that lose nothing take it alone: on every step of the
lesson, every drawn desk with a badge shows its whole name at its full size, and every desk keeps its numbers."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("lang,words", [("ja", "猫がマットの上に座った。犬は"), ("en", "the cat sat on the mat and the dog ran")])
def test_names_beside_a_badge_keep_their_size_at_five_a_row(qapp, checkpoint, lang, words):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, words, "none").trace
    assert trace.n_tokens in (9, 10)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    lined = 0
    for i, beat in enumerate(timeline.beats):
        scene.set_frame(frame_at(trace, Selection(lang=lang, canvas=FOUR_THREE), timeline.beat_stop(i)))
        for d in scene.desks:
            s, b = d.student, d.box
            if not d.isVisible() or s is None or b is None or not s.badge:
                continue
            where = (i + 1, beat.key, s.text, s.badge)
            assert d.name_text == s.text and d.name_font.pixelSize() >= round(b.name_px * 0.85), \
                (where, d.name_font.pixelSize(), b.name_px)
            lined += bool(b.badge_h)
            for st in b.strips:
                assert st.number_px >= 12, where
    if lang == "ja":
        assert lined  # 「マット」 and 「座った」 take the badge's line on the listening steps
    scene.clear()
