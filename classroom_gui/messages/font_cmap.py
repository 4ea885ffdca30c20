"""The bundled font's bytes as Qt gets them: IPAex Gothic with its character map (cmap) rewritten so that
no look-alike code point shadows the character a glyph is really for. Pure Python and NumPy, no Qt.

Why: IPAex Gothic maps both 自 (U+81EA) and the Kangxi radical ⾃ (U+2F83) to one glyph, both − (U+2212)
and the soft hyphen (U+00AD), both — (U+2014) and a combining stroke (U+0336), and ~270 more such pairs.
Qt's PDF writer builds each embedded font's ToUnicode map by walking the code points upwards and keeping,
for each glyph, the first that maps to it (QFontSubset::getReverseMap), so every PDF said ⾃⼰紹介 for
自己紹介 and a soft hyphen for a minus sign: search and copy-paste broke. Drawing is unchanged by the fix:
the shadowing code points (radicals, combining marks, format and modifier characters, typographic
spaces) are taken out of the cmap, so each shared glyph has only the code point that ought to come back
out; the rare radical typed on purpose then comes from a fallback font.

The rewrite changes only the 'cmap' table (a format 4 subtable for the Basic Multilingual Plane, a
format 12 one for all of Unicode) and the file's checksums; it takes a few milliseconds, so it runs
each time the font is registered, and the font file shipped is the unmodified original (its licence
asks for that).
"""
from __future__ import annotations

import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np


def shadowing(cp: int) -> bool:
    """A code point that should not be what a shared glyph extracts as."""
    return (0x2E80 <= cp <= 0x2FDF                                      # CJK and Kangxi radicals
            or 0x2000 <= cp <= 0x200A or cp == 0x00A0                   # typographic and no-break spaces
            or unicodedata.category(chr(cp)) in ("Mn", "Me", "Cf", "Lm"))  # combining, format, modifier


def read_cmap(font: bytes) -> dict[int, int]:
    """code point -> glyph id from the font's format 12 (all of Unicode) or format 4 (BMP) subtable."""
    cps, glyphs = _cmap_arrays(font)
    return dict(zip(cps.tolist(), glyphs.tolist()))


def one_code_point_per_glyph(cmap: dict[int, int]) -> dict[int, int]:
    """cmap without the code points that come before a glyph's proper character and would shadow it."""
    cps = np.array(sorted(cmap), dtype=np.int64)
    glyphs = np.array([cmap[c] for c in cps.tolist()], dtype=np.int64)
    keep = _keep(cps, glyphs)
    return dict(zip(cps[keep].tolist(), glyphs[keep].tolist()))


@lru_cache(maxsize=2)
def fixed_font_file(path: str) -> bytes:
    """fixed_font of the font file at `path`, read and fixed once a process: scene.fonts registers it and
    messages.glyphs reads its character map from the same bytes. OSError, ValueError or struct.error if it cannot."""
    return fixed_font(Path(path).read_bytes())


def fixed_font(font: bytes) -> bytes:
    """The font with its cmap replaced by one_code_point_per_glyph of it (see the module's docstring)."""
    cps, glyphs = _cmap_arrays(font)
    keep = _keep(cps, glyphs)
    return _replace_table(font, b"cmap", _build_cmap(cps[keep], glyphs[keep]))


def _keep(cps: np.ndarray, glyphs: np.ndarray) -> np.ndarray:
    """Which (sorted) entries stay: only the few glyphs with several code points are looked at."""
    _unique, inverse, counts = np.unique(glyphs, return_inverse=True, return_counts=True)
    keep = np.ones(len(cps), dtype=bool)
    by_glyph: dict[int, list[int]] = {}
    for i in np.flatnonzero(counts[inverse] > 1).tolist():
        by_glyph.setdefault(int(glyphs[i]), []).append(i)
    for rows in by_glyph.values():
        proper = min(int(cps[i]) for i in rows if not shadowing(int(cps[i]))) if any(
            not shadowing(int(cps[i])) for i in rows) else int(cps[rows[0]])
        for i in rows:
            if cps[i] < proper:
                keep[i] = False
    return keep


