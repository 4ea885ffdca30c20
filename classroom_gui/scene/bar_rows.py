"""Where the names under the board's thin bars go across, on more rows than two (teacher30 #7: chapter 6's two charts
at 4:3 stood 「マ/ッ/ト」 and 「座/っ/た」 one character a line; a name is never broken into a stack of characters).
Pure geometry in logical canvas pixels, for board_bars' paint and the tests that lay the names out as it does."""
from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

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
