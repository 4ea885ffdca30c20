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

import itertools
import math
from operator import attrgetter

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPaintEngine, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem

from ..lesson.frame import Strip, Student
from ..lesson.layout import GAP
from .desk import ALL, BODY, GLOW, NAME, SEAT, DeskItem, badge_size, fit_name
from . import palette
from . import class_pictures
from .class_cards import draw_cards
from .class_rows import Stacked, Tokens
from . import class_cells as cells
from . import class_shells as shells
from .strip import StripView
from .items import CachedItem, digest
from .layout import DeskBox
from .palette import Theme

COMPOSE_FROM = 32   # more students than this (all at desks of one size, cards without text): one ClassImage
KEPT_BYTES = 48 << 20  # desk parts, shells and badges kept (1-50 KB each): every student in a few states
_LOOKS = itertools.count()
# what names the numbers a class's cards show, shared by every ClassImage (the canvas's and the drawing-ahead twin's:
# both are given the same trace's arrays), so that the twin's cards picture is the one the canvas finds
_TOKENS = Tokens(256)
_XY, _OPACITY, _VISIBLE = attrgetter("x", "y"), attrgetter("opacity"), attrgetter("visible")
_DESK = attrgetter("index", "text", "unknown", "state", "badge", "x", "y", "opacity")  # what a desk's shell shows


def fits(students: list[Student], box: DeskBox) -> bool:
    """Whether a class is drawn by a ClassImage: big, desks alike, and no card with a label or numbers."""
    return len(students) > COMPOSE_FROM and all(not b.label_h and not b.number_px for b in box.strips)


def stands_out(s: Student, strips: list[Strip]) -> bool:
    """A desk drawn by its own DeskItem: the asker (its raised card and spotlight), or a card showing an
    edit or cells crossed out."""
    if s.state == "focus":
        return True
    for st in strips:  # (a plain loop: asked of every desk of a big class each frame, ~6,000 strips at 512)
        if st.raised or st.edited or (st.zeroed and any(st.zeroed)):
            return True
    return False


