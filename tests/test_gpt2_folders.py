"""GPT-2-family folders (config.json + model.safetensors + a byte-level BPE tokenizer): loading, readable
tokens, the key/value cache, and every kind of broken folder refused with a clear message."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from classroom_gui.model import CheckpointError, forward, load_checkpoint
from classroom_gui.model.bpe_tokenizer import BPETokenizer
from classroom_gui.model.kv_cache import cache_from_trace, step
from classroom_gui.model.sentence import run_sentence

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_gpt2"


@pytest.fixture
def folder(tmp_path) -> Path:
    dest = tmp_path / "gpt2"
    shutil.copytree(FIXTURE, dest)
    (dest / "reference.json").unlink()
    return dest


def test_loads_with_tokenizer_json_or_vocab_and_merges(folder):
    a = load_checkpoint(folder)
    (folder / "tokenizer.json").unlink()
    b = load_checkpoint(folder)
    text = "The cat 猫🐱 sat on the mat."
    assert [t.id for t in a.tokenizer.encode(text)] == [t.id for t in b.tokenizer.encode(text)]


def test_tokens_are_shown_readably(folder):
    ck = load_checkpoint(folder)
    labels = [t.text for t in ck.tokenizer.encode("The cat 猫 sat")]
    assert labels[:2] == ["The", "␣cat"]
    assert "猫 1/2" in labels and "猫 2/2" in labels  # one character over two byte tokens, shown together
    assert not any("\ufffd" in label or "Ġ" in label for label in labels)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("The cat sat on mat 猫がマットの上に座った。🐱🎉 é\n")), max_size=40))
def test_tokenizer_round_trip(text):
    tok = BPETokenizer.load(FIXTURE)
    assert tok.decode([t.id for t in tok.encode(text)]) == text


def test_trace_and_key_value_cache_agree(folder):
    ck = load_checkpoint(folder)
    ids = [t.id for t in ck.tokenizer.encode("The cat sat on the mat")]
    cache = cache_from_trace(forward(ids[:2], ck.params, ck.config))
    for n in range(2, len(ids)):  # one word at a time, each against a whole forward of the words so far
        logits = step(ids[n], n, cache, ck.params, ck.config)
        np.testing.assert_allclose(logits, forward(ids[: n + 1], ck.params, ck.config).next_logits, atol=1e-4)
    assert len(cache) == len(ids)
    # writing an earlier position again forgets the words after it: "The cat" + a different third word
    other = (ids[2] + 1) % ck.config.vocab_size
    np.testing.assert_allclose(step(other, 2, cache, ck.params, ck.config),
                               forward(ids[:2] + [other], ck.params, ck.config).next_logits, atol=1e-4)
    assert len(cache) == 3
    with pytest.raises(ValueError, match="gap"):
        step(ids[0], 5, cache, ck.params, ck.config)


def test_run_sentence_with_a_gpt2_folder(folder):
    run = run_sentence(load_checkpoint(folder), "猫がマットの上に座った")
    assert run.trace.vocab[0] == "<|endoftext|>"
    assert "".join(run.trace.tokens).replace("…", "") .replace("がが", "が").replace("にに", "に") == "猫がマットの上に座った"


def _edit_config(folder, **changes):
    cfg = json.loads((folder / "config.json").read_text())
    cfg.update(changes)
    (folder / "config.json").write_text(json.dumps(cfg))


@pytest.mark.parametrize("damage, words", [
    (lambda f: [(f / n).unlink() for n in ("tokenizer.json", "vocab.json")], "no tokenizer"),
    (lambda f: (f / "tokenizer.json").write_text("{not json"), "tokenizer"),
    (lambda f: _edit_config(f, vocab_size=100), "vocab_size"),
    (lambda f: _edit_config(f, n_embd=48), "shape"),
    (lambda f: _edit_config(f, model_type="llama", architectures=["LlamaForCausalLM"]), "llama"),
    (lambda f: ((f / "model.safetensors").unlink(), (f / "pytorch_model.bin").write_bytes(b"\x80\x04")), "safetensors"),
    (lambda f: (f / "model.safetensors").write_bytes((f / "model.safetensors").read_bytes()[:5000]), "safetensors"),
])
def test_broken_folders_are_refused_clearly(folder, damage, words):
    damage(folder)
    with pytest.raises(CheckpointError) as err:
        load_checkpoint(folder)
    assert words in str(err.value) and str(folder) in str(err.value)


def test_nan_weights_are_refused(folder):
    from safetensors.numpy import load_file, save_file
    tensors = load_file(str(folder / "model.safetensors"))
    name = next(n for n in tensors if n.endswith("c_fc.weight"))
    tensors[name][0, 0] = np.nan
    save_file(tensors, str(folder / "model.safetensors"))
    with pytest.raises(CheckpointError, match="NaN"):
        load_checkpoint(folder)


def test_extend_appends_one_token_with_its_own_space():
    tok = BPETokenizer.load(FIXTURE)
    mat = next(t.id for t in tok.encode("The cat sat on the mat") if t.text == "␣mat")
    assert tok.extend("The cat sat on the", mat) == "The cat sat on the mat"
