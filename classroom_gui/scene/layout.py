"""Where things go inside a desk and on the blackboard: pure arithmetic on logical canvas pixels, no Qt.

A desk is a name tag (header) above a stack of strips (the notebook, then the cards). desk_layout picks,
for a desk size and the strips' lengths, the biggest type at which every cell shows its 2-decimal number,
wrapping long strips onto a second row if that helps; when nothing fits, cells are drawn without numbers
(the number is in the tooltip) and the labels go too if the desk is tiny.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

DIGIT_RATIO = 2.55    # width of "-0.42" in IPAex Gothic, in units of its pixel size (measured 2.51)
NUMBER_PX = (16, 15, 14)  # number sizes tried, biggest first; smaller cells go without numbers (see the
                          # tooltip) rather than print what a projector turns to grey dots
LABEL_MIN = 16            # a strip's label row only at this size or more (the role's colour still shows)
NAME_MIN = 16             # a desk's name, seat number and badge are never smaller, where the desk has room
SEAT_DIGITS_MIN = 6.0     # device px: seat numbers that would come out smaller on the screen or picture (1,024
                          # students on a 1024 x 768 projector: ~3 px of grey specks) are left off
MAX_ROWS = 4          # a strip may wrap onto this many rows of cells
STRETCH = 2.4        # cells may grow to this many times their number's pixel size in height
ROW_CELLS = 8         # the natural row: one card of d_head = 8, half a notebook of n_embd = 16


@dataclass(frozen=True)
class StripBox:
    """One strip inside its parent (desk or board), in the parent's coordinates."""
    x: float
    y: float
    w: float
    h: float
    label_h: float       # 0: no label row
    label_px: float
    tab_w: float         # the role-coloured tab at the left end
    rows: int
    cols: int
    number_px: float     # 0: cells without numbers
    shown: int = 0       # >0: only the first `shown` numbers, then a "…" cell (the whole card in its tooltip)

    @property
    def cells_y(self) -> float:
        return self.y + self.label_h

    @property
    def row_h(self) -> float:
        return (self.h - self.label_h) / max(1, self.rows)

    @property
    def cell_w(self) -> float:
        return (self.w - self.tab_w) / max(1, self.cols)


@dataclass(frozen=True)
class DeskBox:
    w: float
    h: float
    pad: float
    radius: float
    header_h: float
    name_px: float
    strips: tuple[StripBox, ...]
    lift: float          # how far a raised card is held up

    def __hash__(self) -> int:  # kept: a DeskBox keys caches (fit_name, badge_size) hundreds of times a frame, and
        h = self.__dict__.get("_hash")  # hashing its strip boxes each time was ~10 ms of a big class's new frame
        if h is None:
            h = hash((self.w, self.h, self.pad, self.radius, self.header_h, self.name_px, self.strips, self.lift))
            object.__setattr__(self, "_hash", h)
        return h


