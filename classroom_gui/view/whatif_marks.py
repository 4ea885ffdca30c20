"""How the view marks a number a teacher changed with a what-if edit: a yellow line under black dashes around
its cell, distinct from the focus outline, the crossed-out ReLU zero and every role colour."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from .canvas_items import qcolor


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
