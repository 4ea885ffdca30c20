"""teacher40 #10: the asked card's keys line broke inside a word, 「ク / リック」 (a card's hint, wrapped by Qt at any
katakana). It now breaks between phrases, as every other Japanese line the canvas wraps."""
from __future__ import annotations

from classroom_gui.lesson.quiz_play import answer_keys, class_questions
from classroom_gui.scene import fonts
from classroom_gui.scene.quiz_place import FOOT_PX
from classroom_gui.scene.wrapped_text import wrapped_lines
from helpers import quiz_model


def test_the_keys_line_breaks_between_phrases_at_any_width(qapp, checkpoint):
    model = quiz_model(checkpoint, "猫がマットの上に座った", "ja", focus=0)
    q = class_questions(model.shown_trace(), model.sel)[0]
    keys = answer_keys(q)
    font = fonts.font(FOOT_PX)
    broke = 0
    for width in range(120, 700, 7):
        lines = wrapped_lines(keys, font, width)
        broke += len(lines) > 1
        for word in ("クリック", "キー", "選びます。"):
            assert any(word in line for line in lines), (width, lines)
    assert broke > 10  # (the widths do wrap it)
