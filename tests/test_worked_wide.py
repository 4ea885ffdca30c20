"""On a wide model (768 numbers a notebook, as GPT-2 small) the worked boards list the first 6 numbers of a
long vector and say how many more there are, so that the worked sum after them reaches its result: the
LayerNorm board's scale and shift, W_O's and the feed-forward output's totals (teacher9 H3). The model is a
random 768-wide checkpoint (tests/helpers.random_checkpoint); what it says is checked against its trace.
"""
from __future__ import annotations

import pytest

from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
from helpers import random_checkpoint

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
        assert board[1].endswith(", … (+762)]"), (key, board[1])  # the first 6 of 768, and how many more
        assert len(board[1].split(", ")) == 7
    assert fmt(L.ln_2[1, 0]) in got["heads.residual"][-1]  # the scale and shift line reaches the desks' card
    assert fmt(L.attn_out[1, 0]) in got["heads.project"][-1]  # "all 768 products + b_O = …"
    assert fmt(L.output[1, 0]) in got["ffn.residual"][-1]
