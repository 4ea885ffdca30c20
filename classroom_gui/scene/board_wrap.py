"""A blackboard line too wide for its column, wrapped onto more lines instead of cut with "…" (teacher7 M2: the
4:3 board cut 「座った」 0.… and ε = 0.00001 that 16:9 shows whole).

A line breaks after 「、」「，」「。」「：」 or a comma, before 「（」 after a word, or at a space that does not stand
before a number ("「が」 0.22" and "… (+4)" stay together) nor inside round brackets (「√（（ノート - 平均）の2乗の平均 +⏎ε）」
split a formula); a name in 「」 is never split. Where none of these fits, it breaks at any space, then between
characters outside a number and a 「」 name; a number or a name is cut only when it alone is wider than the column
(review10 #7: "38246.3" / "0788" read as two numbers). A formula too wide between the strict breaks may break before
its " = " or " + " (at most one bracket deep: 「標準偏差 = √（（ノート - 平均）の2乗の平均⏎+ ε）」, polish23). The lines after the first are
indented by CONTINUED, so a reader (and a test) tells a continued line from a new one.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QFontMetricsF

from ..lesson.numbers import bracketed
from ..lesson.strings import WORD_JOINER, unbroken_words

CONTINUED = "  "  # the indent of a wrapped line's second and later lines
AFTER = "、，。：,;"  # a line may break after these
NOT_BEFORE = "0123456789-−+.…(（=×÷√"  # a space does not break before these (a number stays with its name)
NUMBER = "0123456789.,"  # never cut between two of these (a number stays whole)


def _breaks(text: str, loose: bool = False) -> list[int]:
    """Where `text` may break: the index the next line starts at (outside 「」); `loose`: at any space."""
    found, depth, inside = [], 0, 0
    for i, ch in enumerate(text[:-1]):
        depth += (ch == "「") - (ch == "」")
        inside += (ch in "(（") - (ch in ")）")  # a formula's brackets: no strict break at a space inside
        nxt = text[i + 1]
        if depth <= 0 and (ch == " " if loose else ch in AFTER or (ch == " " and nxt not in NOT_BEFORE and inside <= 0)
                           or (nxt == "（" and ch.isalpha())):  # 「ノート／（順番に…）」, never 「√／（」
            found.append(i + 1)
    return found


def wrapped(text: str, metrics: QFontMetricsF, width: float, breaks=None, indent: str = CONTINUED,
            strict: bool = False) -> list[str] | None:
    """`text` as lines no wider than `width` (the first as it starts, the rest indented by `indent`), broken at the
    last of `breaks(text)` that fits (the board's breaks when None; a quiz question's: between phrases), else at
    the board's breaks, strict then loose; a piece with no break that fits is cut where it must be, the rest going
    on the next line, so nothing is lost. `strict`: None where that needs more than the strict breaks."""
    lines, rest, first = [], text, True
    while True:
        head = "" if first else indent
        if metrics.horizontalAdvance(head + rest) <= width:
            return lines + [head + rest]
        cut = (breaks is not None and _fitting(rest, breaks(rest), head, metrics, width)) or _fitting(
            rest, _breaks(rest), head, metrics, width)
        if cut and breaks is None:
            cut = _fuller(rest, cut, head, metrics, width)
        if not cut and strict:  # a formula too wide between its strict breaks: before one of its terms (polish23)
            cut = _fitting(rest, _before_terms(rest), head, metrics, width)
            if not cut:
                return None
        cut = cut or _fitting(rest, _breaks(rest, loose=True), head, metrics, width) or _fitting(
            rest, _phrase_ends(rest), head, metrics, width) or _cut(rest, head, metrics, width)
        lines.append(head + rest[:cut].rstrip())
        rest, first = rest[cut:].lstrip(), False
        if not rest:
            return lines


SHORT = 0.5  # a Japanese line broken after 「、」 under this share of what follows it is filled on to a later phrase


def _fuller(text: str, cut: int, head: str, metrics: QFontMetricsF, width: float) -> int:
    """`cut`, or where Japanese prose balances its lines better: a break after 「、」 or 「：」 whose line is under SHORT
    of the line after it (as much of the rest as the column holds) moves to a later end of a phrase that fits
    (_phrase_ends), the words it adds prose (no number, vector or formula), never ending in 「√」, and leaving after
    it a line at least SHORT of its own (teacher34 #11: the exp board's note broke as 「（expの中は、」 / 「√dで割った
    スコアを小数第3位までにした数）」, now 「（expの中は、√dで割ったスコアを」 / 「小数第3位までにした数）」)."""
    def w(piece: str) -> float:
        return metrics.horizontalAdvance(piece.strip())

    first, rest = w(text[:cut]), min(w(text[cut:]), width)
    if text[cut - 1] not in "、：" or first >= SHORT * rest:
        return cut
    later = [i for i in _phrase_ends(text) if i > cut and text[i - 1] != "√"
             and not any(c in "=[]0123456789" for c in text[cut:i])  # prose only: no number, vector or formula
             and metrics.horizontalAdvance(head + text[:i].rstrip()) <= width
             and min(w(text[i:]), width) >= SHORT * w(text[:i])]
    return later[-1] if later else cut


def wrapped_at_breaks(text: str, metrics: QFontMetricsF, width: float) -> list[str] | None:
    """`text` as wrapped() writes it, or None when that needs more than the board's strict breaks (a break at
    any space or between characters) or `text` is a row of numbers (a vector's row or a sum's terms, which the
    board keeps whole on its line: a number row broken at a comma read as a ragged grid, teacher23 F5 28; a worked
    line may break before its remark only: _before_remark)."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    if not any(ch.isalpha() for ch in (text.split() or [""])[0]):  # its first word a number or a sign
        return _before_remark(text, metrics, width)
    return wrapped(text, metrics, width, strict=True)


