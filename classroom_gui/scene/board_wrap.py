"""A blackboard line too wide for its column, wrapped onto more lines instead of cut with "…" (teacher7 M2: the
4:3 board cut 「座った」 0.… and ε = 0.00001 that 16:9 shows whole).

A line breaks after 「、」「，」「。」「：」 or a comma, or at a space that does not stand before a number
("「が」 0.22" and "… (+4)" stay together); a name in 「」 is never split. The lines after the first are
indented by CONTINUED, so a reader (and a test) tells a continued line from a new one.
"""
from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

CONTINUED = "  "  # the indent of a wrapped line's second and later lines
AFTER = "、，。：,;"  # a line may break after these
NOT_BEFORE = "0123456789-−+.…(（=×÷√"  # a space does not break before these (a number stays with its name)


def _breaks(text: str) -> list[int]:
    """Where `text` may break: the index the next line starts at (outside 「」)."""
    found, depth = [], 0
    for i, ch in enumerate(text[:-1]):
        depth += (ch == "「") - (ch == "」")
        nxt = text[i + 1]
        if depth <= 0 and (ch in AFTER or (ch == " " and nxt not in NOT_BEFORE)):
            found.append(i + 1)
    return found


def wrapped(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """`text` as lines no wider than `width` (the first as it starts, the rest indented by CONTINUED); a piece
    with no break that fits is cut where it must be, the rest going on the next line, so nothing is lost."""
    lines, rest, first = [], text, True
    while True:
        head = "" if first else CONTINUED
        if metrics.horizontalAdvance(head + rest) <= width:
            return lines + [head + rest]
        fits = [i for i in _breaks(rest) if metrics.horizontalAdvance(head + rest[:i].rstrip()) <= width]
        cut = fits[-1] if fits else _widest_prefix(rest, head, metrics, width)
        lines.append(head + rest[:cut].rstrip())
        rest, first = rest[cut:].lstrip(), False
        if not rest:
            return lines


def _widest_prefix(text: str, head: str, metrics: QFontMetricsF, width: float) -> int:
    """How many characters of `text` fit after `head` (at least one, so wrapping always ends)."""
    n = 1
    while n < len(text) and metrics.horizontalAdvance(head + text[:n + 1]) <= width:
        n += 1
    return n
