"""A board's lines as written, for tests that compare them with what a board draws (moved here from
scene.board_lists, which only the tests used)."""
from __future__ import annotations

from classroom_gui.scene.board_lists import number_lists, reflowed


def one_row_each(lines) -> list[str]:
    """`lines` with each bracketed list of numbers over several lines on one row: a board's lines as written, told
    apart from its lists' rows (what a re-flow keeps)."""
    return reflowed(lines, number_lists(lines), 1 << 30)
