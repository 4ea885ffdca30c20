"""jareview6 8: words that a word-wrapping widget split, as wrapping() allowed: 「ひと / 組」 (glossary.layer, .head),
「まとめ / 直す」 (glossary.wo), 「やり / 直す」 (edit.redo, help.redo_edit, whatif.status), 「では / なく」 (the gallery's
examples 9-11 and 18) and 「順番に / 発言」 (the rule's name). Each is one of the PHRASES now, and every Japanese text
that holds one is laid out as a word-wrapped label lays it out (QTextLayout, WordWrap, the bundled font) at every
width from one that fits a few characters to one line: no line break falls inside it."""
from __future__ import annotations

import json
import re

from PySide6.QtGui import QFontMetricsF, QTextOption
from PySide6.QtWidgets import QLabel

from classroom_gui.lesson.strings import WORD_JOINER, wrapping
from classroom_gui.messages.strings import table
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.wrapped_text import line_starts
from classroom_gui.view.window import use_bundled_font

SPLIT = ("ひと組", "まとめ直", "やり直", "ではなく", "順番に発言")


def texts() -> dict[str, list[str]]:
    """Every Japanese string (the strings' table, the gallery's descriptions) that holds each word."""
    examples = json.loads((teaching_model_dir() / "examples.json").read_text(encoding="utf-8"))
    every = [v for v in table("ja").values() if isinstance(v, str)] + [e["what"]["ja"] for e in examples]
    return {word: [t for t in every if word in t] for word in SPLIT}


def test_no_widget_line_splits_these_words(qapp):
    use_bundled_font()
    font = QLabel().font()
    fm, found, breaks = QFontMetricsF(font), texts(), 0
    for word, said in found.items():
        assert said, word  # each is said somewhere
        for plain in said:
            shown = wrapping(plain)
            for width in range(int(fm.horizontalAdvance("順番に発言")) + 2, int(fm.horizontalAdvance(plain)) + 2, 4):
                starts = line_starts(shown, font, width, QTextOption.WrapMode.WordWrap)
                cuts = [len(shown[:i].replace(WORD_JOINER, "")) for i in starts[1:]]
                breaks += len(cuts)
                for m in re.finditer(word, plain):
                    assert not any(m.start() < at < m.end() for at in cuts), (word, width, plain)
    assert breaks > 100  # they do wrap
