"""A long list on the board, a line per classmate (the scores, the scores ÷ √d, their exp(), the shares), where it
does not fit: the lines drawn instead (Frame.board_short). The board cut such a list after the seats that fitted
(teacher28 M1: "he" in seat 49, the narration's top share, 12.89 -> 0.19, was on none of the four boards of a
64-student class, which stopped at seat 16-39 with "… (+47)"). The short list keeps the students the narration and
the notes name (the asker, the top share) in seat order after the first seats, and says which seats a gap skips
("… (31 others: seats 18–48)", 「…（ほか31人：18〜48番の席）」: one form wherever a list is shortened, teacher30 #6).
Pure: no Qt."""
from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal, InvalidOperation
from itertools import accumulate
from typing import Callable, NamedTuple

from .numbers import board_list, exact_sum

SHORT_ROWS = 14  # rows of a short list, its gaps among them: with a board's notes, 20 px chalk where the whole list
# takes the board's least (16 px, ~20 rows above a chart on either canvas: 780 px boards)


class Gap(NamedTuple):
    first: int  # seats from 0
    last: int
    students: int


def span(item) -> tuple[int, int]:
    """The seats (first, last) a board item stands for: a seat, or a run (first, last) said in one line."""
    return item if isinstance(item, tuple) else (item, item)


def picked(items, named, rows: int = SHORT_ROWS) -> list | None:
    """`items` (seats, or (first, last) runs) as at most `rows` rows in their order: the first ones, every seat in
    `named` wherever it sits, and a Gap for each stretch left out (one a stretch of seats in a row: where the items
    skip a seat, a what-if's deaf classmate, two); None where every item fits in `rows`. Each try counts its rows
    from running sums over the items (_Runs), without a Python step per item left out: 1,024 students' lists took
    ~10 ms a frame when each try re-walked them."""
    items = list(items)
    if len(items) <= rows:
        return None
    marked = [i for i, item in enumerate(items) if not isinstance(item, tuple) and item in named]
    runs = _Runs(items)
    for head in range(rows, -1, -1):
        keep = sorted(set(range(head)) | set(marked))
        if runs.count(keep) <= rows:
            return runs.rows(keep)
    return runs.rows(marked, split=False)  # the named ones, and gaps that may say only their count


class _Runs:
    """Running sums over a list's items: how many seats they stand for and where a stretch of seats in a row
    breaks (an item whose first seat is not one after the last seat of the item before), so that the Gaps of
    any stretch of items left out are found from its ends."""

    def __init__(self, items: list):
        self.items = items
        if any(isinstance(item, tuple) for item in items):
            self.first = [item[0] if isinstance(item, tuple) else item for item in items]
            self.last = [item[1] if isinstance(item, tuple) else item for item in items]
            self.seats = list(accumulate((b - a + 1 for a, b in zip(self.first, self.last)), initial=0))
        else:  # seats alone (the common list): each stands for one
            self.first = self.last = items
            self.seats = range(len(items) + 1)
        # seats[i]: how many seats the items before i stand for
        self.breaks = [i for i, (a, b) in enumerate(zip(self.first[1:], self.last), 1) if a != b + 1]

    def _cuts(self, lo: int, hi: int) -> list[int]:
        """Where the stretch of items lo..hi (both in) breaks: the items that start a new stretch of seats."""
        return self.breaks[bisect_right(self.breaks, lo):bisect_right(self.breaks, hi)]

    def count(self, keep: list[int]) -> int:
        """How many rows rows(keep) has."""
        n, b = len(keep), self.breaks
        for a, c in zip([-1] + keep, keep + [len(self.items)]):
            if c - a > 1:
                n += 1 + bisect_right(b, c - 1) - bisect_right(b, a + 1)
        return n

    def rows(self, keep: list[int], split: bool = True) -> list:
        out: list = []
        for a, c in zip([-1] + keep, keep + [len(self.items)]):
            if c - a > 1:  # items a+1 .. c-1 left out
                starts = [a + 1] + (self._cuts(a + 1, c - 1) if split else [])
                out += [Gap(self.first[p], self.last[q - 1], self.seats[q] - self.seats[p])
                        for p, q in zip(starts, starts[1:] + [c])]
            if c < len(self.items):
                out.append(self.items[c])
        return out


def gap_line(t: Callable, gap: Gap) -> str:
    """A gap's line: how many students it leaves out and their seats (from 1), or only how many where they are not
    all the seats from its first to its last."""
    if gap.students != gap.last - gap.first + 1:
        return t("board.skipped_count", n=gap.students)
    if gap.first == gap.last:
        return t("board.skipped_one", seat=gap.first + 1)
    return t("board.skipped", n=gap.students, first=gap.first + 1, last=gap.last + 1)


def seats_said(t: Callable, seats: list[int]) -> str:
    """Seats (from 0, in order) as a board says them (from 1): "17–27, 29–30, 32" (ja 「17〜27、29〜30、32」)."""
    spans: list[list[int]] = []
    for j in seats:
        if spans and j == spans[-1][1] + 1:
            spans[-1][1] = j
        else:
            spans.append([j, j])
    return t("list.gap").join(str(a + 1) if a == b else t("board.seat_span", first=a + 1, last=b + 1) for a, b in spans)


def short_list(t: Callable, items, line: Callable, named, rows: int = SHORT_ROWS) -> list[str]:
    """The short list's lines (line(item) for an item, gap_line for a gap), or [] where the whole list is short."""
    chosen = picked(items, named, rows)
    if chosen is None:
        return []
    return [gap_line(t, row) if isinstance(row, Gap) else line(row) for row in chosen]


def listed(t: Callable, items, line: Callable, named, notes: list[str] = ()) -> tuple[list[str], int, list[str]]:
    """A board of `notes` then a line per item: (Frame.board, Frame.board_more, Frame.board_short), the short board
    (the notes and short_list) only where the list is long."""
    items = list(items)
    lines, more = board_list(items, line)
    short = short_list(t, items, line, named)
    return list(notes) + lines, more, (list(notes) + short if short else [])


def others_sum(written: list[str]) -> str | None:
    """The sum of numbers as written (a sum's terms the board does not write one by one), as numbers.exact_sum writes
    it (at their most decimals, or a big number's form: 1.861e+19 beside terms written so), so that the terms shown
    plus it redo the total; None where one is not a finite number."""
    try:
        if not all(Decimal(w).is_finite() for w in written):
            return None
    except InvalidOperation:
        return None
    return exact_sum(written)
