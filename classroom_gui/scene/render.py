"""render_frame draws one Frame into a QImage of a fixed size, independent of any window: the export,
the CLI and the tests all get their pictures here (the recipe of pyqtgraph's ImageExporter: fill the
background, antialias, scene.render(painter, target, source)).

The 16:9 canvas is scaled to fit the requested size and centred; a size of another shape gets bands of
background (or transparency) at the sides, never a stretched classroom.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from ..lesson.frame import CANVAS_H, CANVAS_W, Frame
from .classroom import ClassroomScene
from .limits import MAX_SIDE
from .palette import Theme



def render_frame(frame: Frame, size: tuple[int, int] = (1920, 1080), theme: Theme | None = None,
                 transparent: bool = False, scene: ClassroomScene | None = None) -> QImage:
    """The frame as a size[0] x size[1] ARGB image. Pass `scene` to reuse one across many frames."""
    w, h = (int(v) for v in size)
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
        raise ValueError(f"image size must be between 1 and {MAX_SIDE} pixels a side, got {w} x {h}")
    scene = scene if scene is not None else ClassroomScene(theme=theme)
    scene.show_frame(frame, theme)
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image, transparent)
    return image


def fit_rect(w: float, h: float) -> QRectF:
    """The 16:9 canvas scaled to fit w x h, centred (QGraphicsScene.render's KeepAspectRatio would put
    it at the top left)."""
    scale = min(w / CANVAS_W, h / CANVAS_H)
    cw, ch = CANVAS_W * scale, CANVAS_H * scale
    return QRectF((w - cw) / 2, (h - ch) / 2, cw, ch)


def render_scene(scene: ClassroomScene, image: QImage, transparent: bool = False) -> None:
    """Paint what the scene shows now over the whole of `image` (letterboxed to keep 16:9)."""
    brush = scene.backgroundBrush()
    if transparent:
        image.fill(Qt.GlobalColor.transparent)
        scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)
    elif image.width() * 9 != image.height() * 16:  # letterboxed: the bands need the background too
        image.fill(brush.color())
    # (an exact 16:9 image is covered by the scene's own background: filling it first would cost ~0.4 ms)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        # no SmoothPixmapTransform: items blit their cached pictures at whole device pixels, and the
        # hint sends every blit down a filtering path (measured +1 ms a frame at 6 students)
        scene.render(painter, fit_rect(image.width(), image.height()), scene.sceneRect(),
                     Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:
        painter.end()
        if transparent:
            scene.setBackgroundBrush(brush)
