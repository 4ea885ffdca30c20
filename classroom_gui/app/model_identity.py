"""What tells one model from another in the settings file (no Qt): its config and its weights file's content, not the
folder it was opened from (teacher22 M1: the teaching model's visible copy, `assets/model` of a clone, was a new model
with no edits, step or rule, because the key was the installed folder's path and time). Two copies of one model share
a session; a model retrained in place, or another of the same shapes, does not (review15).

A key of the former kind (path, config, size and time: former_key) still finds its section once: own_session reads it
under the new key's name, and the next save writes it there (view.settings.save's `retire`).
"""
from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import fields
from functools import cache
from pathlib import Path

from .history import sentence_id

SMALL = 64 * 2**10  # a tensor up to this size is read whole (every bias and LayerNorm of GPT-2: review26 #2)
WHOLE = 16 * 2**20  # a file up to this size is read whole, every tensor (the teaching model: 0.5 MB, < 1 ms)
EDGE = 4 * 2**10  # of a bigger one, its first and last this many bytes (a new word's row is wte's last)
HEADER = 100 * 2**20  # at most this much of a header is read (safetensors' own limit; load_checkpoint checked it)
CONSTANT = ".attn.bias"  # GPT-2's causal masks: the same in every model of a shape, so never read


def weights_of(checkpoint) -> Path:
    path = Path(checkpoint.path)
    return path / "model.safetensors" if path.is_dir() else path


def content_digest(weights: Path) -> str:
    """A fingerprint of a safetensors file's content: its size, its header (every tensor's name, dtype, shape and
    place) and each tensor's data as the header places it, whole up to SMALL bytes, else its first and last EDGE
    bytes (a retrained or fine-tuned weight changes both; a BitFit or LayerNorm tuning changes a small tensor); a file
    up to WHOLE bytes is read whole, so any change to a small model's weights gives it a new key.
    Raises OSError when the file cannot be read, ValueError when its header is not a safetensors header."""
    digest = hashlib.sha256()
    with open(weights, "rb") as f:
        size = f.seek(0, 2)
        f.seek(0)
        head = f.read(8)
        n = struct.unpack("<Q", head)[0] if len(head) == 8 else -1
        if not 0 <= n <= min(size - 8, HEADER):
            raise ValueError(f"not a safetensors header: {n} bytes")
        header = f.read(n)
        digest.update(f"{size}|".encode() + header)
        start, small = 8 + n, (size if size <= WHOLE else SMALL)
        for begin, end in sorted(spans(json.loads(header))):
            for at, length in ((begin, end - begin),) if end - begin <= small else ((begin, EDGE), (end - EDGE, EDGE)):
                f.seek(start + at)
                digest.update(f.read(length))
    return digest.hexdigest()


def spans(header: dict) -> list[tuple[int, int]]:
    """Where each tensor's data lies after the header, but GPT-2's constant causal masks (CONSTANT)."""
    if not isinstance(header, dict):
        raise ValueError("not a safetensors header")
    return [(int(t["data_offsets"][0]), int(t["data_offsets"][1])) for name, t in header.items()
            if name != "__metadata__" and not name.endswith(CONSTANT)]


def config_key(config) -> str:
    """A model's config in its key: the fields that differ from GPTConfig's defaults, as sorted JSON (a field added
    later, at its default, leaves every key as it was: review26 #7)."""
    changed = {f.name: getattr(config, f.name) for f in fields(config) if getattr(config, f.name) != f.default}
    return json.dumps(changed, sort_keys=True)


_DIGESTS: dict[tuple, str] = {}  # file_digest's: (path, device, inode, size, times) -> content_digest


def file_digest(weights: Path) -> str:
    """content_digest of `weights`, read once a process for the file as it is now (its resolved path, device, inode,
    size and change times): start-up's key and is_teaching's teaching key read the teaching model once, not twice
    (final read of session 20), and a file rewritten since is read again. Raises as content_digest does."""
    stat = os.stat(weights)  # (on Windows st_ctime is the creation time: a file rewritten in place with its size and
    # mtime kept, as a backup tool may restore it, keeps its old digest until a restart; review28 #3)
    at = (str(Path(weights).resolve()), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    if at not in _DIGESTS:
        _DIGESTS[at] = content_digest(weights)
    return _DIGESTS[at]


def _key(config: str, weights) -> str | None:
    """The model_key of a model of `config` (its config_key) whose weights file `weights()` names; None when there is
    none to read: the one key format and the one list of what cannot be read, for model_key and teaching_key."""
    try:
        return f"{config}|{file_digest(weights())}"
    except (OSError, ValueError, KeyError, TypeError, IndexError):  # a model made in memory (tests), or gone
        return None


def model_key(checkpoint) -> str:
    """A model's key for the settings file: its config_key and its weights' content_digest (file_digest), wherever it
    was opened from (the config alone for a model without a weights file to read)."""
    config = config_key(checkpoint.config)
    return _key(config, lambda: weights_of(checkpoint)) or f"{config}|"


@cache
def _teaching() -> tuple[str, Path] | None:
    """The shipped teaching model's config_key (its config read, not its weights loaded) and weights file, once; None
    when its config is missing or cannot be read."""
    from ..model.checkpoint import CONFIG, WEIGHTS
    from ..model.config import ConfigError, GPTConfig
    from ..resources import teaching_model_dir

    folder = teaching_model_dir()
    try:
        return config_key(GPTConfig.load(folder / CONFIG)), folder / WEIGHTS
    except ConfigError:
        return None


def teaching_key() -> str | None:
    """The shipped teaching model's model_key; None when it is missing or cannot be read."""
    teaching = _teaching()
    if teaching is None:
        return None
    config, weights = teaching
    return _key(config, lambda: weights)


def is_teaching(key: str) -> bool:
    """Whether the model of `key` is the shipped teaching model, from whichever copy it was opened. A model of another
    config is not, without reading the teaching model's weights (a GPT-2 start); the teaching model opened from its
    own folder was read for its key already (file_digest)."""
    teaching = _teaching()
    return teaching is not None and key.rpartition("|")[0] == teaching[0] and key == teaching_key()


def former_key(checkpoint) -> str:
    """The key an older version gave the model: its folder, config and weights file's size and time."""
    path = Path(checkpoint.path)
    try:
        stat = weights_of(checkpoint).stat()
        made = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        made = ""
    return f"{path.resolve()}|{checkpoint.config!r}|{made}"


def model_id(key: str) -> str:
    """A model's name in the settings file (its section, model_<id>): a fingerprint of model_key."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def own_session(sessions: dict, key: str, former: str = ""):
    """The model's own session in `sessions` (by model_id of its `key`), or the one saved under its `former` key
    (former_key), with its `left` named as the new key names its sentence and that section's id as its `retire` (the
    next save writes it under `key` and removes that one, that one alone: view.settings.save); None for a model never
    opened. The one way a session is found: at start (view.settings.load) and on Ctrl+O (app.sessions). A copy of a
    damaged section ([General]'s, Session.copy) is taken only where its moment is of its sentence under `key`; else what
    the section itself gave."""
    from dataclasses import replace

    own = sessions.get(model_id(key))
    if own is not None and own.copy:
        whole = own.left is not None and own.left[0] == sentence_id(own.sentence, key)
        own = replace(own, section=None) if whole else own.section
    old = model_id(former) if former else None
    if own is not None or old not in sessions:
        return own
    found = sessions[old]
    left = found.left
    if left is not None and left[0] == sentence_id(found.sentence, former):
        left = (sentence_id(found.sentence, key), *left[1:])
    return replace(found, left=left, retire=old)
