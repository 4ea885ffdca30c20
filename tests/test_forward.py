"""The NumPy forward against arithmetic done by hand, and the invariants every trace must keep.

The reference below is written with plain Python floats, lists and the math module, one loop per
sum, so it shares no code (and no NumPy broadcasting or BLAS) with classroom_gui.model.
"""
from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classroom_gui.model import GPTConfig, forward
from classroom_gui.model.checkpoint import expected_shapes
from classroom_gui.model.functions import causal_mask, dot_scores, gelu, gelu_new, softmax
from classroom_gui.model.fast import ROWS, attention
from classroom_gui.model.functions import attention_mask

# ---- a worked example small enough to do on paper ----

def _attention(q, k, v, rule="causal"):  # fast.attention (gpt.attention below ROWS students), by name
    weights, context = attention(q, k, v, attention_mask(q.shape[1], rule), math.sqrt(q.shape[-1]))
    return {"weights": weights, "context": context}



def test_attention_by_hand():
    # q0 = (1, 0), q1 = (0, 2); k0 = (1, 1), k1 = (2, 0); v0 = (3, 1), v1 = (-1, 5); d = 2
    q = np.array([[[1.0, 0.0], [0.0, 2.0]]])
    k = np.array([[[1.0, 1.0], [2.0, 0.0]]])
    v = np.array([[[3.0, 1.0], [-1.0, 5.0]]])
    att = _attention(q, k, v)  # causal: student 0 may not hear student 1
    # scores = q·k: row 0 = (1·1 + 0·1, 1·2 + 0·0) = (1, 2); row 1 = (0·1 + 2·1, 0·2 + 2·0) = (2, 0)
    assert dot_scores(q, k)[0].tolist() == [[1.0, 2.0], [2.0, 0.0]]
    r2 = math.sqrt(2)  # scaled = scores / √2 = [[1/√2, √2], [√2, 0]]; the second student's row is (√2, 0)
    # student 0 only sees itself; student 1: softmax(√2, 0) = (e^√2, 1) / (e^√2 + 1)
    a = math.exp(r2) / (math.exp(r2) + 1)
    expected_w = [[1.0, 0.0], [a, 1 - a]]
    assert abs(att["weights"][0] - expected_w).max() < 1e-12
    assert att["weights"][0, 0, 1] == 0.0
    # context: student 0 copies v0; student 1 mixes a·v0 + (1-a)·v1
    expected_c = [[3.0, 1.0], [3 * a - (1 - a), a + 5 * (1 - a)]]
    assert abs(att["context"][0] - expected_c).max() < 1e-12


@pytest.mark.parametrize("T", [1, ROWS - 1, ROWS, ROWS + 1, 2 * ROWS + 7])
def test_attention_in_blocks_equals_the_whole_matrix(T):
    # attention works through the rows in blocks of ROWS students, each scoring only the classmates up to
    # its last student; the result must be the plain formula softmax(mask(q kᵀ / √d)) v on the whole matrix
    rng = np.random.default_rng(T)
    q, k, v = rng.standard_normal((3, 3, T, 4))
    scaled = np.where(causal_mask(T), -np.inf, q @ k.swapaxes(1, 2) / 2.0)
    e = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    want = e / e.sum(axis=-1, keepdims=True)
    att = _attention(q, k, v)
    assert np.abs(att["weights"] - want).max() < 1e-12
    assert np.abs(att["context"] - want @ v).max() < 1e-12
    assert (att["weights"][:, causal_mask(T)] == 0).all()  # later students exactly 0, inside and past a block


# ---- a whole tiny model (2 tokens, n_embd 2, 1 layer, vocab 3) against a plain-Python reference ----

