"""What-if edits in the forward: an edited number changes exactly what follows from it, as the plain formula
computes it from the edited number, and nothing before it."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.model import GPTConfig, forward
from classroom_gui.model.checkpoint import expected_shapes
from classroom_gui.model.trace_json import trace_to_dict
from classroom_gui.model.whatif import Edit, EditError

CONFIG = GPTConfig(n_layer=2, n_head=2, n_embd=8, n_positions=8, vocab_size=11, n_inner=16)
IDS = [3, 1, 4, 1, 5, 9]


@pytest.fixture(scope="module")
def params():
    rng = np.random.default_rng(7)
    return {name: rng.standard_normal(shape) * 0.7 for name, shape in expected_shapes(CONFIG).items()}


def plain_attention(q, k, v, mask, score_edits=()):  # [T, d] x3 -> weights, context, by the formula
    scores = q @ k.T
    for (i, j), x in score_edits:
        scores[i, j] = x
    scaled = np.where(mask, -np.inf, scores / np.sqrt(q.shape[-1]))
    e = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    w = e / e.sum(axis=-1, keepdims=True)
    return w, w @ v


@pytest.mark.parametrize("rule", ["causal", "none"])
def test_an_edited_score_changes_exactly_its_softmax_row_and_what_follows(params, rule):
    base = forward(IDS, params, CONFIG, mask=rule)
    edit = Edit("score", 0, 1, 3, 2, 4.0)  # layer 1, head 2: student 4's score for student 3
    trace = forward(IDS, params, CONFIG, mask=rule, edits=[edit])
    L0, B0 = trace.layers[0], base.layers[0]
    assert np.array_equal(L0.q, B0.q) and np.array_equal(L0.k, B0.k)  # cards come before the score
    assert L0.scores[1, 3, 2] == 4.0 and L0.head(1).scores[3, 2] == 4.0
    assert L0.head(0).scores[3, 2] == B0.head(0).scores[3, 2]
    want_w, want_c = plain_attention(B0.q[1], B0.k[1], B0.v[1], B0.mask, [((3, 2), 4.0)])
    np.testing.assert_allclose(L0.weights[1], want_w, atol=1e-12)
    np.testing.assert_allclose(L0.context[1], want_c, atol=1e-12)
    changed_rows = np.flatnonzero(np.abs(L0.weights - B0.weights).max(axis=(0, 2)) > 0)
    assert changed_rows.tolist() == [3]                     # exactly the softmax row of the edited score
    assert np.array_equal(L0.weights[0], B0.weights[0])     # the other head is untouched
    moved = np.abs(L0.output - B0.output).max(axis=1) > 0
    assert moved.tolist() == [False, False, False, True, False, False]  # in layer 1 only student 4 moves
    assert np.abs(trace.next_logits - base.next_logits).max() > 0  # the answer follows
    record = trace_to_dict(trace)
    assert record["edits"] == [{"kind": "score", "layer": 0, "head": 1, "seat": 3, "index": 2, "value": 4.0,
                                "word": "1", "classmate": "4",  # tokens default to the ids
                                "layer_number": 1, "head_number": 2, "seat_number": 4, "classmate_seat_number": 3,
                                "set": "score[1,2,4,3]=4.0"}]
    assert trace_to_dict(base)["edits"] == []


def test_an_edited_card_number_changes_its_row_or_column_of_scores(params):
    base = forward(IDS, params, CONFIG, mask="none")
    q_edit = forward(IDS, params, CONFIG, mask="none", edits=[Edit("q", 1, 0, 2, 3, 2.5)])
    k_edit = forward(IDS, params, CONFIG, mask="none", edits=[Edit("k", 1, 0, 2, 3, 2.5)])
    assert np.array_equal(q_edit.layers[0].output, base.layers[0].output)  # layer 1 comes before
    for trace, axis in ((q_edit, 0), (k_edit, 1)):
        diff = np.abs(trace.layers[1].scores[0] - base.layers[1].scores[0]) > 0
        lines = np.flatnonzero(diff.any(axis=1 - axis))
        assert lines.tolist() == [2]                             # q: student 3's row; k: student 3's column
    assert q_edit.layers[1].q[0, 2, 3] == 2.5
    want_w, _ = plain_attention(q_edit.layers[1].q[0], base.layers[1].k[0], base.layers[1].v[0], base.layers[1].mask)
    np.testing.assert_allclose(q_edit.layers[1].weights[0], want_w, atol=1e-12)


def test_a_mask_cell_lets_a_student_hear_one_who_has_not_spoken(params):
    base = forward(IDS, params, CONFIG)
    trace = forward(IDS, params, CONFIG, edits=[Edit("mask", 0, 0, 1, 4, 0.0)])
    assert base.layers[0].weights[:, 1, 4].tolist() == [0.0, 0.0]
    assert (trace.layers[0].weights[:, 1, 4] > 0).all()       # every head of the layer: the mask is shared
    assert not trace.layers[0].mask[1, 4] and trace.layers[1].mask[1, 4]  # the next layer keeps GPT's rule
    for h in range(2):
        want_w, want_c = plain_attention(base.layers[0].q[h], base.layers[0].k[h], base.layers[0].v[h],
                                         trace.layers[0].mask)
        np.testing.assert_allclose(trace.layers[0].weights[h], want_w, atol=1e-12)


def test_edits_outside_the_sentence_or_model_are_refused(params):
    for bad in (Edit("q", 2, 0, 0, 0, 1.0), Edit("q", 0, 0, 6, 0, 1.0), Edit("v", 0, 0, 0, 4, 1.0),
                Edit("score", 0, 0, 0, 6, 1.0), Edit("q", 0, 0, 0, 0, float("nan"))):
        with pytest.raises(EditError):
            forward(IDS, params, CONFIG, edits=[bad])
