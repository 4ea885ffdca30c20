"""Where an answered quiz card goes: a free place of the canvas, clear of everything the reveal shows (the desks
and their badges, the links' share labels, the board's lines and strips, its chart, the title and the caption).
review17: over the board's lines it hid the mask answer's 「が」：0.221⇒0… and the softmax divisions it revealed,
and a card too short above the chart took the whole board, chart and all.

The card's text is laid out at the biggest size from MOST_PX down to LEAST_PX (one choice a row, then two a row,
each as wide as it runs or wrapped narrower, so taller: WIDTHS), and goes in the first free place of that size nearest the
board's middle: below the board's lines, on a free classroom cell, or a corner. The free places are found on a
grid of CELL canvas pixels (a summed-area table: every place of one size at once)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from . import fonts
from ..lesson.strings import PHRASES
from .board_wrap import NO_LINE_START, wrapped

CELL = 6.0              # the free-place grid, canvas pixels
CLEAR = 6.0             # the card keeps this far from anything it must not cover
PAD_X, PAD_Y = 20.0, 10.0  # the answered card's text inside its panel (narrow enough for a free desk's place)
MOST_PX, LEAST_PX = 44, 24  # the answered card's text (review17: 21 px at 4:3 read ~15 px on a projector)
ASKED_PX = 32  # an answered card the class chose on is tried at this size or more first (23 px at 4:3 1024 x 768; 24 px was 17)
SIZES = tuple(range(MOST_PX, LEAST_PX - 1, -4))  # 44, 40, ... 24
WIDTHS = (960, 800, 680, 560, 460, 380, 320, 260, 220, 190, 160)  # the text's widths below its one-line width: a narrower,
# taller card where a wide one finds no room (a free desk's place is 210 x 375 at 4:3)
NO_BREAK = "\u00a0\u00a0"
PAIR_GAP = "      "  # between the two choices of a paired row
SLACK = 1.04  # the card's text room over its measured width: drawn scaled (1024 x 768) Qt's text runs ~2 % wider
FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class Placed:
    box: QRectF      # the card's panel
    lines: list[str]  # what it says (KINDS), two choices a row when `paired`, letters held to their choices
    px: float        # its text size, canvas pixels
    paired: bool
    kind: str        # one of KINDS
    foot: float = 0.0  # the height at the box's foot kept for the asked card's keys line (quiz["keys"])


KINDS = ("whole", "question", "choices", "answer")  # the question and the choices; the question and the answer's
# choice (teacher15 M1: at 11 students on 4:3 the top share's card lost its question); the choices (the question was
# asked on the slide before); the answer's choice alone: the first that has a free place at LEAST_PX or more
ASKS = ("whole", "question")  # the kinds that say the question
# (paired, gap) tried for each kind: one choice a row, then two; a card with its question then both again without
# the blank line under the question (teacher15 M1: a line shorter, the sum's question fits a free desk's place); a
# "question" card paired says the marked choice on the question's last line, PAIR_GAP after it (tidyr: one line of
# 24 px fits the title row beside the title at 16:9, off the board's frame)
SHAPES = {"whole": ((False, True), (True, True), (False, False), (True, False)),
          "question": ((False, True), (False, False), (True, False)),
          "choices": ((False, True), (True, True)), "answer": ((False, True),)}


def choice_line(letter: str, choice: str, space: str, marked: bool | str) -> str:
    """A lettered choice, ✓ after it when it is the answer (✗ when `marked` is "✗": the class's wrong choice), `space` between. A Japanese name in 「」 brings its own
    space: 「 sits at the right of its square and 」 or ） at the left, so no space is put between ア and 「 nor between
    」 and ✓ (quiz22: 「ウ  「マット」  ✓」 was 194 px at 24 px, and a card holding it was 16 px too wide for the only
    place off the board's frame on the seed's 4:3 mask step; 「ウ「マット」✓」 is 168 px and reads as spaced)."""
    before = "" if choice.startswith("「") else space
    after = "" if choice.endswith(("」", "）")) else space
    mark = marked if isinstance(marked, str) else "✓" if marked else ""
    return f"{letter}{before}{choice}" + (f"{after}{mark}" if mark else "")


def mark_of(quiz: dict, i: int) -> str:
    """Choice i's mark: ✓ the answer, ✗ the class's choice where it is not the answer (quiz["chosen"]), else none."""
    if quiz["answer"] == i:
        return "✓"
    return "✗" if quiz.get("chosen") == i and quiz["answer"] is not None else ""


def marked_lines(quiz: dict, choices: list[str]) -> list[str]:
    """The answer's line, and the class's wrong choice's after it (teacher34 #13: the right one shown beside it)."""
    wrong = quiz.get("chosen")
    return [choices[quiz["answer"]]] + ([choices[wrong]] if wrong is not None and wrong != quiz["answer"] else [])


def card_lines(quiz: dict, letters: list[str], paired: bool, space: str = "  ", kind: str = "whole") -> list[str]:
    """The question, a blank line, and the lettered choices (the answer marked ✓), one or two a row; `space`
    after each letter and before ✓ (the card's no-break spaces keep a letter and the ✓ on their choice's line;
    choice_line). `kind` "question" says the question and the marked choice, "choices" leaves the question out,
    "answer" says the marked choice alone."""
    choices = [choice_line(letters[i], c, space, mark_of(quiz, i)) for i, c in enumerate(quiz["choices"])]
    if kind == "question" and paired:  # the question with its answer (and the class's wrong choice: teacher37 #3,
        return [quiz["question"] + PAIR_GAP + PAIR_GAP.join(marked_lines(quiz, choices))]  # it had only 「ア「。」✓」)
    if kind in ("answer", "question"):
        marked = marked_lines(quiz, choices)
        return marked if kind == "answer" else [quiz["question"], "", *marked]
    if paired:
        choices = [PAIR_GAP.join(choices[i:i + 2]) for i in range(0, len(choices), 2)]
    return [quiz["question"], "", *choices] if kind == "whole" else choices


class FreeGrid:
    """The places of `area` clear of every rect of `taken` (CLEAR apart), on a grid of CELL pixels."""

    def __init__(self, area: QRectF, taken: list[QRectF]):
        self.area = area
        self.cols, self.rows = int(area.width() // CELL), int(area.height() // CELL)
        used = np.zeros((self.rows, self.cols), np.int32)
        for r in taken:
            x0 = int(max(0, (r.left() - CLEAR - area.left()) // CELL))
            y0 = int(max(0, (r.top() - CLEAR - area.top()) // CELL))
            x1 = int(min(self.cols, -(-(r.right() + CLEAR - area.left()) // CELL)))
            y1 = int(min(self.rows, -(-(r.bottom() + CLEAR - area.top()) // CELL)))
            if x1 > x0 and y1 > y0:
                used[y0:y1, x0:x1] = 1
        self.table = np.zeros((self.rows + 1, self.cols + 1), np.int32)
        self.table[1:, 1:] = used.cumsum(0).cumsum(1)

    def place(self, w: float, h: float, near) -> QRectF | None:
        """A free w x h place whose middle is nearest `near` (x, y); None when there is none."""
        cw, ch = int(-(-w // CELL)), int(-(-h // CELL))
        if cw > self.cols or ch > self.rows:
            return None
        t = self.table
        hits = t[ch:, cw:] - t[:-ch, cw:] - t[ch:, :-cw] + t[:-ch, :-cw]
        ys, xs = np.nonzero(hits == 0)
        if not len(ys):
            return None
        mx = self.area.left() + xs * CELL + cw * CELL / 2
        my = self.area.top() + ys * CELL + ch * CELL / 2
        best = int(np.argmin((mx - near[0]) ** 2 + (my - near[1]) ** 2))
        left = self.area.left() + xs[best] * CELL + (cw * CELL - w) / 2
        top = self.area.top() + ys[best] * CELL + (ch * CELL - h) / 2
        return QRectF(left, top, w, h)


PARTICLES = "がにをはでともの"  # one hiragana after a name's 」: a particle, its phrase's end


def _hiragana(c: str) -> bool:
    return "\u3041" <= c <= "\u309f"


LEADING_KANA = ("この", "その", "あの", "どの")  # they lead into the word after them: 「この／中で」 is one phrase


def _latin_aside(text: str, i: int) -> bool:
    """Whether the 「（」 at i opens a short aside of Latin letters (「順番に発言（GPT）」), which stays with its word:
    the 4:3 can_hear card wrapped 「（GPT）」 onto a line of its own (note19)."""
    end = text.find("）", i)
    return 0 < end - i <= 8 and text[i + 1:end].isascii()


def phrase_breaks(text: str) -> list[int]:
    """Where a Japanese question may break between phrases (the index a line starts at): after 「、」「，」「：」,
    after a run of hiragana (a particle or an ending) before a kanji, katakana or 「, after 「に」「を」「は」
    before more hiragana, after 「・」 (「第1層・／ヘッド1で」: jareview4's wording kept the seed's 4:3 card as
    narrow as before), after a particle that follows a name (「「猫」が／いちばん」: quiz22, the seed's 4:3 top-share
    card held 「「が」がいちばん」 whole, 192 px), and before 「（」 and after 「）」 (an aside is a phrase of its own:
    teacher15 L1, with none there the card broke 「…聞こえない）で／は、」), except before a short Latin aside
    (「（GPT）」) and after 「この」「その」「あの」「どの」; never inside a 「」 name nor before a mark that may not start a
    line."""
    found, depth = [], 0
    whole = {i for p in PHRASES for m in re.finditer(p, text) for i in range(m.start() + 1, m.end())}
    for i in range(1, len(text)):
        prev, ch = text[i - 1], text[i]
        depth += (prev == "「") - (prev == "」")
        if depth > 0 or ch in NO_LINE_START or ch == "ー" or i in whole:  # a PHRASES term whole (teacher34 #11:
            continue  # the seed's 4:3 mask card broke 「順番に / 発言（GPT）」)
        after_name = i >= 2 and text[i - 2] == "」" and prev in PARTICLES
        if text[max(0, i - 2):i] in LEADING_KANA or ch == "（" and _latin_aside(text, i):
            continue
        if (prev in "、，：）・" or ch == "（" or _hiragana(prev) and not _hiragana(ch)
                or (prev in "にをは" or after_name) and _hiragana(ch)):
            found.append(i)
    return found


# words a line of an English question never ends with: they lead into the phrase after them (teacher16 L3: "…share
# of the⏎attention of "cat"?" in the card and so in the PPTX, whose box keeps the picture's lines)
LEADING_WORDS = frozenset("a an the of to in on at by for with from into after before under over about between than as and or"
                          " its his her their this that".split())


def word_breaks(text: str) -> list[int]:
    """Where an English question may break between phrases (the index a line starts at): after a space, never
    after one of LEADING_WORDS nor before a number ("head 1")."""
    found = []
    for i in range(1, len(text)):
        if text[i - 1] == " " and text[i] != " ":
            before = text[:i].split()[-1].lower() if text[:i].split() else ""
            if before not in LEADING_WORDS and not text[i].isdigit():
                found.append(i)
    return found


def _breaks_of(question: str):
    return word_breaks if " " in question else phrase_breaks


def question_lines(lines: list[str], fm: QFontMetricsF, width: float, answer: str = "") -> list[str]:
    """A whole card's lines with its question wrapped to `width` between phrases: a text with spaces at its
    spaces (word_breaks), a Japanese one between phrases (phrase_breaks); a phrase wider than the card as the board
    wraps a line (board_wrap: between words, or characters, a 「」 name whole). The lead: the sum's question broke
    as 「…足す」「と、いくつ…」. With `answer` (a paired "question" card: lines[0] ends with PAIR_GAP and it), the
    answer stays whole, on the question's last line where it fits, else on a line of its own."""
    question = lines[0][:len(lines[0]) - len(PAIR_GAP + answer)] if answer else lines[0]
    breaks = _breaks_of(question)

    def with_answer(text: str) -> list[int]:  # `text` is what is left of question + PAIR_GAP + answer
        start = len(text) - len(PAIR_GAP + answer)
        return [*breaks(text[:start]), start + len(PAIR_GAP)] if start > 0 else []

    return [part.strip() for part in wrapped(lines[0], fm, width, with_answer if answer else breaks, indent="")] \
        + lines[1:]


def clause_width(question: str, fm: QFontMetricsF) -> float:
    """The least width the question wraps at without a phrase cut: its widest phrase (word_breaks or
    phrase_breaks)."""
    ends = [0, *_breaks_of(question)(question), len(question)]
    parts = [question[a:b] for a, b in zip(ends, ends[1:])]
    return max(fm.horizontalAdvance(p.strip()) for p in parts if p.strip()) + 2


def layouts(quiz: dict, letters: list[str], font_scale: float, widest: float, kinds=KINDS, floor: int = LEAST_PX):
    """(lines, px, paired, kind, card w, card h), the most said first (KINDS); each from the biggest text down, in
    its SHAPES, each one line wide, as wide as its question's widest phrase, or narrower (WIDTHS); never wider than
    `widest` pixels. A question breaks only between phrases (or words) and a choice nowhere: a width
    narrower than either is no layout (teacher15 L1: a card too narrow broke 「…聞こえない）で／は」 and left ✓ on a line
    of its own). The card is SLACK wider than its text measures, so a picture drawn smaller wraps nothing either."""
    for kind in kinds:
        for px in (p for p in SIZES if p >= floor):
            fm = QFontMetricsF(fonts.font(px * font_scale))
            for paired, gap in SHAPES[kind]:
                given = card_lines(quiz, letters, paired, NO_BREAK, kind)
                inline = PAIR_GAP.join(card_lines(quiz, letters, False, NO_BREAK, "answer")) if kind == "question" and paired else ""
                if not gap and kind in ASKS and not inline:  # the question straight above its choices: a line shorter
                    given.remove("")  # (teacher15 M1)
                choices = [inline] if inline else given[1 + gap:] if kind in ASKS else given
                least = max(fm.horizontalAdvance(c) + 2 for c in choices)
                if kind in ASKS:
                    least = max(least, clause_width(quiz["question"], fm))
                one_line = min(max(fm.horizontalAdvance(line) for line in given) + 2, widest - 2 * PAD_X)
                for w in sorted({one_line, least, *WIDTHS}, reverse=True):
                    if w > one_line or w < least:
                        continue
                    lines = question_lines(given, fm, w, inline) if kind in ASKS else given
                    used = fm.boundingRect(QRectF(0, 0, w, 1e6), FLAGS, "\n".join(lines))
                    if used.width() > w + 0.5:  # a word longer than the width: this wrap does not hold it
                        continue
                    yield (lines, px * font_scale, paired, kind, used.width() * SLACK + 2 * PAD_X + 2,
                           used.height() + 2 * PAD_Y)


def answered_place(quiz: dict, letters: list[str], area: QRectF, taken: list[QRectF], near, font_scale: float,
                   corner: QRectF, avoid: list[QRectF] = (), spare: list[QRectF] = (),
                   loose: list[QRectF] | None = None) -> Placed:
    """The answered card: the first of its layouts that has a free place in `area` (nearest `near`) clear of
    `taken`, of `spare` (the legend) and of `avoid` (the board's frame); else clear of `taken` and `avoid` only
    (over the legend); else of `taken` and `spare` only, across the frame. The kinds that ask the question come first, each
    tried in those three ways before a kind that does not ask it (teacher16 L1: at 16:9 a card sat 10-20 px across
    the board's top frame; teacher15 M1: saying less to keep off it is worse); with `loose` (`taken` without the
    desks the answer is not read from), the kinds that ask are tried clear of `loose` after each way clear of
    `taken` fails, off the frame and then across it (_grids), before a kind that does not ask (boards21: at 4:3, 12 students, 39 of 93 answered cards lost their
    question, the title row the only place with every desk drawn). With none (no free place even for the
    answer alone at LEAST_PX) the answer alone at LEAST_PX in the bottom right corner of `corner` (the caption's:
    never the chart)."""
    grids = _grids(area, taken, avoid, spare)
    asking = grids if loose is None else _grids(area, taken, avoid, spare, loose)
    last = None
    keys = quiz.get("keys") or ""  # the answered card's foot: 「→キーで、もう一問の答えを出します。」 (teacher37 #4)

    def placed(grid, layout):
        lines, px, paired, kind, w, h = layout
        foot = foot_height(keys, w - 2 * PAD_X, font_scale)
        box = grid.place(w, h + foot, near)
        return None if box is None else Placed(box, lines, px, paired, kind, foot)
    if quiz.get("chosen") is not None:  # teacher37 #3, #6: every choice marked (✓ and ✗), big, clear of every desk
        big = list(layouts(quiz, letters, font_scale, area.width(), ("whole", "choices"), ASKED_PX))
        for grid in grids[:-1] if avoid else grids:  # off the board's frame only (the last grid lies across it)
            for layout in big:
                if (card := placed(grid, layout)) is not None:
                    return card
    kinds = [list(same) for _, same in groupby(layouts(quiz, letters, font_scale, area.width(), order(quiz)),
                                               key=lambda layout: layout[3] in ASKS)]
    for same in kinds:  # the kinds that ask (whole, then question), then those that do not: each clear of the frame
        asks = same[0][3] in ASKS  # first, so a card keeps its question off the frame; a question in a few lines
        tries = [[x for x in same if not squeezed(x, letters)], [x for x in same if squeezed(x, letters)]] if asks \
            else [same]
        for some in tries:  # before one cut into many short ones (teacher40 #10: 7 lines of 2-6 characters)
            for grid in (asking if asks else grids):
                for layout in some:
                    if (card := placed(grid, layout)) is not None:
                        return card
        last = same[-1]
    if last is None:  # no layout holds even the answer (a choice with no break wider than the card may be)
        last = answer_wrapped(quiz, letters, font_scale, area.width())
        for grid in grids:
            if (card := placed(grid, last)) is not None:
                return card
    lines, px, paired, kind, w, h = last
    foot = foot_height(keys, w - 2 * PAD_X, font_scale)
    return Placed(QRectF(corner.right() - w, corner.bottom() - h - foot, w, h + foot), lines, px, paired, kind, foot)


SQUEEZED = 6  # a question wrapped into more lines than this reads as a list of fragments


def squeezed(layout, letters: list[str]) -> bool:
    """Whether an asking layout (answered_place) cuts its question into more than SQUEEZED lines (its lines that are
    neither blank nor a lettered choice)."""
    marks = tuple(m.strip() for m in letters)
    return sum(1 for line in layout[0] if line and not line.startswith(marks)) > SQUEEZED


def order(quiz: dict) -> tuple[str, ...]:
    """The kinds of answered card tried after the big ones: where the class chose, every choice marked before the
    question with the marked ones alone (teacher37 #3: a wrong pick became 「ア「。」✓」 at 14 px in the title row)."""
    return KINDS if quiz.get("chosen") is None else ("whole", "choices", "question", "answer")


def _grids(area: QRectF, taken, avoid, spare, loose=None) -> list[FreeGrid]:
    """answered_place's free places in the order tried: off the frame (clear of the legend, then over it), then
    across it; each clear of `taken`, then (given) of `loose`."""
    off = ([[*spare, *avoid]] + ([list(avoid)] if spare else [])) if avoid else []
    clear = [taken] if loose is None else [taken, loose]
    return [FreeGrid(area, [*t, *rest]) for rests in (off, [list(spare)]) for t in clear for rest in rests]


def answer_wrapped(quiz: dict, letters: list[str], font_scale: float, widest: float):
    """The answer alone at LEAST_PX, cut into lines no wider than `widest` allows (board_wrap.wrapped: between words,
    or between characters where a word is wider): (lines, px, paired, kind, card w, card h) as layouts gives them.
    review18: a 150-character choice with no space had no layout at all, and the card raised TypeError."""
    px = LEAST_PX * font_scale
    fm = QFontMetricsF(fonts.font(px))
    width = max(widest - 2 * PAD_X - 2, fm.horizontalAdvance("W") * 2)
    lines = wrapped(card_lines(quiz, letters, False, NO_BREAK, "answer")[0], fm, width)
    used = fm.boundingRect(QRectF(0, 0, width, 1e6), FLAGS, "\n".join(lines))
    return lines, px, False, "answer", used.width() + 2 * PAD_X + 2, used.height() + 2 * PAD_Y


FOOT_PX = 24  # the asked card's keys line (quiz["keys"]), canvas pixels at font scale 1
KEYS_BELOW = 18.0  # under the keys line, canvas pixels: clear of the card's frame (teacher37 #13: at 10 px it touched it)


def foot_height(keys: str, width: float, font_scale: float) -> float:
    """The height the keys line takes at the foot of a card whose text is `width` wide (wrapped), 0 without one."""
    if not keys:
        return 0.0
    fm = QFontMetricsF(fonts.font(FOOT_PX * font_scale))
    return fm.boundingRect(QRectF(0, 0, max(width, 1.0), 1e6), FLAGS, keys).height() + KEYS_BELOW


def asked_place(quiz: dict, letters: list[str], area: QRectF, taken: list[QRectF], near, font_scale: float,
                spare: list[QRectF] = ()) -> Placed | None:
    """The asked card (the question and its choices, none marked yet): the first of its whole layouts, biggest text
    first, with a free place in `area` nearest `near` clear of `taken` (the board's lines the question is worked
    from, the title's words, the caption) and of `spare` (the chart, the board's frame, the legend); else clear of
    `taken` only; None where neither has one (the caller keeps its box over the board). teacher22 L5 (13 M3, 14 M1):
    at softmax's sum step, 4:3, the card covered the whole board, the sum it asked about too."""
    shapes = list(layouts(quiz, letters, font_scale, area.width(), ("whole",)))
    keys = quiz.get("keys") or ""  # the window's card says how the class answers, under the choices (teacher34 #13)
    for grid in _grids(area, taken, spare, ()):  # clear of taken and spare (here what to keep off first), then of taken
        for lines, px, paired, kind, w, h in shapes:
            foot = foot_height(keys, w - 2 * PAD_X, font_scale)
            box = grid.place(w, h + foot, near)
            if box is not None:
                return Placed(box, lines, px, paired, kind, foot)
    return None
