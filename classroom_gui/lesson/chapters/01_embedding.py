"""Chapter: each student's notebook, written from a word card (token embedding) and a seat card (position
embedding) added together."""
from __future__ import annotations

from ..beat import Step
from ..frame import Frame
from ..numbers import fmt, vec

RULE_IN_TITLE = False  # the rule comes in with the question


def _show(ctx, fr: Frame, shown, board_key: str):
    """The narration of this step and the asker's shown vector on the board under its heading."""
    tr, f = ctx.trace, ctx.f
    fr.narration = ctx.t(ctx.beat.key, c=tr.config.n_embd, focus=ctx.q(f), seat=f + 1, first=fmt(shown[f][0]))
    fr.board = [ctx.t(board_key, name=ctx.q(f), seat=f + 1)] + vec(shown[f])


def token(ctx, fr: Frame):
    tr = ctx.trace
    for s in ctx.desks(fr):
        s.cards = [ctx.seat_strip("token", tr.tok_embedding, s.index, ctx.alpha, "card.token")]
    _show(ctx, fr, tr.tok_embedding, "board.token")


def position(ctx, fr: Frame):
    tr = ctx.trace
    for s in ctx.desks(fr):
        s.cards = [ctx.seat_strip("token", tr.tok_embedding, s.index, 1.0, "card.token"),
                   ctx.seat_strip("position", tr.pos_embedding, s.index, ctx.alpha, "card.position")]
    _show(ctx, fr, tr.pos_embedding, "board.position")


def total(ctx, fr: Frame):
    tr = ctx.trace
    for s in ctx.desks(fr):
        j = s.index
        s.notebook = ctx.strip("notebook", tr.embedding[j], ctx.alpha)
        s.cards = [ctx.strip("token", tr.tok_embedding[j], 1 - ctx.alpha, "card.token"),
                   ctx.strip("position", tr.pos_embedding[j], 1 - ctx.alpha, "card.position")]
    _show(ctx, fr, tr.embedding, "board.sum")


STEPS = [Step("token", 2.5, token), Step("position", 2.5, position), Step("sum", 2.5, total)]
