"""ClassImage draws the plain desks of a big class (more than COMPOSE_FROM students) as ONE item: two
pictures a frame instead of a cached picture per desk and per card.

A new moment in a class of 64 used to repaint every desk and card (~250 painter calls and 64 pictures
allocated: 100-500 ms); here
- every desk's shell (body, name tag with seat number and name: DeskItem's own painting of each part, kept
  by what it shows, without cards) is composed in NumPy (scene.class_shells), the badges painted over it;
- every card of every desk is one NumPy image (scene.class_cards), redrawn only when the numbers, places,
  fades or masks change.
Both pictures are kept by what they show in scene.class_pictures, shared by every ClassImage, so that what the
window's drawing ahead painted on its twin scene (view.canvas_warm) is what the canvas finds. Desks that stand
out (the asker, with its raised card; a card with edited or crossed-out cells) are real DeskItems, drawn in their
place. Cards with numbers or labels in them never come here (see fits).

Painted without a cache (a test's census of texts, an SVG or PDF page) it paints every desk with DeskItem's
code instead, so text stays text and every size is the one the window shows.
"""
from __future__ import annotations

import math
from operator import attrgetter

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QTransform

from ..lesson.frame import Strip, Student
from .desk import GLOW, DeskItem
from . import palette
from . import class_pictures, pictures
from .class_cards import draw_cards
from .class_parts import DeskParts
from .class_rows import Stacked, Tokens
from . import class_shells as shells
from .strip import StripView
from .items import CachedItem, digest
from .layout import DeskBox
from .palette import Theme

COMPOSE_FROM = 32   # more students than this (all at desks of one size, cards without text): one ClassImage
# what names the numbers a class's cards show, shared by every ClassImage (the canvas's and the drawing-ahead twin's:
# both are given the same trace's arrays), so that the twin's cards picture is the one the canvas finds
_TOKENS = Tokens(256)
_XY, _OPACITY, _VISIBLE = attrgetter("x", "y"), attrgetter("opacity"), attrgetter("visible")
_DESK = attrgetter("index", "text", "unknown", "state", "badge", "x", "y", "opacity")  # what a desk's shell shows


def fits(students: list[Student], box: DeskBox) -> bool:
    """Whether a class is drawn by a ClassImage: big, desks alike, and no card with a label or numbers."""
    return len(students) > COMPOSE_FROM and all(not b.label_h and not b.number_px for b in box.strips)


