"""Reading model.safetensors by plain reads (model/weights_file.py): the same numbers as safetensors' own reader,
converted and compared piece by piece, and a loaded model holds its weights once, not twice."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from classroom_gui.model import CheckpointError, ClassroomTokenizer, GPTConfig, load_checkpoint, save_checkpoint
from classroom_gui.model import weights_file
from classroom_gui.model.checkpoint import WEIGHTS, expected_shapes

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["<unk>", "the", "cat", "sat", "on", "mat", "."]
CONFIG = GPTConfig(n_layer=2, n_head=2, n_embd=8, n_positions=6, vocab_size=len(WORDS))


@pytest.fixture
def small_pieces(monkeypatch):
    """Conversions and comparisons in 40-byte pieces, so every tensor spans several and ends with a short one."""
    monkeypatch.setattr(weights_file, "CHUNK_BYTES", 40)


def _folder(tmp_path, tensors: dict | None = None) -> Path:
    rng = np.random.default_rng(1)
    params = {n: rng.standard_normal(s).astype(np.float32) for n, s in expected_shapes(CONFIG).items()}
    path = tmp_path / "m"
    save_checkpoint(path, CONFIG, params, ClassroomTokenizer(WORDS))
    if tensors is not None:
        save_file({**params, **tensors}, str(path / WEIGHTS), metadata={"format": "pt"})
    return path


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_every_dtype_reads_as_its_float32_conversion(tmp_path, small_pieces, dtype):
    rng = np.random.default_rng(2)
    stored = {n: (rng.standard_normal(s) * 3).astype(dtype) for n, s in expected_shapes(CONFIG).items()}
    folder = _folder(tmp_path, stored)
    loaded = load_checkpoint(folder).params
    by_library = load_file(str(folder / WEIGHTS))
    for name, value in stored.items():
        assert loaded[name].dtype == np.float32 and loaded[name].shape == value.shape
        assert np.array_equal(loaded[name], by_library[name].astype(np.float32)), name


def test_offsets_follow_the_header_not_the_names_order(tmp_path):
    """safetensors lays tensors out sorted by dtype and name; each is found where its header entry says."""
    folder = _folder(tmp_path, {"wpe.weight": np.arange(48, dtype=np.float64).reshape(6, 8)})
    with open(folder / WEIGHTS, "rb") as f:
        start, offsets = weights_file.data_offsets(f)
    assert start == 8 + int.from_bytes((folder / WEIGHTS).read_bytes()[:8], "little")
    assert sorted(offsets) == sorted(expected_shapes(CONFIG))
    assert np.array_equal(load_checkpoint(folder).params["wpe.weight"], np.arange(48, dtype=np.float32).reshape(6, 8))


@pytest.mark.parametrize("where", [0, -1])
def test_a_tied_head_is_compared_to_its_last_number(tmp_path, small_pieces, where):
    wte = load_file(str(_folder(tmp_path) / WEIGHTS))["wte.weight"]
    same = _folder(tmp_path / "same", {"lm_head.weight": wte.copy()})
    assert "lm_head.weight" not in load_checkpoint(same).params
    head = wte.copy()
    head.reshape(-1)[where] += 1.0
    with pytest.raises(CheckpointError, match="lm_head.weight.*differs from wte"):
        load_checkpoint(_folder(tmp_path / "differs", {"lm_head.weight": head}))


def test_a_tied_head_of_integers_is_refused_in_one_sentence(tmp_path):
    folder = _folder(tmp_path, {"lm_head.weight": np.zeros((len(WORDS), 8), np.int32)})
    with pytest.raises(CheckpointError, match="lm_head.weight.*differs from wte") as info:
        load_checkpoint(folder)
    assert "\n" not in str(info.value)


def test_a_file_cut_after_its_header_was_read_is_one_message(tmp_path, monkeypatch):
    """The file shrinks between safe_open's check and the reads (another program rewriting it)."""
    folder = _folder(tmp_path)
    real = weights_file.data_offsets

    def then_cut(f):
        found = real(f)
        with open(folder / WEIGHTS, "r+b") as g:
            g.truncate(found[0] + 100)
        return found

    monkeypatch.setattr(weights_file, "data_offsets", then_cut)
    with pytest.raises(CheckpointError, match="changed while it was being loaded") as info:
        load_checkpoint(folder)
    assert "\n" not in str(info.value)


def test_a_file_rewritten_after_safe_open_is_refused_not_misread(tmp_path, small_pieces, monkeypatch):
    """Another program rewrites the file, long enough, with float16 tensors between safe_open's check and the
    reads: the float32 layout safe_open saw must not be applied to the new file's bytes."""
    folder = _folder(tmp_path)
    stored = load_file(str(folder / WEIGHTS))
    halves = {n: a.astype(np.float16) for n, a in stored.items()}
    halves["pad.attn.bias"] = np.zeros(4 * sum(a.size for a in stored.values()), np.float16)  # keeps it long
    other = _folder(tmp_path / "other", halves)
    real = weights_file.data_offsets

    def rewritten_first(f):
        (folder / WEIGHTS).write_bytes((other / WEIGHTS).read_bytes())  # same file, new bytes
        return real(f)

    monkeypatch.setattr(weights_file, "data_offsets", rewritten_first)
    with pytest.raises(CheckpointError, match="changed while it was being loaded"):
        load_checkpoint(folder)


MEASURE = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, "benchmarks")
    from proc_status import status
    from classroom_gui.model.checkpoint import load_checkpoint
    before = status("VmRSS")
    params = load_checkpoint(sys.argv[1]).params
    print(json.dumps({"growth": status("VmHWM") - before, "weights": sum(a.nbytes for a in params.values())}))
""")


def test_loading_holds_the_weights_once(tmp_path):
    """Peak resident memory while loading a 75 MB model, in a fresh process: the weights once and a little
    (safetensors' reader kept the file's pages mapped beside the copies: twice the weights). What loading costs
    besides the weights (the 24,000-word tokenizer, ~17 MB) is measured on a model of the same words with tiny
    weights and taken away, so the bound is on the weights alone, not on how big the tokenizer happens to be."""
    def peak_growth(name: str, n_layer: int, n_head: int, n_embd: int) -> dict:
        config = GPTConfig(n_layer=n_layer, n_head=n_head, n_embd=n_embd, n_positions=64, vocab_size=24_000)
        words = ClassroomTokenizer.from_words([f"w{i}" for i in range(config.vocab_size - 2)], [])
        rng = np.random.default_rng(0)
        params = {n: rng.standard_normal(s, dtype=np.float32) for n, s in expected_shapes(config).items()}
        save_checkpoint(tmp_path / name, config, params, words)
        done = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path / name)], capture_output=True, text=True,
                              timeout=120, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    big, small = peak_growth("big", 2, 8, 512), peak_growth("small", 1, 2, 8)
    assert big["weights"] > 60e6 and small["weights"] < 1e6
    weights, growth = big["weights"] - small["weights"], big["growth"] - small["growth"]
    assert growth < 1.2 * weights, f"{growth / 1e6:.0f} MB for {weights / 1e6:.0f} MB of weights"
