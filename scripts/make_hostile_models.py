#!/usr/bin/env python3
"""Make hostile model folders: copies of the teaching model and of the tiny GPT-2 test fixture, each broken in
one way an attacker (or a bad download) could break it. tests/test_hostile.py and scripts/soak.py --hostile
build them at run time; nothing here is stored in the repository.

    python scripts/make_hostile_models.py OUT_DIR            # every kind, one folder each
    python scripts/make_hostile_models.py OUT_DIR huge-1e20  # only some

Each folder is a model the app must either refuse with one clear message or run without an error:
config.json, a tokenizer or its settings nested 100,000 deep or holding a 5,000-digit integer, files of 1 GB
(sparse: they take no disk), weights of 1e20 and 3e38, a 65,536-position context, a 200,000-character
vocabulary word, tokenizer.json with ids beyond the model, with fewer tokens than the model has rows, a
WordLevel model without an unknown token, and, in GPT-2's tokenizer and in the classroom's, a regex that
panics, a padding of millions of tokens and a truncation stride that panics.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TEACHING = ROOT / "assets" / "model"
TINY_GPT2 = ROOT / "tests" / "fixtures" / "tiny_gpt2"
GPT2_FILES = ("config.json", "model.safetensors", "tokenizer.json")
NESTED = "[" * 100_000 + "]" * 100_000
HUGE_DIGITS = "9" * 5000
GIGABYTE = 1 << 30
# a pattern that backtracks without end on a long word: onig gives up ("retry-limit-in-match") and
# tokenizers panics (pyo3's PanicException, a BaseException)
PANIC_REGEX = r"(\w+\s?)*$"
PANIC_TEXT = "a" * 3000 + "!"
PANIC_SPLIT = {"type": "Split", "pattern": {"Regex": PANIC_REGEX}, "behavior": "Isolated", "invert": False}
TRUNCATION_STRIDE = {"direction": "Right", "max_length": 2, "strategy": "LongestFirst", "stride": 5}  # a panic


def _padding(length: int, token: str) -> dict:
    return {"strategy": {"Fixed": length}, "direction": "Right", "pad_to_multiple_of": None, "pad_id": 0,
            "pad_type_id": 0, "pad_token": token}


# --- editing helpers ---------------------------------------------------------------------------------------

def _copy(source: Path, folder: Path, files=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in files or [p.name for p in source.iterdir() if p.is_file()]:
        shutil.copy(source / name, folder / name)
    return folder


def _json(path: Path, edit) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    result = edit(raw)
    path.write_text(json.dumps(raw if result is None else result, ensure_ascii=False), encoding="utf-8")


def _weights(folder: Path, edit) -> None:
    from safetensors.numpy import load_file, save_file

    path = folder / "model.safetensors"
    tensors = load_file(str(path))
    edit(tensors)
    save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(path), metadata={"format": "pt"})


def _sparse(path: Path, size: int = GIGABYTE) -> None:
    """A file of `size` bytes that takes no disk: a JSON string's opening quote, then holes (zeros)."""
    with open(path, "wb") as f:
        f.write(b'{"a": "')
        f.truncate(size)


def _scale_all(limit: float):
    def edit(tensors):
        for name, t in tensors.items():
            peak = float(np.abs(t).max()) or 1.0
            tensors[name] = (t.astype(np.float64) * (limit / peak)).astype(np.float32)
    return edit


def _long_classroom_word(t: dict) -> None:  # the last word of the vocabulary becomes 200,000 characters
    vocab = t["model"]["vocab"]
    last = max(vocab, key=vocab.get)
    vocab["猫" * 200_000] = vocab.pop(last)


# --- the kinds ---------------------------------------------------------------------------------------------

