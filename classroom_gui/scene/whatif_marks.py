"""Marks drawn over cells so they read without colour: a what-if edit's outline (a yellow line under black
dashes, distinct from the focus outline, the crossed-out ReLU zero and every role colour), and the diagonal
hatch of a masked (unheard) cell, which is also grey."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPaintEngine, QPainter, QPen

from .items import qcolor


def edited_outline(p: QPainter, rects: list[QRectF], theme) -> None:
    if not rects:
        return
    p.save()
    p.setBrush(Qt.BrushStyle.NoBrush)
    for colour, width, style in (("edited_glow", 5.0, Qt.PenStyle.SolidLine), ("edited", 2.5, Qt.PenStyle.DashLine)):
        pen = QPen(qcolor(theme.color(colour)), width)
        pen.setStyle(style)
        p.setPen(pen)
        for r in rects:
            p.drawRect(r.adjusted(1.5, 1.5, -1.5, -1.5))
    p.restore()


def hatch(p: QPainter, rects: list[QRectF], light: bool = False) -> None:
    """Diagonal lines over masked cells: the mask reads in greyscale and for every colour vision
    (`light`: chalk-coloured lines, on the blackboard)."""
    if not rects:
        return
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor(235, 235, 235, 170) if light else QColor(60, 60, 60, 150), Qt.BrushStyle.BDiagPattern))
    if p.paintEngine() is not None and p.paintEngine().type() == QPaintEngine.Type.Raster:
        p.drawRects(rects)  # one call (the same pixels: a big class's masked cards are ~2,000 rectangles)
    else:  # (a page keeps each as its own rectangle)
        for r in rects:
            p.drawRect(r)
    p.restore()
