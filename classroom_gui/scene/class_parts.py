"""The desks' shells of a ClassImage (scene.class_image): the picture of every desk without its cards, composed in
NumPy (scene.class_shells) from the parts of a desk DeskItem paints (body, seat number, name), kept by what they
show, with the badges painted over it; and the kept pictures' budget (KEPT_BYTES, the least recently used go
first). DeskParts is ClassImage's mixin: it reads the class's box, theme, students, places and kept pictures."""
from __future__ import annotations

import itertools
import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter

from ..lesson.frame import Student
from ..lesson.layout import GAP
from .desk import ALL, BODY, GLOW, NAME, SEAT, name_left
from .desk_tag import badge_size, fit_name
from . import class_cells as cells
from .class_badges import lay_badges
from . import class_shells as shells

KEPT_BYTES = 48 << 20  # desk parts, shells and badges kept (1-50 KB each): every student in a few states
_LOOKS = itertools.count()


class DeskParts:
    """ClassImage's shells picture (_draw_shells) and the kept desk parts and badges it is made of."""

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
        self._name_left = self._ghost(0, self.students[0], with_strips=False)._name_left()
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
            left = name_left(b, s.index + 1, th.font_scale)  # (seats from 100 on: after their wider digits)
            size = sizes.get((s.badge, s.text, s.unknown, left)) if s.badge else (0.0, 0.0)
            if size is None:
                size = sizes[s.badge, s.text, s.unknown, left] = badge_size(s.badge, b, th.font_scale, left, s.text,
                                                                            s.unknown)
            signs.append((s.index, s.text, s.unknown, s.state, size[0]))  # (faded on a copy, below)
            if size[0]:
                badges.append((k, s, *size))
        places = (w, h, scale, self._origin, look, x0, crop_at)  # (where each desk is: in Kept's signs)
        xs = np.rint((self._desk_xy[:, 0] - GLOW - ox) * scale).astype(np.int64) + x0
        ys = np.rint((self._desk_xy[:, 1] - GLOW - oy) * scale).astype(np.int64) + x0
        seats = [s.index for s in self.students]
        out, redo, kept = self._kept_shells.changed(places, signs, seats, xs, ys, crop_at[1] - x0, crop_at[2] - x0)
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
                left = name_left(b, s.index + 1, th.font_scale)
                name = names.get((s.text, sign[4], s.unknown, left))
                if name is None:
                    beside = 0.0 if b.badge_h else sign[4]  # (a badge on a line of its own: DeskItem._fit_name)
                    font, word = fit_name(s.text, b, th.font_scale, left, beside, s.unknown)
                    name = names[(s.text, sign[4], s.unknown, left)] = (word, font.key(), left)
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
        drawn = self._desk_opacity > 0.001  # (a sign)
        faded = np.flatnonzero(drawn & (self._desk_opacity < 1.0))
        whole = np.flatnonzero(drawn & (self._desk_opacity >= 1.0))
        if len(faded):  # (after composing, so that a class fading out is not composed again at every opacity)
            shells.fade_in_place(out, self._desk_opacity[faded], xs[faded], ys[faded], crop_at[1] - x0, crop_at[2] - x0,
                                 (xs[whole], ys[whole]))
        image = QImage(out.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied)
        image.buffer = out  # the picture is the array's bytes: kept alive with it, never copied
        if badges:
            lay_badges(self, image, badges, look, scale)
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


def nbytes(picture) -> int:  # a kept picture's size: a QImage (parts, badges) or a NumPy shell
    return picture.nbytes if isinstance(picture, np.ndarray) else picture.sizeInBytes()
