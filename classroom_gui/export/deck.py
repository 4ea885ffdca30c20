"""A whole lesson as slides, one per step or per chapter: a PPTX (16:9; title and narration as text boxes
around the picture, speaker notes on where to point and what to redo: deck_pptx), a multi-page PDF, or a folder
of numbered PNGs with notes.txt (title, narration and speaker notes). save_slides and write_png_folder also write a comparison's decks (export.compare).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from PySide6.QtGui import QImage

from ..lesson.frame import Frame
from ..scene.classroom import ClassroomScene
from ..scene.palette import Theme
from ..scene.render import paint_scene, render_frame
from .files import ExportError, Progress, atomic_folder, atomic_path, check_target, tick
from .formats import DECKS
from .pictures import pdf_pages
from .png import save_png


def save_deck(frames: list[Frame], path, size=(1920, 1080), theme: Theme | None = None,
              progress: Progress | None = None) -> Path:
    return save_slides(frames, path, DECKS, size, theme, progress)


def save_slides(slides: list, path, registry: dict, *args) -> Path:
    """The slides (Frames, or a comparison's Pairs) by the writer `registry` holds for `path`'s suffix: a
    folder for no suffix, else a file written whole or not at all. `args` follow the kind's signature."""
    path = Path(path)
    if not slides:
        raise ExportError("error.class_empty")
    if path.suffix == "" or path.is_dir():
        return registry[""].write(slides, path, *args)
    path = check_target(path, registry)
    with atomic_path(path) as tmp:
        registry[path.suffix.lower()].write(slides, tmp, *args)
    return path


def write_png_folder(slides: Iterable[tuple[QImage, str]], count: int, path: Path, progress) -> Path:
    """(picture, note) pairs as 001.png, 002.png, … and notes.txt ("001.png<TAB>note" a line): the whole
    folder, or none of it."""
    with atomic_folder(path) as tmp:
        notes = []
        for i, (image, note) in enumerate(slides):
            save_png(image, tmp / f"{i + 1:03d}.png", alpha=False)
            notes.append(f"{i + 1:03d}.png\t{note}")
            tick(progress, i + 1, count)
        (tmp / "notes.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    return path


def write_folder(frames, path: Path, size, theme, progress) -> Path:
    """A deck as numbered PNGs; notes.txt says each slide's title, narration and the speaker notes a PPTX slide
    carries (deck_pptx.slide_notes: it held title and narration only), one line a slide: "001.png<TAB>title<TAB>
    narration<TAB>notes", the notes' paragraphs and lines joined by a space."""
    from .deck_pptx import board_lines, slide_notes

    scene = ClassroomScene(theme=theme)
    # each picture drawn before its notes, which redo a line its board draws (deck_pptx.board_lines)
    slides = ((render_frame(f, size, theme, scene=scene, whole=True),
               f"{f.title}\t{f.narration}\t{one_line(slide_notes(f, board_lines(scene)))}") for f in frames)
    return write_png_folder(slides, len(frames), path, progress)


def one_line(text: str) -> str:  # a note's paragraphs and lines as one line of a tab-separated file
    return re.sub(r"\s*[\n\t]\s*", " ", text).strip()


def write_pdf(frames, tmp: Path, size, theme, progress) -> None:
    scene = ClassroomScene(theme=theme)
    with pdf_pages(tmp, size, frames[0].title) as (writer, painter):  # checked, written when complete
        for i, frame in enumerate(frames):
            if i:
                writer.newPage()
            scene.set_frame(frame, theme)
            paint_scene(scene, painter, writer.width(), writer.height(), vector=True, whole=True)
            tick(progress, i + 1, len(frames))


def write_pptx(frames, tmp: Path, size, theme, progress) -> None:
    from .deck_pptx import save_pptx

    save_pptx(frames, tmp, size, theme, lambda done, total: tick(progress, done, total))
