"""The title row's legend: which colour is which card, one entry per colour, when the desks are too full for a
label row on each card."""
from __future__ import annotations

import os

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from . import fonts
from .items import ALIGN_LEFT, CachedItem, qcolor


def one_per_colour(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The legend's (colour, label) entries, one per colour: labels sharing a colour are named by the words
    they share (chapter 10's "new understanding 1", "… 2", "… 3", one pink, are "new understanding": four
    entries took the title's width at 4:3 and told three cards apart by a colour they share)."""
    labels: dict[str, list[str]] = {}
    for colour, label in entries:
        if label not in labels.setdefault(colour, []):
            labels[colour].append(label)
    out = []
    for colour, named in labels.items():
        shared = os.path.commonprefix(named).rstrip(" 0123456789") if len(named) > 1 else named[0]
        whole = all(label[len(shared):][:1] in ("", " ") for label in named)  # a word, never part of one
        out += [(colour, shared)] if shared and whole else [(colour, label) for label in named]
    return out


class LegendItem(CachedItem):
    """Which colour is which card, in the title row: shown when the desks are too full for a label row on
    each card (a class of 7 or more), so that "質問" or "opinion" is still on screen, at a readable size."""

    PX = 20.0

    def __init__(self, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.entries: list[tuple[str, str]] = []   # (colour, label), left to right
        self.right = 0.0
        self.area = QRectF()  # nothing to paint until the first show()
        self.font = fonts.font(self.PX, True)

    def width(self) -> float:
        fm = QFontMetricsF(self.font)
        return sum(self.PX * 1.1 + 6 + fm.horizontalAdvance(label) + self.PX * 0.9 for _, label in self.entries)

    def spans(self) -> list[tuple[float, float]]:
        """Each entry's (left, right) in scene x, its swatch and its word: what a note over the legend covers whole
        or not at all (jareview8 #8: a toast over half of 「自己紹介」 left 「紹介」 showing)."""
        x, fm, out = self.area.x(), QFontMetricsF(self.font), []
        for _, label in self.entries:
            w = self.PX * 1.1 + 6 + fm.horizontalAdvance(label)
            out.append((x, x + w))
            x += w + self.PX * 0.9
        return out

    def set_entries(self, entries: list[tuple[str, str]], right: float, y: float, color: str) -> None:
        key = (tuple(entries), right, y, color)
        if key == self._key:
            return
        self.entries, self.right, self.color = list(entries), right, color
        w = self.width()
        self.area = QRectF(right - w, y, w, self.PX * 1.6)
        self.set_key(key, self.area.adjusted(-2, -2, 2, 2))

    def paint(self, p: QPainter, option, widget=None) -> None:
        x, fm = self.area.x(), QFontMetricsF(self.font)
        mid = self.area.center().y()
        p.setFont(self.font)
        for colour, label in self.entries:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(qcolor(colour))
            p.drawRoundedRect(QRectF(x, mid - self.PX * 0.35, self.PX * 1.1, self.PX * 0.7), 3, 3)
            x += self.PX * 1.1 + 6
            p.setPen(qcolor(self.color))
            w = fm.horizontalAdvance(label)
            p.drawText(QRectF(x, self.area.y(), w + 2, self.area.height()), ALIGN_LEFT, label)
            x += w + self.PX * 0.9
