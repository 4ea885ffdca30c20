"""teacher15 M2 on the shipped model: a Japanese class's answer board listed 「it」「a」「couldn't」 under its answer.
Below the answer the list holds the sentence's language; the board names the likeliest word it left out, with its
probability, so the numbers stay the model's."""
from __future__ import annotations

from classroom_gui.lesson import rules
from classroom_gui.lesson.answers import script
from classroom_gui.model.sentence import run_sentence
from helpers import beat_frame


def test_the_answer_board_says_which_word_of_the_other_language_it_left_out(checkpoint):
    trace = run_sentence(checkpoint, "犬が公園へ走った", "causal").trace
    fr = beat_frame(trace, "answer.softmax", lang="ja")
    turn = rules.under(trace, rules.ANSWER_RULE)
    probs = turn.probs[-1]
    listed = fr.bars.labels
    assert all(script(w) != "en" for w in listed[1:])  # teacher15 saw 「it」「a」「couldn't」 here
    skipped = [i for i in turn.next_order[:50] if script(trace.vocab[i]) == "en"]
    first = trace.vocab[int(skipped[0])]
    assert probs[skipped[0]] > min(fr.bars.values)  # it would have been listed: the board names it, with its share
    assert fr.board[-2:] == ["英語の単語は省略：", f"いちばん高いのは「{first}」の{probs[skipped[0]]:.3f}"]
    en = beat_frame(trace, "answer.softmax", lang="en")
    assert en.board[-2:] == ["(English words are not listed;", f'the likeliest: "{first}": {probs[skipped[0]]:.3f})']


def test_a_left_out_word_that_would_read_0_000_is_not_named(checkpoint):
    """The seed's English sentence: '。' is the model's second word after '.', at 0.000; the list goes on in English,
    and the board names no word it left out: a note saying "0.000" under ten lines of 0.000 tells the class nothing
    (teacher16's kind of note that says nothing). The left-out word is still counted in the sum of all words."""
    trace = run_sentence(checkpoint, "The cat sat on the mat", "causal").trace
    fr = beat_frame(trace, "answer.softmax", lang="en")
    assert fr.bars.labels[0] == "." and all(script(w) != "ja" for w in fr.bars.labels)
    assert trace.vocab[int(trace.next_order[1])] == "。"  # it was left out of the list
    assert not any("not listed" in line for line in fr.board)
