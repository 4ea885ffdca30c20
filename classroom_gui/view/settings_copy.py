"""What the settings file held but the app could not read (view.settings): the file as it was, kept beside it as
classroom-gui.conf.bak before anything writes over it, and what the window says of it once (teacher26 H1, L2: a file
cut at its last lines lost the what-if edits without a word, and the next save wrote over the good copy too).
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from ..messages.phrase import FileName, Phrase

MAX_FILE = 1 << 20          # bytes: our settings are a few kB; a bigger file is not ours
log = logging.getLogger("classroom_gui")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def keep_copy(path: Path, data: bytes | None = None) -> Path | None:
    """The settings file as it was (`data`, else as it is now) copied to backup_path, written whole or not at all,
    before the app rewrites what it could not read; None when it could not be written (logged)."""
    from ..export.files import ExportError, atomic_path

    try:
        if data is None:
            data = path.read_bytes()[:MAX_FILE]
        with atomic_path(backup_path(path)) as tmp:
            tmp.write_bytes(data[:MAX_FILE])
        backup_path(path).chmod(path.stat().st_mode & 0o777)  # a private settings file's copy is private too
    except (OSError, ExportError) as exc:
        log.warning("settings %s: cannot keep a copy (%s)", path, exc)
        return None
    return backup_path(path)


def unread_note(store: QSettings, edits: bool, lost: tuple | None = None) -> Phrase | None:
    """What the window says once of a file it could not read whole: what of the last session a damaged file left out
    (`lost`: settings._left_out's (edits, step); teacher29 M1), the damaged lines clean_file dropped, or what-if edits
    without the sentence they were made for, and where the file as it was is kept (keep_copy), as the next save writes
    over them (teacher26 H1, L2); None when all was read."""
    dropped = getattr(store, "dropped", 0)
    if not (dropped or edits):
        return None
    path = Path(store.fileName())
    copy = backup_path(path) if dropped else keep_copy(path)
    kept = Phrase("settings.kept_copy", path=FileName(copy)) if copy is not None and copy.exists() else Phrase("settings.no_copy")
    if dropped and lost is not None:
        return Phrase("settings.left_out", what=_what(*lost), kept=kept)
    if edits:  # (each key written out: test_export_errors reads every Phrase's key as a literal or a choice of two)
        return Phrase("settings.unread_edits", kept=kept)
    if dropped == 1:
        return Phrase("settings.dropped_one", kept=kept)
    return Phrase("settings.dropped", n=dropped, kept=kept)


def _what(edits: int | None, step: int | None, sentence: bool = False) -> Phrase:
    """The last session's sentence (where it was lost: polish25 3), what-if edits (how many: None where a cut line
    cannot say, 0 for none kept) and step (its index, or None), as a damaged file's note lists them: "the 3 what-if
    edits and step 15", "the sentence, the 3 what-if edits and step 15"."""
    if sentence:
        rest = _what(edits, step) if edits != 0 or step is not None else None
        if rest is None:
            return Phrase("settings.sentence")
        if edits != 0 and step is not None:
            return Phrase("settings.sentence_all", rest=rest)
        return Phrase("settings.sentence_and", rest=rest)
    if edits is None:
        said = Phrase("settings.some_edits")
    elif edits == 1:
        said = Phrase("settings.one_edit")
    else:
        said = Phrase("settings.n_edits", n=edits)
    if step is None:
        return said
    at = Phrase("settings.at_step", step=step + 1)
    return at if edits == 0 else Phrase("settings.both", edits=said, step=at)