class ClassImage(DeskParts, CachedItem):
    """The plain desks of a big class; students[i] at its Frame rectangle, with strips[i] on it."""

    def __init__(self):
        super().__init__()
        self.students: list[Student] = []
        self.strips: list[list[Strip]] = []
        self.box: DeskBox | None = None
        self.theme: Theme = palette.CLASSROOM
        self.badge_role = "weight"
        self.scales: dict[str, float] = {}
        self._origin = (0.0, 0.0)
        self._shells_key = self._cards_key = None
        self._shells_picture: tuple | None = None  # (key, QImage): the desks without their cards
        self._cards_picture: tuple | None = None  # (key, QImage): the last cards (the rest: scene.class_pictures)
        self._pictures: dict[tuple, QImage] = {}  # desk parts, shells and badges, by what they show
        self._kept_bytes = 0
        self._looks: dict[tuple, int] = {}  # how desks look -> a number for keys (see _look)
        self._values: list[np.ndarray] = []  # per card of a desk, every desk's numbers [D, n] (see set_class)
        self._values_token = -1  # a number that changes when they do
        self._desk_xy = self._desk_opacity = self._desk_masked = self._visible = np.zeros(0)
        self._roles: tuple[str, ...] = ()  # the cards' roles, notebook first
        self._name_left = 0.0
        self._ghosts: list[DeskItem] = []      # DeskItems outside the scene that paint shells and direct pictures
        self._kept_shells = shells.Kept()      # the last shells composed, recomposed only where desks changed
        # NoCache and blits: the pictures drawn straight onto the painter's device, without Qt's item cache (the
        # drawing-ahead twin: its item cache would be a third copy, painted only to be dropped)
        self.blits = False

    def set_class(self, students: list[Student], strips, box: DeskBox, theme: Theme,
                  badge_role: str, scales: dict[str, float], values: list[np.ndarray] | None = None,
                  visible: np.ndarray | None = None) -> None:
        """Draw these desks with these cards (strips[d]: desk d's, a sequence read only where needed); values, when
        the caller has stacked them (scene.class_rows), is each card's numbers at every desk, [D, n], and
        visible, when given, each card's visibility [D, cards] (then no desk's Strips are read here but the
        first's roles)."""
        self.students, self.strips, self.box, self.theme = students, strips, box, theme
        self.badge_role, self.scales = badge_role, scales
        if not students:
            self.setVisible(False)
            self._kept_shells.forget()  # a small class now: its big pictures would only hold memory
            self._shells_picture = self._cards_picture = None
            return
        self._desk_xy = xy = np.array(list(map(_XY, students)), np.float64)  # (map: C loops over 512 desks)
        x0 = math.floor(float(xy[:, 0].min()) - GLOW)
        y0 = math.floor(float(xy[:, 1].min()) - GLOW)
        x1 = math.ceil(float(xy[:, 0].max()) + box.w + GLOW)
        y1 = math.ceil(float(xy[:, 1].max()) + box.h + GLOW)
        self._origin = (x0, y0)
        desks = tuple(map(_DESK, students))
        # every desk's numbers of each card, [D, n] (the composed desks all have the same cards): compared
        # with the last frame's instead of hashed into the key (GPT-2: 512 x 768 numbers a notebook)
        # (a NumPy row is the trace's float32: kept so; lists of Python floats as float64)
        if values is None:
            values = [np.array([row[j].values for row in strips],
                               np.float32 if isinstance(strips[0][j].values, np.ndarray) else np.float64)
                      for j in range(len(strips[0]))]
        if isinstance(values, Stacked):  # named by the arrays it is cut from: stacked only if drawn
            self._values_token = _TOKENS.token(values)
        elif not (isinstance(self._values, list) and len(values) == len(self._values) and all(
                a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(values, self._values))):
            # named by their bytes (another ClassImage given the same numbers finds the same pictures)
            self._values_token = tuple((digest(a), a.shape, a.dtype.str) for a in values)
        self._values = values
        # per desk, what placing and fading its cards reads, as arrays (Python loops over 512 desks x 4 cards
        # were most of a frame): position, opacity, masked, and each card's visibility [D, cards]
        self._desk_opacity = np.array(list(map(_OPACITY, students)), np.float64)
        self._desk_masked = np.array([s.state == "masked" for s in students], bool)
        self._visible = (visible if visible is not None
                         else np.array([list(map(_VISIBLE, row)) for row in strips], np.float64))
        roles = getattr(strips, "roles", None)  # (a class read as arrays says its roles: no desk's Strips made)
        self._roles = tuple(roles if roles is not None else (st.role for st in strips[0]))
        # the shells change with the desks, the cards with their numbers: each picture is redrawn on its own
        self._shells_key = (desks, box, theme.name, theme.font_scale, badge_role)
        # the cards read only where a desk is, how faded and whether masked: a jump that changes the desks'
        # badges or states (most do) keeps the cards' picture when their numbers stay
        placed = (self._desk_xy.tobytes(), self._desk_opacity.tobytes(), self._desk_masked.tobytes())
        self._cards_key = (placed, self._roles, self._values_token,
                           self._visible.tobytes(), box, theme.name,
                           tuple(sorted(scales.items())))
        self.set_key((self._shells_key, self._cards_key), QRectF(x0, y0, x1 - x0, y1 - y0))
        self.setVisible(True)

    def student_at(self, x: float, y: float) -> int:  # the position in self.students, or -1
        for k, s in enumerate(self.students):
            if s.opacity > 0.001 and s.x <= x < s.x + s.w and s.y <= y < s.y + s.h:
                return k
        return -1

    def strip_at(self, pos: QPointF) -> tuple[Student, StripView, int] | None:
        """(student, a StripView of the card under pos, its cell or -1), for tooltips and what-if edits."""
        k = self.student_at(pos.x(), pos.y())
        if k < 0:
            return None
        s = self.students[k]
        for strip, sbox in zip(self.strips[k], self.box.strips):
            local = QPointF(pos.x() - s.x - sbox.x, pos.y() - s.y - sbox.y)
            if strip.visible > 0 and 0 <= local.x() < sbox.w and 0 <= local.y() < sbox.h:
                view = StripView()
                view.set(strip, sbox, self.theme, self.scales.get(strip.role, 1.0), s.state == "masked")
                return s, view, view.cell_at(local)
        return None

    def tooltip_at(self, pos: QPointF) -> str:
        found = self.strip_at(pos)
        if found is not None:
            s, view, _ = found
            return view.tooltip(QPointF(pos.x() - s.x - view.box.x, pos.y() - s.y - view.box.y))
        k = self.student_at(pos.x(), pos.y())
        return "" if k < 0 else self._ghost(k, self.students[k], with_strips=False).tooltip()

    # --- painting --------------------------------------------------------------------------------------
    def paint(self, p: QPainter, option, widget=None) -> None:
        if not self.students or self.box is None:
            return
        t = p.worldTransform()
        raster = p.paintEngine() is not None and p.paintEngine().type() == QPaintEngine.Type.Raster
        # told not to cache (a census of texts, an SVG or PDF page: see render.paint_scene), or not a raster
        if (pictures.in_place(self) or not raster or t.m12()
                or t.m21() or t.m11() <= 0
                or p.opacity() < 1.0):
            self._paint_direct(p)
            return
        desks, cards = self._shown(t, "shells")[1], self._shown(t, "cards")[1]
        corner = t.map(QPointF(*self._origin))
        p.save()
        try:  # 1:1 in device pixels
            p.resetTransform()
            x, y = round(corner.x()), round(corner.y())
            p.drawImage(x, y, desks)
            p.drawImage(x, y, cards)
        finally:
            p.restore()

    def prepare(self, which: str, view_transform: QTransform) -> None:
        """Draw the picture `which` ("shells" or "cards") that painting through a view of view_transform will
        blit, without painting (the drawing-ahead twin: one step each, not both inside a band's)."""
        t = self.deviceTransform(view_transform)
        if self.isVisible() and self.students and self.box is not None and not t.m12() and not t.m21() \
                and t.m11() > 0:
            self._shown(t, which)

    def _shown(self, t: QTransform, which: str) -> tuple:
        """(key, picture) of the desks' shells or the cards at the device transform t: kept by content in
        scene.class_pictures, shared with the drawing-ahead twin (a jump back to numbers drawn a moment ago finds
        them too: chapters 2-9 share most); the last of each is also held here."""
        scale = round(t.m11(), 4)
        w = max(1, math.ceil(self.rect().width() * scale))
        h = max(1, math.ceil(self.rect().height() * scale))
        size = (w, h, scale, self._origin)
        if which == "shells":
            self._shells_picture = class_pictures.kept_or_drawn(
                self._shells_picture, ("shells", self._shells_key, size), lambda: self._draw_shells(w, h, scale))
            return self._shells_picture
        self._cards_picture = class_pictures.kept_or_drawn(
            self._cards_picture, ("cards", self._cards_key, size), lambda: self._draw_cards(w, h, scale))
        return self._cards_picture

    def _ghost(self, k: int, s: Student, with_strips: bool) -> DeskItem:
        while len(self._ghosts) <= k:
            self._ghosts.append(DeskItem())
        desk = self._ghosts[k]
        if with_strips:
            desk.set_student(s, self.box, self.theme, self.badge_role, self.strips[k], self.scales, True)
        else:  # the shell only: no cards on it
            desk.student, desk.box, desk.theme, desk.badge_role = s, self.box, self.theme, self.badge_role
            desk.settled, desk.view_pos = [], []
            desk._fit_name()
        return desk

    def _paint_direct(self, p: QPainter) -> None:
        """Every desk with DeskItem's own painting (its cards' texts and shapes stay vectors)."""
        base = p.opacity()
        for k, s in enumerate(self.students):
            if s.opacity <= 0.001:
                continue
            desk = self._ghost(k, s, with_strips=True)
            p.save()
            p.translate(s.x, s.y)
            p.setOpacity(base * min(1.0, s.opacity))
            desk._paint_desk(p)
            for j, settled in enumerate(desk.settled):  # cards still fading in: their own opacity
                v = self.strips[k][j].visible
                if not settled and v > 0:
                    x, y = desk.view_pos[j]
                    p.setOpacity(base * min(1.0, s.opacity) * v)
                    p.translate(x, y + round((1 - v) * 6))
                    desk.views[j].paint(p)
                    p.translate(-x, -(y + round((1 - v) * 6)))
            p.restore()

    def _draw_cards(self, w: int, h: int, scale: float) -> QImage:
        """Every desk's cards as one premultiplied ARGB32 image of w x h device pixels (scene.class_cards)."""
        return draw_cards(w, h, scale, self._origin, self.box, self.theme, self.scales,
                          list(self._roles) if self.strips else [],
                          self._values.get() if isinstance(self._values, Stacked) else self._values,
                          self._visible, self._desk_xy, self._desk_opacity, self._desk_masked)
