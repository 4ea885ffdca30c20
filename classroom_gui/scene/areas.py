"""Where the canvas's parts are, as QRectF in its logical pixels: the title row, the blackboard and the caption
of a lesson.canvas.Canvas (16:9 or 4:3). The scene draws there; the PPTX deck and a comparison read them."""
from __future__ import annotations

from PySide6.QtCore import QRectF

from ..lesson.canvas import Canvas


def caption_rect(canvas: Canvas) -> QRectF:
    return QRectF(30, canvas.caption_y, canvas.width - 60, canvas.height - canvas.caption_y - 18)


def title_rect(canvas: Canvas, two_lines: bool = False) -> QRectF:
    """The title row, clear of the links that bow above the first row (two lines of 22 px still end above them)."""
    return QRectF(40, 2, canvas.width - 80, 62) if two_lines else QRectF(40, 6, canvas.width - 80, 52)


def board_rect(canvas: Canvas) -> QRectF:
    return QRectF(*canvas.board)
