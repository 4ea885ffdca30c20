"""Where an answered quiz card goes: a free place of the canvas, clear of everything the reveal shows (the desks
and their badges, the links' share labels, the board's lines and strips, its chart, the title and the caption).
review17: over the board's lines it hid the mask answer's 「が」：0.221⇒0… and the softmax divisions it revealed,
and a card too short above the chart took the whole board, chart and all.

The card's text is laid out at the biggest size from MOST_PX down to LEAST_PX (one choice a row, then two a row,
each as wide as it runs or wrapped narrower, so taller: WIDTHS), and goes in the first free place of that size nearest the
board's middle: below the board's lines, on a free classroom cell, or a corner. The free places are found on a
grid of CELL canvas pixels (a summed-area table: every place of one size at once)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from . import fonts

CELL = 6.0              # the free-place grid, canvas pixels
CLEAR = 8.0             # the card keeps this far from anything it must not cover
PAD_X, PAD_Y = 20.0, 16.0  # the answered card's text inside its panel (narrow enough for a free desk's place)
MOST_PX, LEAST_PX = 44, 24  # the answered card's text (review17: 21 px at 4:3 read ~15 px on a projector)
SIZES = (44, 40, 36, 32, 28, 24)
WIDTHS = (960, 800, 680, 560, 460, 380, 320, 260, 220, 190, 160)  # the text's widths below its one-line width: a narrower,
# taller card where a wide one finds no room (a free desk's place is 210 x 375 at 4:3)
NO_BREAK = "\u00a0\u00a0"
FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class Placed:
    box: QRectF    # the card's panel
    text: str      # its lines (two choices a row when `paired`)
    px: float      # its text size, canvas pixels
    paired: bool


def card_lines(quiz: dict, letters: str, paired: bool, space: str = "  ") -> list[str]:
    """The question, a blank line, and the lettered choices (the answer marked ✓), one or two a row; `space`
    after each letter (the card's no-break spaces keep a letter on its choice's line)."""
    choices = [f"{letters[i]}.{space}{c}" + ("  ✓" if quiz["answer"] == i else "") for i, c in enumerate(quiz["choices"])]
    if paired:
        choices = ["      ".join(choices[i:i + 2]) for i in range(0, len(choices), 2)]
    return [quiz["question"], "", *choices]


def free_place(area: QRectF, taken: list[QRectF], sizes: list[tuple[float, float]], near) -> tuple[int, QRectF] | None:
    """The first of `sizes` (w, h) that fits in `area` clear of every rect of `taken`, and where: of its free
    places, the one whose middle is nearest `near` (x, y). None when none fits."""
    cols, rows = int(area.width() // CELL), int(area.height() // CELL)
    used = np.zeros((rows, cols), np.int32)
    for r in taken:
        x0 = int(max(0, (r.left() - CLEAR - area.left()) // CELL))
        y0 = int(max(0, (r.top() - CLEAR - area.top()) // CELL))
        x1 = int(min(cols, -(-(r.right() + CLEAR - area.left()) // CELL)))
        y1 = int(min(rows, -(-(r.bottom() + CLEAR - area.top()) // CELL)))
        if x1 > x0 and y1 > y0:
            used[y0:y1, x0:x1] = 1
    table = np.zeros((rows + 1, cols + 1), np.int32)
    table[1:, 1:] = used.cumsum(0).cumsum(1)
    for k, (w, h) in enumerate(sizes):
        cw, ch = int(-(-w // CELL)), int(-(-h // CELL))
        if cw > cols or ch > rows:
            continue
        hits = table[ch:, cw:] - table[:-ch, cw:] - table[ch:, :-cw] + table[:-ch, :-cw]
        ys, xs = np.nonzero(hits == 0)
        if not len(ys):
            continue
        mx = area.left() + xs * CELL + cw * CELL / 2
        my = area.top() + ys * CELL + ch * CELL / 2
        best = int(np.argmin((mx - near[0]) ** 2 + (my - near[1]) ** 2))
        left = area.left() + xs[best] * CELL + (cw * CELL - w) / 2
        top = area.top() + ys[best] * CELL + (ch * CELL - h) / 2
        return k, QRectF(left, top, w, h)
    return None


def layouts(quiz: dict, letters: str, font_scale: float, widest: float):
    """(lines, px, paired, card w, card h) from the biggest text down: one choice a row, then two a row, each one
    line wide or wrapped narrower; never wider than `widest` canvas pixels."""
    out = []
    for px in SIZES:
        f = fonts.font(px * font_scale)
        fm = QFontMetricsF(f)
        for paired in (False, True):
            lines = card_lines(quiz, letters, paired, NO_BREAK)
            text = "\n".join(lines)
            one_line = max(fm.horizontalAdvance(line) for line in lines) + 2
            for w in [min(one_line, widest - 2 * PAD_X)] + [w for w in WIDTHS if w < min(one_line, widest)]:
                used = fm.boundingRect(QRectF(0, 0, w, 1e6), FLAGS, text)
                if used.width() > w + 0.5:  # a word longer than the width: this wrap does not hold it
                    continue
                out.append((text, px * font_scale, paired, used.width() + 2 * PAD_X + 2, used.height() + 2 * PAD_Y))
    return out


def answered_place(quiz: dict, letters: str, area: QRectF, taken: list[QRectF], near, font_scale: float,
                   fallback: QRectF) -> Placed:
    """The answered card: its biggest layout that has a free place in `area` (nearest `near`). With no free place
    even at LEAST_PX (not reached from 1 to 33 students, tests/test_quiz_card_place.py) it takes `fallback`, a
    place clear of the chart, at LEAST_PX."""
    options = layouts(quiz, letters, font_scale, area.width())
    found = free_place(area, taken, [(w, h) for *_, w, h in options], near)
    if found is None:
        text = "\n".join(card_lines(quiz, letters, True, NO_BREAK))
        return Placed(fallback, text, LEAST_PX * font_scale, True)
    k, box = found
    text, px, paired, _, _ = options[k]
    return Placed(box, text, px, paired)