class ClassImage(CachedItem):
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
        if ((self.cacheMode() == QGraphicsItem.CacheMode.NoCache and not self.blits) or not raster or t.m12()
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

    def _kept(self, key, size: tuple[float, float], scale: float, paint) -> QImage:
        """The picture called `key` (size in canvas px, at `scale`), painted by paint(painter) when not kept."""
        img = self._pictures.pop(key, None)
        if img is None:
            img = self._paint_picture(size, scale, paint)
            self._kept_bytes += img.sizeInBytes()
            self._trim()
        self._pictures[key] = img  # (re)inserted last: dicts keep insertion order
        return img

    @staticmethod
    def _paint_picture(size: tuple[float, float], scale: float, paint) -> QImage:
        """A transparent picture of size canvas px at `scale`, painted by paint(painter)."""
        img = QImage(math.ceil(size[0] * scale) + 1, math.ceil(size[1] * scale) + 1,
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        q = QPainter(img)
        try:
            q.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            q.scale(scale, scale)
            paint(q)
        finally:
            q.end()
        return img

    def _trim(self) -> None:
        while self._kept_bytes > KEPT_BYTES and self._pictures:  # the least recently used go first
            self._kept_bytes -= nbytes(self._pictures.pop(next(iter(self._pictures))))

    def _tile(self, key: tuple, s: Student, parts: int, crop_at: tuple[int, int, int], scale: float,
              dense: bool) -> np.ndarray:
        """Part `parts` of desk s (its body, its seat number or its name, as DeskItem paints it), cut to the
        tile: dense [sh, sw] pixels (a body) or its inked pixels only (scene.class_shells.sparse); kept by
        `key`, what the part shows (the same body for every desk of a state, the same word at every seat)."""
        found = self._pictures.pop(key, None)
        if found is None:
            b = self.box

            def paint(q):
                desk = self._ghost(0, s, with_strips=False)
                desk.parts = parts
                q.translate(GLOW, GLOW)
                desk._paint_desk(q)
                desk.parts = ALL

            img = self._paint_picture((b.w + 2 * GLOW, b.h + 2 * GLOW), scale, paint)
            found = shells.crop(img, *crop_at)
            if not dense:
                found = shells.sparse(found)
            self._kept_bytes += found.nbytes
            self._trim()
        self._pictures[key] = found  # (re)inserted last: the least recently used go first
        return found

    def _draw_shells(self, w: int, h: int, scale: float) -> QImage:
        """Every desk without its cards, composed in NumPy (scene.class_shells: a body tile per state, the seat
        number and the name laid over it as the pixels they ink), then the badge pills (kept per text: a big
        class shows the same shares often) painted over it. A desk is copied with the half gap around it (what
        a plain desk draws reaches ~4 px out: its shadow and outline; only the asker's spotlight, never drawn
        here, reaches GLOW), so neighbours never overlap."""
        b, th, ox, oy = self.box, self.theme, *self._origin
        # the parts depend on the desk's size and name tag, not on its cards: a chapter that changes the cards
        # keeps every seat number and word it has drawn
        look = self._look((b.w, b.h, b.pad, b.radius, b.header_h, b.name_px, th.name, th.font_scale, scale))
        self._name_left = left = self._ghost(0, self.students[0], with_strips=False)._name_left()
        margin = max(0, math.floor(GAP / 2 * scale) - 1)  # device px kept around the desk
        x0 = max(0, round(GLOW * scale) - margin)  # where the tile starts in a part's picture
        full = (math.ceil((b.w + 2 * GLOW) * scale) + 1, math.ceil((b.h + 2 * GLOW) * scale) + 1)
        crop_at = (x0, min(full[0], round((GLOW + b.w) * scale) + margin + 1),
                   min(full[1], round((GLOW + b.h) * scale) + margin + 1))
        sizes, names = {}, {}  # per (badge text, word) its size (badge_size), per (word, badge width, ?) its fit
        # what each desk's shell shows (None: not drawn); a desk whose shell is as in the last picture at these
        # places and this scale keeps its pixels there (a jump mostly changes badges, painted over below)
        signs, badges = [], []
        for k, s in enumerate(self.students):
            if s.opacity <= 0.001:
                signs.append(None)
                continue
            size = sizes.get((s.badge, s.text)) if s.badge else (0.0, 0.0)
            if size is None:
                size = sizes[s.badge, s.text] = badge_size(s.badge, b, th.font_scale, left, s.text)
            signs.append((s.index, s.text, s.unknown, s.state, size[0]))  # (faded on a copy, below)
            if size[0]:
                badges.append((k, s, *size))
        places = (w, h, scale, self._origin, look, x0, crop_at, self._desk_xy.tobytes())
        xs = np.rint((self._desk_xy[:, 0] - GLOW - ox) * scale).astype(np.int64) + x0
        ys = np.rint((self._desk_xy[:, 1] - GLOW - oy) * scale).astype(np.int64) + x0
        out, redo, kept = self._kept_shells.changed(places, signs, xs, ys, crop_at[1] - x0, crop_at[2] - x0)
        try:
            new_seats = {}  # seat numbers never drawn at this look: painted together (a new look meets hundreds)
            for k in redo:
                s = self.students[k]
                if signs[k] is not None and ("seat", s.index, s.state == "focus", look) not in self._pictures:
                    new_seats[("seat", s.index, s.state == "focus", look)] = s
            if len(new_seats) > 4:
                cells.parts_at_once(self, new_seats, SEAT, crop_at, scale)
            bodies: dict[tuple, int] = {}
            body_tiles, body_of, seats, words, shown = [], [], [], [], []
            for k in redo:
                s, sign = self.students[k], signs[k]
                if sign is None:
                    continue
                shown.append(k)
                key = ("body", s.state, s.unknown, look)
                at = bodies.get(key)
                if at is None:
                    at = bodies[key] = len(body_tiles)
                    body_tiles.append(self._tile(key, s, BODY, crop_at, scale, True))
                body_of.append(at)
                seats.append(self._tile(("seat", s.index, s.state == "focus", look), s, SEAT, crop_at, scale, False))
                name = names.get((s.text, sign[4], s.unknown))
                if name is None:
                    font, word = fit_name(s.text, b, th.font_scale, left, sign[4], s.unknown)
                    name = names[(s.text, sign[4], s.unknown)] = (word, font.key())
                words.append(self._tile(("name",) + name + (s.state == "masked", s.unknown, look), s, NAME, crop_at,
                                        scale, False))
            if shown:
                stack = shells.compose(np.stack(body_tiles), np.array(body_of), [seats, words])
                shells.scatter(out, stack, xs[shown], ys[shown])
        except BaseException:
            if kept is not None:
                self._kept_shells.forget(kept)  # half composed: its desks' signs no longer say what it shows
            raise
        if kept is not None:
            out = out.copy()  # faded and badged on a copy: the kept shells stay without either
        faded = np.flatnonzero((self._desk_opacity > 0.001) & (self._desk_opacity < 1.0))  # (drawn: a sign)
        if len(faded):  # (after composing, so that a class fading out is not composed again at every opacity)
            shells.fade_in_place(out, self._desk_opacity[faded], xs[faded], ys[faded], crop_at[1] - x0, crop_at[2] - x0)
        image = QImage(out.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied)
        image.buffer = out  # the picture is the array's bytes: kept alive with it, never copied
        new_badges = {}  # badge texts never drawn at this look (a chapter of scores shows hundreds): painted together
        for k, s, bw, px in badges:
            bh = px * 1.5
            key = ("badge", s.badge, bw, self.badge_role, look)
            if key not in self._pictures:
                new_badges[key] = (k, s, QRectF(b.w - b.pad - bw - 2, (b.header_h - bh) / 2 - 2, bw + 4, bh + 4))
        if len(new_badges) > 4:
            cells.badges_at_once(self, new_badges, scale)
        if badges:
            p = QPainter(image)
            try:
                for k, s, bw, px in badges:
                    bh = px * 1.5
                    pill = QRectF(b.w - b.pad - bw - 2, (b.header_h - bh) / 2 - 2, bw + 4, bh + 4)

                    def badge(q, k=k, s=s, pill=pill):
                        q.translate(-pill.x(), -pill.y())
                        self._ghost(0, s, with_strips=False)._paint_badge(q)  # (any ghost: one per desk took ~40 ms to make)

                    p.setOpacity(min(1.0, s.opacity))
                    p.drawImage(round((s.x + pill.x() - ox) * scale), round((s.y + pill.y() - oy) * scale),
                                self._kept(("badge", s.badge, bw, self.badge_role, look),  # its border: the role's colour
                                           (pill.width(), pill.height()), scale, badge))
            finally:
                p.end()
        return image

    def _look(self, look: tuple) -> int:
        """A number for how the desks look (layout, theme, badge colour, scale): kept pictures' keys hold it
        instead of the DeskBox, whose hash (a dataclass of strip boxes) is recomputed at every lookup."""
        found = self._looks.get(look)
        if found is None:
            if len(self._looks) > 64:
                self._looks.clear()
            found = self._looks[look] = next(_LOOKS)
        return found

    def _draw_cards(self, w: int, h: int, scale: float) -> QImage:
        """Every desk's cards as one premultiplied RGBA image of w x h device pixels (scene.class_cards)."""
        return draw_cards(w, h, scale, self._origin, self.box, self.theme, self.scales,
                          list(self._roles) if self.strips else [],
                          self._values.get() if isinstance(self._values, Stacked) else self._values,
                          self._visible, self._desk_xy, self._desk_opacity, self._desk_masked)


def nbytes(picture) -> int:  # a kept picture's size: a QImage (parts, badges) or a NumPy shell
    return picture.nbytes if isinstance(picture, np.ndarray) else picture.sizeInBytes()
