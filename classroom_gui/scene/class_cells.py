"""Many small pictures of a big class painted at once: the seat numbers and badge pills a new look of a class
(another desk size or scale, a chapter of scores on every badge) meets by the hundred, each painted in a cell
of a few big pictures instead of a picture of its own (~3x faster), and cut out with the same bytes.

A cell starts at whole device pixels and CELL_GAP px from the next, so what is painted in it is, pixel for
pixel, what a picture of its own shows (tests/test_class_shells.py compares them).
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from ..lesson.frame import Student
from . import class_shells as shells
from .desk import ALL, GLOW, badge_pens, paint_pill

CELL_GAP = 8  # device px between cells: no antialiased edge reaches a neighbour


def paint_cells(n: int, cell: tuple[int, int], scale: float, paint, ground=None):
    """Pictures 0..n-1 (each at most cell device px) painted by paint(painter, i) at `scale`, each over ground(i)
    when given (its first pixels, [h, w] uint32, as painted at the cell's top left: what paint would paint first,
    copied instead); yields (i, the big picture holding it, its cell's top left in device px)."""
    fw, fh = cell[0] + CELL_GAP, cell[1] + CELL_GAP
    cols = max(1, min(n, 2048 // fw))
    for start in range(0, n, cols * 16):  # at most 16 rows a picture
        count = min(n - start, cols * 16)
        pixels = np.zeros((math.ceil(count / cols) * fh, cols * fw), np.uint32)  # transparent
        if ground is not None:
            for i in range(count):
                under = ground(start + i)
                y, x = i // cols * fh, i % cols * fw
                pixels[y:y + under.shape[0], x:x + under.shape[1]] = under
        img = QImage(pixels.data, pixels.shape[1], pixels.shape[0], pixels.shape[1] * 4,
                     QImage.Format.Format_ARGB32_Premultiplied)  # (its bytes: pixels, alive until the next picture)
        q = QPainter(img)
        try:
            q.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            for i in range(count):
                q.resetTransform()
                q.translate(i % cols * fw, i // cols * fh)
                q.scale(scale, scale)
                q.save()
                paint(q, start + i)
                q.restore()
        finally:
            q.end()
        for i in range(count):
            yield start + i, img, (i % cols * fw, i // cols * fh)


def parts_at_once(ci, todo: dict[tuple, Student], parts: int, crop_at: tuple[int, int, int], scale: float) -> None:
    """ClassImage ci's sparse desk parts (_tile's: `parts` of each desk, key -> student) for many desks, kept in
    its pictures as _tile keeps one."""
    b, (x0, x1, y1), items = ci.box, crop_at, list(todo.items())

    def paint(q, i):
        q.translate(GLOW, GLOW)
        desk = ci._ghost(0, items[i][1], with_strips=False)
        desk.parts = parts
        desk._paint_desk(q)
        desk.parts = ALL

    cell = (math.ceil((b.w + 2 * GLOW) * scale) + 1, math.ceil((b.h + 2 * GLOW) * scale) + 1)
    for i, img, (cx, cy) in paint_cells(len(items), cell, scale, paint):
        found = shells.sparse(np.ascontiguousarray(shells.image_pixels(img)[cy + x0:cy + y1, cx + x0:cx + x1]))
        ci._pictures[items[i][0]] = found
        ci._kept_bytes += found.nbytes
    ci._trim()


def badges_at_once(ci, todo: dict[tuple, tuple[str, float, float, QRectF]], look: int, scale: float) -> dict:
    """ClassImage ci's badge pills (key -> (text as shown, pill width, font px, its picture's rect in desk px)) at
    this look (DeskParts._look), kept in its pictures and returned by key, each the bytes a picture of its own
    shows (scene.class_badges draws them). Painted as DeskItem's paint_pill paints them: the pill's body painted
    once per width and font size (and kept), copied into each cell, and only the text painted there, its pens
    made once for all."""
    items = list(todo.values())
    sizes = [(math.ceil(pill.width() * scale) + 1, math.ceil(pill.height() * scale) + 1) for *_, pill in items]
    pens = badge_pens(ci.theme, ci.badge_role)
    bodies = {}  # (pill width, font px) -> the pill without its text, [h, w] pixels

    def body(i):
        _, bw, px, pill = items[i]
        found = bodies.get((bw, px))
        if found is None:
            def paint(q):
                q.translate(-pill.x(), -pill.y())
                paint_pill(q, ci.box, bw, px, pens)

            key = ("pill", bw, px, ci.badge_role, look)
            img = ci._kept(key, (pill.width(), pill.height()), scale, paint)
            found = bodies[bw, px] = (img, shells.image_pixels(img))  # (the view lives while img does)
        return found[1]

    def paint(q, i):
        badge, bw, px, pill = items[i]
        q.translate(-pill.x(), -pill.y())
        paint_pill(q, ci.box, bw, px, pens, badge, body=False)

    cell = (max(w for w, _ in sizes), max(h for _, h in sizes))
    keys, painted = list(todo), {}
    for i, img, (cx, cy) in paint_cells(len(items), cell, scale, paint, body):
        picture = painted[keys[i]] = ci._pictures[keys[i]] = img.copy(cx, cy, *sizes[i])
        ci._kept_bytes += picture.sizeInBytes()
    ci._trim()
    return painted
