"""A checkpoint is a folder in the Hugging Face GPT-2 convention: config.json, model.safetensors and a
tokenizer file. Loading checks everything and fails with one CheckpointError naming the file and the
problem. Nothing is ever unpickled: a folder holding only .bin/.pt/.pkl weights is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..messages.phrase import PhraseError
from . import weights_file
from .config import ConfigError, GPTConfig
from .families import gpt2 as gpt2_family
from .tokenizer import TOKENIZER_FILE, ClassroomTokenizer, TokenizerError

CONFIG, WEIGHTS = "config.json", "model.safetensors"
TOKENIZER = TOKENIZER_FILE  # tokenizer.json: the classroom's (with tokenizer_config.json) or a GPT-2 BPE
PICKLES = ("pytorch_model.bin", "model.bin", "model.pt", "model.pth", "model.pkl", "model.ckpt")
# buffers GPT2LMHeadModel may save that carry no learned numbers (the causal mask) or repeat wte
IGNORED_SUFFIXES = (".attn.bias", ".attn.masked_bias")
FLOAT_DTYPES = {"F16": np.float16, "F32": np.float32, "F64": np.float64}


class CheckpointError(PhraseError, ValueError):
    """A model folder that cannot be used: a key of messages/strings ("model.…") and the values it names, the file
    first; str() is one English sentence naming the file and the problem, `phrase.said(lang)` the same in any language
    (the CLI's --lang, the window's)."""


class ModelMissing(CheckpointError):
    """No model folder at the path (messages/strings "model.missing"), or not one this program reads (not a folder, no
    weights, pickled weights): str() in English, said in any language."""

    def __init__(self, path, key: str = "model.missing"):
        super().__init__(key, path=str(path))


class ModelUnreadable(CheckpointError):
    """A model file beyond a limit of model.limits, or unreadable (a LimitError): its reason said in any language."""

    def __init__(self, limit):
        super().__init__("model.unreadable", why=limit.phrase)


def refused(exc: Exception) -> CheckpointError:
    """The CheckpointError saying `exc` (a ConfigError, a TokenizerError or a LimitError) in its own words, so that the
    window and the CLI's --lang say it; one that a LimitError caused (its __cause__) says that error's."""
    from .limits import LimitError

    cause = exc if isinstance(exc, LimitError) else exc.__cause__
    return ModelUnreadable(cause) if isinstance(cause, LimitError) else CheckpointError(exc.phrase.key,
                                                                                        **exc.phrase.values)


@dataclass
class Checkpoint:
    path: Path
    config: GPTConfig
    params: dict[str, np.ndarray]   # GPT-2 names without the "transformer." prefix, float32
    tokenizer: ClassroomTokenizer  # or BPETokenizer: both give encode(text) -> [Token] and vocab


def expected_shapes(config: GPTConfig) -> dict[str, tuple[int, ...]]:
    """Every weight the model holds, name -> shape, as its family (families/gpt2.py) names them."""
    return gpt2_family.weight_shapes(config)


def load_checkpoint(folder) -> Checkpoint:
    folder = Path(folder)
    if not folder.exists():
        raise ModelMissing(folder)
    if not folder.is_dir():
        raise ModelMissing(folder, "model.not_folder")  # a teacher's likeliest mistakes, said in --lang
    weights = folder / WEIGHTS
    if not weights.is_file():
        pickles = [p.name for p in folder.iterdir() if p.name in PICKLES or p.suffix in (".bin", ".pt", ".pth", ".pkl", ".ckpt")]
        if pickles:  # said in --lang too (model.pickled), as the mistakes above
            raise ModelMissing(folder / pickles[0], "model.pickled")
        raise ModelMissing(weights, "model.no_weights")
    try:
        config = GPTConfig.load(folder / CONFIG)
    except ConfigError as exc:
        raise refused(exc) from None
    tokenizer = load_tokenizer(folder, config)  # first: cheap, and names a tokenizer from another model
    params = load_weights(weights, config)
    return Checkpoint(folder, config, params, tokenizer)


def load_tokenizer(folder: Path, config: GPTConfig):
    """The classroom's word tokenizer if tokenizer_config.json says so, else a GPT-2 byte-level BPE
    tokenizer (tokenizer.json, or vocab.json + merges.txt); both are read with the `tokenizers` library."""
    try:
        if ClassroomTokenizer.is_classroom_folder(folder):
            tokenizer = ClassroomTokenizer.load(folder)
            if len(tokenizer) != config.vocab_size:
                raise CheckpointError("model.vocab.words", path=str(folder / TOKENIZER), n=len(tokenizer),
                                      vocab=config.vocab_size)
            return tokenizer
        from .bpe_tokenizer import BPETokenizer

        tokenizer = BPETokenizer.load(folder)
    except TokenizerError as exc:
        raise refused(exc) from None
    if len(tokenizer) > config.vocab_size:  # a model may pad its vocabulary, never have fewer rows than tokens
        raise CheckpointError("model.vocab.tokens", path=tokenizer.source, n=len(tokenizer), vocab=config.vocab_size)
    if tokenizer.max_id >= config.vocab_size:  # ids are rows of wte: one past the end would be an IndexError
        raise CheckpointError("model.vocab.id", path=tokenizer.source, id=tokenizer.max_id, vocab=config.vocab_size)
    tokenizer.rows = config.vocab_size  # the answer may name any row, also those no token names
    return tokenizer


def load_weights(path: Path, config: GPTConfig) -> dict[str, np.ndarray]:
    """Read model.safetensors, checking names, shapes and dtypes from the header before any data."""
    from safetensors import SafetensorError, safe_open

    from .limits import LimitError, available_memory, check_readable

    try:
        check_readable(path)  # "permission denied" rather than the library's "No such file or directory"
    except LimitError as exc:
        raise refused(exc) from None
    expected = expected_shapes(config)
    need = 4 * sum(int(np.prod(shape)) for shape in expected.values())  # float32 bytes once loaded
    free = available_memory()
    if free is not None and need > free:
        raise CheckpointError("model.memory_need", path=str(path), need=need / 2**30, free=free / 2**30)
    try:
        with safe_open(str(path), framework="numpy") as f:  # checks the header; the data is read below
            names = list(f.keys())
            renamed, tied_head = {}, None
            for name in names:
                short = name.removeprefix(gpt2_family.SAVED_PREFIX)
                if short == "lm_head.weight" and config.tie_word_embeddings:
                    tied_head = name  # checked against wte below
                    continue
                if short.endswith(IGNORED_SUFFIXES):
                    continue
                if short not in expected:
                    raise CheckpointError("model.tensor.unexpected", path=str(path), name=name, layers=config.n_layer)
                if short in renamed:
                    raise CheckpointError("model.tensor.twice", path=str(path), name=short)
                renamed[short] = name
            missing = [n for n in expected if n not in renamed]
            if missing:
                raise CheckpointError("model.tensor.missing_more" if len(missing) > 1 else "model.tensor.missing",
                                      path=str(path), name=missing[0], more=len(missing) - 1)
            stored = {}  # name -> (shape, dtype) as the header declares them
            for name in [*renamed.values(), *([tied_head] if tied_head else [])]:
                sl = f.get_slice(name)
                stored[name] = tuple(sl.get_shape()), sl.get_dtype()
        params = {}
        with open(path, "rb") as data:
            start, offsets = weights_file.data_offsets(data)  # this handle's header, tied to safe_open's by locate
            for short, name in renamed.items():
                shape, dtype = stored[name]
                if shape != expected[short]:
                    raise CheckpointError("model.tensor.shape", path=str(path), name=name, shape=str(list(shape)),
                                          expected=str(list(expected[short])))
                if dtype not in FLOAT_DTYPES:
                    raise CheckpointError("model.tensor.dtype", path=str(path), name=name, dtype=dtype)
                array = weights_file.read_float32(
                    data, weights_file.locate(data, start, offsets, name, dtype, shape), dtype, shape)
                if not weights_file.all_finite(array):
                    raise CheckpointError("model.tensor.not_finite", path=str(path), name=name)
                params[short] = array
            head_shape, head_dtype = stored.get(tied_head, ((), None))
            if tied_head is not None and not (head_dtype in FLOAT_DTYPES and weights_file.same_as(
                    data, weights_file.locate(data, start, offsets, tied_head, head_dtype, head_shape), head_dtype,
                    head_shape, params["wte.weight"])):
                # transformers 4 ties it to wte and drops it; transformers 5 keeps it: no one answer to compute
                raise CheckpointError("model.tensor.tied", path=str(path), name=tied_head)
    except CheckpointError:
        raise
    except MemoryError:
        raise CheckpointError("model.no_memory", path=str(path)) from None
    except weights_file.ChangedFile:
        raise CheckpointError("model.changed", path=str(path)) from None
    except (SafetensorError, OSError, ValueError, TypeError) as exc:
        raise CheckpointError("model.not_safetensors", path=str(path), detail=str(exc)) from None
    return params


def save_checkpoint(folder, config: GPTConfig, params: dict[str, np.ndarray], tokenizer: ClassroomTokenizer) -> None:
    from safetensors.numpy import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config.save(folder / CONFIG)
    tokenizer.save(folder)
    tensors = {name: np.ascontiguousarray(params[name], dtype=np.float32) for name in expected_shapes(config)}
    save_file(tensors, str(folder / WEIGHTS), metadata={"format": "pt"})
    (folder / WEIGHTS).chmod(0o644)  # safetensors writes 0600; a shipped model must be readable by every user
