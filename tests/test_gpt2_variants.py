"""GPT2Config options against transformers' own `from_pretrained`: an untied lm_head, scaling by the inverse
layer index, reorder_and_upcast_attn without scale_attn_weights, the exact GELU with n_inner and
layer_norm_epsilon, quick_gelu, each a folder in tests/fixtures/gpt2_variants/ made by
scripts/make_gpt2_fixture.py. The app loads each folder as a user would (load_checkpoint, run_sentence),
so the ids come from the folder's tokenizer and are compared with AutoTokenizer's, and the trace with
transformers' to 1e-5. Needs neither torch nor transformers.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.kv_cache import KVCache, step
from classroom_gui.model.sentence import run_sentence
from test_gpt2_reference import close_to_reference

VARIANTS = Path(__file__).parent / "fixtures" / "gpt2_variants"
NAMES = sorted(p.name for p in VARIANTS.iterdir())


@lru_cache(maxsize=None)
def _load(name: str):
    folder = VARIANTS / name
    return load_checkpoint(folder), json.loads((folder / "reference.json").read_text(encoding="utf-8"))


def test_every_option_has_its_folder():
    assert NAMES == ["exact_gelu", "inverse_layer", "quick_gelu", "untied_head", "upcast_unscaled_relu"]
    for name in NAMES:
        checkpoint, ref = _load(name)
        for key, value in ref["options"].items():  # the config says what transformers was given
            assert getattr(checkpoint.config, key) == value, (name, key)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("sentence", [0, 1], ids=["plain", "whitespace"])
def test_trace_matches_transformers(name, sentence):
    checkpoint, ref = _load(name)
    ref = ref["sentences"][sentence]
    trace = run_sentence(checkpoint, ref["text"]).trace
    assert trace.token_ids.tolist() == ref["input_ids"], "ids differ from AutoTokenizer's"
    theirs = np.asarray(ref["attentions"])
    for layer, lt in enumerate(trace.layers):
        close_to_reference(lt.weights, theirs[layer], f"{name}: attention weights of layer {layer + 1}")
    states = ref["hidden_states"]
    close_to_reference(trace.embedding, states[0], f"{name}: embedding")
    for layer in range(checkpoint.config.n_layer - 1):
        close_to_reference(trace.layers[layer].output, states[layer + 1], f"{name}: output of layer {layer + 1}")
    close_to_reference(trace.ln_f, states[-1], f"{name}: ln_f")
    close_to_reference(trace.next_logits, ref["next_token_logits"], f"{name}: next-token logits")
    close_to_reference(trace.probs[-1], ref["next_token_probs"], f"{name}: next-token probabilities")


@pytest.mark.parametrize("name", NAMES)
def test_key_value_cache_agrees(name):
    """One student at a time through the cache gives the forward's (and so transformers') logits."""
    checkpoint, ref = _load(name)
    ref = ref["sentences"][1]
    cache = KVCache(checkpoint.config)
    for position, token in enumerate(ref["input_ids"]):
        logits = step(token, position, cache, checkpoint.params, checkpoint.config)
    close_to_reference(logits, ref["next_token_logits"], f"{name}: logits through the key/value cache")


def test_untied_head_is_not_wte():
    """The fixture's point: an lm_head different from wte, whose answer differs from wte's."""
    checkpoint, ref = _load("untied_head")
    head, wte = checkpoint.params["lm_head.weight"], checkpoint.params["wte.weight"]
    assert head.shape == wte.shape and not np.allclose(head, wte)
    trace = run_sentence(checkpoint, ref["sentences"][0]["text"]).trace
    assert int(np.argmax(trace.next_logits)) == int(np.argmax(ref["sentences"][0]["next_token_probs"]))
    assert not np.allclose(trace.ln_f[-1] @ wte.T, ref["sentences"][0]["next_token_logits"], atol=1e-2)


def test_inverse_layer_scaling_changes_later_layers():
    """Layer 1 is the same as without the option; later layers divide by sqrt(d) x their number."""
    checkpoint, _ = _load("inverse_layer")
    trace = run_sentence(checkpoint, "The cat sat on the mat.").trace
    d = checkpoint.config.d_head
    for layer, lt in enumerate(trace.layers):
        head = lt.head(0)
        assert head.divisor == pytest.approx(np.sqrt(d) * (layer + 1))
        np.testing.assert_allclose(head.scaled, head.scores / (np.sqrt(d) * (layer + 1)), rtol=1e-6)


def test_trace_json_says_what_each_layer_divides_by():
    """A student checking `scaled` by hand needs the divisor: √d × the layer's number in this folder."""
    from classroom_gui.model.trace_json import trace_to_dict

    checkpoint, _ = _load("inverse_layer")
    record = trace_to_dict(run_sentence(checkpoint, "The cat sat").trace)
    d = checkpoint.config.d_head
    for layer, entry in enumerate(record["layers"]):
        assert entry["divisor"] == pytest.approx(np.sqrt(d) * (layer + 1))
        head = entry["heads"][0]
        assert head["scaled"][1][0] == pytest.approx(head["scores"][1][0] / entry["divisor"], rel=1e-6)
