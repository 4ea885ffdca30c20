"""The canvas's viewport is opaque (view.canvas_view: the scene's background fills every pixel it paints), so Qt no
longer fills it with the palette first: the same pixels as the palette-filled viewport, at 16:9 and in a window of
another shape (a band beside or below the canvas), in each theme, and before the first frame. Offscreen Qt."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from classroom_gui.lesson.canvas import WIDESCREEN, window_canvas
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene import palette

OPAQUE = Qt.WidgetAttribute.WA_OpaquePaintEvent


def pixels(view, opaque: bool) -> np.ndarray:
    vp = view.viewport()
    was = vp.autoFillBackground(), vp.testAttribute(OPAQUE)
    vp.setAutoFillBackground(not opaque)
    vp.setAttribute(OPAQUE, opaque)
    try:
        vp.repaint()
        img = vp.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    finally:
        vp.setAutoFillBackground(was[0])
        vp.setAttribute(OPAQUE, was[1])
    return np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.width(), 4).copy()


@pytest.mark.parametrize("size", [(1024, 576), (1024, 768), (700, 800)])
def test_the_opaque_canvas_paints_what_the_palette_filled_one_painted(qapp, checkpoint, size):
    from classroom_gui.view.canvas_view import CanvasView
    trace = run_sentence(checkpoint, "the cat sat on the mat .", "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    view = CanvasView()
    view.resize(*size)
    view.show()
    view.warmer.halt()
    try:
        vp = view.viewport()
        assert vp.testAttribute(OPAQUE) and not vp.autoFillBackground()  # (Qt's own fill is what is left out)
        assert np.array_equal(pixels(view, True), pixels(view, False))  # before any frame: the palette's colour
        sel = Selection(focus=1, lang="ja", canvas=window_canvas(WIDESCREEN, *size))
        for t, theme in ((0.5, palette.CLASSROOM), (timeline.duration * 0.4, palette.SLIDE),
                         (timeline.duration * 0.7, palette.CONTRAST)):
            view.classroom.theme = theme
            view.set_frame(frame_at(trace, sel, t), "ja")
            assert np.array_equal(pixels(view, True), pixels(view, False)), (t, theme.name)
    finally:
        view.warmer.start(None, [], 0.0, 0)
        view.close()
        view.deleteLater()
