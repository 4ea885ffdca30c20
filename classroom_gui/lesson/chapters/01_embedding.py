"""Chapter: each student's notebook, written from a word card (token embedding) and a seat card (position
embedding) added together."""
from __future__ import annotations

from ..beat import Step
from ..frame import Frame
from ..numbers import cards_add_up, fmt, fmt_many

RULE_IN_TITLE = False  # the rule comes in with the question


def _show(ctx, fr: Frame, shown, board_key: str) -> list[str]:
    """The narration of this step and the asker's shown vector on the board under its heading; returns the vector's
    numbers as written."""
    tr, f = ctx.trace, ctx.f
    fr.narration = ctx.t(ctx.beat.key, c=tr.config.n_embd, focus=ctx.q(f), seat=f + 1, first=fmt(shown[f][0]))
    fr.board = [ctx.t(board_key, name=ctx.q(f), seat=f + 1)]
    written = fmt_many(shown[f])
    fr.write_vector(written)  # (a copy: write_vector keeps its own list)
    return written


def token(ctx, fr: Frame):
    tr = ctx.trace
    ctx.seat_all(fr, [("token", tr.tok_embedding, ctx.t("card.token"), ctx.alpha)], notebook=False)
    _show(ctx, fr, tr.tok_embedding, "board.token")


def position(ctx, fr: Frame):
    tr = ctx.trace
    ctx.seat_all(fr, [("token", tr.tok_embedding, ctx.t("card.token"), 1.0),
                      ("position", tr.pos_embedding, ctx.t("card.position"), ctx.alpha)], notebook=False)
    _show(ctx, fr, tr.pos_embedding, "board.position")


def total(ctx, fr: Frame):
    tr = ctx.trace
    ctx.seat_all(fr, [("notebook", tr.embedding, ctx.t("card.notebook"), ctx.alpha),
                      ("token", tr.tok_embedding, ctx.t("card.token"), 1 - ctx.alpha),
                      ("position", tr.pos_embedding, ctx.t("card.position"), 1 - ctx.alpha)])
    written = _show(ctx, fr, tr.embedding, "board.sum")  # the model's sums, which the rounded word and seat cards can
    # miss by 1 (written once: GPT-2's 768 numbers took ~0.5 ms a frame to write again)
    fr.board += [] if cards_add_up(tr.tok_embedding[ctx.f], tr.pos_embedding[ctx.f], written) else [ctx.t("board.sum_rounded")]


STEPS = [Step("token", 2.5, token), Step("position", 2.5, position), Step("sum", 2.5, total)]
