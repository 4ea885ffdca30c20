"""A class of 64 shows its students' names: each desk of the class picture shows the whole word, never "…" alone
(at 64 desks every "mat", 「マット」 and 「座った」 once read "…"), still at the 16 px a projector needs, and the name ends
before the badge starts. Where beside the badge a name would be cut (「マット」, 「座った」, "because" need more than the
room a share's badge leaves), the class's badges take a line of their own under the names (teacher30 #2: names were
cut to 「マ…」, 「座…」, "b…"). A short name beside a wide badge stands 2 px from it rather than 4 where that shows it
whole (teacher6 M5: "dog" read "…" beside a score of -10.30)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

WORDS = ["The", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired", "and", "dog"]
# (sentence, language, chapter, asker, words every desk shows whole)
CLASSES = [(" ".join((WORDS * 6)[:64]), "en", "softmax", 1, set()), ("猫がマットの上に座った。" * 8, "ja", "softmax", 1, set()),
           ("the dog ran to the park and " * 30, "en", "scoring", 4, {"dog"})]


@pytest.mark.parametrize("text,lang,chapter,focus,whole_words", CLASSES, ids=["en", "ja", "scores"])
def test_a_class_of_64_shows_its_names(qapp, checkpoint, text, lang, chapter, focus, whole_words):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.layout import NAME_MIN
    trace = compute_run(checkpoint, text, mask="none").trace
    assert trace.n_tokens == 64
    frame = frame_at(trace, Selection(focus=focus, lang=lang),
                     timeline_for(64, trace.config.n_layer).chapter_end(chapter))
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        image = scene.class_image
        assert image.students, "a class of 64 draws its plain desks in one picture"
        for k, s in enumerate(image.students):
            desk = image._ghost(k, s, with_strips=False)  # the desk the class picture draws this seat as
            name, font = desk.name_text, desk.name_font
            where = f"seat {s.index + 1} {s.text!r}"
            assert name != "…" and name.strip(), f"{where} shows only {name!r}"
            assert name == s.text, f"{where} shows {name!r}"  # whole (teacher30 #2)
            assert font.pixelSize() >= NAME_MIN, f"{where}: {font.pixelSize()} px"
            assert name == s.text or s.text not in whole_words, f"{where}: a short name cut to {name!r}"
            bw, _ = desk._badge_size()
            assert bw, f"{where} has no badge at the softmax step"
            end = desk._name_left() + QFontMetricsF(font).horizontalAdvance(name)
            beside = 0.0 if desk.box.badge_h else bw  # (a badge on a line of its own under the name)
            assert end <= desk.box.w - desk.box.pad - beside, f"{where}: the name runs under the badge"
    finally:
        scene.clear()

