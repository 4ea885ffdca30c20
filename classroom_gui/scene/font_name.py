"""The bundled font's bytes renamed: its 'name' table rewritten so that the fixed font (font_cmap) has a
family name of its own. Pure Python, no Qt.

Why: the fixed IPAex Gothic kept the family name "IPAexGothic". On a machine with IPAex Gothic installed
(common on Japanese Linux desktops) Qt then matched the system's file, with its original cmap, and PDFs
said ⾃⼰紹介 for 自己紹介 again. Under a name no system font has, Qt can only pick the fixed copy. (The IPA
Font License also asks that a changed font not go by the original's name.)
"""
from __future__ import annotations

import struct

from ..messages.font_cmap import _replace_table, _tables

FAMILY = "Classroom Gothic"  # the fixed copy's family: what every QFont on the canvas and in exports asks for
# name ids that carry the family: family, unique id, full name, PostScript name, typographic family, WWS family
_FAMILY_IDS = {1: FAMILY, 3: FAMILY + " Regular", 4: FAMILY, 6: FAMILY.replace(" ", "-"), 16: FAMILY, 21: FAMILY}


def renamed(font: bytes, family_ids: dict[int, str] | None = None) -> bytes:
    """The font with every family-naming record (any platform, any language) replaced by our own name."""
    names = _FAMILY_IDS if family_ids is None else family_ids
    if b"name" not in _tables(font):
        raise ValueError("the font has no name table")
    records, pool = [], bytearray()
    for platform, encoding, language, name_id, data in _records(font):
        if name_id in names:
            text = names[name_id]
            data = text.encode("utf-16-be") if platform in (0, 3) else text.encode("latin-1")
        records.append((platform, encoding, language, name_id, len(data), len(pool)))
        pool += data
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))  # format 0: no language tags
    table = header + b"".join(struct.pack(">6H", *r) for r in records) + bytes(pool)
    return _replace_table(font, b"name", table)


def family_names(font: bytes) -> set[str]:
    """Every family name (id 1 and 16) the font gives, in any language (for tests and checks)."""
    return {data.decode("utf-16-be" if platform in (0, 3) else "latin-1")
            for platform, _enc, _lang, name_id, data in _records(font) if name_id in (1, 16)}


def _records(font: bytes):
    """The name table's records in order: (platform, encoding, language, name id, the string's bytes)."""
    base, _length = _tables(font)[b"name"]
    _fmt, count, strings_at = struct.unpack_from(">HHH", font, base)
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(">6H", font, base + 6 + 12 * i)
        at = base + strings_at + offset
        yield platform, encoding, language, name_id, font[at:at + length]
