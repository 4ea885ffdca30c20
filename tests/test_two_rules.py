"""The lesson under the classroom's two rules: discussion by default, chapter 6 with both rules' real shares
side by side, answer time in turn with a guess at every seat, and rare words of the other language left out."""
import numpy as np
import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.answers import UNSAYABLE, answer_ids, left_out, script, seat_guesses, sentence_script
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from helpers import beat_frame, random_checkpoint

EN = "The cat sat on the mat"


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return random_checkpoint(tmp_path_factory.mktemp("ck"))


def test_the_other_rule_is_a_real_forward_of_the_same_weights(checkpoint):
    turn = run_sentence(checkpoint, EN, "causal").trace
    free = rules.under(turn, "none")
    alone = run_sentence(checkpoint, EN, "none").trace
    assert free.mask_rule == "none" and not free.layers[0].mask.any()
    for a, b in zip(free.layers, alone.layers):
        np.testing.assert_array_equal(a.weights, b.weights)
    assert rules.under(turn, "none") is free and rules.under(turn, "causal") is turn  # computed once
    # layer 1's scores are the same numbers under both rules; only the mask differs
    np.testing.assert_array_equal(free.layers[0].head(0).scaled, turn.layers[0].head(0).scaled)
    with pytest.raises(ValueError, match="discussion"):
        rules.under(turn, "both")


def test_the_lesson_starts_in_discussion_and_everyone_is_heard(checkpoint):
    trace = run_sentence(checkpoint, EN, "causal").trace  # whichever rule the run used
    assert Selection().rule == "none"
    fr = beat_frame(trace, "softmax.weights", focus=1)
    free = run_sentence(checkpoint, EN, "none").trace.layers[0].head(0).weights[1]
    np.testing.assert_allclose(fr.bars.values, free, rtol=0, atol=1e-7)
    assert not any(fr.bars.masked) and all(s.state != "masked" for s in fr.students)
    assert {link.target for link in fr.links} == set(range(6))
    assert fr.rule == "none" and "discussion" in fr.title
    assert "-∞" not in beat_frame(trace, "softmax.exp", focus=1).narration  # nothing is masked in discussion
    assert "-∞" in beat_frame(trace, "softmax.exp", focus=1, rule="causal").narration
    turn = beat_frame(trace, "softmax.weights", focus=1, rule="causal")
    assert turn.rule == "causal" and [s.state for s in turn.students[2:]] == ["masked"] * 4


def test_chapter_6_shows_both_rules_on_the_same_sentence(checkpoint):
    trace = run_sentence(checkpoint, EN, "none").trace
    free = run_sentence(checkpoint, EN, "none").trace.layers[1].head(1).weights[1]
    turn = run_sentence(checkpoint, EN, "causal").trace.layers[1].head(1).weights[1]
    for rule in rules.RULES:  # the chapter is the same whichever rule the lesson is in
        fr = beat_frame(trace, "mask.future", focus=1, layer=1, head=1, rule=rule)
        np.testing.assert_allclose(fr.bars.values, free, rtol=0, atol=1e-7)
        np.testing.assert_allclose(fr.bars_beside.values, turn, rtol=0, atol=1e-7)
        assert fr.bars_beside.masked == [False, False, True, True, True, True]
        assert [s.state for s in fr.students[2:]] == ["masked"] * 4
        assert f"{free[int(np.argmax(free))]:.2f}" in fr.narration and f"{turn.max():.2f}" in fr.narration
    ja = beat_frame(trace, "mask.future", focus=1, lang="ja")
    assert "「cat」" in ja.narration and "-∞" in ja.narration


def test_answer_time_is_in_turn_with_a_guess_at_every_seat(checkpoint):
    trace = run_sentence(checkpoint, EN, "none").trace
    turn = run_sentence(checkpoint, EN, "causal").trace
    fr = frame_at(trace, Selection(rule="none"), timeline_for(6, 2).duration)
    assert fr.rule == "causal" and "GPT" in fr.title and "GPT" in beat_frame(trace, "answer.logits").narration
    assert fr.bars.values[0] == pytest.approx(float(turn.probs[-1].max()), abs=1e-6)
    vocab = turn.vocab
    for seat, s in enumerate(fr.students):  # seat t's badge: the word the model predicts after it
        assert s.badge == f'→ "{vocab[int(np.argmax(turn.probs[seat]))]}"'


