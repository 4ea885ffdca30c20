"""The settings file read as text before Qt reads it (view.settings: open_store). Qt parses a whole INI section as soon
as one key is read, and a value like `@Variant(\\0\\0\\0\\t\\x7f\\xff\\xff\\xff)` (a list claiming 2^31 entries) makes it
abort with std::bad_alloc, which no Python code can catch. So each line is kept only if it is one of our keys with the
kind of value we write (plain text, or @ByteArray for the geometry) and a sane size, and whole (a last line without its
newline was cut while written: teacher29 H1); every other line is dropped, the file as it was kept beside it
(settings_copy.keep_copy), and the rest of the settings still load.

Then, for view.settings, the file's values and model sections as QSettings reads and writes them: a value read (none
where Qt cannot convert it), a section's `used` count and sentence, the place values written, a section saved and the
oldest beyond MAX_MODELS removed, and [General]'s whole copy kept in a damaged section.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..messages.fit import shortened
from .settings_copy import MAX_FILE, keep_copy

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

MAX_SENTENCE = 10_000       # characters
MAX_MODELS = 8              # model sections kept, the ones used longest ago going first
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
    "compared": (re.compile(r'^(?:"(?:@@|[^@])|@@|[^"@])'), 8 * MAX_SENTENCE + 64),  # View → Compare's last sentence
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


def read_value(store: QSettings, key: str):
    try:
        return store.value(key)
    except Exception:  # a value Qt cannot convert for Python: as if it were missing
        log.warning("settings: cannot read %r", key, exc_info=True)
        return None


def whole_sentence(sentence) -> bool:
    return isinstance(sentence, str) and 0 < len(sentence) <= MAX_SENTENCE


def model_sections(store: QSettings) -> list[str]:
    """The ids of the models with a section of their own ([] where the store cannot say)."""
    try:
        groups = store.childGroups()
    except Exception:  # as read_value: a store that cannot be read is as if it had none
        log.warning("settings: cannot read the model sections", exc_info=True)
        return []
    return [g[len("model_"):] for g in groups if isinstance(g, str) and SECTION.match(f"[{g}]")]


def model_group(store: QSettings, model: str) -> QSettings:
    store.beginGroup(f"model_{model}")
    return store


def used_count(store: QSettings, model: str) -> int:
    value = read_value(model_group(store, model), "used")
    store.endGroup()
    return int(value) if isinstance(value, str) and KEYS["used"][0].match(value) else 0


def own_sentence(store: QSettings, model: str) -> str | None:
    """The sentence the model's section holds whole, or None."""
    sentence = read_value(model_group(store, model), "sentence")
    store.endGroup()
    return sentence if whole_sentence(sentence) else None


def write_values(store: QSettings, values: dict, place: bool = True) -> None:
    for key, value in values.items():
        if key in PLACE and not place:
            continue
        if value is None:
            store.remove(key)
        else:
            store.setValue(key, value)


def save_section(store: QSettings, model: str, values: dict) -> None:
    """The model's own place in its section, marked used last; the sections beyond MAX_MODELS used longest ago go."""
    used = {m: used_count(store, m) for m in model_sections(store)}
    if used.get(model, -1) < max(used.values(), default=0) or model not in used:
        used[model] = max(used.values(), default=0) + 1
    write_values(model_group(store, model), dict(values, used=str(used[model])))
    store.endGroup()
    getattr(store, "damaged", {}).pop(f"[model_{model}]", None)  # whole again: its own, not [General]'s old copy
    for old in sorted(used, key=used.get)[:max(0, len(used) - MAX_MODELS)]:
        store.remove(f"model_{old}")


def keep_general_copy(store: QSettings, sid: str, place: dict, sentence: str) -> None:
    """[General]'s whole copy (its `place` values, as settings._place_values writes them, in `sentence`) written into
    the damaged (or lost) section at once, as settings.sessions() reads it, so that a save on another model cannot
    write over the only copy (review31 #4: the next start lost the sentence, edits and step)."""
    used = {m: used_count(store, m) for m in model_sections(store)}  # (the section lost, or its `used` line: it
    # was used last)
    extra = {} if used.get(sid) else {"used": str(max(used.values(), default=0) + 1)}
    own = own_sentence(store, sid) if sid in used else None
    write_values(model_group(store, sid), dict(place, sentence=own or sentence, **extra))
    store.endGroup()
    store.sync()
