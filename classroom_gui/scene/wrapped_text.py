"""The lines a wrapped text is drawn in (as QPainter.drawText wraps it at words), for what the scene decides from
them: a narration whose last line would hold only 「す。」 (teacher13 L5)."""
from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption

from ..lesson.strings import WORD_JOINER

SHORT = 2  # characters: a last line this short reads as a leftover


def wrapped_lines(text: str, font: QFont, width: float) -> list[str]:
    """`text` wrapped at words into lines of `width` in `font`, each without its spaces at the ends."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].replace(WORD_JOINER, "").strip())
    layout.endLayout()
    return lines


def ends_short(text: str, font: QFont, width: float) -> bool:
    """Whether `text`, wrapped, leaves SHORT characters or fewer alone on its last line."""
    lines = wrapped_lines(text, font, width)
    return len(lines) > 1 and len(lines[-1]) <= SHORT