def test_below_the_answer_a_list_holds_words_of_the_sentences_language(checkpoint):
    """teacher15 M2: a Japanese class saw ate/a/an under its answer. The answer is the model's most probable word
    whatever its language; below it only the sentence's language (and punctuation), and left_out names the most
    probable word that was skipped, for the board to say so."""
    assert (script("cat"), script("猫"), script("。"), script("."), script("3")) == ("en", "ja", "ja", "", "")
    assert sentence_script(["The", "cat", "."]) == "en" and sentence_script(["猫", "が", "。"]) == "ja"
    trace = run_sentence(checkpoint, EN, "causal").trace
    probs = np.full(len(trace.vocab), 1e-4)
    ja_word, ja_top, en_word, dot = (trace.vocab.index(w) for w in ("猫", "マット", "mat", "."))
    probs[en_word], probs[ja_word], probs[ja_top], probs[dot] = 0.5, 0.3, 0.2, 0.1
    trace.cache["next_order"] = np.argsort(-probs, kind="stable")
    shown = answer_ids(trace, 5)
    assert shown[:2] == [en_word, dot] and ja_word not in shown and ja_top not in shown
    assert all(script(trace.vocab[i]) != "ja" for i in shown)
    assert left_out(trace, shown) == (ja_word, "ja")  # the likeliest word skipped and its kind, for the board's note
    probs[ja_word] = 0.9  # the model's answer is Japanese: it is the class's answer all the same
    trace.cache["next_order"] = np.argsort(-probs, kind="stable")
    shown = answer_ids(trace, 5)
    assert shown[:3] == [ja_word, en_word, dot] and ja_top not in shown and left_out(trace, shown) == (ja_top, "ja")
    probs[:] = 1e-4
    probs[en_word] = 0.5  # nothing of the other language above the list's last word: no note
    trace.cache["next_order"] = np.argsort(-probs, kind="stable")
    assert left_out(trace, answer_ids(trace, 5)) is None


def test_seat_guesses_are_each_seats_most_probable_word_the_answer_list_could_hold(checkpoint):
    from classroom_gui.lesson.answers import of_language

    trace = run_sentence(checkpoint, "猫がマットの上に", "causal").trace
    guesses, lang, answer = seat_guesses(trace), sentence_script(trace.tokens), answer_ids(trace, 1)[0]
    assert len(guesses) == trace.n_tokens
    for (word, p), row in zip(guesses, trace.probs):
        assert p == pytest.approx(float(row[word]))
        better = [i for i in np.flatnonzero(row > row[word])]  # everything the model prefers: not for the list
        assert all(trace.vocab[i] in UNSAYABLE or not (of_language(trace.vocab[i], lang) or i == answer)
                   for i in better)


def test_seat_guesses_use_an_untied_folders_own_answer_matrix():
    from pathlib import Path

    from classroom_gui.model.checkpoint import load_checkpoint

    checkpoint = load_checkpoint(Path(__file__).parent / "fixtures" / "gpt2_variants" / "untied_head")
    trace = run_sentence(checkpoint, "The cat sat on the mat").trace
    assert "lm_head.weight" in trace.params
    for (word, p), row in zip(seat_guesses(trace), trace.probs):  # trace.probs: ln_f against lm_head
        assert p == pytest.approx(float(row[word]), rel=1e-5)


def test_the_other_rule_keeps_the_what_if_edits(checkpoint):
    from classroom_gui.model import forward
    from classroom_gui.model.whatif import Edit

    plain = run_sentence(checkpoint, EN, "causal").trace
    edit = Edit("score", 0, 0, 1, 3, 5.0)  # layer 1, head 1: cat's raw score for on
    edited = forward(plain.token_ids, plain.params, plain.config, mask="causal", edits=[edit])
    free = rules.under(edited, "none")
    want = forward(plain.token_ids, plain.params, plain.config, mask="none", edits=[edit])
    assert free.layers[0].head(0).scores[1, 3] == 5.0
    np.testing.assert_array_equal(free.layers[0].weights, want.layers[0].weights)


