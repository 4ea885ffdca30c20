"""The boards' formulas are written as model/gpt.py computes (teacher8 H3): the input first, then × the matrix,
then + its bias, for the FFN's way back (act(hidden) × W_2 + b_2) and W_O (all heads × W_O + b_O), in both
languages. The shipped checkpoint's biases are not zero, so a formula without them would not redo the board's
numbers: this is checked on the seed's sentence."""
from __future__ import annotations

import re

import numpy as np
import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.activations import ACTIVATION
from classroom_gui.model.sentence import run_sentence

JA = "猫がマットの上に座った"
STEPS = ("cards.query", "cards.key", "cards.value", "heads.project", "ffn.hidden", "ffn.residual")


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, JA, "none").trace


def board(trace, key, lang):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    return frame_at(trace, Selection(lang=lang), timeline.beat_stop(i)).board


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_matrix_on_a_board_multiplies_its_input_and_adds_its_bias(trace, lang):
    for key in STEPS:
        formula = board(trace, key, lang)[0]
        for matrix in re.findall(r"\S*W_\w+", formula):
            assert f"× {matrix} + b" in formula, (key, formula)  # input × W + b, never W × input
            assert not re.search(re.escape(matrix) + r"\s*×", formula), (key, formula)
    assert "× W_2 + b_2" in board(trace, "ffn.residual", lang)[0]
    assert "× W_O + b_O" in board(trace, "heads.project", lang)[0]


def test_the_biases_the_formulas_name_change_the_boards_numbers(trace):
    """Without b_O or b_2 the seed's board numbers would be off by more than their last shown digit."""
    p, L, f = trace.params, trace.layers[0], 1  # 「猫」 in the first layer, as the chapter shows by default
    act = ACTIVATION[trace.config.activation_function]
    b_o, b_2 = p["h.0.attn.c_proj.bias"], p["h.0.mlp.c_proj.bias"]
    np.testing.assert_allclose(L.heads_concat[f] @ p["h.0.attn.c_proj.weight"] + b_o, L.attn_out[f], atol=1e-5)
    np.testing.assert_allclose(L.resid_attn[f] + act(L.ffn_pre[f]) @ p["h.0.mlp.c_proj.weight"] + b_2,
                               L.output[f], atol=1e-5)
    assert np.abs(b_o).max() > 0.01 and np.abs(b_2).max() > 0.01
