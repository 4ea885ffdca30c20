"""The desks of a big class without their cards or badges ("shells": body, seat number, name) composed in
NumPy: each desk is the body tile of its state (one np.take for the class), its seat number and its name laid
over it as the few pixels they ink, with Qt's own source-over arithmetic (the bytes QPainter.drawImage gives
on ARGB32_Premultiplied), faded desks multiplied, and every desk copied into the picture. Nothing is
painted unless a desk shows a part never seen before (a new seat number, word or state at this scale), and
then only that part.

A tile is [sh, sw] uint32 pixels (ARGB32_Premultiplied as one number each), the desk and the half gap around
it; a sparse part is one [2, m] uint32 array: the flat positions of its inked pixels in the tile, and those
pixels.
"""
from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtGui import QImage

from .link_routes import sorted_unique


def image_pixels(img: QImage) -> np.ndarray:
    """[h, w] uint32 view of a 32-bit QImage's pixels (no copy: valid while img lives)."""
    row = img.bytesPerLine() // 4
    return np.frombuffer(img.constBits(), np.uint32).reshape(img.height(), row)[:, : img.width()]


def crop(img: QImage, x0: int, x1: int, y1: int) -> np.ndarray:
    """A part's picture cut to the tile (from x0 to x1 across, x0 to y1 down), as a dense [sh, sw] copy."""
    return np.ascontiguousarray(image_pixels(img)[x0:y1, x0:x1])


def sparse(tile: np.ndarray) -> np.ndarray:
    """A dense tile's inked pixels, [2, m] uint32: flat positions, then pixels (a seat number or a word covers
    a few percent of its desk: blending only those is what makes composing hundreds of desks cheap)."""
    flat = tile.reshape(-1)
    at = np.flatnonzero(flat)
    return np.stack([at.astype(np.uint32), flat[at]])


def over(dst: np.ndarray, src: np.ndarray) -> np.ndarray:
    """src over dst, premultiplied uint32 pixels [m]: Qt's comp_func_SourceOver, s + BYTE_MUL(d, 255 - alpha(s)),
    with BYTE_MUL's rounding ((t + (t >> 8) + 0x80) >> 8 per channel of t = d * a), so the bytes equal
    QPainter.drawImage's."""
    inv = (255 - (src >> 24)).astype(np.uint16)
    t = dst.view(np.uint8).reshape(-1, 4).astype(np.uint16) * inv[:, None]  # <= 255 * 255: fits 16 bits
    t = (t + (t >> 8) + 0x80) >> 8
    return src + np.ascontiguousarray(t.astype(np.uint8)).view(np.uint32)[:, 0]


def compose(bodies: np.ndarray, body_of: np.ndarray, layers: list[list[np.ndarray]]) -> np.ndarray:
    """[D, sh, sw] uint32 desks: desk d is bodies[body_of[d]] ([S, sh, sw]) with each layer's part for it laid
    over in turn (layers[l][d] a sparse part; a layer never overlaps itself within a desk, and desks are
    apart in the stack, so one gather and one scatter per layer does every desk)."""
    stack = np.take(bodies, body_of, axis=0)
    flat = stack.reshape(-1)
    size = bodies.shape[1] * bodies.shape[2]
    for parts in layers:
        if not parts:
            continue
        lens = np.fromiter((p.shape[1] for p in parts), np.int64, len(parts))
        both = np.concatenate(parts, axis=1)
        at = both[0].astype(np.int64) + np.repeat(np.arange(len(parts), dtype=np.int64) * size, lens)
        flat[at] = over(flat[at], both[1])
    return stack


PAIRED_LEVELS = 4  # up to this many opacities a picture fades two bytes a lookup (a table of 65536 each: ~0.3 ms)


def fade_in_place(out: np.ndarray, opacity: np.ndarray, xs: np.ndarray, ys: np.ndarray, tile_w: int,
                  tile_h: int, others: tuple[np.ndarray, np.ndarray] | None = None) -> None:
    """Desks already in the picture out [h, w] (tiles at (xs[d], ys[d]), cut at its edges as scatter cuts them)
    multiplied by their opacity [d] < 1, cast as astype casts (truncating), as the shells always were: each byte
    looked up in a table of its opacity's products (the same float32 product, made once for 256 values; two bytes
    a lookup), so that a class fading out is not composed again at every opacity (the mask chapter fades ~500
    desks a moment).
    `others`: (xs, ys) of the picture's other desks, not faded. Where rows of desks are apart (each row's tiles at
    one y, rows a tile's height apart or more), a row's run of desks at one opacity with no other desk between
    them is faded as one slice (#18: 510 desks in ~20 slices, not 510; the pixels between their tiles are clear,
    and stay so)."""
    h, w = out.shape
    opacity = opacity.astype(np.float32)
    levels = sorted_unique(opacity)
    tables = (np.arange(256, dtype=np.float32)[None, :] * levels[:, None]).astype(np.uint8)  # [levels, 256]
    width = np.uint8
    if len(levels) <= PAIRED_LEVELS:  # two bytes at once, looked up in [levels, 65536]: half the lookups, 2.4x as fast
        pairs, width = np.arange(1 << 16), np.uint16
        tables = tables[:, pairs & 255].astype(np.uint16) | (tables[:, pairs >> 8].astype(np.uint16) << 8)
    level = np.searchsorted(levels, opacity)
    inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)  # (as scatter: a desk starting outside is not there)
    level, xs, ys = level[inside], xs[inside], ys[inside]
    if not len(level):
        return
    if others is not None:
        level = np.concatenate([level, np.full(len(others[0]), -1)])
        xs, ys = np.concatenate([xs, others[0]]), np.concatenate([ys, others[1]])
    rows = sorted_unique(ys)
    if others is None or np.any(np.diff(rows) < tile_h):  # rows may share pixels: desk by desk
        runs = [(k, x, y, x + tile_w) for k, x, y in zip(level.tolist(), xs.tolist(), ys.tolist()) if k >= 0]
    else:
        order = np.lexsort((xs, ys))
        level, xs, ys = level[order], xs[order], ys[order]
        start = np.flatnonzero(np.r_[True, (level[1:] != level[:-1]) | (ys[1:] != ys[:-1])])
        end = np.r_[start[1:], len(level)] - 1
        runs = [(k, x, y, x1 + tile_w) for k, x, y, x1 in zip(level[start].tolist(), xs[start].tolist(),
                                                               ys[start].tolist(), xs[end].tolist()) if k >= 0]
    for k, x, y, x1 in runs:
        tile = out[y:y + tile_h, x:x1]
        tile[...] = np.take(tables[k], tile.view(width)).view(np.uint32)  # (take: ~3x a fancy index's speed)