def balanced(text: str, pieces: list[str] | None, metrics: QFontMetricsF, width: float, least: int) -> list[str] | None:
    """`pieces` (wrapped_at_breaks of `text`) in two lines whose second has `least` characters or more, broken at an
    earlier strict break (or before a term) where the second line is shorter than that and both still fit: the
    board's chalk stayed small over an empty third of its room because its widest prose line wrapped into a word
    alone ("x: each head's new understanding of "cat", side by / side"; teacher33 #5). `pieces` otherwise."""
    if not pieces or len(pieces) != 2 or len(pieces[1].strip()) >= least:
        return pieces
    for i in sorted(set(_breaks(text)) | set(_before_terms(text)), reverse=True):
        head, rest = text[:i].rstrip(), CONTINUED + text[i:].lstrip()
        if len(rest.strip()) >= least and len(head) >= least and metrics.horizontalAdvance(head) <= width \
                and metrics.horizontalAdvance(rest) <= width:
            return [head, rest]
    return pieces


REMARK = re.compile(r"(.*=\s*[-−]?[\d.]+)\s*([(（][^()（）]*[)）])")  # "… = 0.8246 (1st above: 0.82)"


def _before_remark(text: str, metrics: QFontMetricsF, width: float) -> list[str] | None:
    """A worked line ending in a remark in brackets after its result ("0.3197 × 2.3336 + 0.0785 = 0.8246 (1st
    above: 0.82)", 「… = 0.0720（上の1番目：0.07）」) as two lines, broken before the remark only, when both fit: it
    was answer time's widest line and held the board at 16 px chalk, 40 % of it empty (fix44); else None."""
    found = REMARK.fullmatch(text)
    if not found or not any(ch.isalpha() for ch in found.group(2)):
        return None
    lines = [found.group(1), CONTINUED + found.group(2)]
    return lines if all(metrics.horizontalAdvance(t) <= width for t in lines) else None


def _before_terms(text: str) -> list[int]:
    """Where a formula may break when its strict breaks leave a piece too wide: at a space before " = " or " + ", the
    operator starting the next line as a continued formula does, outside a 「」 name and at most one bracket deep,
    never inside an inner bracket (「標準偏差 = √（（ノート - 平均）の2乗の平均 / + ε）」: the Japanese answer.norm board
    broke only at 「、」, which held its chalk at 17 px at 4:3)."""
    found, depth, inside = [], 0, 0
    for i, ch in enumerate(text[:-2]):
        depth += (ch == "「") - (ch == "」")
        inside += (ch in "(（") - (ch in ")）")
        if ch == " " and depth <= 0 and inside <= 1 and text[i + 1] in "=+" and text[i + 2] == " ":
            found.append(i + 1)
    return found


