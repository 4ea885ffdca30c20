"""A whole lesson as slides, one per step or per chapter: a PPTX (16:9; title and narration as text boxes
around the picture, the narration also in the speaker notes: deck_pptx), a multi-page PDF, or a folder
of numbered PNGs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..lesson.frame import Frame
from ..scene.classroom import ClassroomScene
from ..scene.palette import Theme
from ..scene.render import render_frame
from .files import Cancelled, ExportError, atomic_folder, atomic_path, check_target
from .formats import DECKS
from .pictures import paint_scene, pdf_pages
from .png import save_png

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


def save_deck(frames: list[Frame], path, size=(1920, 1080), theme: Theme | None = None,
              progress: Progress | None = None) -> Path:
    path = Path(path)
    if not frames:
        raise ExportError("there is nothing to export: the class is empty")
    if path.suffix == "" or path.is_dir():
        return DECKS[""].write(frames, path, size, theme, progress)
    path = check_target(path, DECKS)
    with atomic_path(path) as tmp:
        DECKS[path.suffix.lower()].write(frames, tmp, size, theme, progress)
    return path


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled()


def write_folder(frames, path: Path, size, theme, progress) -> Path:  # the whole folder, or none of it
    scene = ClassroomScene(theme=theme)
    with atomic_folder(path) as tmp:
        notes = []
        for i, frame in enumerate(frames):
            save_png(render_frame(frame, size, theme, scene=scene), tmp / f"{i + 1:03d}.png", alpha=False)
            notes.append(f"{i + 1:03d}.png\t{frame.title}\t{frame.narration}")
            _tick(progress, i + 1, len(frames))
        (tmp / "notes.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    return path


def write_pdf(frames, tmp: Path, size, theme, progress) -> None:
    scene = ClassroomScene(theme=theme)
    with pdf_pages(tmp, size, frames[0].title) as (writer, painter):  # checked, written when complete
        for i, frame in enumerate(frames):
            if i:
                writer.newPage()
            scene.show_frame(frame, theme)
            paint_scene(scene, painter, writer.width(), writer.height(), False)
            _tick(progress, i + 1, len(frames))


def write_pptx(frames, tmp: Path, size, theme, progress) -> None:
    from .deck_pptx import save_pptx

    save_pptx(frames, tmp, size, theme, lambda done, total: _tick(progress, done, total))
