"""Worked boards on models unlike the shipped one. On a wide model (768 numbers a notebook, as GPT-2 small) the worked boards list the first 6 numbers of a
long vector and say how many more there are, so that the worked sum after them reaches its result: the
LayerNorm board's scale and shift, W_O's and the feed-forward output's totals (teacher9 H3). The model is a
random 768-wide checkpoint (tests/helpers.random_checkpoint); what it says is checked against its trace.
On GPT-2-like weights (train.init_params: notebook numbers ~0.02) LayerNorm's scale line lands on the desks'
card or is one off in its last digit, and never says "the last digit can differ" when it is further off
(review12: 1.000 against 0.88); its digits redo by hand from the board.
"""
from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pytest

from classroom_gui.lesson.numbers import fmt, hand_divide, hand_product, rounds_to
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.lesson.worked import missed
from classroom_gui.model import load_checkpoint
from classroom_gui.model.checkpoint import save_checkpoint
from classroom_gui.model.config import GPTConfig
from classroom_gui.model.sentence import compute_run
from classroom_gui.model.tokenizer import ClassroomTokenizer
from classroom_gui.model.train import init_params
from helpers import VOCAB, random_checkpoint

KEYS = ("heads.concat", "heads.project", "heads.residual", "ffn.residual")


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    ck = random_checkpoint(tmp_path_factory.mktemp("wide"), n_layer=1, n_head=12, n_embd=768)
    return compute_run(ck, "the cat sat", mask="none").trace


def boards(trace, lang):
    sel = Selection(focus=1, lang=lang, rule="none")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frames = (frame_at(trace, sel, timeline.beat_stop(i)) for i in range(len(timeline)))
    return {fr.beat_key: fr.board for fr in frames if fr.beat_key in KEYS}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_wide_notebook_leaves_the_board_to_the_worked_sum(wide, lang):
    L, got = wide.layers[0], boards(wide, lang)
    assert set(got) == set(KEYS)
    for key, board in got.items():
        assert len(board) <= 14, (key, board)  # not 96 lines of 8 numbers
        assert board[1].endswith(", " + text(lang, "board.more_items", n=762) + "]"), (key, board[1])  # the first 6 of 768, and how many more
        assert len(board[1].split(", ")) == 7
    assert fmt(L.ln_2[1, 0]) in got["heads.residual"][-1]  # the scale and shift line reaches the desks' card
    assert fmt(L.attn_out[1, 0]) in got["heads.project"][-1]  # "all 768 products + b_O = …"
    assert fmt(L.output[1, 0]) in got["ffn.residual"][-1]


NUM = r"-?\d+\.\d+"


def test_layernorms_scale_line_is_honest_on_gpt2_like_weights(tmp_path):
    tokenizer = ClassroomTokenizer(list(VOCAB))
    cfg = GPTConfig(n_layer=2, n_head=2, n_embd=32, n_positions=64, vocab_size=len(tokenizer.vocab), n_inner=128)
    save_checkpoint(tmp_path, cfg, init_params(cfg, np.random.default_rng(0)), tokenizer)
    trace = compute_run(load_checkpoint(tmp_path), "the cat sat on the mat", mask="none").trace
    timeline = timeline_for(trace.n_tokens, cfg.n_layer)
    stop = next(timeline.beat_stop(i) for i in range(len(timeline))
                if frame_at(trace, Selection(lang="en"), timeline.beat_stop(i)).beat_key == "heads.residual")
    landed = 0
    for layer in range(cfg.n_layer):
        for f in range(trace.n_tokens):
            board = frame_at(trace, Selection(focus=f, layer=layer, lang="en", rule="none"), stop).board
            x = board[1].strip("[").split(", ")[0]                   # the notebook's first number as shown
            mean, spread = re.search(rf"mean ({NUM}), spread ({NUM})", " ".join(board)).groups()
            even, g, sign, b, result, shown = re.search(
                rf"\(?({NUM})\)? × \(?({NUM})\)? ([+-]) (\d+\.\d+) = ({NUM})\s*\(the desks' card: ({NUM})\)",
                " ".join(board[-2:])).groups()
            assert even == hand_divide(str(Decimal(x) - Decimal(mean)), spread, len(even.split(".")[1]))
            assert Decimal(result) == Decimal(hand_product(even, g, len(result.split(".")[1]))) + Decimal(sign + b)
            assert shown == fmt(trace.layers[layer].ln_2[f, 0])
            off = abs(Decimal(fmt(float(result))) - Decimal(shown))
            if rounds_to(result, shown):
                landed += 1
            else:  # one off in the last digit, and said so
                assert off <= Decimal("0.01") and board[-1] == "(rounded digits: the last one can differ)", board
    assert landed >= cfg.n_layer * trace.n_tokens // 2  # 9 of 12: more notebook digits where 2 evened it wrongly


def test_a_result_further_off_than_its_last_digit_says_the_digits_are_too_few():
    t = lambda key, **v: text("en", key, **v)  # noqa: E731
    assert missed(t, "0.891", "0.88") == "(rounded digits: the last one can differ)"
    assert missed(t, "1.000", "0.88") == "(the digits shown are too few to reach the model's number)"
    assert missed(lambda key: text("ja", key), "1.000", "0.88") == "（表示した桁数が少ないので、モデルの数と合いません）"