def _tiny(n_head: int, activation: str):
    config = GPTConfig(n_layer=1, n_head=n_head, n_embd=2, n_positions=2, vocab_size=3,
                       activation_function=activation, layer_norm_epsilon=1e-5)
    rnd = random.Random(1234 + n_head)  # fixed numbers in [-1, 1], so the example is the same every run
    lists = {}
    for name, shape in expected_shapes(config).items():
        if len(shape) == 1:
            lists[name] = [round(rnd.uniform(-1, 1), 3) for _ in range(shape[0])]
        else:
            lists[name] = [[round(rnd.uniform(-1, 1), 3) for _ in range(shape[1])] for _ in range(shape[0])]
    params = {name: np.array(value, dtype=np.float64) for name, value in lists.items()}
    return config, lists, params


def _ln(v, g, b, eps):
    mean = sum(v) / len(v)
    var = sum((a - mean) ** 2 for a in v) / len(v)
    return [g[i] * (v[i] - mean) / math.sqrt(var + eps) + b[i] for i in range(len(v))]


def _lin(v, w, b):  # v [in], w [in][out], b [out]
    return [b[j] + sum(v[i] * w[i][j] for i in range(len(v))) for j in range(len(b))]


def _act(x, name):
    if name == "relu":
        return max(x, 0.0)
    return 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def _reference(ids, P, n_head, activation, eps, rule="causal"):
    C, T = 2, len(ids)
    d = C // n_head
    x = [[P["wte.weight"][t][c] + P["wpe.weight"][i][c] for c in range(C)] for i, t in enumerate(ids)]
    ln1 = [_ln(row, P["h.0.ln_1.weight"], P["h.0.ln_1.bias"], eps) for row in x]
    qkv = [_lin(row, P["h.0.attn.c_attn.weight"], P["h.0.attn.c_attn.bias"]) for row in ln1]
    q = [[qkv[i][h * d:(h + 1) * d] for i in range(T)] for h in range(n_head)]
    k = [[qkv[i][C + h * d:C + (h + 1) * d] for i in range(T)] for h in range(n_head)]
    v = [[qkv[i][2 * C + h * d:2 * C + (h + 1) * d] for i in range(T)] for h in range(n_head)]
    scores = [[[sum(q[h][i][a] * k[h][j][a] for a in range(d)) for j in range(T)] for i in range(T)]
              for h in range(n_head)]
    weights, context = [], []
    for h in range(n_head):
        w_h, c_h = [], []
        for i in range(T):
            heard = i + 1 if rule == "causal" else T  # in turn: only earlier students; discussion: all
            seen = [scores[h][i][j] / math.sqrt(d) for j in range(heard)]
            top = max(seen)
            e = [math.exp(s - top) for s in seen]
            row = [a / sum(e) for a in e] + [0.0] * (T - heard)
            w_h.append(row)
            c_h.append([sum(row[j] * v[h][j][a] for j in range(T)) for a in range(d)])
        weights.append(w_h)
        context.append(c_h)
    concat = [sum((context[h][i] for h in range(n_head)), []) for i in range(T)]
    attn_out = [_lin(row, P["h.0.attn.c_proj.weight"], P["h.0.attn.c_proj.bias"]) for row in concat]
    resid = [[x[i][c] + attn_out[i][c] for c in range(C)] for i in range(T)]
    ln2 = [_ln(row, P["h.0.ln_2.weight"], P["h.0.ln_2.bias"], eps) for row in resid]
    hidden = [[_act(a, activation) for a in _lin(row, P["h.0.mlp.c_fc.weight"], P["h.0.mlp.c_fc.bias"])]
              for row in ln2]
    ffn = [_lin(row, P["h.0.mlp.c_proj.weight"], P["h.0.mlp.c_proj.bias"]) for row in hidden]
    out = [[resid[i][c] + ffn[i][c] for c in range(C)] for i in range(T)]
    lnf = [_ln(row, P["ln_f.weight"], P["ln_f.bias"], eps) for row in out]
    logits = [[sum(lnf[i][c] * P["wte.weight"][w][c] for c in range(C)) for w in range(3)] for i in range(T)]
    scaled = [[[s / math.sqrt(d) for s in row] for row in head] for head in scores]
    return {"scores": scores, "scaled": scaled, "weights": weights, "context": context, "output": out,
            "logits": logits}


