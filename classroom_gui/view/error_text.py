"""Why an export failed, in the window's language: the exports say it in English, for the CLI and the log
(export.files.explain and the checks beside it), and a Japanese window showed that English under a Japanese
title (teacher5 L2: 「書き出せませんでした」 over "/proc: cannot write files in this folder; nothing was written").

Each English message the exports write is matched by its shape and said again with the paths and numbers it
names; a message of another shape stays as it is (tests/test_export.py makes the real ones and checks each is
matched). No Qt: the message box is the caller's.
"""
from __future__ import annotations

import re

from ..lesson.strings import text

PATH = r"(?P<path>.+?)"
# (English shape, key of the UI's sentence); the named groups fill the sentence, first match wins
SHAPES = [
    (rf"^{PATH}: cannot write files in this folder; nothing was written$", "error.unwritable_folder"),
    (rf"^{PATH}: no permission to write here$", "error.no_permission"),
    (rf"^{PATH}: the disk is full \(or the file is larger than allowed\); nothing was written$", "error.disk_full"),
    (rf"^{PATH}: ffmpeg stopped while writing the video, most likely because the disk is full; nothing was "
     rf"written$", "error.ffmpeg_stopped"),
    (rf"^{PATH}: .+, most likely because the disk is full; nothing was written$", "error.disk_full"),
    (rf"^{PATH}: folder not found$", "error.folder_not_found"),
    (rf"^{PATH}: is a folder; give a file name, e\.g\. (?P<example>.+)$", "error.is_folder_example"),
    (rf"^{PATH}: is a folder$", "error.is_folder"),
    (rf"^{PATH}: already exists and is not an empty folder$", "error.folder_not_empty"),
    (rf"^{PATH}: unknown file type '(?P<suffix>[^']*)'; use (?P<names>.+)$", "error.unknown_type"),
    (rf"^(?P<missing>.+?): not found \(needed to write (?P<name>.+)\)$", "error.needed_missing"),
    (r"^video size (?P<w>\d+)x(?P<h>\d+) must have even sides \(H\.264 needs them\)$", "error.odd_video"),
    (r"^size (?P<w>\d+)x(?P<h>\d+) is out of range \((?P<lo>\d+) to (?P<hi>\d+) pixels a side\)$", "error.size_range"),
    (r"^export cancelled; no file was written$", "error.cancelled"),
    (r"^there is nothing to export(: the class is empty)?$", "ui.export_empty"),
    (rf"^{PATH}: nothing was written$", "error.nothing_written"),
]
COMPILED = [(re.compile(shape, re.S), key) for shape, key in SHAPES]


def said(lang: str, message: str) -> str:
    """`message` (an export's English reason) in `lang`; English, or a shape not known here, as it is."""
    if lang == "en":
        return message
    for shape, key in COMPILED:
        found = shape.match(message)
        if found:
            values = {k: v for k, v in found.groupdict().items() if v is not None}
            if key == "error.unknown_type":
                values["suffix"] = values["suffix"] if values["suffix"] != "(none)" else ""
                values["names"] = values["names"].replace("a folder", text(lang, "error.a_folder"))
            return text(lang, key, **values)
    return message
