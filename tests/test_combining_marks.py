"""teacher26 M2: a combining mark typed after its letter ("cafe" + U+0301, 「か」 + U+3099) made the next known word
unknown ("unknown to the model: café, sat"; 「がマット」). The sentence is read composed (NFC), and a mark the
tokenizer still folds into the letter before joins that letter's student, not the next one."""
from __future__ import annotations

from classroom_gui.model.sentence import run_sentence

CAFE = "The cafe\u0301 sat on the mat"


def _seats(run):
    return list(zip(run.trace.tokens, run.trace.unknown))


def test_a_mark_after_its_letter_reads_as_the_composed_letter(checkpoint):
    run = run_sentence(checkpoint, CAFE)
    assert run.unknown_words == ["café"]
    assert _seats(run) == _seats(run_sentence(checkpoint, "The café sat on the mat"))
    assert ("sat", False) in _seats(run) and not run.normalised  # no "runs of spaces" notice for NFC alone


def test_a_japanese_voicing_mark_reads_as_the_voiced_kana(checkpoint):
    run = run_sentence(checkpoint, "猫か\u3099マットに座った")
    assert run.unknown_words == [] and not any(run.trace.unknown)
    assert list(run.trace.token_ids) == list(run_sentence(checkpoint, "猫がマットに座った").trace.token_ids)


def test_a_mark_that_stays_separate_does_not_take_the_next_word(checkpoint):
    run = run_sentence(checkpoint, "The x\u0303 sat")  # no composed x-tilde exists
    assert run.unknown_words == ["x\u0303"]
    assert _seats(run)[-1] == ("sat", False)


def test_the_tokenizer_gives_a_folded_mark_to_the_letter_before(checkpoint):
    text = "The cafe\u0301 sat"  # as typed, not composed: the tokenizer's own NFKC folds the mark into e
    tokens = checkpoint.tokenizer.encode(text)
    assert "".join(t.text for t in tokens) == "".join(text.split())  # every character shown once
    assert tokens[-1].text == "sat" and not tokens[-1].unknown
    assert tokens[-2].text == "e\u0301" and tokens[-2].unknown
