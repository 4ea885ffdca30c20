"""The settings file read as text before Qt reads it (view.settings: open_store). Qt parses a whole INI section as soon
as one key is read, and a value like `@Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)` (a list claiming 2^31 entries) makes it
abort with std::bad_alloc, which no Python code can catch. So each line is kept only if it is one of our keys with the
kind of value we write (plain text, or @ByteArray for the geometry) and a sane size, and whole (a last line without its
newline was cut while written: teacher29 H1); every other line is dropped, the file as it was kept beside it
(settings_copy.keep_copy), and the rest of the settings still load.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from ..messages.fit import shortened
from .settings_copy import MAX_FILE, keep_copy

MAX_SENTENCE = 10_000       # characters
MAX_EDITS = 256             # what-if edits kept for the shown sentence (each written in under 64 bytes)
# key -> (pattern the raw INI value must match, most bytes it may have). Qt writes a string that starts
# with "@" as "@@...", so a plain value never starts with a single "@"; only the geometry is a @ByteArray.
KEYS = {
    "sentence": (re.compile(r'^(?:"(?:@@|[^@])|@@|[^"@])'), 8 * MAX_SENTENCE + 64),
    "lang": (re.compile(r"^[A-Za-z_-]{1,16}$"), 16),
    "speed": (re.compile(r"^[0-9.eE+-]{1,24}$"), 24),
    "geometry": (re.compile(r'^"?@ByteArray\('), 8192),
    "maximized": (re.compile(r"^(?:true|false)$"), 8),
    "board": (re.compile(r"^(?:true|false)$"), 8),  # the board close-up
    # where the lesson was (teacher5 M6: a lesson prepared the evening before opened on the wrong asker and head)
    "seat": (re.compile(r"^[0-9]{1,5}$"), 5),
    "asker": (re.compile(r'^(?:"(?:@@|[^@])|@@|[^"@])'), 1024),  # the word in that seat, as the sentence had it
    "layer": (re.compile(r"^[0-9]{1,5}$"), 5),
    "head": (re.compile(r"^[0-9]{1,5}$"), 5),
    "rule": (re.compile(r"^[a-z]{1,16}$"), 16),
    # the moment and the open gallery example, for the same sentence only (app.model.ClassroomModel.left_at)
    "shown": (re.compile(r"^[0-9a-f]{16}$"), 16),
    "step": (re.compile(r"^[0-9]{1,5}:[a-z0-9_.]{1,64}:[0-9]{1,5}$"), 80),
    "time": (re.compile(r"^[0-9.eE+-]{1,24}$"), 24),
    "example": (re.compile(r"^[0-9]{1,5}$"), 5),
    # that sentence's what-if edits as --set writes them, separated by spaces (teacher11 H1: quitting lost them);
    # Qt quotes a value with a comma, and each is read again by whatif.parse_edit on start
    "edits": (re.compile(r'^"?(?:q|k|v|score|mask)\[[0-9,]{1,24}\]=[0-9.eE+-]{1,32}'
                         r'(?: (?:q|k|v|score|mask)\[[0-9,]{1,24}\]=[0-9.eE+-]{1,32})*"?$'), 64 * MAX_EDITS),
    "model": (re.compile(r"^[0-9a-f]{16}$"), 16),  # the model on screen when saved: whose the sentence box is
    "used": (re.compile(r"^[0-9]{1,9}$"), 9),  # a model section's: higher was used later (the oldest goes first)
}
SECTION = re.compile(r"^\[model_[0-9a-f]{16}\]$")  # a model's own place (app.model_identity.model_id)
PLACE = ("seat", "asker", "shown", "step", "time", "example", "edits")  # where the lesson is, in the shown sentence
SESSION = ("sentence", *PLACE, "layer", "head", "rule", "used")  # a model section's keys
SPACE = " \t\r\v\f"  # what Qt trims around a key or value: a sentence's own U+3000, U+2028 at its end is kept
log = logging.getLogger("classroom_gui")


def clean_file(path: Path, damaged: dict | None = None) -> list[str]:
    """Drop every line of the settings file that is not one of our keys with a value of its kind and size;
    returns the dropped lines (for the log), and puts them in `damaged` by section ("[General]", "[model_<id>]").
    A missing or unreadable file is left to QSettings."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE + 1)
    except OSError:
        return []
    if len(data) > MAX_FILE:
        dropped, kept = ["(the whole file: larger than 1 MB)"], []
    else:
        text = data.decode("utf-8", errors="replace")
        # Qt ends every line with a newline: a last line without one was cut while written (teacher29 H1). Lines end
        # at "\n" only (a "\r" before it dropped): a sentence's U+2028, U+2029 or U+0085 is Qt's text, written raw and
        # read back whole, where str.splitlines() cut the line there (review31 #3)
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        kept, dropped = _filter(lines, cut=bool(text) and not text.endswith(("\n", "\r")),
                                damaged={} if damaged is None else damaged)
        if not dropped:
            return []
    log.warning("settings %s: dropped %d damaged line(s): %s", path, len(dropped),
                "; ".join(shortened(line, 80) for line in dropped[:3]))
    keep_copy(path, data)  # the lines dropped are not lost: the file as it was stays beside it (teacher26 H1)
    _rewrite(path, "".join(line + "\n" for line in kept or ["[General]"]))  # an empty file reads as cut short
    return dropped


