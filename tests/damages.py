"""The kinds of damage tests/test_damaged_models.py gives a copy of the shipped teaching model: DAMAGES, name ->
function(folder, marker) -> (the file the refusal must name, words it must hold); `damaged` makes one. A damage that
would run code if the loader unpickled or imported it creates `marker` (Touch)."""
from __future__ import annotations

import json
import pickle
import shutil
import struct
from pathlib import Path

import numpy as np

from classroom_gui.model.checkpoint import CONFIG, TOKENIZER, WEIGHTS
from classroom_gui.resources import teaching_model_dir

TEACHING = teaching_model_dir()


# --- safetensors by hand: 8-byte little-endian header length, JSON header, data --------------------------------

def read_st(path: Path) -> tuple[dict, bytes]:
    raw = path.read_bytes()
    n = struct.unpack("<Q", raw[:8])[0]
    return json.loads(raw[8:8 + n]), raw[8 + n:]


def write_st(path: Path, header: dict, data: bytes, length: int | None = None) -> None:
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)  # the format pads the header to 8 bytes
    path.write_bytes(struct.pack("<Q", len(text) if length is None else length) + text + data)


def edit_header(folder: Path, edit) -> Path:
    path = folder / WEIGHTS
    header, data = read_st(path)
    data = edit(header, data)
    write_st(path, header, data)
    return path


def poke(folder: Path, name: str, value: float) -> Path:
    """Write `value` into the first number of tensor `name` (F32), keeping the file valid."""
    def edit(header, data):
        begin = header[name]["data_offsets"][0]
        return data[:begin] + struct.pack("<f", value) + data[begin + 4:]
    return edit_header(folder, edit)


def edit_config(folder: Path, **changes) -> Path:
    path = folder / CONFIG
    raw = json.loads(path.read_text())
    raw.update(changes)
    path.write_text(json.dumps(raw))
    return path


