"""The export formats, one registry per kind of export, {suffix: Format}: a picture of one moment, a deck of
slides, a video, the numbers, and a comparison of two classes as a picture or a deck. The CLI (its checks,
its help) and the window's file dialogs (their filters) read these tables, and the writers are found here,
so a new format is one writer and one line below.

No Qt here: a Format names its writer ("module:function" in classroom_gui.export), imported on first use,
so checking a command line's output path never loads Qt.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from ..messages.phrase import Phrase


@dataclass(frozen=True)
class Format:
    label: str      # its name in a file dialog's filter: "PNG", "PowerPoint"
    writer: str | Callable  # "module:function" in classroom_gui.export (or the function itself); a kind's
                            # writers share one signature (below)

    def write(self, *args, **kwargs):
        if callable(self.writer):
            return self.writer(*args, **kwargs)
        module, function = self.writer.split(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), function)(*args, **kwargs)


# writer(frame, tmp, size, theme, transparent, svg_text): one moment into the temporary file tmp
PICTURES = {".png": Format("PNG", "pictures:write_png"),
            ".svg": Format("SVG", "pictures:write_svg"),
            ".pdf": Format("PDF", "pictures:write_pdf")}
# writer(frames, tmp, size, theme, progress); "" is a folder of numbered PNGs (written in place of tmp)
DECKS = {".pptx": Format("PowerPoint", "deck:write_pptx"),
         ".pdf": Format("PDF", "deck:write_pdf"),
         "": Format("", "deck:write_folder")}
# writer(pictures, count, tmp, fps, size, progress): pictures is an iterable of QImages
VIDEOS = {".mp4": Format("MP4", "video:write_mp4"),
          ".gif": Format("GIF", "video:write_gif")}
# writer(frame, selection, tmp, left_out=None): every number a picture shows (export --json)
NUMBERS = {".json": Format("JSON", "frame_json:write_frame_json")}
# two classes side by side (export.compare; a comparison's video is a VIDEOS writer's):
# writer(pair, tmp, size, theme, lang): one moment of both classes into the temporary file tmp
COMPARE_PICTURES = {".png": Format("PNG", "compare:write_png"),
                    ".pdf": Format("PDF", "compare:write_pdf")}
# writer(pairs, tmp, size, theme, lang, progress); "" is a folder of numbered PNGs (written in place of tmp)
COMPARE_DECKS = {".pdf": Format("PDF", "compare:write_deck_pdf"),
                 "": Format("", "compare:write_deck_folder")}
KINDS = {"picture": PICTURES, "deck": DECKS, "video": VIDEOS, "numbers": NUMBERS,
         "compare picture": COMPARE_PICTURES, "compare deck": COMPARE_DECKS}


def file_filter(kind: str) -> str:
    """The file dialog's filter for a kind, its formats in order: "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"."""
    return ";;".join(f"{f.label} (*{suffix})" for suffix, f in KINDS[kind].items() if suffix)


def output_names(kind: str, file: str = "FILE"):
    """The CLI's words for a kind's output, said in a language later: "FILE.png, FILE.svg or FILE.pdf", 「FILE.png、
    FILE.svgかFILE.pdf」 ("FOLDER/" for a folder); a Phrase, or the one name when the kind has one."""
    names = [f"{file}{suffix}" if suffix else "FOLDER/" for suffix in KINDS[kind]]
    return names[0] if len(names) == 1 else Phrase("cli.help.files", names=tuple(names[:-1]), last=names[-1])


def output_help(kind: str, file: str = "FILE") -> str:
    """output_names in English: "FILE.png, FILE.svg or FILE.pdf"."""
    return str(output_names(kind, file))