def _filter(lines: list[str], cut: bool = False, damaged: dict | None = None) -> tuple[list[str], list[str]]:
    """The lines kept and those dropped; `cut`: the last line is cut short (no newline), dropped as damaged even where
    what is left of it looks whole ("sentence=My students loved the": teacher29 H1)."""
    kept, dropped, section, seen = [], [], "", set()  # seen: (section, key)
    damaged = {} if damaged is None else damaged
    for i, line in enumerate(lines):
        stripped = line.strip(SPACE)
        continued = i > 0 and lines[i - 1].endswith("\\")  # Qt joins a line ending in \ with the next
        if continued or stripped.endswith("\\") or (cut and i == len(lines) - 1 and stripped):
            dropped.append(line)
            damaged.setdefault(section or "[General]", []).append(line)
            continue
        if not stripped:
            continue
        if stripped.startswith("["):
            section = stripped
            if section == "[General]" or SECTION.match(section):
                kept.append(section)
            continue
        key, sep, value = stripped.partition("=")
        key, value = key.strip(SPACE), value.strip(SPACE)
        check = KEYS.get(key)
        ours = key in SESSION if SECTION.match(section) else section == "[General]" and key != "used"
        if (not ours or not sep or check is None or (section, key) in seen or len(value.encode()) > check[1]
                or not check[0].match(value) or _unclosed(value)):
            dropped.append(line)
            damaged.setdefault(section or "[General]", []).append(line)
            continue
        seen.add((section, key))
        kept.append(f"{key}={value}")
    if kept and kept[0] != "[General]":
        kept.insert(0, "[General]")
    return kept, dropped


def _unclosed(value: str) -> bool:
    """A value Qt quoted whose closing quote is missing (`sentence="猫が`, cut or edited by hand): Qt reads on through
    the next lines as its text (the section's other keys became the sentence). Qt escapes a quote inside as \\"."""
    return value.startswith('"') and not _CLOSED.search(value[1:])


_CLOSED = re.compile(r'(?:^|[^\\])(?:\\\\)*"$')  # ends in a quote that no backslash escapes


def _rewrite(path: Path, text: str) -> None:
    """Replace the file with the kept lines through export.files.atomic_path (never half-written; the file
    keeps its mode, e.g. 0600); if that fails the file is removed and the app starts from the defaults."""
    from ..export.files import ExportError, atomic_path

    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except ExportError as exc:
        log.warning("settings %s: cannot rewrite (%s); starting from the defaults", path, exc)
        try:
            path.unlink()
        except OSError:
            pass