class Touch:
    """Unpickling this creates the marker file: proof that a pickle was (never) loaded."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


# --- the kinds of damage: name -> function(folder, marker) -> (file the message must name, words it must hold) ---

DAMAGES = {}


def damage(name: str):
    def register(function):
        DAMAGES[name] = function
        return function
    return register


@damage("weights truncated to half")
def _(folder, marker):
    path = folder / WEIGHTS
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path, ["safetensors"]


@damage("weights cut inside the header")
def _(folder, marker):
    path = folder / WEIGHTS
    path.write_bytes(path.read_bytes()[:100])
    return path, ["safetensors"]


@damage("weights file empty")
def _(folder, marker):
    (folder / WEIGHTS).write_bytes(b"")
    return folder / WEIGHTS, ["safetensors"]


@damage("header length lies: 2**63 bytes")
def _(folder, marker):
    header, data = read_st(folder / WEIGHTS)
    write_st(folder / WEIGHTS, header, data, length=2 ** 63)
    return folder / WEIGHTS, ["safetensors"]


@damage("header length lies: 100 MB, more than the file")
def _(folder, marker):
    header, data = read_st(folder / WEIGHTS)
    write_st(folder / WEIGHTS, header, data, length=100_000_000)
    return folder / WEIGHTS, ["safetensors"]


@damage("header length lies: too short, JSON cut")
def _(folder, marker):
    header, data = read_st(folder / WEIGHTS)
    write_st(folder / WEIGHTS, header, data, length=64)
    return folder / WEIGHTS, ["safetensors"]


@damage("header JSON garbage")
def _(folder, marker):
    _header, data = read_st(folder / WEIGHTS)
    text = b'{"wte.weight": {"dtype": "F32", "shape": [195, 16], "data_offsets": [0, 12480]}, \xff\xfe garbage'
    (folder / WEIGHTS).write_bytes(struct.pack("<Q", len(text)) + text + data)
    return folder / WEIGHTS, ["safetensors"]


@damage("header is a JSON list")
def _(folder, marker):
    _header, data = read_st(folder / WEIGHTS)
    write_st(folder / WEIGHTS, [1, 2, 3], data)  # type: ignore[arg-type]
    return folder / WEIGHTS, ["safetensors"]


@damage("data offsets out of range")
def _(folder, marker):
    def edit(header, data):
        begin, end = header["ln_f.bias"]["data_offsets"]
        header["ln_f.bias"]["data_offsets"] = [len(data) + 10**9, len(data) + 10**9 + (end - begin)]
        return data
    return edit_header(folder, edit), ["safetensors"]


@damage("data offsets reversed")
def _(folder, marker):
    def edit(header, data):
        begin, end = header["wpe.weight"]["data_offsets"]
        header["wpe.weight"]["data_offsets"] = [end, begin]
        return data
    return edit_header(folder, edit), ["safetensors"]


@damage("declared shape bigger than the data")
def _(folder, marker):
    def edit(header, data):
        rows, cols = header["wte.weight"]["shape"]
        header["wte.weight"]["shape"] = [rows * 4, cols]  # offsets still cover rows x cols
        return data
    return edit_header(folder, edit), ["safetensors"]


@damage("declared shape huge (10**12 x 10**12)")
def _(folder, marker):
    def edit(header, data):
        header["wte.weight"]["shape"] = [10**12, 10**12]
        return data
    return edit_header(folder, edit), ["safetensors"]


@damage("huge tensor declared with offsets to match (64 GB)")
def _(folder, marker):
    def edit(header, data):
        header["wte.weight"] = {"dtype": "F32", "shape": [10**9, 16], "data_offsets": [len(data), len(data) + 64 * 10**9]}
        return data
    return edit_header(folder, edit), ["safetensors"]


@damage("wrong dtype (I32)")
def _(folder, marker):
    def edit(header, data):
        header["ln_f.weight"]["dtype"] = "I32"
        return data
    return edit_header(folder, edit), ["ln_f.weight", "dtype"]


@damage("unknown dtype")
def _(folder, marker):
    def edit(header, data):
        header["ln_f.weight"]["dtype"] = "Q4_K"
        return data
    return edit_header(folder, edit), ["safetensors"]


@damage("NaN in a weight")
def _(folder, marker):
    return poke(folder, "h.1.mlp.c_fc.weight", float("nan")), ["h.1.mlp.c_fc.weight", "NaN"]


@damage("Inf in a weight")
def _(folder, marker):
    return poke(folder, "wte.weight", float("inf")), ["wte.weight", "Inf"]


@damage("-Inf in a bias")
def _(folder, marker):
    return poke(folder, "h.0.attn.c_attn.bias", float("-inf")), ["h.0.attn.c_attn.bias", "Inf"]


@damage("a tensor missing")
def _(folder, marker):
    def edit(header, data):  # dropped, and the others' data packed again (offsets must be contiguous)
        kept, out = {}, b""
        for name, info in header.items():
            if name in ("__metadata__", "h.1.ln_2.bias"):
                continue
            begin, end = info["data_offsets"]
            kept[name] = {**info, "data_offsets": [len(out), len(out) + end - begin]}
            out += data[begin:end]
        header.clear()
        header.update(kept)
        return out
    return edit_header(folder, edit), ["h.1.ln_2.bias", "missing"]


@damage("weights of another size of model")
def _(folder, marker):
    from safetensors.numpy import save_file

    from classroom_gui.model import GPTConfig
    from classroom_gui.model.checkpoint import expected_shapes

    shipped = GPTConfig.load(folder / CONFIG)  # the same layers and heads, notebooks twice as wide
    other = GPTConfig(n_layer=shipped.n_layer, n_head=shipped.n_head, n_embd=2 * shipped.n_embd,
                      n_positions=shipped.n_positions, vocab_size=shipped.vocab_size)
    save_file({k: np.zeros(s, np.float32) for k, s in expected_shapes(other).items()}, str(folder / WEIGHTS))
    return folder / WEIGHTS, ["shape"]


@damage("config.json missing")
def _(folder, marker):
    (folder / CONFIG).unlink()
    return folder / CONFIG, ["not found"]


@damage("model.safetensors missing")
def _(folder, marker):
    (folder / WEIGHTS).unlink()
    return folder / WEIGHTS, ["not found"]


@damage("tokenizer missing")
def _(folder, marker):
    (folder / TOKENIZER).unlink()
    return folder, ["tokenizer"]


@damage("config says more layers than the weights hold")
def _(folder, marker):
    layers = json.loads((folder / CONFIG).read_text(encoding="utf-8"))["n_layer"]
    edit_config(folder, n_layer=layers + 1)
    return folder / WEIGHTS, [f"missing tensor 'h.{layers}."]


@damage("pickle only (pytorch_model.bin)")
def _(folder, marker):
    (folder / WEIGHTS).unlink()
    (folder / "pytorch_model.bin").write_bytes(pickle.dumps(Touch(marker)))
    return folder / "pytorch_model.bin", ["never loaded"]


@damage("pickle only (model.pkl and model.ckpt)")
def _(folder, marker):
    (folder / WEIGHTS).unlink()
    (folder / "model.pkl").write_bytes(pickle.dumps(Touch(marker)))
    (folder / "model.ckpt").write_bytes(pickle.dumps(Touch(marker)))
    return folder, ["pickled weights"]


@damage("pickle renamed to model.safetensors")
def _(folder, marker):
    (folder / WEIGHTS).write_bytes(pickle.dumps(Touch(marker), protocol=2))
    return folder / WEIGHTS, ["safetensors"]


@damage("tokenizer vocabulary size mismatch")
def _(folder, marker):
    path = folder / TOKENIZER
    raw = json.loads(path.read_text(encoding="utf-8"))
    vocab = raw["model"]["vocab"]
    raw["model"]["vocab"] = {w: i for w, i in vocab.items() if i < len(vocab) - 5}
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path, [str(len(vocab) - 5), str(len(vocab))]


@damage("tokenizer gives two words one id")
def _(folder, marker):
    path = folder / TOKENIZER
    raw = json.loads(path.read_text(encoding="utf-8"))
    vocab = raw["model"]["vocab"]
    vocab[next(w for w, i in vocab.items() if i == 5)] = 4  # two words on id 4, none on id 5
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path, ["gaps"]


@damage("a folder where model.safetensors should be")
def _(folder, marker):
    (folder / WEIGHTS).unlink()
    (folder / WEIGHTS).mkdir()
    return folder / WEIGHTS, []


@damage("a folder where config.json should be")
def _(folder, marker):
    (folder / CONFIG).unlink()
    (folder / CONFIG).mkdir()
    return folder / CONFIG, []


@damage("a folder where the tokenizer should be")
def _(folder, marker):
    (folder / TOKENIZER).unlink()
    (folder / TOKENIZER).mkdir()
    return folder, ["tokenizer"]


@damage("model.safetensors a dangling link")
def _(folder, marker):
    (folder / WEIGHTS).unlink()
    (folder / WEIGHTS).symlink_to(folder / "gone.safetensors")
    return folder / WEIGHTS, []


@damage("the model folder is a file")
def _(folder, marker):
    shutil.rmtree(folder)
    folder.write_bytes(pickle.dumps(Touch(marker)))
    return folder, ["not a folder"]


@damage("config asks for remote code and the weights are pickled")
def _(folder, marker):
    (folder / "modeling_evil.py").write_text(f"open({str(marker)!r}, 'w')\n")
    edit_config(folder, auto_map={"AutoModel": "modeling_evil.EvilModel"}, trust_remote_code=True)
    (folder / WEIGHTS).unlink()
    (folder / "pytorch_model.bin").write_bytes(pickle.dumps(Touch(marker)))
    return folder / "pytorch_model.bin", ["never loaded"]




def damaged(tmp_path: Path, name: str) -> tuple[Path, Path, list[str], Path]:
    folder = tmp_path / "model"
    shutil.copytree(TEACHING, folder)
    marker = tmp_path / "RAN.marker"
    culprit, words = DAMAGES[name](folder, marker)
    return folder, culprit, words, marker

# --- damages of one shape, as tables: a file overwritten with these bytes, or config.json with these keys changed;
# each with the file the message must name and the words it must hold ---

OVERWRITTEN = {
    "config.json malformed": (CONFIG, b'{"n_layer": 2, "n_head": 2,,, ', ["malformed"]),
    "config.json empty": (CONFIG, b"", ["malformed"]),
    "config.json not UTF-8": (CONFIG, b'{"n_layer": "\xff\xfe"}', ["malformed"]),
    "config.json a list": (CONFIG, b"[2, 2, 16]", ["object"]),
    "tokenizer malformed": (TOKENIZER, b'{"kind": "classroom-words", "vocab": ["<unk>", "the"', ["malformed"]),
    "tokenizer empty": (TOKENIZER, b"", ["malformed"]),
    "tokenizer of another kind": (TOKENIZER, json.dumps({"kind": "sentencepiece", "vocab": ["<unk>"] * 195}).encode(),
                                  ["malformed"]),
}
CONFIG_EDITS = {
    "config of another architecture: llama": (dict(model_type="llama", architectures=["LlamaForCausalLM"]), ["llama"]),
    "config of another architecture: BertModel": (dict(model_type="bert", architectures=["BertModel"]), ["bert"]),
    "absurd size in config: n_embd 10**9": (dict(n_embd=10**9), ["n_embd", "absurdly large"]),
    "absurd size in config: vocab_size 10**12": (dict(vocab_size=10**12), ["vocab_size"]),
    "config size not a number": (dict(n_layer="2"), ["n_layer"]),
    "config size zero": (dict(n_head=0), ["n_head"]),
}


def _overwritten(file: str, content: bytes, words: list[str]):
    def run(folder, marker):
        (folder / file).write_bytes(content)
        return folder / file, words
    return run


def _config_edited(changes: dict, words: list[str]):
    return lambda folder, marker: (edit_config(folder, **changes), words)


DAMAGES.update({name: _overwritten(*case) for name, case in OVERWRITTEN.items()})
DAMAGES.update({name: _config_edited(*case) for name, case in CONFIG_EDITS.items()})