# ---- reading -------------------------------------------------------------------------------------------

def _tables(font: bytes) -> dict[bytes, tuple[int, int]]:
    n = struct.unpack_from(">H", font, 4)[0]
    out = {}
    for i in range(n):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        out[tag] = (offset, length)
    return out


def _cmap_arrays(font: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(code points ascending, their glyph ids) from the best Unicode subtable."""
    tables = _tables(font)
    if b"cmap" not in tables:
        raise ValueError("the font has no cmap table")
    base, _length = tables[b"cmap"]
    _version, n = struct.unpack_from(">HH", font, base)
    subtables = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", font, base + 4 + 8 * i)
        fmt = struct.unpack_from(">H", font, base + offset)[0]
        subtables[(fmt, platform, encoding)] = base + offset
    for key in ((12, 3, 10), (12, 0, 4), (12, 0, 6)):
        if key in subtables:
            cps, glyphs = _read_format12(font, subtables[key])
            break
    else:
        for key in ((4, 3, 1), (4, 0, 3), (4, 0, 1)):
            if key in subtables:
                cmap = _read_format4(font, subtables[key])
                cps, glyphs = np.array(list(cmap), dtype=np.int64), np.array(list(cmap.values()), dtype=np.int64)
                break
        else:
            raise ValueError("the font has no Unicode cmap (format 4 or 12)")
    order = np.argsort(cps, kind="stable")
    return cps[order], glyphs[order]


def _read_format12(font: bytes, at: int) -> tuple[np.ndarray, np.ndarray]:
    n = struct.unpack_from(">I", font, at + 12)[0]
    groups = np.frombuffer(font, dtype=">u4", count=3 * n, offset=at + 16).reshape(n, 3).astype(np.int64)
    lengths = groups[:, 1] - groups[:, 0] + 1
    group = np.repeat(np.arange(n), lengths)                              # which group each code point is in
    step = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return groups[group, 0] + step, groups[group, 2] + step


def _read_format4(font: bytes, at: int) -> dict[int, int]:
    seg = struct.unpack_from(">H", font, at + 6)[0] // 2
    ends = struct.unpack_from(f">{seg}H", font, at + 14)
    starts = struct.unpack_from(f">{seg}H", font, at + 16 + 2 * seg)
    deltas = struct.unpack_from(f">{seg}h", font, at + 16 + 4 * seg)
    range_at = at + 16 + 6 * seg
    offsets = struct.unpack_from(f">{seg}H", font, range_at)
    out = {}
    for i in range(seg):
        for cp in range(starts[i], ends[i] + 1):
            if cp == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (cp + deltas[i]) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", font, range_at + 2 * i + offsets[i] + 2 * (cp - starts[i]))[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                out[cp] = glyph
    return out


# ---- writing -------------------------------------------------------------------------------------------

def _run_starts(cps: np.ndarray, glyphs: np.ndarray | None = None) -> np.ndarray:
    """Indices where a run of consecutive code points (and, if given, consecutive glyphs) begins."""
    cont = np.diff(cps) == 1
    if glyphs is not None:
        cont &= np.diff(glyphs) == 1
    return np.concatenate([[0], np.flatnonzero(~cont) + 1])


def _format4(cps: np.ndarray, glyphs: np.ndarray) -> bytes:
    """BMP subtable: one segment per run of consecutive code points, by idDelta when the glyph ids are
    consecutive too, else through glyphIdArray."""
    bmp = cps < 0xFFFF
    cps, glyphs = cps[bmp], glyphs[bmp]
    starts = _run_starts(cps)
    ends = np.concatenate([starts[1:], [len(cps)]]) - 1
    delta = glyphs - cps
    # a run is by idDelta when delta is the same all along it
    same = np.ones(len(starts), dtype=bool)
    changes = np.flatnonzero(np.diff(delta) != 0) + 1  # positions where delta changes from the one before
    run_of = np.searchsorted(starts, changes, side="right") - 1
    same[run_of[changes != starts[run_of]]] = False
    by_array = ~same
    lengths = ends - starts + 1
    array_pos = np.cumsum(np.where(by_array, lengths, 0)) - np.where(by_array, lengths, 0)
    n = len(starts) + 1  # and the required last segment 0xFFFF
    index = np.arange(n - 1)
    seg_start = np.append(cps[starts], 0xFFFF)
    seg_end = np.append(cps[ends], 0xFFFF)
    seg_delta = np.append(np.where(by_array, 0, delta[starts] & 0xFFFF), 1)
    seg_range = np.append(np.where(by_array, 2 * (n - index) + 2 * array_pos, 0), 0)
    array = glyphs[np.repeat(by_array, lengths)]
    search = 2 * (1 << (n.bit_length() - 1))
    body = (seg_end.astype(">u2").tobytes() + b"\0\0" + seg_start.astype(">u2").tobytes()
            + seg_delta.astype(">u2").tobytes() + seg_range.astype(">u2").tobytes() + array.astype(">u2").tobytes())
    length = 14 + len(body)
    if length > 0xFFFF or seg_range.max() > 0xFFFF:
        raise ValueError("the BMP cmap does not fit a format 4 subtable")
    return struct.pack(">7H", 4, length, 0, 2 * n, search, search.bit_length() - 2, 2 * n - search) + body


def _format12(cps: np.ndarray, glyphs: np.ndarray) -> bytes:
    starts = _run_starts(cps, glyphs)
    ends = np.concatenate([starts[1:], [len(cps)]]) - 1
    groups = np.stack([cps[starts], cps[ends], glyphs[starts]], axis=1)
    body = groups.astype(">u4").tobytes()
    return struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body


def _build_cmap(cps: np.ndarray, glyphs: np.ndarray) -> bytes:
    f4, f12 = _format4(cps, glyphs), _format12(cps, glyphs)
    header = 4 + 8 * 3
    records = [(0, 3, header), (3, 1, header), (3, 10, header + len(f4))]  # (0,3) and (3,1) share one
    return struct.pack(">HH", 0, len(records)) + b"".join(struct.pack(">HHI", *r) for r in records) + f4 + f12


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return int(np.frombuffer(padded, dtype=">u4").sum(dtype=np.uint64)) & 0xFFFFFFFF


def _replace_table(font: bytes, tag: bytes, new: bytes) -> bytes:
    """The sfnt with one table's data replaced: offsets, that table's checksum and head.checkSumAdjustment
    redone. The whole file's checksum is the sum of its directory's words and its tables' checksums, so
    the 6 MB of untouched tables are copied once and never summed again."""
    n = struct.unpack_from(">H", font, 4)[0]
    records = [list(struct.unpack_from(">4sIII", font, 12 + 16 * i)) for i in range(n)]  # tag, sum, offset, length
    sizes = {r[0]: (len(new) if r[0] == tag else r[3]) for r in records}
    offset, placed = 12 + 16 * n, {}
    for r in sorted(records, key=lambda r: r[2]):  # the tables' data keep their original order
        placed[r[0]] = offset
        offset += sizes[r[0]] + (-sizes[r[0]] % 4)
    out = bytearray(offset)
    out[:12] = font[:12]
    view = memoryview(font)
    for r in records:
        at = placed[r[0]]
        out[at:at + sizes[r[0]]] = new if r[0] == tag else view[r[2]:r[2] + r[3]]
    if b"head" in placed:  # checkSumAdjustment is zero while the sums are taken
        struct.pack_into(">I", out, placed[b"head"] + 8, 0)
    for i, r in enumerate(records):  # the directory stays sorted by tag, as it was
        if r[0] in (tag, b"head"):
            at = placed[r[0]]
            r[1] = _checksum(bytes(out[at:at + sizes[r[0]]]))
        struct.pack_into(">4sIII", out, 12 + 16 * i, r[0], r[1], placed[r[0]], sizes[r[0]])
    if b"head" in placed:
        total = _checksum(bytes(out[:12 + 16 * n])) + sum(r[1] for r in records)
        struct.pack_into(">I", out, placed[b"head"] + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(out)
