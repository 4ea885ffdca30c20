"""A compared class's answer, drawn under its own classroom: a comparison leaves the blackboards out
(export.compare), so at answer time each class lists its top guesses (lesson.compare.answer_of), one a line: the
word, a bar on a 0-to-top scale both classes share, and its probability, the answer first and in bold. The logits
step lists the words with their logits, without bars. In a PDF every word and number stays text.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from ..lesson.compare import ANSWER_ROWS, Answer
from ..lesson.numbers import fmt
from ..scene import fonts
from ..scene.items import elide, qcolor

TEXT = 0.8       # the list's text size, in the comparison's text size (px: 22 px at 1080p, 16 at 768)
LINE = 1.35      # a line's height, in text sizes
MIN_ROWS = 3     # guesses listed even when they cost the classrooms a little size (a very wide page)
WORD_SHARE = 0.3  # of the class's width, at most, for the word column (a long word is cut with "…")
BAR_SHARE = 0.5   # of the class's width, at most, for the longest bar


def line_height(px: float) -> float:
    return px * TEXT * LINE


def block_height(px: float, rows: int) -> float:
    """The list's height: its heading and `rows` guesses."""
    return (rows + 1) * line_height(px) if rows else 0.0


def rows_that_fit(spare: float, px: float) -> int:
    """How many guesses fit in `spare` px under the classrooms (the height the width-limited classrooms leave),
    ANSWER_ROWS at most, MIN_ROWS at least."""
    return max(MIN_ROWS, min(ANSWER_ROWS, int(spare // line_height(px)) - 1))


def value_text(value: float, shares: bool) -> str:  # as the blackboard wrote it: 3 decimals a share, 2 a logit
    return fmt(value, 3 if shares else 2)


@dataclass
class Placed:
    """One thing the list draws, where (page pixels): "heading", "word", "bar" or "value"; `first` for the answer."""
    kind: str
    text: str
    rect: QRectF
    first: bool = False


def place(answer: Answer, area: QRectF, px: float, top: float) -> list[Placed]:
    """Where each part of the list goes inside `area` (the class's width, under its classroom): the heading, then a
    line per guess. Bars are scaled so that `top` (the largest share of either class) fills BAR_SHARE."""
    size, lh = px * TEXT, line_height(px)
    plain, bold = QFontMetricsF(fonts.font(size)), QFontMetricsF(fonts.font(size, True))
    out = [Placed("heading", answer.heading, QRectF(area.x(), area.y(), area.width(), lh))]
    words = [w for w, _ in answer.guesses]
    values = [value_text(v, answer.shares) for _, v in answer.guesses]
    gap = size * 0.6
    word_w = min(area.width() * WORD_SHARE, max(bold.horizontalAdvance(w) for w in words) + 2)
    value_w = max(bold.horizontalAdvance(v) for v in values) + 2
    bar_max = max(0.0, min(area.width() * BAR_SHARE, area.width() - word_w - value_w - 2 * gap)) if answer.shares else 0.0
    for i, ((word, value), shown) in enumerate(zip(answer.guesses, values)):
        y, first = area.y() + (i + 1) * lh, i == 0
        font = bold if first else plain
        out.append(Placed("word", elide(word, fonts.font(size, first), word_w), QRectF(area.x(), y, word_w, lh), first))
        x = area.x() + word_w + gap
        if answer.shares:
            length = bar_max * max(0.0, min(1.0, value / top)) if top > 0 else 0.0
            out.append(Placed("bar", "", QRectF(x, y + lh * 0.22, max(1.0, length), lh * 0.56), first))
            x += length + gap * 0.6
        out.append(Placed("value", shown, QRectF(x, y, font.horizontalAdvance(shown) + 2, lh), first))
    return out


def paint_answer(p: QPainter, answer: Answer | None, area: QRectF, px: float, top: float, theme) -> list[Placed]:
    """The list drawn on `p` (nothing when the class has no answer yet); returns what was placed, for tests."""
    if answer is None or not answer.guesses:
        return []
    placed = place(answer, area, px, top)
    text, bar = qcolor(theme.color("text")), qcolor(theme.color("weight"))
    faint = QColor(bar)
    faint.setAlphaF(0.45)  # the other guesses' bars: the answer's stands out, as the board highlights it
    size = px * TEXT
    for item in placed:
        if item.kind == "bar":
            p.fillRect(item.rect, bar if item.first else faint)
            continue
        p.setPen(text)
        p.setFont(fonts.font(size, item.kind == "heading" or item.first))
        align = Qt.AlignmentFlag.AlignRight if item.kind == "word" else Qt.AlignmentFlag.AlignLeft
        p.drawText(item.rect, align | Qt.AlignmentFlag.AlignVCenter, item.text)
    return placed


def shared_top(answers) -> float:
    """The scale both classes' bars share: the largest share listed (so equal shares draw equal bars)."""
    values = [v for a in answers if a is not None and a.shares for _, v in a.guesses]
    return max(values, default=0.0)
