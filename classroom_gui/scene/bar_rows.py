"""Where the names under the board's thin bars go across, on more rows than two (teacher30 #7: chapter 6's two charts
at 4:3 stood 「マ/ッ/ト」 and 「座/っ/た」 one character a line; a name is never broken into a stack of characters),
and, under bars too thin for any (a class of 30), the tallest bars' names and values (teacher32 #7).
Geometry in logical canvas pixels, for board_bars' paint and the tests that lay the names out as it does."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

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


def clear_spots(boxes, taken: list, rows: list[float], h: float, left: float, right: float) -> list:
    """Each of `boxes` ((x, width) centred under or over a bar, in order of importance), h high, on the first of
    `rows` (tops) where it touches no box taken before (`taken`: (x, y, width) triples, added to), kept inside
    `left`..`right`; None where every row is taken there."""
    out = []
    for x, w in boxes:
        x = max(left, min(x, right - w))
        spot = next((y for y in rows if not any(
            y < ty + h and ty < y + h and x < tx + tw + 4 and tx < x + w + 4 for tx, ty, tw in taken)), None)
        if spot is not None:
            taken.append((x, spot, w))
        out.append(None if spot is None else (x, spot))
    return out


def name_tallest(p: QPainter, chart, named: list[int], values: list[str], centres, ends, label_f, y: float) -> None:
    """The names and values ("て 0.09", on NAMED_TOP rows from y) of `chart`'s bars `named` (values: theirs, as
    written), each under its bar where it touches no other (clear_spots), the first ones first; the highlighted bar
    outlined."""
    b, r, th = chart.bars, chart.area, chart.theme
    fm, line = QFontMetricsF(label_f), label_f.pixelSize() * 1.6
    said = [f"{elide(b.labels[i], label_f, 6 * label_f.pixelSize()) if i < len(b.labels) else ''} {v}".strip()
            for i, v in zip(named, values)]
    spots = clear_spots([(centres[i] - fm.horizontalAdvance(t) / 2, fm.horizontalAdvance(t)) for i, t in zip(named, said)],
                        [], [y + k * line for k in range(NAMED_TOP)], line, r.x(), r.right())
    p.setFont(label_f)
    for i, v, text, spot in zip(named, values, said, spots):
        if i == b.highlight:
            cx, (y0, y1) = centres[i], ends[i]
            w = max(1.0, min(r.width() / max(len(b.values), 1) * 0.7, 84.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(qcolor(th.color("board_text")), 2.5))
            p.drawRect(QRectF(cx - w / 2, y0, w, max(1.0, y1 - y0)))
        if spot:
            p.setPen(qcolor(th.color("board_text")))
            ink = fm.horizontalAdvance(text)
            p.drawText(QRectF(spot[0] - 1, spot[1], ink + 2, line), ALIGN_CENTER, text)
            chart.name_boxes.append((text, QRectF(spot[0], spot[1], ink, line)))
            chart.value_texts[i] = v
