"""text_census(scene) lists every piece of text the classroom scene paints, where it lands and how big it is:
QPainter.drawText (and scene.text_lines.draw_text, draw_centred and draw_line_centred, which draw the same from
kept layouts) is watched while the scene renders once at 1920 x 1080 (1 canvas pixel = 1 screen pixel at 1080p),
with the items' picture caches off so that each paint goes through a painter whose transform maps the item onto the
canvas.
"""
from __future__ import annotations

import math
import sys
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem


def _scale(t) -> float:
    """How much the painter's transform enlarges text: its x axis's length (a name turned upright under a thin
    bar has m11 = 0, yet is drawn at full size)."""
    return math.hypot(t.m11(), t.m12())


@dataclass
class Text:
    text: str
    rect: QRectF     # where the glyphs land, canvas pixels
    px: float        # the font's pixel size on the canvas
    item: object     # the item whose paint drew it

    @property
    def kind(self) -> str:
        return type(self.item).__name__


def painted_in_place(monkeypatch) -> None:
    """Items that blit their kept pictures without Qt's item cache (scene.items.CachedItem.blits) paint in place
    instead, each through the painter of the page, for the rest of the test (they would be blitted even with
    every item's cache off)."""
    from classroom_gui.scene.items import CachedItem

    def subclasses(cls) -> list[type]:
        return [sub for direct in cls.__subclasses__() for sub in [direct, *subclasses(direct)]]
    blitting = [cls for cls in subclasses(CachedItem) if "blits" in vars(cls)]  # (True unless told here)
    assert blitting  # (what the canvas blits: a test of painting in place must see it)
    for cls in blitting:
        monkeypatch.setattr(cls, "blits", False)


@contextmanager
def watched_text():
    found: list[Text] = []
    original = QPainter.drawText

    def spy(painter, *args):
        item = sys._getframe(1).f_locals.get("self")
        font, t = painter.font(), painter.transform()
        fm = QFontMetricsF(font)
        if len(args) == 3 and isinstance(args[0], QRectF):
            rect, flags, text = args
            box = fm.boundingRect(rect, int(flags), text)
        elif len(args) == 2 and isinstance(args[0], QPointF):
            point, text = args
            box = fm.boundingRect(text).translated(point)
        else:  # a form the canvas does not use: still counted, at its font size
            text, box = str(args[-1]), QRectF()
        if text.strip():
            found.append(Text(text, t.mapRect(box), font.pixelSize() * _scale(t), item))
        return original(painter, *args)

    from classroom_gui.scene import text_lines
    kept = text_lines.draw_text

    def spy_kept(painter, rect, flags, text, font):  # a text drawn from a kept layout (scene.text_lines)
        item = sys._getframe(1).f_locals.get("self")
        box = QFontMetricsF(font).boundingRect(rect, int(flags), text)
        t = painter.transform()
        if text.strip():
            found.append(Text(text, t.mapRect(box), font.pixelSize() * _scale(t), item))
        QPainter.drawText = original  # (its own drawText, for a text it leaves to Qt, is this text: not again)
        try:
            return kept(painter, rect, flags, text, font)
        finally:
            QPainter.drawText = spy

    centred, line_centred = text_lines.draw_centred, text_lines.draw_line_centred

    def centred_spy(draw):
        def spy_centred(painter, rect, *args):  # a card's number (scene.text_lines.draw_centred: text, font;
            # draw_line_centred: its kept layout, text, font)
            text, font = args[-2:]
            item = sys._getframe(1).f_locals.get("self")  # (StripView._paint_numbers)
            box = QFontMetricsF(font).boundingRect(QRectF(*rect), int(Qt.AlignmentFlag.AlignCenter), text)
            t = painter.transform()
            if text.strip():
                found.append(Text(text, t.mapRect(box), font.pixelSize() * _scale(t), item))
            # (what it leaves to the others is this text: not again)
            QPainter.drawText, text_lines.draw_text, text_lines.draw_line_centred = original, kept, line_centred
            try:
                return draw(painter, rect, *args)
            finally:
                QPainter.drawText, text_lines.draw_text, text_lines.draw_line_centred = spy, spy_kept, spy_line
        return spy_centred

    spy_line = centred_spy(line_centred)
    QPainter.drawText = spy
    text_lines.draw_text = spy_kept
    text_lines.draw_centred = centred_spy(centred)
    text_lines.draw_line_centred = spy_line
    try:
        yield found
    finally:
        QPainter.drawText = original
        text_lines.draw_text = kept
        text_lines.draw_centred = centred
        text_lines.draw_line_centred = line_centred


def text_census(scene) -> list[Text]:
    """Every text the scene paints now (call after set_frame)."""
    caches, blits = {}, []
    for item in scene.items():
        caches[item] = item.cacheMode()
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        if getattr(item, "blits", False):  # (an item that blits its kept pictures paints in place here)
            blits.append((item, item.blits))
            item.blits = False
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    try:
        with watched_text() as found:
            painter = QPainter(image)
            scene.render(painter, QRectF(0, 0, 1920, 1080), scene.sceneRect(), Qt.AspectRatioMode.IgnoreAspectRatio)
            painter.end()
    finally:
        for item, mode in caches.items():
            item.setCacheMode(mode)
        for item, was in blits:
            item.blits = was
    return found


def overlaps(texts: list[Text], slack: float = 1.0) -> list[tuple[Text, Text]]:
    """Pairs of texts whose glyph boxes (shrunk by `slack` on each side) intersect."""
    boxes = [t.rect.adjusted(slack, slack, -slack, -slack) for t in texts]
    out = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if boxes[i].intersects(boxes[j]):
                out.append((texts[i], texts[j]))
    return out