@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("activation", ["relu", "gelu_new"])
@pytest.mark.parametrize("n_head", [1, 2])
def test_tiny_model_matches_hand_computation(n_head, activation, rule):
    config, lists, params = _tiny(n_head, activation)
    ids = [2, 0]
    trace = forward(ids, params, config, mask=rule)
    assert trace.mask_rule == rule
    ref = _reference(ids, lists, n_head, activation, config.layer_norm_epsilon, rule)
    layer = trace.layers[0]
    assert layer.scores.dtype == np.float64
    for name, got in [("scores", layer.scores), ("scaled", layer.scaled), ("weights", layer.weights),
                      ("context", layer.context),
                      ("output", layer.output), ("logits", trace.logits)]:
        err = np.abs(got - np.array(ref[name])).max()
        assert err < 1e-12, f"{name} differs from the hand computation by {err}"
    if rule == "causal":
        assert layer.weights[:, 0, 1].tolist() == [0.0] * n_head  # the first student never sees the second
    else:
        assert (layer.weights[:, 0, 1] > 0).all() and not layer.mask.any()  # in discussion it does


def test_an_unknown_rule_is_refused():
    config, _, params = _tiny(1, "relu")
    with pytest.raises(ValueError, match="mask rule"):
        forward([2, 0], params, config, mask="sideways")


@pytest.mark.parametrize("T", [1, ROWS + 1])
def test_discussion_attention_is_the_unmasked_formula(T):
    rng = np.random.default_rng(T)
    q, k, v = rng.standard_normal((3, 2, T, 4))
    scaled = q @ k.swapaxes(1, 2) / 2.0
    e = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    want = e / e.sum(axis=-1, keepdims=True)
    att = _attention(q, k, v, "none")
    assert np.abs(att["weights"] - want).max() < 1e-12
    assert np.abs(att["context"] - want @ v).max() < 1e-12


# ---- invariants on random models ----

def _random_model(seed, n_layer, n_head, d_head, vocab, activation, dtype=np.float32):
    config = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_head * d_head, n_positions=8,
                       vocab_size=vocab, activation_function=activation)
    rng = np.random.default_rng(seed)
    params = {name: (rng.standard_normal(shape) * 0.8).astype(dtype)
              for name, shape in expected_shapes(config).items()}
    return config, params, rng


models = st.tuples(st.integers(0, 2**32 - 1), st.integers(1, 3), st.sampled_from([1, 2, 4]),
                   st.integers(1, 4), st.integers(2, 20), st.sampled_from(["relu", "gelu_new", "gelu"]))


@settings(max_examples=60, deadline=None)
@given(models, st.integers(1, 8))
def test_attention_rows_are_distributions(model, T):
    config, params, rng = _random_model(*model)
    trace = forward(rng.integers(0, config.vocab_size, T), params, config)
    for layer in trace.layers:
        assert np.all(np.abs(layer.weights.sum(axis=-1) - 1) <= 1e-6)
        assert np.all(layer.weights[:, layer.mask] == 0.0)   # exactly zero, not just small
        assert np.all(layer.weights >= 0)
        assert np.array_equal(layer.mask, np.triu(np.ones((T, T), bool), 1))
    assert np.all(np.abs(trace.probs.sum(axis=-1) - 1) <= 1e-5)


@settings(max_examples=60, deadline=None)
@given(models, st.integers(2, 8), st.data())
def test_later_tokens_never_change_earlier_positions(model, T, data):
    config, params, rng = _random_model(*model)
    ids = rng.integers(0, config.vocab_size, T)
    j = data.draw(st.integers(1, T - 1), label="first changed position")
    changed = ids.copy()
    changed[j:] = (ids[j:] + rng.integers(1, config.vocab_size, T - j)) % config.vocab_size
    a, b = forward(ids, params, config), forward(changed, params, config)

    def same(x, y, what):
        assert np.array_equal(x, y), f"{what} at positions < {j} changed when a later token changed"

    for name in ("tok_embedding", "pos_embedding", "embedding", "ln_f", "logits", "probs"):
        same(getattr(a, name)[:j], getattr(b, name)[:j], name)
    for la, lb in zip(a.layers, b.layers):
        for name in ("x", "ln_1", "heads_concat", "attn_out", "resid_attn", "ln_2", "ffn_pre", "ffn_hidden",
                     "ffn_out", "output"):
            same(getattr(la, name)[:j], getattr(lb, name)[:j], name)
        for name in ("q", "k", "v", "context"):
            same(getattr(la, name)[:, :j], getattr(lb, name)[:, :j], name)
        # raw scores against later students do change, but they are masked: compare what is used
        for name in ("scores", "scaled"):
            same(getattr(la, name)[:, :j, :j], getattr(lb, name)[:, :j, :j], name)
        same(la.weights[:, :j], lb.weights[:, :j], "weights")


