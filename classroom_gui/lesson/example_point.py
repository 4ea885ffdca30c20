"""An open gallery example's point (teacher34 #6: once opened, what it shows was said only in the gallery's list):
the example's sentence of `what`, said as the first line of the narration at its key step (the shares, where the
window opens it), while the class is the one it speaks of: its sentence, the model's own numbers, and its asker,
layer, head and rule. Exports drawn from the window's Selection (slides, video, a picture) say it too. Pure: no Qt.
"""
from __future__ import annotations

from dataclasses import dataclass

from .frame import EDITED_NARRATION_LEAST
from .strings import text

POINTED_LEAST = EDITED_NARRATION_LEAST  # a step led by the point may go to smaller sizes, as one led by edits may

KEY_BEAT = "softmax.weights"  # the example's key step: the asker's shares, where its claim is seen
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def as_said(text: str, lang: str) -> str:
    """An example's sentence as the window writes it: outside Japanese its curly quotes straight, as the narration
    writes them (the window's one font, IPAex Gothic, draws “ ” full width: “Are” read as a mark, a gap and a word)."""
    return text if lang == "ja" else text.translate(CURLY)


@dataclass(frozen=True)
class ExamplePoint:
    tokens: tuple[str, ...]              # the example's students, as its sentence's trace seats them
    focus: int                           # from 0, as Selection counts
    layer: int
    head: int
    rule: str
    what: tuple[tuple[str, str], ...]    # (language, sentence) pairs

    def said(self, lang: str) -> str:
        what = dict(self.what)
        return as_said(what.get(lang) or what.get("en") or "", lang)

    def speaks_of(self, tokens, sel, frame) -> bool:
        """Whether `frame` is the key step of the class this point speaks of."""
        return (frame.beat_key == KEY_BEAT and (sel.focus, sel.layer, sel.head, frame.rule)
                == (self.focus, self.layer, self.head, self.rule) and tuple(tokens) == self.tokens)


def point_line(sel) -> str:
    """The point's line as the narration says it: 「例文の見どころ：…」, as the status line names it ("": none)."""
    return "" if sel.point is None else text(sel.lang, "gallery.point", what=sel.point.said(sel.lang)) + "\n"


def say_point(frame, tokens, sel) -> None:
    """The point as the narration's first line where `frame` is its key step (`tokens`: the class's students)."""
    if sel.point is not None and frame.narration and sel.point.speaks_of(tokens, sel, frame):
        frame.narration = point_line(sel) + frame.narration
        frame.narration_least = POINTED_LEAST


def point_first(said: str, sel) -> str:
    """A chapter's narration told whole (a deck per chapter: lesson.chapter_summary) with the point it says, if it
    says it, first: the key step's own first line, not one midway through the chapter's steps."""
    line = point_line(sel)
    return line + said.replace(line, "", 1) if line and line in said else said
