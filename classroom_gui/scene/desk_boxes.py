"""Which layout each desk of a class gets (scene.layout.desk_layout), beyond its size and its strips' lengths: a
badge on a line of its own where beside the name it would be cut (badge_lines), a card label on two lines where
on one it would be cut (label_rows), wider cells for a card whose numbers do not fit with 2 decimals (wide_rows),
narrower cells where only then a desk shows every number (narrow_cells), a strip of the length other desks wrap
on the rows and columns they give it (one_shape); each only where the desk keeps every number and label row it had.
class_boxes applies them in turn.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from ..lesson.numbers import fmt_many
from .card_labels import label_lines
from .desk import name_left
from .desk_tag import crowded
from .layout import DeskBox, desk_layout
from .strip import all_fit


def class_boxes(pairs, font_scale: float, least: int, fitted: bool = True, board: tuple[int, ...] = (),
                laned: bool = False, badge_line: bool = False, asker_shape: bool = False) -> tuple[list[DeskBox], bool]:
    """The boxes of the desks of `pairs` ((Student, strips) each), numbers down to `least` px; fitted=False: by
    size and strips alone (the few desks standing out of a class drawn as one picture or a crowd); board: the
    lengths of the vectors the board writes as the asker's desk wraps them (board_wrap.desk_rows), whose strips
    there stay on the fewest rows, not filled evenly (layout._grids: a row more is a board line more, and at 4:3
    the heads step's residual notebook pushed the board's lines off); laned: a class whose rows are a lane apart
    for the links' labels (11-12 at 16:9: lesson.layout.LANE), whose names shrink beside a badge rather than take
    a taller name tag (desk_tag.crowded's shrunk: that took the room of some of the links' labels); badge_line (with
    fitted=False): the badge on a line of its own where that keeps the desk's cells, as a big class's composed desks
    have it (composed_box); asker_shape: the class takes the asker's shape for the board's lengths (one_shape).
    With the boxes, whether one_shape gave the asker's strip of a board's length other rows than it had."""
    asker = next((i for i, (s, _) in enumerate(pairs) if s.state == "focus"), 0)
    keep = [board if i == asker else () for i in range(len(pairs))]  # each desk's (layout.stack_strips)
    boxes = [desk_layout(float(s.w), float(s.h), tuple(len(x.values) for x in strips), least, keep=e)
             for (s, strips), e in zip(pairs, keep)]
    if not fitted:
        if badge_line:
            two = [desk_layout(b.w, b.h, tuple(len(x.values) for x in strips), least, badge_line=True, keep=e)
                   for (_, strips), b, e in zip(pairs, boxes, keep)]
            boxes = [t if _same_cells(b, t) else b for b, t in zip(boxes, two)]
        return boxes, False
    boxes = label_rows(pairs, badge_lines(pairs, boxes, font_scale, least, keep, laned), font_scale, least, keep)
    boxes = narrow_cells(pairs, wide_rows(pairs, boxes, font_scale, least, keep), font_scale, least, keep)
    shaped = one_shape(pairs, boxes, font_scale, least, keep, asker if asker_shape else None)
    return shaped, _rows_of(pairs[asker][1], shaped[asker], board) != _rows_of(pairs[asker][1], boxes[asker], board) \
        if pairs else False


def _rows_of(strips, box: DeskBox, lengths) -> list[int]:  # the rows of a desk's strips of these lengths
    return [st.rows for x, st in zip(strips, box.strips) if len(x.values) in lengths]


def one_shape(pairs, boxes: list[DeskBox], font_scale: float, least: int, keep: list,
              asker: int | None = None) -> list[DeskBox]:
    """The desks' boxes, every wrapped strip of one length on the same rows and columns across the class (teacher33
    #2: answer time drew the same 24 numbers 6 x 4 on four desks, 4 x 6 on "the", 5 x 5 with a blank cell on the
    asker's): the shape most of those strips have (then the one with more rows: wider cells), given to the others
    where each such desk keeps every number (2 decimals), its label rows and numbers at least `least` px (rows a
    little lower, SNUG, where only then); else the next shape (shapes that fill their rows first, also one between
    theirs that no desk has: a grown lone notebook's, layout.grown, may suit no desk with more strips); where no shape fits every desk, the desks as they
    were. The board's vectors then wrap as the asker's desk does (board_wrap.desk_rows), so the board agrees too;
    `asker` (its seat in pairs): the asker's strips of the lengths the board writes (its keep) keep their rows, where
    the board could not take the rows the others' shape gives them (scene.classroom: the heads step's residual at
    4:3), and the other desks take the shape that fills among themselves (review33 #3: the asker's 5 x 5 given to
    every desk left a blank cell on each)."""
    exempt = keep[asker] if asker is not None else ()
    shapes: dict[int, Counter] = {}
    for i, ((_, strips), b) in enumerate(zip(pairs, boxes)):
        for x, st in zip(strips, b.strips):
            if st.number_px and not st.shown and st.rows > 1 and not (i == asker and len(x.values) in exempt):
                shapes.setdefault(len(x.values), Counter())[st.rows] += 1
    # the asker's rows for a length it keeps, where they fill: the others take them first (a lone notebook grown on
    # the fewest rows the board can write, 4 x 6 at 16:9's feed-forward step, beside the others' 6 x 4)
    own = {} if asker is None else {len(x.values): st.rows for x, st in zip(pairs[asker][1], boxes[asker].strips)
                                    if len(x.values) in exempt and st.number_px and not st.shown
                                    and st.rows > 1 and len(x.values) % st.rows == 0}
    for n, counter in shapes.items():
        first = [own[n]] if n in own and set(counter) != {own[n]} else []
        if len(counter) < 2 and not first:
            continue
        # rows that fill evenly first, those no desk has yet among them (a lone notebook grown to 8 x 3 that the
        # asker's two strips cannot take: 6 x 4 for all, not the asker's 5 x 5 with a blank cell on every desk)
        even = [r for r in range(min(counter), max(counter) + 1) if n % r == 0 and r not in counter]
        for rows in first + sorted([*counter, *even], key=lambda r: (n % r != 0, -counter[r], -r)):
            trial = [b if i == asker and n in exempt else _shaped(strips, b, n, rows, font_scale, least, e)
                     for i, ((_, strips), b, e) in enumerate(zip(pairs, boxes, keep))]
            if all(t is not None for t in trial):
                boxes = trial
                break
    return boxes


def _shaped(strips, b: DeskBox, n: int, rows: int, font_scale: float, least: int, keep) -> DeskBox | None:
    """Desk box `b` with its strips of length n on `rows` rows (one_shape), or None where that costs a number, a label
    row or size under `least`; `b` itself where it has them so already."""
    if all(len(x.values) != n or st.rows == rows or st.shown or not st.number_px for x, st in zip(strips, b.strips)):
        return b
    counts = tuple(len(x.values) for x in strips)
    lines = tuple(st.label_lines for st in b.strips)
    wide = tuple(max(map(len, fmt_many(np.asarray(x.values, np.float64)))) > len("-0.42") if len(x.values) else False
                 for x in strips)
    # (every strip widened last: "11.04" is as long as "-0.42" and wider; a grown lone notebook's cells are as
    # narrow as its size allows, layout.grown)
    for widened in dict.fromkeys((wide, (), (True,) * len(strips))):
        for snug in (False, True):
            nb = desk_layout(b.w, b.h, counts, least, bool(b.badge_h), lines, widened, keep=keep, snug=snug,
                             shape=((n, rows),))
            if len(nb.strips) == len(b.strips) and all(
                    st.number_px >= least and not st.shown and bool(st.label_h) == bool(was.label_h)
                    and (len(x.values) != n or st.rows == rows)
                    for x, st, was in zip(strips, nb.strips, b.strips)) and _all_fit(strips, nb, font_scale):
                return nb
    return None


def badge_lines(pairs, boxes: list[DeskBox], font_scale: float, least: int, keep: list,
                laned: bool = False) -> list[DeskBox]:
    """The desks' boxes (pairs: (Student, strips) of each), every desk's badge on a line of its own when on one
    line some desk's badge or name would end in "…" (crowded) and the taller name tag costs no desk a number or
    a label: one rule for the whole class, its name tags one height and its names one size. Where that would cost
    some desk numbers, only the crowded desks whose numbers stay take the line (review17: at 4:3, 5 a row, the
    asker's desk would lose numbers, and 「マット」 shrank to 16 px beside its badge, 11 px on a projector)."""
    crowd = [crowded(s.badge, s.text, b, font_scale, name_left(b, s.index + 1, font_scale), s.unknown, not laned)
             for (s, _), b in zip(pairs, boxes)]
    if not any(crowd):
        return boxes
    two = [desk_layout(b.w, b.h, tuple(len(x.values) for x in strips), least, badge_line=True, keep=e)
           for (_, strips), b, e in zip(pairs, boxes, keep)]
    same = list(map(_same_cells, boxes, two))
    return two if all(same) else [t if c and ok else b for b, t, c, ok in zip(boxes, two, crowd, same)]


def composed_box(students, box: DeskBox, counts: tuple[int, ...], font_scale: float, least: int) -> DeskBox:
    """The one layout of a big class's plain desks (scene.class_image): its badge on a line of its own where beside
    some desk's name it would cut or shrink that name (crowded) and the line costs no cell: at answer time with 64
    GPT-2 pieces every 「小 1/3」「小 2/3」「小 3/3」 read 「小…」 beside its guess over an empty desk (teacher30 #2)."""
    seen = {(s.badge, s.text, s.unknown, name_left(box, s.index + 1, font_scale)) for s in students if s.badge}
    if not any(crowded(badge, text, box, font_scale, left, unknown) for badge, text, unknown, left in seen):
        return box
    two = desk_layout(box.w, box.h, counts, least, badge_line=True)
    return two if _same_cells(box, two) else box


def label_rows(pairs, boxes: list[DeskBox], font_scale: float, least: int, keep: list) -> list[DeskBox]:
    """The desks' boxes, a desk whose card label would end in "…" given a label row of two lines where its
    numbers and labels keep their rows (chapter 10's "all heads' new understanding" on a 4:3 desk, the answer
    step's 「レイヤー正規化（最後のノート）」 on a 16:9 desk of 11; on rows a little lower where only then, at 4:3 with 7)."""
    out = []
    for (s, strips), b, e in zip(pairs, boxes, keep):
        lines = tuple(min(2, len(label_lines(x.label, st.label_px * font_scale, st.w - st.label_px * 1.24 - 6)))
                      if st.label_h else 1 for x, st in zip(strips, b.strips))
        if any(n > 1 for n in lines):
            counts = tuple(len(x.values) for x in strips)
            wrapped = desk_layout(b.w, b.h, counts, least, bool(b.badge_h), lines, keep=e)
            if not _same_cells(b, wrapped):  # rows a little lower where only then the label's second line fits (4:3,
                # 7 students, the final LayerNorm's step: 「最後のレイヤー正規…」 under the answer's badge line)
                wrapped = desk_layout(b.w, b.h, counts, least, bool(b.badge_h), lines, keep=e, snug=True)
            b = wrapped if _same_cells(b, wrapped) or _lone_whole(strips, wrapped, font_scale) else b
        out.append(b)
    return out


def wide_rows(pairs, boxes: list[DeskBox], font_scale: float, least: int, keep: list) -> list[DeskBox]:
    """The desks' boxes, a card whose numbers do not all fit its cells with 2 decimals ("-11.14", "12.97" in a
    layer-3 notebook) given fewer, wider cells a row where the desk has the rows for them and then they fit at
    the same size, a lone strip at the size its wider cells allow (else the card writes 1 decimal:
    StripView.cell_texts)."""
    out = []
    for (s, strips), b, e in zip(pairs, boxes, keep):
        wide = tuple(bool(st.number_px) and not _fits(x, st, font_scale) for x, st in zip(strips, b.strips))
        if any(wide):
            lines = tuple(st.label_lines for st in b.strips)
            wider = desk_layout(b.w, b.h, tuple(len(x.values) for x in strips), least, bool(b.badge_h), lines, wide,
                                keep=e)
            # (a lone strip grown for its cells' width, layout.grown, may come out smaller with wider cells: still
            # at least the usual layout's size, and 2 decimals rather than "-20.4" at 4:3 with 9 students)
            if all((st.number_px >= was.number_px or len(strips) == 1) and st.shown <= was.shown
                   and bool(st.label_h) == bool(was.label_h)
                   and (not big or _fits(x, st, font_scale))
                   for x, st, was, big in zip(strips, wider.strips, b.strips, wide)):
                b = wider
        out.append(b)
    return out


def narrow_cells(pairs, boxes: list[DeskBox], font_scale: float, least: int, keep: list) -> list[DeskBox]:
    """The desks' boxes, a desk that cuts a strip to its first numbers and "…" given cells as narrow as its numbers
    (layout.NARROW_PAD) where then it cuts none (or fewer numbers), at the same size, and the numbers still fit with
    2 decimals (teacher12 M2: the asker of 10 students at 16:9, 8 a row at 12 px, not 7 and 13 of 24 + "…")."""
    out = []
    for (s, strips), b, e in zip(pairs, boxes, keep):
        if any(st.shown for st in b.strips):
            lines = tuple(st.label_lines for st in b.strips)
            nb = desk_layout(b.w, b.h, tuple(len(x.values) for x in strips), least, bool(b.badge_h), lines,
                             narrow=True, keep=e)
            if len(nb.strips) == len(b.strips) and all(
                    st.number_px >= was.number_px and bool(st.label_h) == bool(was.label_h)
                    and (not st.shown or st.shown >= was.shown > 0) for st, was in zip(nb.strips, b.strips)):
                b = nb if _all_fit(strips, nb, font_scale) else b
        out.append(b)
    return out


def _all_fit(strips, box: DeskBox, font_scale: float) -> bool:
    """_fits for every strip of a desk at once: the least and largest of all its numbers shown, in its narrowest
    cells at its biggest numbers (one measure a desk, not one a strip: ~0.3 ms of a 10-desk frame)."""
    shown = [(x, st) for x, st in zip(strips, box.strips) if st.number_px]
    if not shown:
        return True
    values = np.concatenate([np.asarray(x.values[: st.shown] if st.shown else x.values, np.float64).ravel()
                             for x, st in shown])
    if not values.size:
        return True
    ends = np.array([values.min(), values.max()])
    texts = tuple(fmt_many(ends, signed=any(x.role == "hidden" for x, _ in shown)))
    return all_fit(texts, max(st.number_px for _, st in shown) * font_scale, min(st.cell_w for _, st in shown) - 4)


def _fits(strip, st, font_scale: float) -> bool:
    """Whether a strip's numbers, with 2 decimals, fit its cells: its least and its largest number, the widest
    (the digits are as wide as each other; writing all of them every frame was ~2 ms of an 11-desk frame)."""
    values = np.asarray(strip.values[: st.shown] if st.shown else strip.values, np.float64)
    if not values.size:
        return True
    ends = np.array([values.min(), values.max()])
    return all_fit(tuple(fmt_many(ends, signed=strip.role == "hidden")), st.number_px * font_scale, st.cell_w - 4)


def _lone_whole(strips, box: DeskBox, font_scale: float) -> bool:
    """Whether a desk of one strip (grown, layout.grown: its rows and size follow its room) shows in `box` its label
    row and every number with 2 decimals (16:9 answer.logits: the asker's 「レイヤー正規化（最後のノート）±5」 on two
    lines, its numbers a little smaller, not 「レイヤー正規化（…」)."""
    return len(strips) == 1 and len(box.strips) == 1 and bool(box.strips[0].number_px) and not box.strips[0].shown \
        and bool(box.strips[0].label_h) and _all_fit(strips, box, font_scale)


def _same_cells(a: DeskBox, b: DeskBox) -> bool:  # every number and label kept, on the same rows (the board's
    # vectors wrap as the asker's desk: board_wrap.desk_rows); the numbers may be a pixel smaller (not below least)
    cells = lambda box: [(st.rows, st.cols, bool(st.number_px), st.shown, bool(st.label_h)) for st in box.strips]  # noqa: E731
    return cells(a) == cells(b)