def _arrays(trace):
    yield from ((n, getattr(trace, n)) for n in ("tok_embedding", "pos_embedding", "embedding", "ln_f",
                                                  "logits", "probs"))
    for i, layer in enumerate(trace.layers):
        for name, value in [*vars(layer).items(), ("scaled", layer.scaled), ("ffn_hidden", layer.ffn_hidden)]:
            if isinstance(value, np.ndarray) and name != "mask":
                yield f"layers[{i}].{name}", value


@settings(max_examples=30, deadline=None)
@given(models, st.integers(1, 8))
def test_float32_stays_float32(model, T):
    config, params, rng = _random_model(*model)
    trace = forward(rng.integers(0, config.vocab_size, T), params, config)
    for name, value in _arrays(trace):
        assert value.dtype == np.float32, f"{name} is {value.dtype}"
    assert trace.layers[0].mask.dtype == bool


def test_float64_stays_float64():
    config, params, rng = _random_model(0, 2, 2, 3, 10, "gelu_new", dtype=np.float64)
    trace = forward([1, 2, 3], params, config)
    assert all(value.dtype == np.float64 for _, value in _arrays(trace))


# ---- the small functions ----

def _gelu_new_formula(x: float) -> float:
    return 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@settings(deadline=None)
@given(st.lists(finite, min_size=1, max_size=50))
def test_gelu_new_matches_formula(xs):
    want = np.array([_gelu_new_formula(x) for x in xs])
    got64 = gelu_new(np.array(xs, dtype=np.float64))
    assert np.allclose(got64, want, rtol=1e-12, atol=1e-15)
    x32 = np.array(xs, dtype=np.float32)
    got32 = gelu_new(x32)
    assert got32.dtype == np.float32
    want32 = np.array([_gelu_new_formula(float(x)) for x in x32])  # the formula at the float32 inputs
    assert np.allclose(got32, want32, rtol=1e-5, atol=1e-6)


@settings(deadline=None)
@given(st.lists(finite, min_size=1, max_size=20))
def test_exact_gelu_matches_erf(xs):
    want = [x * 0.5 * (1 + math.erf(x / math.sqrt(2))) for x in xs]
    assert np.allclose(gelu(np.array(xs)), want, rtol=1e-12, atol=1e-15)


@settings(deadline=None)
@given(st.lists(st.floats(-80, 80), min_size=1, max_size=20))
def test_softmax_matches_formula(xs):
    top = max(xs)
    e = [math.exp(x - top) for x in xs]
    assert np.allclose(softmax(np.array(xs)), [a / sum(e) for a in e], rtol=1e-12, atol=1e-300)
    assert softmax(np.array([0.0, -np.inf]))[1] == 0.0


@pytest.mark.parametrize("activation", ["relu", "gelu_new"])
def test_one_students_hidden_units_are_that_row_of_all(activation):
    config = GPTConfig(n_layer=1, n_head=2, n_embd=8, n_positions=8, vocab_size=5, activation_function=activation)
    rng = np.random.default_rng(3)
    params = {k: rng.standard_normal(s).astype(np.float32) for k, s in expected_shapes(config).items()}
    layer = forward([1, 4, 2, 0], params, config).layers[0]
    for i in range(4):
        assert np.array_equal(layer.ffn_hidden_at(i), layer.ffn_hidden[i])