def _fitting(text: str, breaks: list[int], head: str, metrics: QFontMetricsF, width: float) -> int:
    """The last of `breaks` whose line fits after `head`, or 0 when none does."""
    fits = [i for i in breaks if metrics.horizontalAdvance(head + text[:i].rstrip()) <= width]
    return fits[-1] if fits else 0


NO_LINE_START = "、。，．：；）」』！？"  # Japanese line-breaking rule (kinsoku): these never begin a line


def _phrase_ends(text: str) -> list[int]:
    """Where Japanese `text` may break between words (lesson.strings.unbroken_words) outside a 「」 name and not before
    a mark that may not start a line nor inside a number or a Latin word: the board cut 「（順番に発言で計算し /
    直したもの）」 (teacher24 L1a); [] for text with no kana (English words are never cut there)."""
    if not any(0x3041 <= ord(c) <= 0x30FF for c in text):
        return []
    kept, seen = set(), 0  # kept: i such that no line may start at text[i]
    joined = unbroken_words(text)
    for k, c in enumerate(joined):
        if c == WORD_JOINER:
            kept.add(seen)
        else:
            seen += 1
    found, depth = [], 0
    for i in range(1, len(text)):
        depth += (text[i - 1] == "「") - (text[i - 1] == "」")
        if depth <= 0 and i not in kept and text[i] not in NO_LINE_START and text[i - 1] not in "（(『" \
                and not text[i - 1].isspace() and not _one_word(text[i - 1], text[i]):
            found.append(i)
    return found


def _one_word(a: str, b: str) -> bool:
    """Two characters of one number or one Latin word, never broken apart (review27 B3: 「12345. / 678901」,
    「soft / max」)."""
    latin = lambda c: c.isascii() and (c.isalnum() or c == "_")  # noqa: E731
    return (a in NUMBER and b in NUMBER) or (latin(a) and latin(b))


def _cut(text: str, head: str, metrics: QFontMetricsF, width: float) -> int:
    """Where to cut `text` between characters: the last place that fits outside a number and a 「」 name, or,
    when a number or a name alone is too wide, as many characters as fit."""
    n, depth = _widest_prefix(text, head, metrics, width), 0
    whole = []
    for i in range(1, n + 1):
        depth += (text[i - 1] == "「") - (text[i - 1] == "」")
        if depth <= 0 and not (i < len(text) and text[i - 1] in NUMBER and text[i] in NUMBER) \
                and not (i < len(text) and text[i] in NO_LINE_START):
            whole.append(i)
    return whole[-1] if whole else n


def _widest_prefix(text: str, head: str, metrics: QFontMetricsF, width: float) -> int:
    """How many characters of `text` fit after `head` (at least one, so wrapping always ends)."""
    n = 1
    while n < len(text) and metrics.horizontalAdvance(head + text[:n + 1]) <= width:
        n += 1
    return n


def desk_rows(box, counts) -> dict[int, int]:
    """{a strip's length: numbers a row} of a desk laid out as `box` (scene.layout.DeskBox) for strips of `counts`
    numbers, for the strips it shows whole."""
    return {} if box is None else {n: s.cols for n, s in zip(counts, box.strips) if s.number_px and not s.shown}


def board_as_desks(frame, per_row: dict[int, int], board: list[str] | None = None) -> list[str]:
    """A frame's board lines with the lesson's vectors (Frame.board_vectors) wrapped as the desks wrap a strip of the
    same length (`per_row`: a strip's length -> numbers a row), so that a student matches them row by row (teacher8
    L5: the board wrote 8 a line beside desks of 6 a row); a vector with numbers left out, and every other line (a
    worked sum's inputs and matrix columns too), as the lesson wrote it. `board`: lines the frame's vectors begin
    the same way (Frame.board_short), else its board."""
    board, out, at = frame.board if board is None else board, [], 0
    for v in frame.board_vectors:
        per = 0 if v.left_out else per_row.get(len(v.numbers), 0)
        out += board[at:v.first] + (bracketed(v.numbers, per) if per else board[v.first:v.first + v.lines])
        at = v.first + v.lines
    return out + board[at:]
