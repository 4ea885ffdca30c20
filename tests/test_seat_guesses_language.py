"""teacher17 M1: at answer time a Japanese class's desks guessed English words (「生徒」 → 「it」, 「を」 → 「keys」) while
the answer list and the quiz keep to the sentence's language (answers.of_language). The desks follow the same rule,
with the class's answer (whatever its language) always allowed, so the last desk's guess is the class's answer."""
import numpy as np
import pytest

from classroom_gui.lesson.answers import UNSAYABLE, answer_ids, of_language, seat_guesses, sentence_script
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

MINE = "先生が教室で生徒に本を読んだ"


@pytest.fixture(scope="module")
def shipped():
    return load_checkpoint(teaching_model_dir())


@pytest.mark.parametrize("sentence", [MINE, "猫がマットの上に座った", "The cat sat on the mat"])
def test_each_desk_guesses_its_most_probable_word_of_the_sentences_language(shipped, sentence):
    trace = run_sentence(shipped, sentence, "causal").trace
    vocab, lang = trace.vocab, sentence_script(trace.tokens)
    answer = answer_ids(trace, 1)[0]
    guesses = seat_guesses(trace)
    assert len(guesses) == trace.n_tokens
    for (word, p), row in zip(guesses, trace.probs):
        assert p == pytest.approx(float(row[word]))
        assert of_language(vocab[word], lang) or word == answer
        allowed = [i for i in np.flatnonzero(row > row[word]) if of_language(vocab[i], lang) or i == answer]
        assert not allowed and vocab[word] not in UNSAYABLE  # nothing the list could hold is more probable
    assert guesses[-1][0] == answer  # the last desk's guess is the class's answer


def test_the_japanese_class_in_teacher17s_talk_guesses_no_english_word(shipped):
    """The premise: the model's own most probable word after 「生徒」 is English; the desk now guesses Japanese."""
    trace = run_sentence(shipped, MINE, "causal").trace
    seat = trace.tokens.index("生徒")
    assert sentence_script(trace.tokens) == "ja"
    assert trace.vocab[int(np.argmax(trace.probs[seat]))].isascii()  # what the desk said before (「it」)
    said = [trace.vocab[w] for w, _ in seat_guesses(trace)]
    assert not any(w.isascii() and any(c.isalpha() for c in w) for w in said), said


@pytest.mark.parametrize("sentence", ["猫がマットの上に座った", "The cat sat on the mat"])
def test_the_list_and_the_desks_read_one_rule_kept_per_vocabulary(shipped, sentence):
    """review22: answer_ids and the desks' guesses wrote the rule twice; both read answers.sayable, made once per
    vocabulary and language (69 ms on GPT-2's 50k words), read-only, and the list's words below the answer obey it."""
    from classroom_gui.lesson.answers import sayable

    trace = run_sentence(shipped, sentence, "causal").trace
    vocab, lang = trace.vocab, sentence_script(trace.tokens)
    of_lang, said = sayable(vocab, lang)
    assert sayable(vocab, lang)[0] is of_lang and not of_lang.flags.writeable
    assert list(of_lang) == [of_language(w, lang) for w in vocab]
    assert list(said) == [w not in UNSAYABLE for w in vocab]
    shown = answer_ids(trace, 6)
    assert said[shown[0]] and all(of_lang[i] for i in shown[1:])
