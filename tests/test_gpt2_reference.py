"""Our NumPy forward against an independent implementation: Hugging Face `transformers` (PyTorch).

tests/fixtures/tiny_gpt2/ holds a tiny random GPT-2 (2 layers, 4 heads, 32 wide, gelu_new, a 352-token
byte-level BPE vocabulary) saved by GPT2LMHeadModel.save_pretrained, and reference.json with what
transformers computed for three sentences (English, Japanese, emoji). scripts/make_gpt2_fixture.py
made it; this test needs neither torch nor transformers.

Hugging Face's hidden_states: [0] is the embedding, [i] the output of block i-1, and the last entry has
the final LayerNorm applied, so it is our trace's ln_f rather than the last block's output.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.model.checkpoint import load_weights
from classroom_gui.model.config import GPTConfig
from classroom_gui.model import forward

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_gpt2"
ATOL = 1e-5


@lru_cache(maxsize=1)
def _model():
    config = GPTConfig.load(FIXTURE / "config.json")
    return config, load_weights(FIXTURE / "model.safetensors", config)


@lru_cache(maxsize=1)
def _reference() -> dict:
    return json.loads((FIXTURE / "reference.json").read_text(encoding="utf-8"))


SENTENCES = range(3)
NAMES = ["english", "japanese", "emoji"]


@lru_cache(maxsize=None)
def _run(i: int):
    config, params = _model()
    ref = _reference()["sentences"][i]
    return ref, forward(ref["input_ids"], params, config, tokens=ref["tokens"])


def close_to_reference(ours, theirs, what: str):
    """`ours` has the reference's shape and its numbers to ATOL (what: the name the failure gives)."""
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    assert ours.shape == theirs.shape, f"{what}: shape {ours.shape} vs reference {theirs.shape}"
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=ATOL, err_msg=what)


def test_fixture_is_the_model_it_claims():
    config, params = _model()
    assert (config.n_layer, config.n_head, config.n_embd, config.n_positions) == (2, 4, 32, 64)
    assert config.activation_function == "gelu_new" and config.d_ffn == 128
    assert params["wte.weight"].shape == (config.vocab_size, 32)
    assert [s["text"] for s in _reference()["sentences"]] == [
        "The cat sat on the mat.", "今日、猫はマットの上に座った。", "My cat 🐱 sat on the zebra mat 🎉!"]


def test_tokenizer_files_agree_with_the_reference():
    """vocab.json (GPT-2's two-file form) and tokenizer.json hold one vocabulary, the model's size, and
    map each reference token string to its id."""
    config, _ = _model()
    vocab = json.loads((FIXTURE / "vocab.json").read_text(encoding="utf-8"))
    tokenizer = json.loads((FIXTURE / "tokenizer.json").read_text(encoding="utf-8"))
    assert tokenizer["model"]["type"] == "BPE" and tokenizer["pre_tokenizer"]["type"] == "ByteLevel"
    full = dict(tokenizer["model"]["vocab"])
    full.update({t["content"]: t["id"] for t in tokenizer["added_tokens"]})
    assert full == vocab
    assert sorted(vocab.values()) == list(range(config.vocab_size))
    merges = (FIXTURE / "merges.txt").read_text(encoding="utf-8").splitlines()[1:]
    assert [" ".join(m) if isinstance(m, list) else m for m in tokenizer["model"]["merges"]] == merges
    for s in _reference()["sentences"]:
        assert [vocab[t] for t in s["tokens"]] == s["input_ids"]


@pytest.mark.parametrize("i", SENTENCES, ids=NAMES)
def test_attention_weights_match(i):
    ref, trace = _run(i)
    theirs = np.asarray(ref["attentions"])   # [layer][head][T][T]
    for layer, lt in enumerate(trace.layers):
        close_to_reference(lt.weights, theirs[layer], f"{NAMES[i]}: attention weights of layer {layer}")
        # the future is masked: exactly zero here, and (to rounding) zero in the reference
        assert np.all(lt.weights[:, lt.mask] == 0)
        assert np.all(theirs[layer][:, lt.mask] == 0)


@pytest.mark.parametrize("i", SENTENCES, ids=NAMES)
def test_hidden_states_match(i):
    ref, trace = _run(i)
    theirs = ref["hidden_states"]
    n = trace.config.n_layer
    assert len(theirs) == n + 1
    close_to_reference(trace.embedding, theirs[0], f"{NAMES[i]}: embedding (hidden_states[0])")
    for layer in range(n - 1):
        close_to_reference(trace.layers[layer].output, theirs[layer + 1], f"{NAMES[i]}: output of layer {layer}")
    close_to_reference(trace.ln_f, theirs[n], f"{NAMES[i]}: ln_f (hidden_states[{n}])")


@pytest.mark.parametrize("i", SENTENCES, ids=NAMES)
def test_next_token_distribution_matches(i):
    ref, trace = _run(i)
    close_to_reference(trace.logits[-1], ref["next_token_logits"], f"{NAMES[i]}: logits of the last position")
    close_to_reference(trace.probs[-1], ref["next_token_probs"], f"{NAMES[i]}: next-token probabilities")
    assert int(np.argmax(trace.probs[-1])) == int(np.argmax(ref["next_token_probs"]))
