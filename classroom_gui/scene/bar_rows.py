"""Where the names under the board's thin bars go across, on more rows than two (teacher30 #7: chapter 6's two charts
at 4:3 stood 「マ/ッ/ト」 and 「座/っ/た」 one character a line; a name is never broken into a stack of characters),
and, under bars too thin for any (a class of 30), the tallest bars' names and values (teacher32 #7).
Geometry in logical canvas pixels, for board_bars' paint and the tests that lay the names out as it does."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from .items import ALIGN_CENTER, elide, qcolor

ROWS_MOST = 3  # rows of names across under thin bars, at the most (then turned, whole or cut with "…")
GAP = 0.6      # between two names in a row, in label heights (as board_bars' two rows keep)


def rows_across(labels, fm: QFontMetricsF, slot: float, label_px: float, first: float, left: float, right: float,
                rows: range = range(3, ROWS_MOST + 1)) -> tuple[int, list[float]] | None:
    """(how many rows, each name's left x) for names written across on the fewest of `rows` rows, name i on row
    i % rows: each whole, centred under its bar (bar i's centre at first + slot × (i + ½)), moved inside the chart
    (`left`, `right`) where it would pass an edge, and clear of the name before it in its row by GAP; None where no
    such rows hold them all."""
    inks = [fm.horizontalAdvance(t) for t in labels]
    gap = label_px * GAP
    for k in rows:
        xs: list[float] = []
        for i, ink in enumerate(inks):
            x0 = max(left, min(first + slot * (i + 0.5) - ink / 2, right - ink))
            if ink > right - left or i >= k and x0 < xs[i - k] + inks[i - k] + gap:
                break
            xs.append(x0)
        else:
            return k, xs
    return None


NAMED_TOP, NAMED_MOST = 3, 64  # a chart of bars too thin for names or values names its tallest this many (of a
                               # class of up to NAMED_MOST: a vocabulary's hundreds are the answer board's)


def tallest_bars(values, masked, highlight: int = -1, most: int = NAMED_TOP) -> list[int]:
    """The bars a chart too crowded for every name says the name and value of (teacher32 #7: a class of 30's shares
    in F5 had none): the highlighted one, then the `most` tallest heard ones, tallest first."""
    heard = sorted((i for i in range(len(values)) if not (i < len(masked) and masked[i])), key=lambda i: -values[i])
    first = [highlight] if 0 <= highlight < len(values) else []
    return first + [i for i in heard if i not in first][:most]


def clear_spots(boxes, taken: list, rows: list[float], h: float, left: float, right: float, gap: float = 4.0) -> list:
    """Each of `boxes` ((x, width) centred under or over a bar, in order of importance), h high, on the first of
    `rows` (tops) where it touches no box taken before (`taken`: (x, y, width) triples, added to), kept inside
    `left`..`right`, `gap` apart; None where every row is taken there."""
    out = []
    for x, w in boxes:
        x = max(left, min(x, right - w))
        spot = next((y for y in rows if not any(
            y < ty + h and ty < y + h and x < tx + tw + gap and tx < x + w + gap for tx, ty, tw in taken)), None)
        if spot is not None:
            taken.append((x, spot, w))
        out.append(None if spot is None else (x, spot))
    return out


def name_tallest(p: QPainter, chart, named: list[int], values: list[str], centres, label_f, y: float) -> None:
    """The names and values ("て 0.09", on NAMED_TOP rows from y) of `chart`'s bars `named` (values: theirs, as
    written), each under its bar where it touches no other nor a name painted before (clear_spots), the first ones
    first."""
    b, r = chart.bars, chart.area
    fm, line = QFontMetricsF(label_f), label_f.pixelSize() * 1.6
    names = [elide(b.labels[i], label_f, 6 * label_f.pixelSize()) if i < len(b.labels) else "" for i in named]
    said = [f"{name} {v}".strip() for name, v in zip(names, values)]
    taken = [(box.x(), box.y(), box.width()) for _, box in chart.name_boxes]
    spots = clear_spots([(centres[i] - fm.horizontalAdvance(t) / 2, fm.horizontalAdvance(t)) for i, t in zip(named, said)],
                        taken, [y + k * line for k in range(NAMED_TOP)], line, r.x(), r.right(),
                        GAP * label_f.pixelSize())
    p.setFont(label_f)
    p.setPen(qcolor(chart.theme.color("board_text")))
    for i, name, v, text, spot in zip(named, names, values, said, spots):
        if spot:
            p.drawText(QRectF(spot[0] - 1, spot[1], fm.horizontalAdvance(text) + 2, line), ALIGN_CENTER, text)
            ink = fm.horizontalAdvance(name)
            if name:
                chart.name_boxes.append((name, QRectF(spot[0], spot[1], ink, line)))
            at = spot[0] + fm.horizontalAdvance(text) - fm.horizontalAdvance(v)
            chart.value_boxes.append((v, QRectF(at, spot[1], fm.horizontalAdvance(v), line)))
            chart.value_texts[i] = v
