"""One moment of the lesson as a picture: PNG at any size, SVG and PDF as vectors (PDF text is text; SVG
text is outlines with the words kept for search, or text with the font embedded), or an image for the
clipboard. The frame is drawn by the same ClassroomScene as the window.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ..lesson.frame import Frame
from ..view.canvas import ClassroomScene
from ..view.palette import Theme
from ..view.render import fit_rect, render_frame
from .files import PICTURES, ExportError, atomic_path, check_target
from .png import save_png
from .svg_text import SVG_TEXT, finish_svg

SIZES = {"1080p": (1920, 1080), "4k": (3840, 2160), "4:3": (1440, 1080), "720p": (1280, 720)}


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080', '4k', '1080p' or '4:3' -> (width, height)."""
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    try:
        w, h = (int(v) for v in key.replace("×", "x").split("x"))
    except ValueError:
        raise ExportError(f"size '{text}' is not WIDTHxHEIGHT (e.g. 1920x1080) or one of {', '.join(SIZES)}") from None
    if not (16 <= w <= 16384 and 16 <= h <= 16384):
        raise ExportError(f"size {w}x{h} is out of range (16 to 16384 pixels a side)")
    return w, h


def save_picture(frame: Frame, path, size=(1920, 1080), theme: Theme | None = None, transparent: bool = False,
                 svg_text: str = "outline") -> Path:
    """`svg_text`: an SVG's words as glyph outlines (renders without the font) or as text with the font
    embedded (export.svg_text)."""
    path = check_target(Path(path), PICTURES)
    if svg_text not in SVG_TEXT:
        raise ExportError(f"svg text must be one of {', '.join(SVG_TEXT)}, not '{svg_text}'")
    kind = path.suffix.lower()
    with atomic_path(path) as tmp:
        if kind == ".png":
            save_png(render_frame(frame, size, theme, transparent), tmp, alpha=transparent)
        else:
            scene = ClassroomScene(theme=theme)
            scene.show_frame(frame, theme)
            if kind == ".svg":
                _save_svg(scene, tmp, size, frame.title, transparent)
                finish_svg(tmp, svg_text)
            else:
                _save_pdf(scene, tmp, size, frame.title, transparent)
        if tmp.stat().st_size == 0:
            raise ExportError(f"{path}: nothing was written")
    return path


def paint_scene(scene: ClassroomScene, painter: QPainter, w: float, h: float, transparent: bool) -> None:
    """Paint the scene as vectors: item caches are switched off for the call, because a cached item is
    drawn from a pixmap and its text would reach the SVG or PDF as a picture instead of text."""
    from PySide6.QtWidgets import QGraphicsItem

    cached = [(item, item.cacheMode()) for item in scene.items() if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _mode in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        _paint(scene, painter, w, h, transparent)
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def _paint(scene: ClassroomScene, painter: QPainter, w: float, h: float, transparent: bool) -> None:
    if not transparent:
        painter.fillRect(QRectF(0, 0, w, h), scene.backgroundBrush())
    brush = scene.backgroundBrush()
    scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    try:
        scene.render(painter, fit_rect(w, h), scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        scene.setBackgroundBrush(brush)


def _save_svg(scene: ClassroomScene, tmp: Path, size, title: str, transparent: bool) -> None:
    from PySide6.QtSvg import QSvgGenerator

    w, h = size
    gen = QSvgGenerator()
    gen.setFileName(str(tmp))
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRect(0, 0, w, h))
    gen.setTitle(title or "Attention Classroom")
    painter = QPainter(gen)
    try:
        paint_scene(scene, painter, w, h, transparent)
    finally:
        painter.end()


def _save_pdf(scene: ClassroomScene, tmp: Path, size, title: str, transparent: bool) -> None:
    writer = pdf_writer(tmp, size, title)
    painter = QPainter(writer)
    try:
        paint_scene(scene, painter, writer.width(), writer.height(), transparent)
    finally:
        painter.end()


def pdf_writer(path: Path, size, title: str) -> QPdfWriter:
    """A PDF whose pages have the picture's aspect, 1 pixel = 1 point at 72 dpi."""
    w, h = size
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(w, h), QPageSize.Unit.Point), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title or "Attention Classroom")
    writer.setCreator("Attention Classroom")
    return writer


def clipboard_image(frame: Frame, size=(1920, 1080), theme: Theme | None = None) -> QImage:
    return render_frame(frame, size, theme, False)