def clamp(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


def _rows_for(n: int, width: float, min_cell_w: float, max_rows: int = MAX_ROWS) -> int:  # 0: even max_rows are too narrow
    for rows in range(1, max_rows + 1):
        if width / max(1, math.ceil(n / rows)) >= min_cell_w:
            return rows
    return 0


def stack_strips(counts: tuple[int, ...], x: float, y: float, w: float, avail: float, *, label_px: float,
                 tab_w: float, gap: float, max_number_px: float = 16.0, max_row_h: float = 24.0,
                 max_rows: int = MAX_ROWS, row_cells: int = ROW_CELLS) -> tuple[StripBox, ...]:
    """Strips of the given lengths stacked from y down within `avail` height, numbers if they fit."""
    k = len(counts)
    if k == 0 or avail <= 0 or w <= tab_w:
        return ()
    cells_w = w - tab_w
    gaps = gap * (k - 1)
    label_options = (label_px * 1.3, 0.0) if label_px >= LABEL_MIN else (0.0,)
    # first with the natural wrapping (row_cells cells a row: a card is one row, a notebook two), then
    # letting strips wrap further; within each, the biggest numbers that fit
    natural = [max(1, math.ceil(n / row_cells)) for n in counts]
    for label_h in label_options:
        for wrap_more in (False, True):
            for px in NUMBER_PX:
                if px > max_number_px:
                    continue
                row_h = px * 1.9
                min_cell_w = px * DIGIT_RATIO + 6
                rows = [_rows_for(n, cells_w, min_cell_w, max_rows) for n in counts]
                if not all(rows) or max(rows) > max_rows:
                    continue
                if not wrap_more:
                    if any(r > nat for r, nat in zip(rows, natural)):
                        continue
                    rows = natural
                need = sum(label_h + r * row_h for r in rows) + gaps
                if need <= avail:  # spare height makes the cells taller (same type), up to a card-like shape
                    row_h = min(px * STRETCH, row_h + (avail - need) / sum(rows))
                    return _place(counts, rows, x, y, w, label_h, label_px, tab_w, gap, row_h, px)
    # the first few numbers at the smallest readable size and a "…" cell, rather than smaller numbers
    px = NUMBER_PX[-1]
    cols = int(cells_w // (px * DIGIT_RATIO + 6))
    row_h = px * 1.9
    if cols >= 3 and k * row_h + gaps <= avail:
        row_h = min(px * STRETCH, row_h + (avail - gaps - k * row_h) / k)
        out = []
        for n in counts:
            c, shown = (n, 0) if n <= cols else (cols, cols - 1)
            out.append(StripBox(x, y, w, row_h, 0.0, 0.0, tab_w, 1, max(1, c), px, shown))
            y += row_h + gap
        return tuple(out)
    # no numbers: one row per strip, as tall as fits (labels only if a strip keeps a usable cell height)
    per = (avail - gaps) / k
    label_h = label_px * 1.3 if label_px >= LABEL_MIN and per - label_px * 1.3 >= 12 else 0.0
    row_h = clamp(per - label_h, 3.0, max_row_h)
    return _place(counts, [1] * k, x, y, w, label_h, label_px, tab_w, gap, row_h, 0.0)


def _place(counts, rows, x, y, w, label_h, label_px, tab_w, gap, row_h, px) -> tuple[StripBox, ...]:
    out = []
    for n, r in zip(counts, rows):
        h = label_h + r * row_h
        out.append(StripBox(x, y, w, h, label_h, label_px if label_h else 0.0, tab_w, r, max(1, math.ceil(n / r)),
                            px))
        y += h + gap
    return tuple(out)


@lru_cache(maxsize=512)
def desk_layout(w: float, h: float, counts: tuple[int, ...]) -> DeskBox:
    """A desk of w x h with strips of `counts` cells (notebook first, then cards)."""
    pad = clamp(min(w, 2 * h) * 0.032, 3.0, 12.0)
    header_h = clamp(h * 0.19, 18.0, 46.0)
    if h >= 60:  # room for a 16 px name (a projector's least) even in a class of 64; the cards give way
        header_h = max(header_h, NAME_MIN / 0.58 + 0.1)
    name_px = clamp(header_h * 0.58, 10.0, 25.0)
    radius = clamp(min(w, h) * 0.07, 4.0, 16.0)
    top = header_h + pad
    avail = h - top - pad
    gap = clamp(avail * 0.025, 2.0, 8.0)
    label_px = clamp(h * 0.045, 0.0, 16.0)
    tab_w = clamp(w * 0.014, 3.0, 6.0)
    strips = stack_strips(counts, pad, top, w - 2 * pad, avail, label_px=label_px, tab_w=tab_w, gap=gap,
                          max_row_h=clamp(h * 0.16, 6.0, 30.0))
    lift = clamp(h * 0.016, 2.0, 6.0)
    return DeskBox(w, h, pad, radius, header_h, name_px, strips, lift)