def scatter(out: np.ndarray, stack: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> None:
    """Every desk of stack [D, sh, sw] into out [h, w] with its top left at (xs[d], ys[d]) device pixels,
    cut at the picture's right and bottom edges; a desk that would start outside it is left out. One slice
    copy per desk: ~1 us of Python each, where one fancy-indexed scatter of the ~1M pixels (an 8-byte index
    per pixel) took 3x as long."""
    h, w = out.shape
    for tile, x, y in zip(stack, xs.tolist(), ys.tolist()):
        if 0 <= x < w and 0 <= y < h:
            out[y:y + tile.shape[0], x:x + tile.shape[1]] = tile[:h - y, :w - x]


KEPT_PICTURES = 6  # pictures kept: per layout and scale a few versions of the class (with badges beside the
# names or without, desks masked or not), so that a jump back to a chapter's desks finds its own
KEPT_PIXELS = 1 << 22  # a bigger picture (a 4K export, 33 MB a copy) is composed whole and not kept
NEW_VERSION = 4  # more than 1 / NEW_VERSION of the desks changed: a new version is composed, the old one kept
_VERSIONS = itertools.count()


class Kept:
    """A class's shells as last composed at each of a few places and scales ([h, w] uint32, without badges and
    unfaded), and what each seat showed there and where, so that the next picture at the same places recomposes
    only the desks that changed (tiles never overlap: each desk owns its tile's pixels). Desks are matched by
    seat, not by their place in the list: a new asker (drawn by its own item, so missing from the list) changes
    two desks, not every desk after it. Each places may keep a few versions (a chapter with badges narrows every
    name): a moment recomposes the one nearest to it."""

    def __init__(self):
        # (places, n) -> ({seat: (sign, x, y)}, picture), least recent first
        self.kept: dict[tuple, tuple[dict, np.ndarray]] = {}
        self.signs: list = []  # the last picture's

    def changed(self, places: tuple, signs: list, seats: list[int], xs: np.ndarray, ys: np.ndarray, tile_w: int,
                tile_h: int) -> tuple[np.ndarray, list[int], tuple | None]:
        """(the picture to compose into, the desks to compose, its key or None when it is not kept) for desks
        showing signs[d] (None: not drawn) at seat seats[d] with tiles at (xs[d], ys[d]); places says where and at
        what scale (places[:2]: w, h). A desk that changed, and a seat no longer in the list, is cleared first.
        A version whose desks moved is not recomposed in part. A kept picture must not be painted on (badges go
        on a copy); one not kept (bigger than KEPT_PIXELS) is the caller's. If composing fails, forget(key)."""
        self.signs = signs
        if places[0] * places[1] > KEPT_PIXELS or len(set(seats)) != len(seats):
            self.forget(places)
            return np.zeros((places[1], places[0]), np.uint32), list(range(len(signs))), None
        xl, yl = xs.tolist(), ys.tolist()
        now = dict(zip(seats, zip(signs, xl, yl)))
        best, redo, gone = None, list(range(len(signs))), []
        for key, (old, _) in self.kept.items():  # the version nearest this moment (most recent first on ties)
            if key[0] != places:
                continue
            get = old.get
            differ = [k for k, seat in enumerate(seats) if get(seat) != now[seat]]
            if any((was := get(seats[k])) is not None and was[1:] != now[seats[k]][1:] for k in differ):
                continue  # desks moved: composed whole (a moving class's tiles may cross, and the list's order decides)
            left = [seat for seat in old if seat not in now]
            if len(differ) + len(left) <= len(redo) + len(gone):
                best, redo, gone = key, differ, left
        if best is None or (len(redo) + len(gone)) * NEW_VERSION > len(signs):
            while len(self.kept) >= KEPT_PICTURES:
                del self.kept[next(iter(self.kept))]  # the least recently used
            key, base = (places, next(_VERSIONS)), np.zeros((places[1], places[0]), np.uint32)
            self.kept[key] = (now, base)
            return base, list(range(len(signs))), key
        old, base = self.kept.pop(best)
        self.kept[best] = (now, base)  # (re)inserted last: the most recent
        h, w = base.shape
        for sign, x, y in [old[seats[k]] for k in redo if seats[k] in old] + [old[seat] for seat in gone]:
            if sign is not None and 0 <= x < w and 0 <= y < h:
                base[y:y + tile_h, x:x + tile_w] = 0
        return base, redo, best

    def forget(self, which: tuple | None = None) -> None:
        """Let go of a kept picture (its key), of every version at some places, or of all (None), e.g. after
        composing into one failed half way: its signs no longer say what its pixels show."""
        for key in list(self.kept):
            if which is None or key == which or key[0] == which:
                del self.kept[key]
