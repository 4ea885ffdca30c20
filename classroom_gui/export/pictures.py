"""One moment of the lesson as a picture: PNG at any size, SVG and PDF as vectors (PDF text is text; SVG
text is outlines with the words kept for search, or text with the font embedded), or an image for the
clipboard. The frame is drawn by the same ClassroomScene as the window.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ..lesson.frame import Frame
from ..scene.classroom import ClassroomScene
from ..scene.palette import Theme
from ..scene.render import paint_scene, render_frame
from .files import ExportError, atomic_path, check_target
from .formats import PICTURES
from .png import save_png
from .svg_text import SVG_TEXT, finish_svg


def save_picture(frame: Frame, path, size=(1920, 1080), theme: Theme | None = None, transparent: bool = False,
                 svg_text: str = "outline") -> Path:
    """`svg_text`: an SVG's words as glyph outlines (renders without the font) or as text with the font
    embedded (export.svg_text)."""
    path = check_target(Path(path), PICTURES)
    if svg_text not in SVG_TEXT:
        raise ExportError("error.svg_text", names=tuple(SVG_TEXT), given=svg_text)
    with atomic_path(path) as tmp:
        write_picture(frame, tmp, path.suffix.lower(), size, theme, transparent, svg_text)
    return path


class Drawn(NamedTuple):
    """What a picture's board drew: how many of its lines it left out (a "… (+k)"), and whether it is the lesson's
    short board (Frame.board_short: a long list's named students and gaps, drawn where the whole list does not fit)."""
    left_out: int
    short: bool


def write_picture(frame: Frame, tmp: Path, kind: str, size=(1920, 1080), theme: Theme | None = None,
                  transparent: bool = False, svg_text: str = "outline") -> Drawn:
    """The picture of type `kind` (".png", ".svg", ".pdf": a suffix of formats.PICTURES) written to `tmp` (a
    temporary of files.atomic_paths) by that format's writer; what its board drew (Drawn)."""
    return PICTURES[kind].write(frame, tmp, size, theme, transparent, svg_text)


def write_png(frame: Frame, tmp: Path, size, theme, transparent: bool, _svg_text: str) -> Drawn:
    scene = ClassroomScene(theme=theme)
    save_png(render_frame(frame, size, theme, transparent, scene, whole=True), tmp, alpha=transparent)
    return _drawn(scene)


def write_svg(frame: Frame, tmp: Path, size, theme, transparent: bool, svg_text: str) -> Drawn:
    scene = _scene_of(frame, theme)
    _save_svg(scene, tmp, size, frame.title, transparent)
    finish_svg(tmp, svg_text)
    return _drawn(scene)


def write_pdf(frame: Frame, tmp: Path, size, theme, transparent: bool, _svg_text: str) -> Drawn:
    scene = _scene_of(frame, theme)
    _save_pdf(scene, tmp, size, frame.title, transparent)
    return _drawn(scene)


def _drawn(scene: ClassroomScene) -> Drawn:
    return Drawn(scene.board.lines.left_out(), scene.board.lines.isVisible() and scene.board.short_drawn)


def _scene_of(frame: Frame, theme) -> ClassroomScene:
    scene = ClassroomScene(theme=theme)
    scene.set_frame(frame, theme)
    return scene


def _save_svg(scene: ClassroomScene, tmp: Path, size, title: str, transparent: bool) -> None:
    from PySide6.QtSvg import QSvgGenerator

    w, h = size
    buffer = _memory()
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRect(0, 0, w, h))
    gen.setTitle(title or "Attention Classroom")
    painter = _begin(gen, tmp)
    try:
        paint_scene(scene, painter, w, h, transparent, vector=True, whole=True)
    finally:
        ended = painter.end()
    _write(tmp, buffer, ended)


def _save_pdf(scene: ClassroomScene, tmp: Path, size, title: str, transparent: bool) -> None:
    with pdf_pages(tmp, size, title) as (writer, painter):
        paint_scene(scene, painter, writer.width(), writer.height(), transparent, vector=True, whole=True)


# Qt's SVG and PDF writers do not report a failed write (a full disk gave a cut file and "wrote"): they draw
# into memory, and Python writes the bytes, where a failure raises OSError.

def _memory() -> QBuffer:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def _begin(device, tmp: Path) -> QPainter:
    painter = QPainter(device)
    if not painter.isActive():
        raise ExportError("error.qt_start", name=tmp.name)
    return painter


def _write(tmp: Path, buffer: QBuffer, ended: bool) -> None:
    if not ended:
        raise ExportError("error.qt_finish", name=tmp.name)
    data = bytes(buffer.data())
    buffer.close()
    with open(tmp, "wb") as f:  # OSError (a full disk) reaches files.atomic_paths, which explains it
        f.write(data)


@contextmanager
def pdf_pages(tmp: Path, size, title: str):
    """Yields (QPdfWriter, QPainter) drawing a PDF in memory; on leaving, the PDF is written to `tmp`."""
    buffer = _memory()
    writer = pdf_writer(buffer, size, title)
    painter = _begin(writer, tmp)
    try:
        yield writer, painter
    finally:
        ended = painter.end()
    _write(tmp, buffer, ended)


def pdf_writer(device, size, title: str) -> QPdfWriter:
    """A PDF whose pages have the picture's aspect, 1 pixel = 1 point at 72 dpi, written to a QIODevice
    (or a file name)."""
    w, h = size
    writer = QPdfWriter(device if isinstance(device, QIODevice) else str(device))
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(w, h), QPageSize.Unit.Point), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title or "Attention Classroom")
    writer.setCreator("Attention Classroom")
    return writer


def clipboard_image(frame: Frame, size=(1920, 1080), theme: Theme | None = None) -> QImage:
    return render_frame(frame, size, theme, False, whole=True)
