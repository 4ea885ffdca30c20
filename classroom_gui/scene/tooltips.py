"""The classroom canvas's tooltips (ClassroomScene's mixin): what is under the pointer, the topmost visible item
first: a card's number, a desk's, a big class's plain desk (ClassImage) or a crowd's student, a bar's share."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsSceneHelpEvent, QToolTip

from .board_bars import MASKED_BAR, BarsItem
from .class_image import ClassImage
from .crowd import CrowdItem
from .desk import DeskItem
from .strip import StripItem


class SceneTooltips:
    """tooltip_at(pos) and the scene's help event, read from the items the scene shows (self.items)."""

    def tooltip_at(self, pos: QPointF) -> str:
        for item in self.items(pos):  # topmost first
            if not item.isVisible() or item.opacity() <= 0.01:
                continue
            if isinstance(item, StripItem):
                return item.tooltip(item.mapFromScene(pos))
            if isinstance(item, DeskItem):
                return item.tooltip_at(item.mapFromScene(pos))
            if isinstance(item, ClassImage):
                text = item.tooltip_at(pos)
                if text:
                    return text
                continue
            if isinstance(item, CrowdItem):
                s = item.student_at(pos.x(), pos.y())
                if s is not None:
                    return f"{s.index + 1}: {s.text}"
                continue
            if isinstance(item, BarsItem) and item.bars is not None:
                return self._bar_tooltip(item, pos)
        return ""

    @staticmethod
    def _bar_tooltip(item: BarsItem, pos: QPointF) -> str:
        b = item.bars
        i = item.index_at(pos.x())
        if i < 0:
            return b.title
        label = b.labels[i] if i < len(b.labels) else str(i + 1)
        value = MASKED_BAR if b.values[i] == -math.inf else f"{b.values[i]:.3f}"
        return f"{b.title}: {label} = {value}"

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        text = self.tooltip_at(event.scenePos())
        if text:
            QToolTip.showText(event.screenPos(), text)
        else:
            QToolTip.hideText()
        event.setAccepted(bool(text))
