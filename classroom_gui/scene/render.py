"""render_frame draws one Frame into a QImage of a fixed size, independent of any window: the export,
the CLI and the tests all get their pictures here (the recipe of pyqtgraph's ImageExporter: fill the
background, antialias, scene.render(painter, target, source)).

The frame's canvas (16:9, or 4:3 for a size nearer 4:3: lesson.canvas, chosen with the Selection) is scaled to
fit the requested size and centred; a size of another shape gets bands of background (or transparency) at the
sides, never a stretched classroom.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from ..lesson.frame import Frame
from ..messages.phrase import PhraseError
from . import paint_guard
from .classroom import ClassroomScene
from .limits import MAX_SIDE
from .palette import Theme
from .pictures import make_room

# How many paint_scene calls are under way. Qt calls back into Python while it paints (items' paint()), and an
# exception raised there by a signal handler unwinds through Qt's C++ and crashed the process (signal 11,
# "Painter ended with 1 saved states"): export.files' handler waits for the painting to end (files.tick).
painting = 0


def render_frame(frame: Frame, size: tuple[int, int] = (1920, 1080), theme: Theme | None = None,
                 transparent: bool = False, scene: ClassroomScene | None = None, whole: bool = False,
                 card: bool = True) -> QImage:
    """The frame as a size[0] x size[1] ARGB image. Pass `scene` to reuse one across many frames; `whole` (an
    export): see paint_scene. `card` False: a quiz frame laid out round its card (the board's chalk leaves it room)
    without drawing it (a PPTX slide's card is a box of its own: teacher27 M2, teacher28 M3)."""
    w, h = (int(v) for v in size)
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
        raise ValueError(f"image size must be between 1 and {MAX_SIDE} pixels a side, got {w} x {h}")
    scene = scene if scene is not None else ClassroomScene(theme=theme)
    scene.set_frame(frame, theme)
    if not card and frame.quiz is not None:
        scene.quiz_panel.setVisible(False)
        scene.quiz_text.setVisible(False)
        scene.quiz_keys.setVisible(False)
        scene.legend.setVisible(scene.legend.isVisible() or scene.quiz_hid_legend)  # as without the card
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image, transparent, whole)
    return image


def fit_rect(w: float, h: float, canvas: QRectF) -> QRectF:
    """The canvas (the scene's rectangle) scaled to fit w x h, centred (QGraphicsScene.render's KeepAspectRatio
    would put it at the top left)."""
    scale = min(w / canvas.width(), h / canvas.height())
    cw, ch = canvas.width() * scale, canvas.height() * scale
    return QRectF((w - cw) / 2, (h - ch) / 2, cw, ch)


def render_scene(scene: ClassroomScene, image: QImage, transparent: bool = False, whole: bool = False) -> None:
    """Paint what the scene shows now over the whole of `image` (letterboxed to keep the canvas's shape); `whole`:
    see paint_scene."""
    if transparent:
        image.fill(Qt.GlobalColor.transparent)
    make_room(image.width(), image.height())
    painter = QPainter(image)
    try:
        paint_scene(scene, painter, image.width(), image.height(), transparent, whole=whole)
    finally:
        painter.end()


def paint_scene(scene: ClassroomScene, painter: QPainter, w: float, h: float, transparent: bool = False,
                vector: bool = False, source: QRectF | None = None, target: QRectF | None = None,
                whole: bool = False) -> None:
    """The one paint routine, for pictures (render_scene) and for SVG and PDF pages (vector=True): what the
    scene shows now, its canvas letterboxed into w x h on `painter`, the bands filled with the
    background unless `transparent`. `source` (canvas pixels) and `target` (on the painter) draw only that
    part of the canvas, into that rectangle (a comparison's two classrooms without their boards): items
    outside it are not drawn at all, so a PDF holds no hidden text.

    For vectors the item caches are off during the call (a cached item is drawn from a pixmap, and its text
    would reach the file as a picture instead of text), and the background is one rectangle over the whole
    page. A picture of exactly the canvas's shape is covered by the scene's own background: filling it first
    would cost ~0.4 ms a frame.

    `whole` (every export: a file, a slide, a video's picture, the clipboard): an item that could not draw itself
    (scene.paint_guard caught and logged its error) refuses the picture, PhraseError("error.picture_incomplete"),
    which the export says instead of the window's status line. Without it (a preview: View → Compare, which redraws
    at every step) the picture is drawn without that item, as the window's canvas is."""
    global painting
    painting += 1
    failed = paint_guard.failures
    try:
        with paint_guard.said_by_caller(whole):
            _paint(scene, painter, w, h, transparent, vector, source, target)
    finally:
        painting -= 1
    if whole and paint_guard.failures != failed:  # no file holds a picture with a part missing
        raise PhraseError("error.picture_incomplete")


def _paint(scene, painter, w, h, transparent, vector, source=None, target=None) -> None:
    from PySide6.QtWidgets import QGraphicsItem

    brush, own_background = scene.backgroundBrush(), not (transparent or vector)
    canvas = scene.sceneRect()
    if not transparent and (vector or w * canvas.height() != h * canvas.width()):
        painter.fillRect(QRectF(0, 0, w, h), brush)
    if not own_background:
        scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)
    cached = [(item, item.cacheMode()) for item in scene.items()  # (a picture never wraps the scene's items)
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache] if vector else []
    for item, _mode in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    # no SmoothPixmapTransform: items blit their cached pictures at whole device pixels, and the
    # hint sends every blit down a filtering path (measured +1 ms a frame at 6 students)
    try:
        scene.render(painter, fit_rect(w, h, canvas) if target is None else target,
                     canvas if source is None else source, Qt.AspectRatioMode.IgnoreAspectRatio)
    finally:  # (a picture's scene is left untouched: a signal may unwind this mid-render, see export.files)
        if not own_background:
            scene.setBackgroundBrush(brush)
        for item, mode in cached:
            item.setCacheMode(mode)
