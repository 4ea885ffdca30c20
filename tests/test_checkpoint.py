"""Loading a model folder: every way it can be wrong gives one CheckpointError naming the file."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from classroom_gui.model import (CheckpointError, ClassroomTokenizer, GPTConfig, load_checkpoint,
                                 save_checkpoint)
from classroom_gui.model.checkpoint import CONFIG, TOKENIZER, WEIGHTS, expected_shapes

WORDS = ["<unk>", "the", "cat", "sat", "on", "mat", ".", "猫", "が"]
CONFIG_ = GPTConfig(n_layer=2, n_head=2, n_embd=4, n_positions=6, vocab_size=len(WORDS))


def _params(config=CONFIG_, seed=0):
    rng = np.random.default_rng(seed)
    return {name: rng.standard_normal(shape).astype(np.float32) for name, shape in expected_shapes(config).items()}


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "model"
    save_checkpoint(path, CONFIG_, _params(), ClassroomTokenizer(WORDS))
    return path


def _fails(path, *words) -> str:
    """load_checkpoint(path) raises CheckpointError; its message contains every one of `words`."""
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    message = str(info.value)
    for word in words:
        assert str(word) in message, f"{word!r} not in {message!r}"
    assert "\n" not in message and "Traceback" not in message
    return message


def _edit_config(folder: Path, **changes):
    raw = json.loads((folder / CONFIG).read_text())
    for key, value in changes.items():
        if value is None:
            raw.pop(key)
        else:
            raw[key] = value
    (folder / CONFIG).write_text(json.dumps(raw))


def _write_weights(folder: Path, tensors: dict):
    save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(folder / WEIGHTS))


# ---- the folder and config.json ----

def test_missing_folder(tmp_path):
    _fails(tmp_path / "nowhere", tmp_path / "nowhere", "not found")


def test_path_is_a_file(tmp_path):
    path = tmp_path / "model.safetensors"
    path.write_bytes(b"x")
    _fails(path, path, "not a folder")


def test_missing_config(folder):
    (folder / CONFIG).unlink()
    _fails(folder, folder / CONFIG, "not found")


def test_malformed_config(folder):
    (folder / CONFIG).write_text('{"n_layer": 2,')
    _fails(folder, folder / CONFIG, "malformed JSON")


def test_config_not_an_object(folder):
    (folder / CONFIG).write_text("[1, 2]")
    _fails(folder, folder / CONFIG)


@pytest.mark.parametrize("key", ["n_layer", "n_head", "n_embd", "n_positions", "vocab_size"])
def test_missing_key(folder, key):
    _edit_config(folder, **{key: None})
    _fails(folder, folder / CONFIG, key)


def test_model_type_not_gpt2(folder):
    _edit_config(folder, model_type="llama")
    _fails(folder, folder / CONFIG, "llama")


def test_n_embd_not_divisible_by_n_head(folder):
    _edit_config(folder, n_head=3)
    _fails(folder, folder / CONFIG, "divisible")


@pytest.mark.parametrize("key,value", [("n_layer", 10**6), ("n_embd", 2**20), ("vocab_size", 10**9),
                                       ("n_positions", 10**7), ("n_inner", 10**8)])
def test_absurd_sizes(folder, key, value):
    _edit_config(folder, **{key: value})
    _fails(folder, folder / CONFIG, key)


@pytest.mark.parametrize("value", [0, -2, 2.5, "2", True, None])
def test_sizes_must_be_positive_integers(folder, value):
    _edit_config(folder, n_layer=value)
    _fails(folder, folder / CONFIG, "n_layer")


@pytest.mark.parametrize("name", ["hard_tanh", "prelu", "xielu", 3])
def test_unknown_or_learned_activation(folder, name):
    """Names transformers does not know, and its activations with learned numbers of their own, are refused."""
    _edit_config(folder, activation_function=name)
    _fails(folder, folder / CONFIG, "activation_function", str(name))


# ---- model.safetensors ----

def test_missing_weights(folder):
    (folder / WEIGHTS).unlink()
    _fails(folder, folder / WEIGHTS, "not found")


def _pickle_that_touches(marker: Path) -> bytes:
    class Touch:  # unpickling this calls open(marker, "w"), which creates the marker file
        def __reduce__(self):
            return open, (str(marker), "w")
    return pickle.dumps(Touch())


def test_pickle_only_folder_is_refused_without_unpickling(folder, tmp_path):
    probe = tmp_path / "probe.marker"  # first show that the payload works when it is unpickled
    pickle.loads(_pickle_that_touches(probe)).close()
    assert probe.exists()
    marker = tmp_path / "unpickled.marker"
    (folder / WEIGHTS).unlink()
    (folder / "pytorch_model.bin").write_bytes(_pickle_that_touches(marker))
    message = _fails(folder, folder / "pytorch_model.bin", "safetensors")
    assert "convert" in message.lower()
    assert not marker.exists(), "the pickle was unpickled"


def test_pickle_beside_safetensors_is_ignored(folder, tmp_path):
    marker = tmp_path / "unpickled.marker"
    (folder / "pytorch_model.bin").write_bytes(_pickle_that_touches(marker))
    load_checkpoint(folder)
    assert not marker.exists()


def test_truncated_weights(folder):
    data = (folder / WEIGHTS).read_bytes()
    (folder / WEIGHTS).write_bytes(data[: len(data) - 7])
    _fails(folder, folder / WEIGHTS)


@pytest.mark.parametrize("data", [b"", b"\x00" * 4, b"garbage" * 100, np.random.default_rng(0).bytes(4096),
                                  (20).to_bytes(8, "little") + b'{"a": not json ...}'])
def test_garbage_weights(folder, data):
    (folder / WEIGHTS).write_bytes(data)
    _fails(folder, folder / WEIGHTS, "safetensors")


def test_missing_tensor(folder):
    params = _params()
    del params["h.1.mlp.c_fc.bias"]
    _write_weights(folder, params)
    _fails(folder, folder / WEIGHTS, "h.1.mlp.c_fc.bias", "missing")


def test_unexpected_tensor(folder):
    params = _params()
    params["h.2.ln_1.weight"] = np.ones(4, np.float32)  # a third layer the config does not have
    _write_weights(folder, params)
    _fails(folder, folder / WEIGHTS, "h.2.ln_1.weight", "unexpected")


def test_wrong_shape(folder):
    params = _params()
    params["wpe.weight"] = np.zeros((7, 4), np.float32)
    _write_weights(folder, params)
    _fails(folder, folder / WEIGHTS, "wpe.weight", "[7, 4]", "[6, 4]")


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint8, np.bool_])
def test_wrong_dtype(folder, dtype):
    params = _params()
    params["ln_f.bias"] = np.zeros(4, dtype)
    _write_weights(folder, params)
    _fails(folder, folder / WEIGHTS, "ln_f.bias", "dtype")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_numbers(folder, bad):
    params = _params()
    params["h.0.attn.c_attn.weight"][1, 2] = bad
    _write_weights(folder, params)
    _fails(folder, folder / WEIGHTS, "h.0.attn.c_attn.weight", "NaN or Inf")


def test_float16_and_float64_are_read_as_float32(folder):
    params = _params()
    params["wte.weight"] = params["wte.weight"].astype(np.float16)
    params["wpe.weight"] = params["wpe.weight"].astype(np.float64)
    _write_weights(folder, params)
    loaded = load_checkpoint(folder).params
    assert all(p.dtype == np.float32 for p in loaded.values())
    assert np.array_equal(loaded["wte.weight"], params["wte.weight"].astype(np.float32))


# ---- the tokenizer file ----

def test_missing_tokenizer(folder):
    (folder / TOKENIZER).unlink()
    _fails(folder, folder, "no tokenizer")


def test_malformed_tokenizer(folder):
    (folder / TOKENIZER).write_text("{oops")
    _fails(folder, folder / TOKENIZER, "malformed")


def test_tokenizer_vocab_size_mismatch(folder):
    ClassroomTokenizer(WORDS[:-1]).save(folder)
    _fails(folder, folder / TOKENIZER, str(len(WORDS) - 1), str(len(WORDS)))


@pytest.mark.parametrize("raw", [{"kind": "bpe", "vocab": WORDS}, {"kind": "classroom-words", "vocab": []},
                                 {"kind": "classroom-words", "vocab": ["the", "cat"]},
                                 {"kind": "classroom-words", "vocab": ["<unk>", "a", "a"]}])
def test_bad_tokenizer_content(folder, raw):
    (folder / TOKENIZER).write_text(json.dumps(raw))
    _fails(folder, folder / TOKENIZER)


# ---- what does load ----

def test_round_trip(tmp_path):
    config = GPTConfig(n_layer=3, n_head=2, n_embd=6, n_positions=5, vocab_size=len(WORDS),
                       activation_function="gelu_new", layer_norm_epsilon=1e-6, n_inner=10)
    params, tokenizer = _params(config, seed=3), ClassroomTokenizer(WORDS, lowercase=False)
    save_checkpoint(tmp_path / "m", config, params, tokenizer)
    loaded = load_checkpoint(tmp_path / "m")
    assert loaded.config == config
    assert loaded.path == tmp_path / "m"
    assert sorted(loaded.params) == sorted(params)
    for name, value in params.items():
        assert loaded.params[name].dtype == np.float32 and np.array_equal(loaded.params[name], value), name
    assert loaded.tokenizer.vocab == WORDS and loaded.tokenizer.lowercase is False


def test_transformer_prefix_and_hf_buffers_accepted(folder):
    params = _params()
    tensors = {"transformer." + name: value for name, value in params.items()}
    # what GPT2LMHeadModel may also save: the tied lm_head and the causal-mask buffers
    tensors["lm_head.weight"] = params["wte.weight"]
    tensors["transformer.h.0.attn.bias"] = np.ones((1, 1, 6, 6), np.float32)
    tensors["transformer.h.1.attn.masked_bias"] = np.array(-1e4, np.float32)
    _write_weights(folder, tensors)
    loaded = load_checkpoint(folder)
    assert sorted(loaded.params) == sorted(params)
    assert np.array_equal(loaded.params["h.1.attn.c_proj.weight"], params["h.1.attn.c_proj.weight"])


def test_tensor_named_twice_with_and_without_prefix(folder):
    params = _params()
    tensors = dict(params, **{"transformer.wte.weight": params["wte.weight"]})
    _write_weights(folder, tensors)
    _fails(folder, folder / WEIGHTS, "wte.weight", "twice")
