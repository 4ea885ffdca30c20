"""The badge pills of a big class laid over its shells picture (scene.class_parts): each pill is painted once per
text as shown, width, font size and look (a chapter of scores shows a few hundred scores, at 512 desks cut to a
few dozen texts such as "-…"; of shares a few), all new ones in
one painter pass with their pens made once (scene.class_cells.badges_at_once), and kept; every desk's pill is then
drawn from it, placed in NumPy for the whole class, in one tight loop of QPainter.drawImage (cheaper than laying
them in NumPy: gathering and blending ~100k pixels took ~4 ms at 512 desks).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from . import class_cells as cells
from .desk_tag import pill_box, pill_text


def pill_rect(b, bw: float, px: float) -> QRectF:
    """A badge's picture in desk px: its pill (desk_tag.pill_box) and 2 px around it for the border's antialiasing."""
    pill = pill_box(b, bw, px)
    return QRectF(pill.x() - 2, pill.y() - 2, bw + 4, pill.height() + 4)


def lay_badges(ci, image: QImage, badges: list[tuple], look: int, scale: float) -> None:
    """Desk k's badge pill drawn on image (ClassImage ci's shells) for each (k, student, pill width, font px) of
    badges, as faded as its desk; the pills are kept in ci's pictures by what they show (ci._kept's budget).
    Each is placed at round((desk x + pill x - origin) * scale) in float64, as Python's round (half to even, as
    np.rint) placed it one desk at a time."""
    b, (ox, oy), role = ci.box, ci._origin, ci.badge_role
    kinds: dict[tuple, int] = {}  # a pill's key -> its number here
    pills, which, desks = [], [], []  # per pill its rect; per badge its pill's number and its desk
    new = {}  # pills never drawn at this look: painted together (a chapter of scores meets hundreds)
    found: list[QImage | None] = []  # per pill its picture (None: new)
    for k, s, bw, px in badges:
        key = ("badge", pill_text(s.badge, bw, px), bw, px, role, look)  # (as shown: 512 desks' scores are "-…")
        j = kinds.get(key)
        if j is None:
            j = kinds[key] = len(pills)
            pill = pill_rect(b, bw, px)
            pills.append(pill)
            found.append(ci._pictures.pop(key, None))
            if found[-1] is None:
                new[key] = (key[1], bw, px, pill)
            else:
                ci._pictures[key] = found[-1]  # (re)inserted last: the least recently used go first
        which.append(j)
        desks.append(k)
    if new:
        painted = cells.badges_at_once(ci, new, look, scale)
        found = [painted[key] if f is None else f for key, f in zip(kinds, found)]
    at = np.array([(pill.x(), pill.y()) for pill in pills]).reshape(-1, 2)[which]
    xs = np.rint((ci._desk_xy[desks, 0] + at[:, 0] - ox) * scale).astype(np.int64).tolist()
    ys = np.rint((ci._desk_xy[desks, 1] + at[:, 1] - oy) * scale).astype(np.int64).tolist()
    opacity = np.minimum(ci._desk_opacity[desks], 1.0).tolist()
    p = QPainter(image)
    try:
        shown = 1.0
        for j, x, y, o in zip(which, xs, ys, opacity):
            if o != shown:
                p.setOpacity(shown := o)
            p.drawImage(x, y, found[j])
    finally:
        p.end()
