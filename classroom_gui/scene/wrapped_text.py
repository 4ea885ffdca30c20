"""The lines a wrapped text is drawn in (as QPainter.drawText wraps it at words), for what the scene decides from
them: a narration whose last line would hold only 「す。」 (teacher13 L5)."""
from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption

from ..lesson.strings import WORD_JOINER

SHORT = 2  # characters: a last line this short reads as a leftover


def line_starts(text: str, font: QFont, width: float, wrap=QTextOption.WrapMode.WordWrap) -> list[int]:
    """Where each line of `text` starts when it is wrapped (at words, or as `wrap` says) into lines of `width`
    in `font`."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(wrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def wrapped_lines(text: str, font: QFont, width: float) -> list[str]:
    """`text` wrapped as line_starts wraps it, each line without its spaces at the ends and its word joiners."""
    starts = line_starts(text, font, width)
    return [text[a:b].replace(WORD_JOINER, "").strip() for a, b in zip(starts, starts[1:] + [len(text)])]


def ends_short(text: str, font: QFont, width: float) -> bool:
    """Whether `text`, wrapped, leaves SHORT characters or fewer alone on its last line."""
    lines = wrapped_lines(text, font, width)
    return len(lines) > 1 and len(lines[-1]) <= SHORT


NOTICE_ROWS = 3  # the caption's notes take at most this many rows under the narration


def notice_rows(text: str, width: float, px: float) -> int:
    """The rows the caption's notes (joined) take at their least size px, wrapped into `width`, at most
    NOTICE_ROWS (teacher30 #3: a GPT-2 class's notes on ◇, 「小 1/3」, ␣ and ⟨U+2413⟩ ran off one row)."""
    from . import fonts
    return min(NOTICE_ROWS, len(line_starts(text, fonts.font(px), width)) or 1)