def teaching(edit):
    def make(folder: Path) -> None:
        _copy(TEACHING, folder, ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"))
        edit(folder)
    return make


def gpt2(edit):
    def make(folder: Path) -> None:
        _copy(TINY_GPT2, folder, GPT2_FILES)
        edit(folder)
    return make


def _tokenizer_json(edit):
    return gpt2(lambda f: _json(f / "tokenizer.json", edit))


def _teaching_tokenizer_json(edit):  # the classroom's own word tokenizer, edited as _tokenizer_json edits GPT-2's
    return teaching(lambda f: _json(f / "tokenizer.json", edit))


def _more_rows(folder: Path) -> None:
    """config.json says 400 words and wte has 400 rows; tokenizer.json names 352. The extra rows are ten times
    rows 1-24 and their negatives, so for any notebook one of them scores highest: the answer is a word the
    tokenizer has no name for."""
    _json(folder / "config.json", lambda c: c.update(vocab_size=400))

    def edit(tensors):
        wte = tensors["transformer.wte.weight"]
        extra = np.concatenate([10 * wte[1:25], -10 * wte[1:25]])
        tensors["transformer.wte.weight"] = np.concatenate([wte, extra]).astype(np.float32)
    _weights(folder, edit)


def _wordlevel(raw) -> None:
    raw["model"] = {"type": "WordLevel", "vocab": {"the": 0, "cat": 1, "sat": 2}, "unk_token": "<unk>"}
    raw["pre_tokenizer"] = {"type": "Whitespace"}
    raw["decoder"] = None
    raw["added_tokens"] = []


def _long_bpe_word(raw) -> None:
    """Token 0's name (<|endoftext|>, which no merge makes) becomes 200,000 letters."""
    vocab = raw["model"]["vocab"]
    raw["model"]["vocab"] = {("x" * 200_000 if i == 0 else word): i for word, i in vocab.items()}
    raw["added_tokens"] = []


KINDS = {
    # files that must be refused before they are parsed or allocated
    "config-nested": teaching(lambda f: (f / "config.json").write_text(NESTED)),
    "config-huge-integer": teaching(lambda f: (f / "config.json").write_text(
        re.sub(r'"n_layer": \d+', f'"n_layer": {HUGE_DIGITS}', (f / "config.json").read_text()))),
    "config-1gb": teaching(lambda f: _sparse(f / "config.json")),
    "classroom-tokenizer-nested": teaching(lambda f: (f / "tokenizer.json").write_text(NESTED)),
    "classroom-tokenizer-huge-integer": teaching(lambda f: (f / "tokenizer.json").write_text(
        (f / "tokenizer.json").read_text().replace('"version": "1.0"', f'"version": {HUGE_DIGITS}'))),
    "classroom-tokenizer-1gb": teaching(lambda f: _sparse(f / "tokenizer.json")),
    "classroom-word-200k": teaching(lambda f: _json(f / "tokenizer.json", _long_classroom_word)),
    "classroom-config-nested": teaching(lambda f: (f / "tokenizer_config.json").write_text(NESTED)),
    "classroom-config-1gb": teaching(lambda f: _sparse(f / "tokenizer_config.json")),
    "tokenizer-json-nested": gpt2(lambda f: (f / "tokenizer.json").write_text(NESTED)),
    "tokenizer-json-huge-integer": gpt2(lambda f: (f / "tokenizer.json").write_text(
        (f / "tokenizer.json").read_text().replace('"version": "1.0"', f'"version": {HUGE_DIGITS}'))),
    "tokenizer-json-1gb": gpt2(lambda f: _sparse(f / "tokenizer.json")),
    "bpe-word-200k": _tokenizer_json(_long_bpe_word),
    "bpe-id-outside": _tokenizer_json(lambda t: t["model"]["vocab"].__setitem__("e", 100_000)),
    "bpe-added-id-outside": _tokenizer_json(lambda t: t["added_tokens"].append(
        {"id": 9999, "content": "cat", "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": False})),
    "wordlevel-no-unk": _tokenizer_json(_wordlevel),
    # models that load and must run without an error
    "huge-1e20": teaching(lambda f: _weights(f, _scale_all(1e20))),
    "huge-3e38": teaching(lambda f: _weights(f, _scale_all(3e38))),
    "gpt2-huge-3e38": gpt2(lambda f: _weights(f, _scale_all(3e38))),
    "positions-65536": teaching(lambda f: (
        _json(f / "config.json", lambda c: c.update(n_positions=65536, n_ctx=65536)),
        _weights(f, lambda t: t.__setitem__("wpe.weight", np.resize(t["wpe.weight"], (65536, t["wpe.weight"].shape[1])))))),
    "bpe-fewer-tokens-than-rows": gpt2(_more_rows),
    "bpe-panic-regex": _tokenizer_json(lambda t: t.__setitem__("pre_tokenizer", PANIC_SPLIT)),
    "bpe-truncation-stride": _tokenizer_json(lambda t: t.__setitem__("truncation", TRUNCATION_STRIDE)),
    "bpe-padding-100m": _tokenizer_json(lambda t: t.__setitem__("padding", _padding(100_000_000, "<|endoftext|>"))),
    "teaching-panic-regex": _teaching_tokenizer_json(lambda t: t.__setitem__("pre_tokenizer", PANIC_SPLIT)),
    "teaching-truncation-stride": _teaching_tokenizer_json(lambda t: t.__setitem__("truncation", TRUNCATION_STRIDE)),
    # 1,000,000 rather than 100,000,000: an app that still padded would take 0.4 s and ~100 MB, not 11 GB
    "teaching-padding-1m": _teaching_tokenizer_json(lambda t: t.__setitem__("padding", _padding(1_000_000, "<unk>"))),
}
REFUSED = [name for name in KINDS if name.split("-")[0] in ("config", "classroom", "tokenizer")
           or name in ("bpe-word-200k", "bpe-id-outside", "wordlevel-no-unk")]
RUNS = [name for name in KINDS if name not in REFUSED]


def build(out: Path, names=None) -> dict[str, Path]:
    """Make the named kinds (default all) under `out`; returns name -> folder."""
    out = Path(out)
    made = {}
    for name in names or KINDS:
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        KINDS[name](folder)
        made[name] = folder
    return made


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    unknown = [n for n in argv[1:] if n not in KINDS]
    if unknown:
        print(f"unknown kinds: {', '.join(unknown)}; known: {', '.join(KINDS)}", file=sys.stderr)
        return 2
    for name, folder in build(Path(argv[0]), argv[1:] or None).items():
        print(f"{name:32} {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
