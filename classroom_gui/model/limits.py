"""Limits checked before work: how big a model file may be before it is read, JSON read without recursion or
giant-integer tracebacks, and how many attention numbers one sentence may make the model compute.

Every loader (config.json, the tokenizers, model.safetensors) reads through read_text / read_json, so a
1 GB config file is refused from its size alone and a 100,000-deep JSON list is one clear error, never a
RecursionError. The attention budget keeps a sentence's trace (layers x heads x tokens x tokens float32
weights, plus the same again while a layer is computed) inside the memory the machine has.
"""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from ..messages.fit import shortened
from ..messages.phrase import PhraseError
from ..messages.reasons import SystemReason

# Bytes a file may have before it is read. Real files are far smaller: GPT-2's config.json is 0.7 kB,
# its tokenizer.json 1.4 MB, vocab.json 1 MB, merges.txt 0.5 MB; the largest tokenizers in use
# (250,000-word multilingual ones) are ~17 MB.
CONFIG_BYTES = 1 << 20
TOKENIZER_BYTES = 64 << 20
MAX_WORD_CHARS = 1024         # one vocabulary entry; GPT-2's longest is 128 characters (runs of spaces)

# Attention numbers one trace may hold: layers x heads x tokens^2 float32 weights (4 bytes each). 2^28
# numbers are 1 GiB: GPT-2 small (12 x 12) keeps its whole context of 1024 tokens (151 M numbers);
# bigger models are cut to the tokens that fit, and the notice says so.
ATTENTION_NUMBERS = 1 << 28
# Students the classroom seats: GPT-2's whole context. The room, its compact seating and the frame times were
# designed and measured up to here; a model with a longer context (65,536) would otherwise seat 8,192 students
# of a small model (1.8 GB and seconds a sentence) or more.
MAX_STUDENTS = 1024


class LimitError(PhraseError, ValueError):
    """A file or a computation beyond what the app will read or do, as a key of messages/strings ("limit.…") naming
    the file and the limit: str() in English, `phrase.said(lang)` in any language."""


def _explain(path: Path, exc: OSError) -> LimitError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return LimitError("limit.permission", path=str(path))
    if exc.errno == errno.ENOENT:
        return LimitError("limit.missing", path=str(path))
    if exc.errno == errno.EISDIR:
        return LimitError("limit.folder", path=str(path))
    return LimitError("limit.unreadable", path=str(path), reason=SystemReason(exc))


def check_readable(path: Path) -> None:
    """LimitError saying why `path` cannot be opened for reading (permission, missing), before a library
    that reports it less clearly (safetensors says 'No such file or directory' for a file it may not read)."""
    try:
        with open(path, "rb") as f:
            f.read(1)
    except OSError as exc:
        raise _explain(Path(path), exc) from None


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, or LimitError if it is larger than `limit` (checked before reading, and while reading,
    in case the file grows or is a pipe)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise LimitError("limit.too_large", path=str(path), size=_size(size), limit=_size(limit))
            data = f.read(limit + 1)
    except OSError as exc:
        raise _explain(path, exc) from None
    if len(data) > limit:
        raise LimitError("limit.grew", path=str(path), limit=_size(limit))
    return data


def read_text(path: Path, limit: int) -> str:
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LimitError("limit.not_utf8", path=str(path), reason=exc.reason, byte=exc.start,
                         nth=exc.start + 1) from None  # (the English counts from 0, as Python; the Japanese from 1)


def parse_json(text: str, source) -> object:
    """json.loads, with a 100,000-deep list (RecursionError) and an integer of more than 4,300 digits
    (ValueError) reported as one message naming the file instead of a traceback."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LimitError("limit.json", path=str(source), detail=str(exc), line=exc.lineno, col=exc.colno) from None
    except RecursionError:
        raise LimitError("limit.json_deep", path=str(source)) from None
    except ValueError as exc:  # Python refuses to read integers of more than 4,300 digits
        raise LimitError("limit.json_unreadable", path=str(source),
                         detail=shortened(" ".join(str(exc).split()), 160)) from None


def read_json(path: Path, limit: int) -> object:
    return parse_json(read_text(path, limit), path)


def available_memory() -> int | None:
    """Bytes of memory the system can still give (Linux: MemAvailable), or None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def attention_tokens(n_layer: int, n_head: int, budget: int | None = None) -> int:
    """The most tokens whose attention weights (n_layer x n_head x T x T) fit in `budget` numbers; by default
    ATTENTION_NUMBERS, or fewer on a machine where they would take more than half the free memory."""
    if budget is None:
        free = available_memory()
        budget = ATTENTION_NUMBERS if free is None else min(ATTENTION_NUMBERS, free // 8)
    return max(1, int((budget / max(1, n_layer * n_head)) ** 0.5))


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
