"""The hand-written backward against central finite differences, and the batched training forward
against the app's own inference forward (gpt.forward)."""
import numpy as np
import pytest

from classroom_gui.model import backprop, gpt
from classroom_gui.model.checkpoint import expected_shapes
from classroom_gui.model.config import GPTConfig


def random_params(config: GPTConfig, rng, dtype, scale=0.5):
    """Weights large enough that every ReLU / GELU and softmax is away from its flat regime."""
    params = {}
    for name, shape in expected_shapes(config).items():
        base = 1.0 if name.endswith(("ln_1.weight", "ln_2.weight", "ln_f.weight")) else 0.0
        params[name] = (base + scale * rng.standard_normal(shape)).astype(dtype)
    return params


TINY = dict(n_layer=2, n_head=2, n_embd=4, n_positions=6, vocab_size=7, n_inner=8)


@pytest.mark.parametrize("activation, rule", [("relu", "causal"), ("gelu_new", "causal"), ("relu", "none")])
def test_gradients_match_finite_differences(activation, rule):
    config = GPTConfig(activation_function=activation, **TINY)
    rng = np.random.default_rng(0 if activation == "relu" else 1)
    params = random_params(config, rng, np.float64)
    ids = rng.integers(0, config.vocab_size, size=(2, 5))
    targets = rng.integers(0, config.vocab_size, size=(2, 5))
    weights = np.array([[1, 1, 1, 1, 0], [1, 1, 0.5, 0, 0]], dtype=np.float64)  # padding is ignored

    loss, grads = backprop.loss_and_grads(ids, targets, params, config, weights, rule)
    assert set(grads) == set(expected_shapes(config))

    def loss_at(name, index, value):
        old = params[name][index]
        params[name][index] = value
        try:
            return backprop.loss_and_grads(ids, targets, params, config, weights, rule)[0]
        finally:
            params[name][index] = old

    h = 1e-6
    for name, shape in expected_shapes(config).items():
        assert grads[name].shape == shape and grads[name].dtype == np.float64, name
        numeric = np.zeros(shape)
        for index in np.ndindex(*shape):
            x = params[name][index]
            numeric[index] = (loss_at(name, index, x + h) - loss_at(name, index, x - h)) / (2 * h)
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-8, err_msg=name)


def test_ignored_positions_do_not_change_loss_or_gradients():
    config = GPTConfig(**TINY)
    rng = np.random.default_rng(2)
    params = random_params(config, rng, np.float64)
    ids = rng.integers(0, config.vocab_size, size=(1, 5))
    targets = rng.integers(0, config.vocab_size, size=(1, 5))
    weights = np.array([[1, 1, 1, 0, 0]], dtype=np.float64)
    loss, grads = backprop.loss_and_grads(ids, targets, params, config, weights)
    targets[0, 3:] = (targets[0, 3:] + 1) % config.vocab_size  # change what the padding would predict
    loss2, grads2 = backprop.loss_and_grads(ids, targets, params, config, weights)
    assert loss == pytest.approx(loss2, abs=1e-12)
    for name in grads:
        np.testing.assert_allclose(grads[name], grads2[name], atol=1e-12, err_msg=name)


@pytest.mark.parametrize("activation", ["relu", "gelu_new"])
def test_batched_forward_equals_inference_forward(activation):
    config = GPTConfig(n_layer=2, n_head=2, n_embd=16, n_positions=64, vocab_size=50,
                       activation_function=activation, n_inner=64)
    rng = np.random.default_rng(3)
    params = random_params(config, rng, np.float32, scale=0.3)
    ids = rng.integers(0, config.vocab_size, size=(3, 64))
    logits, _ = backprop.forward(ids, params, config)
    assert logits.dtype == np.float32
    for row in range(3):
        for T in (1, 7, 64):  # a shorter sentence sees the same causal prefix
            reference = gpt.forward(ids[row, :T], params, config).logits
            short, _ = backprop.forward(ids[row:row + 1, :T], params, config)
            np.testing.assert_allclose(short[0], reference, atol=1e-5, rtol=0)
        np.testing.assert_allclose(logits[row], gpt.forward(ids[row], params, config).logits, atol=1e-5, rtol=0)


def test_discussion_forward_equals_inference_forward():
    config = GPTConfig(n_layer=2, n_head=2, n_embd=16, n_positions=64, vocab_size=50, n_inner=64)
    rng = np.random.default_rng(5)
    params = random_params(config, rng, np.float32, scale=0.3)
    ids = rng.integers(0, config.vocab_size, size=(2, 9))
    logits, _ = backprop.forward(ids, params, config, "none")
    for row in range(2):
        trace = gpt.forward(ids[row], params, config, mask="none")
        np.testing.assert_allclose(logits[row], trace.logits, atol=1e-5, rtol=0)
        # in discussion the first student hears the last: changing the last word changes the first's logits
        changed = ids[row].copy()
        changed[-1] = (changed[-1] + 1) % config.vocab_size
        assert np.abs(gpt.forward(changed, params, config, mask="none").logits[0] - trace.logits[0]).max() > 1e-4


def test_float32_stays_float32():
    config = GPTConfig(**TINY)
    rng = np.random.default_rng(4)
    params = random_params(config, rng, np.float32)
    ids = rng.integers(0, config.vocab_size, size=(2, 6))
    loss, grads = backprop.loss_and_grads(ids, ids, params, config)
    assert np.asarray(loss).dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads.values())
