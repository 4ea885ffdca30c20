"""teacher30 #15: the exp board said 「expと合計は表示した数で計算」 beside exp(-0.235), where chapter 5 had shown -0.24;
at 36 students the listening board's map was an empty box with one row; a paragraph's asker was its final 「。」.
(The ReLU grid's 「-0.00」: tests/test_fmt_many.py.)"""
from __future__ import annotations

import re

import pytest

from classroom_gui.lesson.context import default_focus
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import run_sentence

PARAGRAPH = "小さな犬は朝から公園で友だちとボールを追いかけて、夕方になると疲れて家の庭で静かに眠った。"


def _frame(trace, key, lang, focus):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    return frame_at(trace, Selection(focus=focus, lang=lang, rule="none"), timeline.beat_stop(at))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_exp_board_says_which_digits_it_takes_and_they_are_its_own(checkpoint, lang):
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    scaled = _frame(trace, "scaling.divide", lang, 0)
    exp = _frame(trace, "softmax.exp", lang, 0)
    shown = set(re.findall(r"= (-?\d+\.\d+)$", "\n".join(scaled.board), re.M))  # chapter 5's scaled scores
    used = re.findall(r"exp\((-?\d+\.\d+)\)", "\n".join(exp.board))
    assert used and shown
    places = {len(u.split(".")[1]) for u in used}
    assert len(places) == 1
    note = text(lang, "board.exp_written", places=places.pop())
    assert note in exp.board  # the note says the decimals exp() takes, which are the ones on this board
    if not set(used) <= shown:  # not the numbers chapter 5 showed: the board must not say it used those
        assert not any(phrase in line for line in exp.board for phrase in ("表示した数", "scores shown")), exp.board


def test_a_big_class_merges_its_opinions_beside_its_shares_chart(checkpoint):
    trace = run_sentence(checkpoint, PARAGRAPH, "none").trace
    assert trace.n_tokens == 36
    frame = _frame(trace, "listening.merge", "ja", trace.n_tokens - 1)
    assert frame.bars is not None and len(frame.bars.values) == 36  # not a map of one row in a 36 × 36 box
    small = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    assert _frame(small, "listening.merge", "ja", 0).bars is None  # a small class keeps its named map row


def test_a_paragraph_asks_from_a_content_word_not_its_full_stop(checkpoint):
    for text_, rule in ((PARAGRAPH, "none"), (PARAGRAPH, "causal"), ("A dog ran to the park.", "causal")):
        tokens = run_sentence(checkpoint, text_, rule).trace.tokens
        seat = default_focus(tokens, rule)
        assert tokens[-1] in ("。", ".") and seat != len(tokens) - 1
        assert tokens[seat] in ("犬", "dog"), tokens[seat]
    tokens = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace.tokens
    assert tokens[default_focus(tokens, "none")] == "猫"  # the seed keeps its cat
    ends = ["犬", "が", "走った"]
    assert default_focus(ends, "causal") == 2  # no mark at the end: the last student, as before
