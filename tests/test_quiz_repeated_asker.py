"""student39 #3: in a class where the asker's word sits twice ("the dog saw the dog", seat 2 asking), the quiz asked
"which of these can "dog" not hear?" with no seat, so every choice was right for one of the two "dog"s. A question
now names a repeated word with its seat, as its choices and the lesson do ("dog" (seat 2), 2番の席の「dog」); a word
that sits once is named as before."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.quiz import questions
from classroom_gui.lesson.state import Selection
from classroom_gui.lesson.strings import quote
from classroom_gui.messages.strings import text
from classroom_gui.model.sentence import run_sentence

TWICE = "the dog saw the dog"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("rule", ["none", "causal"])
def test_a_repeated_asker_is_named_with_its_seat(checkpoint, lang, rule):
    trace = run_sentence(checkpoint, TWICE, rule).trace
    assert trace.tokens.count("dog") == 2 and trace.tokens[1] == "dog"
    asked = questions(trace, Selection(focus=1, lang=lang), checkpoint.tokenizer.vocab)
    seat2 = text(lang, "quiz.seat", name=quote(lang, "dog"), seat=2)
    seat5 = text(lang, "quiz.seat", name=quote(lang, "dog"), seat=5)
    kinds = {q.kind for q in asked}
    assert {"cannot_hear", "top_share", "sum"} <= kinds, kinds
    for q in asked:
        if q.kind == "next_word":  # after the last student, the second "dog"
            assert seat5 in q.question and seat2 not in q.question, q.question
        else:
            assert seat2 in q.question and seat5 not in q.question, q.question


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_word_that_sits_once_keeps_its_plain_name(checkpoint, lang):
    trace = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    for q in questions(trace, Selection(focus=1, lang=lang), checkpoint.tokenizer.vocab):
        named = quote(lang, "mat" if q.kind == "next_word" else "cat")
        assert named in q.question and text(lang, "quiz.seat", name=named, seat=2) not in q.question, q.question
