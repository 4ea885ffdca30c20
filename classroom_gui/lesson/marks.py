"""The caption's notes on the marks a frame shows (teacher30 #3): a GPT-2 class writes a space as ␣ ("␣cat"), the
pieces of one character as 「小 1/3」「小 2/3」「小 3/3」, and a character the font cannot draw or an invisible one (a
control character) as its code ⟨U+2413⟩; only ◇ (answers.BYTE_PIECE, said by chapter 13) had a line. Each kind gets
one line, in the frame's language, only where a desk, a badge, the board or the chart shows it. Pure: no Qt."""
from __future__ import annotations

import re

from .frame import Frame
from .strings import text

SPACE = "␣"  # (model.bpe_tokenizer.SPACE: a space as a GPT-2 class writes it)
PIECE = re.compile(r"^(.+) (\d+)/(\d+)$", re.M)  # a piece of a character as a desk names it: 「小 1/3」
CODE = re.compile(r"[⟨(]U\+[0-9A-F]{4,6}[⟩)]")  # a character written as its code (messages.glyphs.as_code)


def explain_marks(frame: Frame) -> None:
    """frame.notices with one line for each kind of mark the frame shows on its desks (names, badges), board or
    chart (once each, after the notices it had). Searched in one joined text: ~0.1 ms a frame at 512 students."""
    names = "\n".join([s.text for s in frame.students if s.opacity > 0])
    seen = "\n".join([names, *[s.badge for s in frame.students if s.badge], *frame.board,
                      *(frame.bars.labels if frame.bars is not None else [])])
    notes = []
    if SPACE in seen:
        notes.append(text(frame.lang, "notice.space_mark", mark=SPACE))
    piece = PIECE.search(names)
    if piece is not None:
        notes.append(text(frame.lang, "notice.piece_mark", name=piece[0], char=piece[1], nth=piece[2], n=piece[3]))
    codes = dict.fromkeys(m[0] for m in CODE.finditer(seen))  # said once, the first; "and the like" when others show
    if codes:  # (jareview7 14: 「⟨U+1F9F6⟩は…」 read as if about 🧶 alone beside ⟨U+200B⟩ and ⟨U+2413⟩)
        key = "notice.code_marks" if len(codes) > 1 else "notice.code_mark"
        notes.append(text(frame.lang, key, code=next(iter(codes))))
    new = [n for n in notes if n not in frame.notices]
    if new:
        frame.notices = frame.notices + new  # (a new list: the run's notices are shared by every frame)