def test_in_discussion_the_first_seat_cat_asks():
    from classroom_gui.lesson.state import default_focus

    ja = ["猫", "が", "マット", "の", "上", "に", "座った"]
    assert default_focus(ja, "none") == 0  # in discussion 猫 hears everyone, wherever it sits
    assert default_focus(ja, "causal") == 6  # in turn it would hear only itself: the last student asks
    assert default_focus(["The", "cat", "sat"], "none") == default_focus(["The", "cat", "sat"], "causal") == 1


@pytest.mark.parametrize("lang, why", [("en", "The shares still differ because in layer 1 the students already "
                                               "listened by different rules"),
                                       ("ja", "それでも割合が違うのは、第1層ですでに違うルールで聞いたので")])
def test_the_last_seat_says_why_its_shares_differ_from_layer_2_on(lang, why):
    """teacher4 M7: the last student hears everyone under both rules, yet from layer 2 on its two charts differ (the
    notebooks already listened by different rules in layer 1); chapter 6 says why, and says nothing of it at layer 1,
    where the two charts are the same (on the shipped model)."""
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir

    trace = run_sentence(load_checkpoint(teaching_model_dir()), EN, "none").trace
    last = trace.n_tokens - 1
    for layer in range(trace.config.n_layer):
        frame = beat_frame(trace, "mask.future", focus=last, layer=layer, lang=lang)
        free = rules.under(trace, "none").layers[layer].weights[0, last]
        turn = rules.under(trace, "causal").layers[layer].weights[0, last]
        if layer == 0:
            assert np.allclose(free, turn, atol=1e-6) and "differ" not in frame.narration and "違う" not in frame.narration
            continue
        said = why if layer == 1 else why.replace("layer 1", "layers 1 to 2").replace("第1層で", "第1層から第2層まで")
        assert np.abs(free - turn).max() > 0.01 and said in frame.narration


def test_answer_lists_offer_no_mask_token(tmp_path):
    """teacher4 L4: the shipped model gives <mask> (the blank it learned to fill in discussion) a place among the
    ten most probable next words of a pronoun story cut after "it" (6th; before the third training stage also
    after the gallery's "tired" sentence, now 11th there); no student can say it, so answer time's list, the
    desks' guesses and the quiz's choices leave it out (the model's probabilities keep it)."""
    from classroom_gui.lesson.quiz_play import class_questions
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir

    trace = run_sentence(load_checkpoint(teaching_model_dir()),
                         "Yesterday the little boy couldn't lift the bed because it", "causal").trace
    # the premise: among the English words (the list's language; Latin letters, as "<mask>"), the model ranks it
    # in the ten most probable
    english = [trace.vocab[int(i)] for i in trace.next_order[:40] if script(trace.vocab[int(i)]) in ("en", "")]
    assert "<mask>" in english[:10]
    frame = beat_frame(trace, "answer.softmax", focus=8, rule="causal")
    assert len(frame.bars.labels) == 10 and "<mask>" not in frame.bars.labels
    assert not {"<mask>", "<unk>"} & {trace.vocab[w] for w, _ in seat_guesses(trace)}
    for q in class_questions(trace, Selection(focus=8, rule="causal")):
        assert not any("<mask>" in c or "<unk>" in c for c in q.choices)


@pytest.mark.parametrize("lang, said", [("en", "every one of the 4,695 vocabulary words"), ("ja", "語彙の4,695語すべて")])
def test_the_vocabulary_size_has_one_spelling(lang, said):
    """teacher4 L5: answer time's narration writes 4,695 as its board and bars do (「全4,695語」), not 4695."""
    from classroom_gui.model.checkpoint import load_checkpoint
    from classroom_gui.resources import teaching_model_dir

    trace = run_sentence(load_checkpoint(teaching_model_dir()), EN, "causal").trace
    logits = beat_frame(trace, "answer.logits", lang=lang, rule="causal")
    assert said in logits.narration and "4695" not in logits.narration
    softmax = beat_frame(trace, "answer.softmax", lang=lang, rule="causal")
    assert "4,695" in " ".join(softmax.board) + softmax.bars.total and "4695" not in softmax.narration
