"""Chapter: every student asks at once; their shares, row by row, are the attention matrix."""
from __future__ import annotations

import numpy as np

from ..beat import Step
from ..frame import Frame
from ..long_lists import Gap, picked, short_list
from ..numbers import board_list, fmt
from ..panels import heatmap
from .desks import edited_out

ROW_NUMBERS = 6  # a row of the attention matrix shown whole up to this many shares, else its largest
MATRIX_SHORT_ROWS = 10  # rows of a long class's short matrix board, its gap among them: a row of three shares takes
# two lines of chalk beside the map (long_lists.SHORT_ROWS, 14, cut the asker's own row off again at 4:3)
SEATED_SHORT_ROWS = 6  # where the rows drawn name a repeated word (its own or a share's): names with seats
# (「31番の席の「sat」0.08」) take two lines a row even at 16:9, and 10 such rows cut the asker's own row off (64
# students, tests/test_board_rows.py); a class whose repeated word is only among the rows left out keeps 10


def row_line(ctx, i: int) -> str:
    """Row i of the matrix on the board: every share in seat order from seat 1, a classmate the row cannot
    hear written "—" in its place (a what-if mask edit leaves holes mid-row: without it every later share sat
    under the wrong student), up to the last one it hears or was edited out (GPT's own mask hides only the
    end of a row, left off as before); or for a long row its largest shares with whose they are and "… (+k)" (「ほかk人」)
    (a row of 49 cut to its first numbers would read 0.00 everywhere)."""
    w, mask = ctx.H.weights[i], ctx.H.mask[i]
    seen = np.flatnonzero(~mask)
    gap = ctx.t("list.separator")  # 、 in Japanese, between numbers too (teacher8 L1)
    top = named_shares(ctx, i)
    if top is None:
        span = max([int(seen[-1])] + sorted(edited_out(ctx, i))) + 1
        text = gap.join("—" if mask[j] else fmt(w[j]) for j in range(span))
    else:
        # 「「教室」（0.35）」, "class" (0.35): a share after its name in brackets, as the narrations and notes write it
        # (boards25: teacher27 L3 had dropped them for 「「教室」0.35」, as the 6 characters more wrapped the rows of 7
        # students at 16:9 and the board left its last row off; the board now gives wrapped rows their room); a word
        # that repeats with its seat (qs), so three 「sat」 in one row say which is which
        text = gap.join(ctx.qs(j, fmt(w[j])) for j in top) + ctx.t("board.row_more", n=len(seen) - 3)
    return ctx.t("board.row", name=ctx.qs(i), weights=text)  # a word that repeats with its seat (as scoring's rows)


def named_shares(ctx, i: int) -> list[int] | None:
    """The seats whose shares row i names (its largest three, ties in seat order: a stable sort, as sorted() was), or
    None where the row is short enough to write every share (ROW_NUMBERS)."""
    w, mask = ctx.H.weights[i], ctx.H.mask[i]
    seen = np.flatnonzero(~mask)
    if max([int(seen[-1])] + sorted(edited_out(ctx, i))) + 1 <= ROW_NUMBERS:
        return None
    return seen[np.argsort(-w[seen], kind="stable")[:3]].tolist()


def seated(ctx, i: int) -> bool:
    """Whether row i's line carries a seat: its own word, or a word its shares name, sits more than once (qs)."""
    return ctx.repeats(i) or any(ctx.repeats(j) for j in named_shares(ctx, i) or ())


def matrix(ctx, fr: Frame):
    n = ctx.trace.n_tokens
    rows = int(np.ceil(ctx.alpha * n - 1e-9))
    ctx.seat_all(fr, [("notebook", ctx.L.x, ctx.t("card.notebook"), 1.0)] + ctx.card_strips()
                 + [("context", ctx.H.context, ctx.t("card.context"), (np.arange(n) < rows).astype(np.float64))])
    fr.heatmap = heatmap(ctx, rows=list(range(rows)))
    # "fills row by row" only while it fills: under the finished matrix (a step's end, a deck's slide) the rows
    # are all there
    fr.narration = ctx.t(ctx.beat.key if rows < n else "everyone.matrix_done")
    # a long class: the asker's own row (highlighted in the map) among the lines, its gap said (long_lists), not cut
    # after the first rows (jareview6: a class of 36 in turn stopped at seat 13, and the notes named seat 1's row)
    lines: dict[int, str] = {}  # each row's line written once a frame: the short board writes ~10 of them again

    def line(i: int) -> str:
        if i not in lines:
            lines[i] = row_line(ctx, i)
        return lines[i]

    fr.board, fr.board_more = board_list(range(rows), line)
    # 6 rows where the 10 rows it would draw carry seats, else 10 (boards25: not for every class that repeats a word)
    drawn = picked(range(rows), {ctx.f}, MATRIX_SHORT_ROWS) or range(rows)  # (every row of a short class)
    short = SEATED_SHORT_ROWS if any(seated(ctx, i) for i in drawn if not isinstance(i, Gap)) else MATRIX_SHORT_ROWS
    fr.board_short = short_list(ctx.t, range(rows), line, {ctx.f}, rows=short)


STEPS = [Step("matrix", 4.0, matrix)]
