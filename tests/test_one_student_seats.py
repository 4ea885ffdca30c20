"""review17 (4): a class of one was seated as "1 students take their seats"; one student takes a seat."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.mark.parametrize("lang,word,said", [("en", "cat", 'Class begins: 1 student takes a seat, for the one word: "cat".'),
                                            ("ja", "猫", "授業のはじまりです。単語がひとつなので、席に着く生徒も「猫」の一人だけです。")])
def test_a_class_of_one_is_seated_in_the_singular(checkpoint, lang, word, said):
    trace = run_sentence(checkpoint, word, "none").trace
    first = frame_at(trace, Selection(lang=lang), timeline_for(1, trace.config.n_layer).beat_stop(0))
    assert first.narration == said


def test_two_students_still_take_their_seats(checkpoint):
    trace = run_sentence(checkpoint, "cat sat", "none").trace
    first = frame_at(trace, Selection(lang="en"), timeline_for(2, trace.config.n_layer).beat_stop(0))
    assert first.narration.startswith("Class begins: 2 students take their seats")
