"""Where things go inside a desk and on the blackboard: pure arithmetic on logical canvas pixels, no Qt.

A desk is a name tag (header) above a stack of strips (the notebook, then the cards). desk_layout picks,
for a desk size and the strips' lengths, the biggest type at which every cell shows its 2-decimal number,
wrapping long strips onto more rows if that helps (on 4:3, where numbers are drawn bigger, and on 16:9 from 9
students, then smaller type: least_number_px); when nothing fits, the first numbers and "…", or cells without numbers (the number is in the
tooltip), and the labels go too if the desk is tiny.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..lesson.canvas import WIDESCREEN, Canvas

DIGIT_RATIO = 2.55    # width of "-0.42" in IPAex Gothic, in units of its pixel size (measured 2.51)
WIDE_DIGITS = 1.22    # "-11.14" against "-0.42"
NARROW_RATIO = 2.51   # the measured width of "-0.42": with NARROW_PAD the cells of a desk that otherwise cuts a strip
NARROW_PAD = 4.0      # (desk_boxes.narrow_cells measures that its numbers then fit: 8 a row at 12 px, 10 students)
NUMBER_PX = (16, 15, 14)  # number sizes tried, biggest first; smaller cells go without numbers (see the
                          # tooltip) rather than print what a projector turns to grey dots
LABEL_MIN = 16            # a strip's label row only at this size or more (the role's colour still shows)
LABEL_LINE = 1.3          # a line of a strip's label is this many times its px high
NAME_MIN = 16             # a desk's name, seat number and badge are never smaller, where the desk has room
SEAT_DIGITS_MIN = 6.0     # device px: seat numbers that would come out smaller on the screen or picture (1,024
                          # students on a 1024 x 768 projector: ~3 px of grey specks) are left off
MAX_ROWS = 4          # a strip may wrap onto this many rows of cells
TALL_ROWS = 6         # ... and on a canvas that allows smaller numbers (4:3), this many before they get smaller
TIGHT_GAP = 4.0       # px between a desk's strips when only so its numbers fit (taller rounds, see _tries)
LEAST_ROW = 3.0      # a strip without numbers is at least this high, where the desk has the room (below_least)
THIN_GAP = 1.0       # ... else the gaps between strips close to this first
ROW_HEIGHT = 1.9     # a row of cells is this many times its number's pixel size high ...
STRETCH = 2.4        # ... cells may grow to this many times that in height
SNUG = 1.7           # ... and shrink to this where only then a desk full of strips shows every number
LEAST_PX = 12         # the least numbers anywhere (logical px: 6.4 px on a 1024 x 768 picture of 16:9, 8.5 of 4:3)
SMALL_CLASS = 8       # 16:9 classes up to this many keep NUMBER_PX (see least_number_px) ...
WIDE_SMALL_TO = 12    # ... and from there up to this many go down to LEAST_PX (11-12: 6 a row, the rows a lane apart
                      # for the links' labels, lesson.layout.LANE; 13 and more: desks too small for every number)
ROW_CELLS = 8         # the natural row: one card of d_head = 8, half a notebook of n_embd = 16
GROW_PX = 26          # a desk showing one strip (the notebook alone: chapters 1, 11, 13) grows its numbers up to
                      # this (logical px, as big as a desk's biggest name) into the height the cards would take
                      # (teacher40 #1: 14 px numbers, 7 px digits at 1024 x 768, over 40% of each desk left empty)


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
    def label_lines(self) -> int:  # lines of its label row (1 with none: the number a label starts from)
        return max(1, round(self.label_h / (self.label_px * LABEL_LINE))) if self.label_h else 1

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
    badge_h: float = 0.0  # >0: the badge on a line of its own, this tall, at the bottom of the name tag (header_h
    # holds both lines): a narrow desk whose guess would be cut beside its name (desk_layout's badge_line)

    @property
    def tag_h(self) -> float:  # the name tag's first line: the seat number and the name
        return self.header_h - self.badge_h

    def __hash__(self) -> int:  # kept: a DeskBox keys caches (fit_name, badge_size) hundreds of times a frame, and
        h = self.__dict__.get("_hash")  # hashing its strip boxes each time was ~10 ms of a big class's new frame
        if h is None:
            h = hash((self.w, self.h, self.pad, self.radius, self.header_h, self.name_px, self.strips, self.lift,
                      self.badge_h))
            object.__setattr__(self, "_hash", h)
        return h


def clamp(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


def _rows_for(n: int, width: float, min_cell_w: float, max_rows: int = MAX_ROWS) -> int:  # 0: even max_rows are too narrow
    for rows in range(1, max_rows + 1):
        if width / max(1, math.ceil(n / rows)) >= min_cell_w:
            return rows
    return 0


def least_number_px(canvas: Canvas, students: int = 0) -> int:
    """The smallest numbers a desk on `canvas` in a class of `students` may show: NUMBER_PX's least on 16:9 up to
    SMALL_CLASS students (their desks show every number at 14 px or more, or as they always have); LEAST_PX for a
    bigger class on 16:9 up to WIDE_SMALL_TO (its desks' spare rows, then numbers down to 12 px: at 9 students, 3
    a row, every strip but the embedding chapter's whole; at 11-12, 6 a row, every strip but the embedding, listening and
    everyone chapters');
    on a narrower canvas, drawn bigger on the same output (4:3 at 1024 x 768: 1440 / 1920 of 16:9's width), the
    size whose digits there are as big as 16:9's biggest (4:3: 12 px, 8.53 px at 1024 x 768 like 16:9's 16 px), so
    that its desks show whole the strips 16:9 shows whole with digits never smaller than 16:9's."""
    if canvas.width >= WIDESCREEN.width and SMALL_CLASS < students <= WIDE_SMALL_TO:
        return LEAST_PX
    return min(NUMBER_PX[-1], math.floor(NUMBER_PX[0] * canvas.width / WIDESCREEN.width + 1e-9))


@lru_cache(maxsize=8)
def _tries(least_px: int, max_rows: int) -> tuple[tuple[tuple[bool, int, int], ...], ...]:
    """The (wrap further, number px, most rows) stack_strips tries, in rounds (each with and then without label
    rows): NUMBER_PX with the natural wrapping, then wrapping up to max_rows; then, only if least_px is below
    NUMBER_PX (a 4:3 desk), more rows (TALL_ROWS) at NUMBER_PX's least, then smaller numbers down to least_px.
    So a desk that shows every number at NUMBER_PX is laid out as it is on 16:9."""
    first = tuple((wrap, px, max_rows) for wrap in (False, True) for px in NUMBER_PX)
    if least_px >= NUMBER_PX[-1]:
        return (first,)
    rows = max(max_rows, TALL_ROWS)
    return first, tuple((True, px, rows) for px in range(NUMBER_PX[-1], least_px - 1, -1))


def strips_least_height(counts: tuple[int, ...], w: float, *, label_px: float, tab_w: float, gap: float,
                        row_cells: int, least_px: int) -> float:
    """The height stack_strips needs for whole strips of these lengths in width w, labelled, with numbers of
    least_px, row_cells a row or as many as fit (a 4:3 board fits 11 of 12 px): what a board keeps for them
    below its lines."""
    per_row = max(1, min(row_cells, int((w - tab_w) // (least_px * DIGIT_RATIO + 6))))
    rows = sum(max(1, math.ceil(n / per_row)) for n in counts)
    return len(counts) * label_px * LABEL_LINE + rows * least_px * ROW_HEIGHT + gap * (len(counts) - 1) + 1.0  # float slack


def stack_strips(counts: tuple[int, ...], x: float, y: float, w: float, avail: float, *, label_px: float,
                 tab_w: float, gap: float, max_number_px: float = 16.0, max_row_h: float = 24.0,
                 max_rows: int = MAX_ROWS, row_cells: int = ROW_CELLS,
                 least_px: int = NUMBER_PX[-1], label_lines: tuple[int, ...] = (),
                 wide: tuple[bool, ...] = (), narrow: bool = False, keep: tuple[int, ...] = (),
                 snug: bool = False, shape: tuple[tuple[int, int], ...] = (),
                 grow: int = 0) -> tuple[StripBox, ...]:
    """Strips of the given lengths stacked from y down within `avail` height, numbers if they fit (down to
    least_px: see least_number_px); label_lines: how many lines each strip's label row has (1 if not given: a
    label too long for one line wraps rather than ending in "…", where the desk has the room); wide: the strips
    whose widest number has a digit more than "-0.42" ("-11.14"), given cells WIDE_DIGITS times wider; narrow: cells
    as narrow as the number's measured width and NARROW_PAD (the caller checks the numbers then fit); a wrapped
    strip on rows it fills (_grids) where they fit, else (and strips of the lengths in `keep`) on the fewest rows;
    snug: those rows a little lower (SNUG) where only then they fit (desk_boxes.label_rows: a label on two lines);
    shape: (length, rows) of strips that go on those rows, as the class's other desks have them (desk_boxes.one_shape),
    else (their cells too narrow) at a smaller size, or not at all (the fallbacks below); grow: a lone strip's
    numbers may be this big, bigger than the usual layout's (up to NUMBER_PX), where the room allows (grown)."""
    k = len(counts)
    if k == 0 or avail <= 0 or w <= tab_w:
        return ()
    if grow and k == 1:  # a lone strip: bigger numbers than the usual layout's, where they fit
        usual = stack_strips(counts, x, y, w, avail, label_px=label_px, tab_w=tab_w, gap=gap,
                             max_number_px=max_number_px, max_row_h=max_row_h, max_rows=max_rows, row_cells=row_cells,
                             least_px=least_px, label_lines=label_lines, wide=wide, narrow=narrow, keep=keep,
                             snug=snug, shape=shape)
        than = usual[0].number_px if usual and usual[0].number_px and not usual[0].shown else least_px - 1
        big = grown(counts[0], x, y, w, avail, label_px=label_px, tab_w=tab_w, most=grow, than=int(than),
                    lines=label_lines[0] if label_lines else 1, wide=bool(wide and wide[0]),
                    narrow=narrow, keep=counts[0] in keep, rows=dict(shape).get(counts[0], 0))
        return big or usual
    cells_w = w - tab_w
    gaps = gap * (k - 1)
    label_options = (label_px * LABEL_LINE, 0.0) if label_px >= LABEL_MIN else (0.0,)
    # first with the natural wrapping (row_cells cells a row: a card is one row, a notebook two), then
    # letting strips wrap further; within each, the biggest numbers that fit
    natural = [max(1, math.ceil(n / row_cells)) for n in counts]
    lines = list(label_lines) + [1] * (k - len(label_lines))
    widened = list(wide) + [False] * (k - len(wide))
    ratio, cell_pad = (NARROW_RATIO, NARROW_PAD) if narrow else (DIGIT_RATIO, 6.0)
    fixed = dict(shape)
    keep = tuple(keep) + tuple(fixed)  # (_grids leaves them on the rows given)
    for tall, tries in enumerate(_tries(least_px, max_rows)):
        # on the taller rounds strips closer together (TIGHT_GAP) if only then they fit
        tight = min(gap, TIGHT_GAP) if tall else gap
        for label_h in label_options:
            for wrap_more, px, most_rows in tries:
                if px > max_number_px:
                    continue
                row_h = px * ROW_HEIGHT
                rows = [_rows_for(n, cells_w, px * ratio * (WIDE_DIGITS if big else 1.0) + cell_pad, most_rows)
                        for n, big in zip(counts, widened)]
                if not all(rows):
                    continue
                if fixed:  # the class's shape: its cells wide enough for these numbers, found by wrapping further
                    rows = [fixed.get(n, r) for n, r in zip(counts, rows)]
                    if not wrap_more or any(
                            n in fixed and cells_w / math.ceil(n / r) < px * ratio * (WIDE_DIGITS if big else 1.0) + cell_pad
                            for n, r, big in zip(counts, rows, widened)):
                        continue
                if not wrap_more:
                    if any(r > nat for r, nat in zip(rows, natural)):
                        continue
                    rows = natural
                labels = [label_h * n for n in lines]
                grids = list(_grids(counts, rows, most_rows, px, keep)) if wrap_more else [(rows, row_h)]
                for rs, rh in grids + ([(grids[-1][0], px * SNUG)] if snug else []):
                    need = sum(lh + r * rh for lh, r in zip(labels, rs)) + gaps
                    g = gap if need <= avail else tight
                    need += (g - gap) * (k - 1)
                    if need <= avail:  # spare height makes the cells taller (same type), up to a card-like shape
                        rh = min(px * STRETCH, rh + (avail - need) / sum(rs))
                        return _place(counts, rs, x, y, w, labels, label_px, tab_w, g, rh, px)
    # the first few numbers at the smallest readable size and a "…" cell, rather than smaller numbers: every number
    # on rows a little lower (SNUG) where only then they all fit (the asker's desk at the listening step, 5 strips
    # on a 16:9 desk of a class of 7, showed 5 numbers of each and "…" with 6 rows unused); else one row a strip,
    # or, where numbers may be smaller (4:3; 16:9 at 9-12 students), the rows the desk's height has: one a strip,
    # then one more for each strip still cut, in turn
    px = least_px
    cols = int(cells_w // (px * ratio + cell_pad))
    row_h = px * ROW_HEIGHT
    if cols >= 3 and k * row_h + gaps <= avail:
        need = [max(1, math.ceil(n / cols)) for n in counts]
        snug_h = px * SNUG
        if sum(need) * row_h + gaps > avail and sum(need) * snug_h + min(gap, TIGHT_GAP) * (k - 1) <= avail:
            gap, row_h, rows = min(gap, TIGHT_GAP), snug_h, need  # every number, on rows a little lower
        elif least_px >= NUMBER_PX[-1]:  # (16:9 from 13 students: the room under the cards is the links' labels')
            rows = [1] * k
        else:
            total = int((avail - gaps) // row_h)
            if int((avail - min(gap, TIGHT_GAP) * (k - 1)) // row_h) > total:  # closer strips give a row more
                gap = min(gap, TIGHT_GAP)
                total = int((avail - gap * (k - 1)) // row_h)
            rows = _spare_rows(counts, cols, total)
        gaps = gap * (k - 1)
        row_h = min(px * STRETCH, row_h + (avail - gaps - sum(rows) * row_h) / sum(rows))
        out = []
        for n, r in zip(counts, rows):
            c, shown = (math.ceil(n / r), 0) if n <= r * cols else (cols, r * cols - 1)
            out.append(StripBox(x, y, w, r * row_h, 0.0, 0.0, tab_w, r, max(1, c), px, shown))
            y += r * row_h + gap
        return tuple(out)
    # no numbers: one row per strip, as tall as fits (labels only if a strip keeps a usable cell height)
    per = (avail - gaps) / k
    label_h = label_px * LABEL_LINE if label_px >= LABEL_MIN and per - label_px * LABEL_LINE >= 12 else 0.0
    row_h = clamp(per - label_h, LEAST_ROW, max_row_h)
    if k * (label_h + row_h) + gaps > avail:  # (label_h is 0 here) too low for LEAST_ROW: see below_least
        gap, row_h = below_least(k, avail, gap)
    return _place(counts, [1] * k, x, y, w, [label_h] * k, label_px, tab_w, gap, row_h, 0.0)


def grown(n: int, x: float, y: float, w: float, avail: float, *, label_px: float, tab_w: float, most: int,
          than: int = NUMBER_PX[0], lines: int = 1, wide: bool = False, narrow: bool = False, keep: bool = False,
          rows: int = 0) -> tuple[StripBox, ...]:
    """A lone strip of n numbers with numbers bigger than `than` (the usual layout's), up to `most` px, where its width and
    `avail` allow them at ROW_HEIGHT rows (labelled where it has a label row): the biggest size, on the fewest rows
    it fills evenly (24: 6 x 4 or 8 x 3, never 5 a row and a blank cell); `keep`: on the fewest rows that size allows,
    where it fills them (the board writes it row for row), `rows`: on these rows (the class's shape, desk_boxes.one_shape). () where
    `than` is as big as it gets (stack_strips then lays it out as before)."""
    ratio, cell_pad = (NARROW_RATIO, NARROW_PAD) if narrow else (DIGIT_RATIO, 6.0)
    ratio *= WIDE_DIGITS if wide else 1.0
    cells_w = w - tab_w
    label_h = label_px * LABEL_LINE * lines if label_px >= LABEL_MIN else 0.0
    for px in range(most, than, -1):
        least = _rows_for(n, cells_w, px * ratio + cell_pad, n)
        if not least:
            continue
        if rows:
            tries = [rows] if rows >= least else []
        elif keep:  # (and filled: the board's lines as the desk's rows, none part empty)
            tries = [least] if n % least == 0 else []
        else:
            tries = [r for r in range(least, n + 1) if n % r == 0][:1] or [least]
        for r in tries:
            if r * px * ROW_HEIGHT + label_h <= avail:
                rh = min(px * STRETCH, (avail - label_h) / r)
                return _place((n,), [r], x, y, w, [label_h], label_px, tab_w, 0.0, rh, px)
    return ()


def below_least(k: int, avail: float, gap: float) -> tuple[float, float]:
    """(gap, row height) of k strips without numbers in `avail`, where rows of LEAST_ROW and `gap` between them
    would run past it (GPT-2's 12 heads' cards and the notebook on a desk of a class of 64-256: at 1024 x 768 they
    covered the name tags of the desk below, big27): the gaps close, down to THIN_GAP (or a third of a strip's
    share where even that is too much), while rows keep LEAST_ROW; then the rows get lower. They end within avail."""
    if k > 1:
        gap = clamp((avail - k * LEAST_ROW) / (k - 1), min(THIN_GAP, avail / (3 * k)), gap)
    return gap, (avail - gap * (k - 1)) / k


def _grids(counts, rows: list[int], most_rows: int, px: float, keep: tuple[int, ...] = ()):
    """(rows, row height) to try for strips wrapped onto `rows`: first each strip that leaves its last row part
    empty (24 numbers 5 a row: 5, 5, 5, 5, 4 and a blank cell; teacher12 L1) on the next rows that hold it evenly (6 of
    4), at the usual height, then a little lower (SNUG); then `rows` as they are."""
    even = [next((m for m in range(r, most_rows + 1) if n % m == 0), r) if n > r and n not in keep else r
            for n, r in zip(counts, rows)]
    if even != rows:
        yield even, px * ROW_HEIGHT
        yield even, px * SNUG
    yield rows, px * ROW_HEIGHT


def _spare_rows(counts: tuple[int, ...], cols: int, total: int) -> list[int]:
    """Rows for strips of `counts` cells, `cols` a row, `total` rows in all: one each, then one more for each strip
    still cut, in turn, while rows are left."""
    rows, need = [1] * len(counts), [max(1, math.ceil(n / cols)) for n in counts]
    left = total - len(counts)
    while left > 0 and any(r < n for r, n in zip(rows, need)):
        for i, n in enumerate(need):
            if left > 0 and rows[i] < n:
                rows[i] += 1
                left -= 1
    return rows


def _place(counts, rows, x, y, w, labels, label_px, tab_w, gap, row_h, px) -> tuple[StripBox, ...]:
    out = []
    for n, r, label_h in zip(counts, rows, labels):
        h = label_h + r * row_h
        out.append(StripBox(x, y, w, h, label_h, label_px if label_h else 0.0, tab_w, r, max(1, math.ceil(n / r)),
                            px))
        y += h + gap
    return tuple(out)


@lru_cache(maxsize=512)
def desk_layout(w: float, h: float, counts: tuple[int, ...], least_px: int = NUMBER_PX[-1],
                badge_line: bool = False, label_lines: tuple[int, ...] = (), wide: tuple[bool, ...] = (),
                narrow: bool = False, keep: tuple[int, ...] = (), snug: bool = False,
                shape: tuple[tuple[int, int], ...] = ()) -> DeskBox:
    """A desk of w x h with strips of `counts` cells (notebook first, then cards), numbers down to least_px
    (least_number_px of the desk's canvas); badge_line: the name tag one line taller, the badge on that line
    (DeskBox.badge_h), the strips below it; label_lines, wide and narrow: each strip's label lines, wider numbers
    and the narrowest cells, keep: the lengths of strips kept on the fewest rows, snug: rows a little lower where
    only then they fit, shape: (length, rows) of strips on the rows the class's other desks give them (stack_strips)."""
    pad = clamp(min(w, 2 * h) * 0.032, 3.0, 12.0)
    header_h = clamp(h * 0.19, 18.0, 46.0)
    if h >= 60:  # room for a 16 px name (a projector's least) even in a class of 64; the cards give way
        header_h = max(header_h, NAME_MIN / 0.58 + 0.1)
    name_px = clamp(header_h * 0.58, 10.0, 25.0)
    badge_h = 0.0
    if badge_line:  # a pill of the badge's usual size (desk_tag.badge_size) with a little room above and below
        badge_h = max(name_px * 0.82, min(name_px, NAME_MIN)) * 1.5 + 6.0
        header_h += badge_h
    radius = clamp(min(w, h) * 0.07, 4.0, 16.0)
    top = header_h + pad
    avail = h - top - pad
    gap = clamp(avail * 0.025, 2.0, 8.0)
    label_px = clamp(h * 0.045, 0.0, 16.0)
    tab_w = clamp(w * 0.014, 3.0, 6.0)
    strips = stack_strips(counts, pad, top, w - 2 * pad, avail, label_px=label_px, tab_w=tab_w, gap=gap,
                          max_row_h=clamp(h * 0.16, 6.0, 30.0), least_px=least_px, label_lines=label_lines,
                          wide=wide, narrow=narrow, keep=keep, snug=snug, shape=shape, grow=GROW_PX)
    lift = clamp(h * 0.016, 2.0, 6.0)
    return DeskBox(w, h, pad, radius, header_h, name_px, strips, lift, badge_h)
