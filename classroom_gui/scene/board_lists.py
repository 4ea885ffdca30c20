"""A bracketed list of numbers that the lesson wrote over several board lines ("[1.56, 1.24, 3.12, 7.85, -1.50,"
… "3.54, 1.18, 1.04, 3.03]"), re-flowed as a whole into rows of k numbers, so that the fitter (scene.board) may
choose the rows that give the biggest chalk: answer time's final LayerNorm board had ~11 px chalk on a 1024 x 768
picture, 40 % of the board empty, its lists split at a fixed count (fix44). Every number is kept as written (its
digits unchanged), never cut, and the brackets stay at the list's ends. Qt-free.
"""
from __future__ import annotations

import math

from ..lesson.numbers import bracketed


def _is_number(text: str) -> bool:
    """Whether `text` is one number: a sign or none, digits, and a point and digits or none (the pattern it was,
    matched once a number, took ~0.6 ms a new board on a GPT-2 notebook's 768 numbers: fit22)."""
    if text[:1] in ("-", "−", "+"):
        text = text[1:]
    whole, point, part = text.partition(".")
    return whole.isdecimal() and (not point or part.isdecimal())


def _numbers(text: str) -> list[str] | None:
    """The numbers of one line of a list ("-4.08, -3.08, -0.03,"), or None when it holds anything else."""
    parts = [p.strip() for p in text.split(",")]
    if parts and parts[-1] == "":
        parts.pop()
    return parts if parts and all(map(_is_number, parts)) else None


def number_lists(lines) -> list[tuple[int, int, list[str]]]:
    """(first line, lines, numbers) of each bracketed list of numbers spanning two lines or more: its first line
    starts with "[", every line but its last ends with a comma, its last ends with "]", and no line holds anything
    but numbers."""
    found, i = [], 0
    while i < len(lines):
        t = lines[i].strip()
        if t.startswith("[") and not t.endswith("]") and t.endswith(","):
            numbers, j = [], i
            while j < len(lines):
                part = lines[j].strip()
                body = part[1:] if j == i else part
                last = body.endswith("]")
                row = _numbers(body[:-1] if last else body)
                if row is None or (j > i and part.startswith("[")) or (not last and not body.endswith(",")):
                    break
                numbers += row
                if last:
                    found.append((i, j + 1 - i, numbers))
                    break
                j += 1
            i = j + 1 if found and found[-1][0] == i else i + 1
        else:
            i += 1
    return found


def row_counts(lists) -> list[int]:
    """The k (numbers a row) worth trying for `lists` (number_lists): for each list and each count of rows r the
    narrowest k giving r rows, from 2 up (a row of one number only where nothing else is tried), and no k leaving
    a last row of one number."""
    ks = {-(-size // r) for size in {len(n) for _, _, n in lists} for r in range(1, size + 1)}
    good = sorted(k for k in ks if k >= 2 and all(len(n) % k != 1 for _, _, n in lists))
    return good or [1]


def reflowed(lines, lists, k: int) -> list[str]:
    """`lines` with each of `lists` (number_lists of them) re-written k numbers a row."""
    out, at = [], 0
    for first, count, numbers in lists:
        out += list(lines[at:first]) + bracketed(numbers, k)
        at = first + count
    return out + list(lines[at:])


def reflowed_count(lines, lists, k: int) -> int:
    """len(reflowed(lines, lists, k)), without writing the rows."""
    return fewest_lines(lines, lists) + sum(math.ceil(len(numbers) / k) - 1 for _, _, numbers in lists)


def char_counts(lists) -> list[tuple[int, dict[str, int]]]:
    """For each of `lists`: how many numbers, and how many times each character occurs in its numbers."""
    out = []
    for _, _, numbers in lists:
        joined = "".join(numbers)
        out.append((len(numbers), {c: joined.count(c) for c in set(joined)}))
    return out


def mean_row_width(counts, k: int, char_width) -> float:
    """The widest of each list's mean row width, k numbers a row, as the sum of its characters' widths
    (`char_width`, one character's advance): no more than the widest row's (a mean is no more than the most) where
    a row is as wide as its characters (digits, signs and marks are not kerned: checked in tests)."""
    sep, comma = char_width(",") + char_width(" "), char_width(",")
    ends = char_width("[") + char_width("]")
    most = 0.0
    for n, chars in counts:
        rows = math.ceil(n / k)
        total = sum(char_width(c) * m for c, m in chars.items()) + (n - rows) * sep + (rows - 1) * comma + ends
        most = max(most, total / rows)
    return most


def list_rows(lists, k: int) -> list[str]:
    """The rows of `lists` (number_lists) re-flowed k numbers a row: the lines a re-flow writes that never wrap."""
    return [row for _, _, numbers in lists for row in bracketed(numbers, k)]


def fewest_lines(lines, lists) -> int:
    """How many lines `lines` take with each of `lists` on one row: the fewest any re-flow gives."""
    return len(lines) - sum(count - 1 for _, count, _ in lists)

