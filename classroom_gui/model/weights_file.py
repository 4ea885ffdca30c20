"""Reading a safetensors file's tensors into float32 arrays of their own, by plain reads, never mapping the file.

safetensors' own get_tensor copies each tensor out of a memory map of the whole file, and every page of the map
it touches stays in the process's resident memory until the file is closed: loading GPT-2 small (0.5 GB)
peaked at 1.07 GB, the weights twice, before the window had drawn anything. Read with readinto, the file's
pages stay in the kernel's page cache, not in the process, and the peak is the weights once (measured:
1.07 GB -> 0.53 GB). The header is checked by safetensors.safe_open first (names, dtypes, shapes, offsets that
tile the file exactly); this module only finds where each tensor's bytes start.
"""
from __future__ import annotations

import json
import os

import numpy as np

STORED = {"F16": "<f2", "F32": "<f4", "F64": "<f8"}  # safetensors dtypes the loader accepts, as little-endian NumPy
CHUNK_BYTES = 1 << 24  # a converted or compared tensor is read 16 MB at a time, so no second full copy is made


class ChangedFile(ValueError):
    """The file read now is not the one safe_open checked (rewritten or replaced while loading)."""


def data_offsets(f) -> tuple[int, dict[str, tuple[int, int, str, tuple[int, ...]]]]:
    """(where the data starts, {tensor name: (begin, end within the data, dtype, shape)}) from the header of the
    open file `f`: an 8-byte little-endian length, then that many bytes of JSON. Call after safe_open accepted
    the file, and check each tensor with `locate`, which ties this handle's header to what safe_open saw."""
    f.seek(0)
    length = int.from_bytes(f.read(8), "little")
    try:
        header = json.loads(f.read(length))
        return 8 + length, {name: (int(m["data_offsets"][0]), int(m["data_offsets"][1]), str(m["dtype"]),
                                   tuple(int(n) for n in m["shape"]))
                            for name, m in header.items() if name != "__metadata__"}
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):  # not the header safe_open accepted
        raise ChangedFile("the file changed while it was being loaded") from None


def locate(f, start: int, offsets: dict, name: str, dtype: str, shape: tuple[int, ...]) -> int:
    """Where tensor `name` starts in the open file `f`, after checking that this handle's header declares the
    dtype and shape safe_open declared, that its bytes are exactly that many, and that the file holds them: a
    file replaced between safe_open and this read would otherwise be read with the old layout, silently."""
    entry = offsets.get(name)
    if entry is None or entry[2] != dtype or entry[3] != tuple(shape):
        raise ChangedFile("the file changed while it was being loaded")
    begin, end = entry[0], entry[1]
    size = int(np.prod(shape, dtype=np.int64)) * np.dtype(STORED[dtype]).itemsize
    if end - begin != size or begin < 0 or start + end > os.fstat(f.fileno()).st_size:
        raise ChangedFile("the file changed while it was being loaded")
    return start + begin


def _read_into(f, buffer: memoryview) -> None:
    if f.readinto(buffer) != len(buffer):  # the file was cut after safe_open read its header
        raise OSError("the file is shorter than its header says")


def read_float32(f, start: int, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    """The tensor whose bytes start at `start` in the open file `f`, as a new float32 array; a float16 or
    float64 tensor is converted 16 MB at a time (the same numbers as astype(np.float32) of the whole)."""
    stored = np.dtype(STORED[dtype])
    out = np.empty(shape, np.float32)
    flat = out.reshape(-1)
    f.seek(start)
    if stored == np.dtype(np.float32):  # native order: a big-endian host converts below
        _read_into(f, memoryview(flat.view(np.uint8)))
        return out
    per_chunk = max(1, CHUNK_BYTES // stored.itemsize)
    part = np.empty(min(per_chunk, flat.size), stored)
    for i in range(0, flat.size, per_chunk):
        piece = part[: min(per_chunk, flat.size - i)]
        _read_into(f, memoryview(piece.view(np.uint8)))
        flat[i: i + len(piece)] = piece
    return out


def all_finite(a: np.ndarray) -> bool:
    """np.all(np.isfinite(a)) without a boolean array the size of `a` (wte: 39 MB)."""
    flat = a.reshape(-1)
    step = CHUNK_BYTES // a.itemsize
    return all(np.isfinite(flat[i: i + step]).all() for i in range(0, flat.size, step))


def same_as(f, start: int, dtype: str, shape: tuple[int, ...], array: np.ndarray) -> bool:
    """Whether the tensor at `start` holds `array`'s numbers (a tied lm_head against wte), read 16 MB at a time."""
    if tuple(shape) != array.shape:
        return False
    stored = np.dtype(STORED[dtype])
    flat = array.reshape(-1)
    per_chunk = max(1, CHUNK_BYTES // stored.itemsize)
    f.seek(start)
    for i in range(0, flat.size, per_chunk):
        piece = np.empty(min(per_chunk, flat.size - i), stored)
        _read_into(f, memoryview(piece.view(np.uint8)))
        if not np.array_equal(piece.astype(np.float32), flat[i: i + len(piece)]):
            return False
    return True
