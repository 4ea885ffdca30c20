"""Every card of a big class's plain desks as ONE NumPy-built picture (scene.class_image draws the rest): each
card's cells' colours are looked up in the diverging table for all desks at once, spread to pixels through an
index map of the card's layout (tab, cells, separators, edge), faded by the card's and the desk's opacity,
and scattered into the picture as 4-byte pixels; the masked cards' hatch is drawn over it in one call.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from . import palette
from .items import _CELL_RGBA, _MASKED_RGBA, ARGB32, LEVELS, WIDE
from .layout import DeskBox, StripBox
from .link_routes import sorted_unique
from .palette import Theme
from .whatif_marks import hatch

TAB, EDGE, SEPARATOR, BLANK = -1, -2, -3, -4  # index map entries that are not a cell
THIN = 6            # device px: a card lower than this is underlined in its colour, not framed
SLICED = 200        # device px: a card of at least this many pixels is copied into the picture desk by desk


def _rgba(color: str) -> np.ndarray:
    return np.array([*palette.hex_rgb(color), 255], np.uint8)


@lru_cache(maxsize=64)
def index_map(sbox: StripBox, scale: float, separators: bool) -> np.ndarray:
    """[h, w] int32: for each device pixel of a card, which cell it shows (or TAB, EDGE, SEPARATOR, BLANK),
    as StripView.paint lays the card out (tab at the left, cells in rows, a 1 px edge with cut corners)."""
    w, h = max(1, round(sbox.w * scale)), max(1, round(sbox.h * scale))
    xs, ys = (np.arange(w) + 0.5) / scale, (np.arange(h) + 0.5) / scale
    col = np.floor((xs - sbox.tab_w) / sbox.cell_w).astype(np.int32)
    row = np.floor((ys - sbox.label_h) / sbox.row_h).astype(np.int32)
    out = (np.clip(row, 0, sbox.rows - 1)[:, None] * sbox.cols + np.clip(col, 0, sbox.cols - 1)[None, :]).astype(np.int32)
    out[:, xs < sbox.tab_w] = TAB
    if separators:  # the pixel each inner cell boundary falls in
        for c in range(1, sbox.cols):
            x = int((sbox.tab_w + c * sbox.cell_w) * scale)
            out[:, min(x, w - 1)] = SEPARATOR
        for r in range(1, sbox.rows):
            y = int((sbox.label_h + r * sbox.row_h) * scale)
            out[min(y, h - 1), xs >= sbox.tab_w] = SEPARATOR
    out[:, -1] = EDGE
    out[:, 0] = np.where(out[:, 0] == TAB, TAB, EDGE)
    out[-1, :] = EDGE
    if h >= THIN:  # a thinner card (a class of hundreds) keeps its other rows for the cells' colours
        out[0, :] = EDGE
        for y, x in ((0, 0), (0, -1), (-1, 0), (-1, -1)):  # rounded: the corner pixels left out
            out[y, x] = BLANK
    return out


def cell_colours(values: np.ndarray, scale: float) -> np.ndarray:
    """[D, n] values -> [D, n, 4] RGBA: what items.cell_rgba gives each row (the table up to WIDE numbers,
    the diverging map's colour beyond, in float32; NaN transparent), for D desks at once."""
    nan = np.isnan(values)
    if values.shape[1] > WIDE:
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.divide(values, np.float32(max(scale, 1e-9)), dtype=np.float32)
        t[nan] = 0.0
        np.clip(t, -1.0, 1.0, out=t)
        mix = np.sqrt(np.abs(t))
        mix *= np.float32(palette.MAX_MIX)
        span = np.where((t < 0)[..., None], _NEGATIVE - np.float32(255.0), _POSITIVE - np.float32(255.0))
        span *= mix[..., None]
        span += np.float32(255.0)
        rgba = np.empty(values.shape + (4,), np.uint8)
        rgba[..., :3] = np.rint(span, out=span)
        rgba[..., 3] = np.where(nan, 0, 255)
        return rgba
    half = LEVELS // 2
    with np.errstate(invalid="ignore"):
        steps = np.rint(np.clip(values * (LEVELS / 2 / max(scale, 1e-9)), -half, half))
    # the table's 4-byte colours looked up as one number each (a quarter of the indexing), then seen as bytes
    found = _CELL_WORDS[np.where(nan, 0, steps + half).astype(np.intp)]
    found[nan] = 0
    return found.view(np.uint8).reshape(values.shape + (4,))


_CELL_WORDS = np.ascontiguousarray(_CELL_RGBA).view(np.uint32)[:, 0]  # [LEVELS + 1]: each RGBA as one uint32
_NEGATIVE = np.array(palette.NEGATIVE, np.float32)
_POSITIVE = np.array(palette.POSITIVE, np.float32)


def _argb32(table: np.ndarray) -> np.ndarray:
    """[..., 4] RGBA bytes -> [...] uint32 pixels of the raster engine's ARGB32 (items.ARGB32's byte order)."""
    if ARGB32 != [2, 1, 0, 3]:
        return np.ascontiguousarray(table[..., ARGB32]).view(np.uint32)[..., 0]
    x = np.ascontiguousarray(table).view("<u4")[..., 0]  # R | G << 8 | B << 16 | A << 24
    out = x & np.uint32(0xFF00FF00)  # G and A stay; R and B trade places
    out |= (x & np.uint32(0xFF)) << np.uint32(16)
    out |= (x >> np.uint32(16)) & np.uint32(0xFF)
    return out


def _premultiply(table: np.ndarray, rows: np.ndarray, alpha: np.ndarray) -> None:
    """table[rows] ([k, m, 4] RGBA uint8) premultiplied and faded by alpha [k] in place: rint(c * (a / 255) *
    alpha) in float32. A row whose colours are all opaque or all zero (every cell's but a NaN's) is looked up
    in a table of rint(c * alpha) for its alpha, the same float32 product made once for 256 values (a class
    fading out fades ~500 desks' rows of ~300 colours a card)."""
    part = table[rows]
    plain = ((part[..., 3] == 255) | ~part.any(axis=-1)).all(axis=1)
    by_table, other = np.flatnonzero(plain), np.flatnonzero(~plain)
    if len(by_table):
        levels = sorted_unique(alpha[by_table])
        luts = np.rint(np.arange(256, dtype=np.float32)[None, :] * levels[:, None]).astype(np.uint8)
        table[rows[by_table]] = luts[np.searchsorted(levels, alpha[by_table])[:, None, None], part[by_table]]
    if len(other):
        f = part[other].astype(np.float32)
        f[..., :3] *= f[..., 3:4] / 255.0
        f *= alpha[other, None, None]
        table[rows[other]] = np.rint(f).astype(np.uint8)


def draw_cards(w: int, h: int, scale: float, origin: tuple[float, float], box: DeskBox, th: Theme,
               scales: dict[str, float], roles: list[str], values: list[np.ndarray], visible: np.ndarray,
               xy: np.ndarray, opacity: np.ndarray, desk_masked: np.ndarray) -> QImage:
    """Every desk's cards as one premultiplied image (ARGB32) of w x h device pixels, the canvas point `origin`
    at its top left: card j of every desk shows values[j] [D, n] in role roles[j]'s colours, as visible
    [D, cards] says, on desks at xy [D, 2] (canvas px) faded by opacity [D]; desk_masked [D] greyed, hatched."""
    ox, oy = origin
    pixels = np.zeros((h, w), np.uint32)  # RGBA bytes, a pixel as one number
    masked_rects: list[tuple[float, QRectF]] = []  # (opacity, where)
    border = _rgba(th.color("cell_border"))
    for j, sbox in enumerate(box.strips):
        if j >= visible.shape[1]:
            break
        shown = np.flatnonzero((visible[:, j] > 0) & (opacity > 0.001))
        if not len(shown):
            continue
        role = roles[j]
        n = values[j].shape[1]
        # separators only where a cell is wide on screen: a 1 px line between cells a few pixels wide
        # would turn a scaled-down card into a dark grid (its own desk draws a thin antialiased line)
        cells = index_map(sbox, scale, sbox.cell_w * scale >= 9)
        # a wide card (GPT-2's 768 numbers on ~120 pixels) shows one cell per pixel: only those are coloured
        used = sorted_unique(cells[cells >= 0])  # (np.unique's first call imports numpy.ma: 60-230 ms)
        used = used[used < n]
        picked = values[j][np.ix_(shown, used)]  # (a wide card's colours are float32 sums: no float64 copy)
        colours = cell_colours(picked if n > WIDE else picked.astype(np.float64), scales.get(role, 1.0))
        masked = desk_masked[shown]
        colours[masked] = _MASKED_RGBA
        edge = np.where(masked[:, None], _rgba(th.color("masked")), _rgba(th.role(role)))
        blank = np.zeros_like(edge)
        # the table each desk's pixels are looked up in: its used cells, then BLANK, SEPARATOR, EDGE, TAB;
        # premultiplied and faded by the card's and the desk's opacity here, on a few numbers per desk
        table = np.concatenate([colours, np.stack([blank, np.broadcast_to(border, edge.shape), edge, edge], 1)],
                               axis=1)
        vis = visible[shown, j]
        alpha = (vis * np.minimum(1.0, opacity[shown])).astype(np.float32)
        # only a desk that fades or holds a colour not opaque is multiplied: for the others the float32 sums
        # give every byte back as it was (x * (255 / 255) * 1.0), and 511 desks x ~300 cells x 4 bytes in
        # float took ~2 ms a card
        some = np.flatnonzero((alpha != 1.0) | (colours[..., 3] != 255).any(axis=1))  # (blank is 0 either way)
        if len(some):
            _premultiply(table, some, alpha[some])
        slot = np.full(max(n, 1), len(used), np.int64)  # cell -> its column in the table (unused: BLANK)
        slot[used] = np.arange(len(used))
        u = len(used)
        at = np.where(cells < 0, u + 4 + cells, slot[np.minimum(cells, max(n, 1) - 1)])
        at = np.where(cells >= n, u, at)  # the last row's spare cells: blank
        ph, pw = cells.shape
        lift = np.where(vis < 1, np.rint((1 - vis) * 6), 0.0)  # a card fading in rises a few px
        # (np.rint rounds halves to even, as Python's round: the same pixels as DeskItem's own cards)
        xs = np.rint((xy[shown, 0] + sbox.x - ox) * scale).astype(np.int64)
        ys = np.rint((xy[shown, 1] + sbox.y + lift - oy) * scale).astype(np.int64)
        inside = np.flatnonzero((xs >= 0) & (ys >= 0) & (xs + pw <= w) & (ys + ph <= h))
        # every desk's card looks its 4-byte pixels up in its desk's row of the table (one take along the rows),
        # then goes into the picture: a bigger card (a class of ~64) as one slice copy a desk, a small one (hundreds
        # of desks) in one scatter of [D, h, w] flat positions (the copies' ~1.5 us a desk cost more there)
        rows = _argb32(table)                                                       # [D, u + 4]
        found = np.take(rows[inside], at.reshape(-1), axis=1)                      # [D', ph * pw]
        if ph * pw >= SLICED:
            for card, x, y in zip(found.reshape(len(inside), ph, pw), xs[inside].tolist(), ys[inside].tolist()):
                pixels[y:y + ph, x:x + pw] = card
        else:
            spots = (ys[inside] * w + xs[inside])[:, None, None] + (np.arange(ph) * w)[:, None] + np.arange(pw)
            pixels.reshape(-1)[spots.reshape(len(inside), -1)] = found
        m = np.flatnonzero(masked)  # hatched as faded as the card (painted over it, by opacity, below)
        if len(m):  # (one QRectF per masked card, made in one comprehension: the mask chapter has ~2,000)
            rw = pw - sbox.tab_w * scale
            masked_rects += zip(alpha[m].tolist(), [QRectF(x, y, rw, ph) for x, y in
                                                     zip((xs[m] + sbox.tab_w * scale).tolist(), ys[m].tolist())])
    out = QImage(pixels.data, w, h, w * 4, QImage.Format.Format_ARGB32_Premultiplied)
    out.buffer = pixels  # the picture is the array's bytes: kept alive with it, never copied
    if masked_rects:  # a student who has not spoken: hatched too, so it reads without colour
        p = QPainter(out)
        try:
            for a in sorted({a for a, _ in masked_rects}):
                p.setOpacity(a)
                hatch(p, [r for b, r in masked_rects if b == a])
        finally:
            p.end()
    return out
