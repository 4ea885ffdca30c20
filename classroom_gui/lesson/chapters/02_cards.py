"""Chapter: every student writes three cards from their notebook: a question (Query, W_Q), a
self-introduction (Key, W_K) and an opinion (Value, W_V)."""
from __future__ import annotations

from functools import partial

from ..beat import Step
from ..frame import Frame
from ..numbers import vec


def write(card: str, matrix: str, grow, ctx, fr: Frame):
    """The step that writes `card` ("query", "key", "value") with `matrix`; grow(alpha) gives how far each of
    the three cards is shown."""
    ctx.seat_all(fr, [("notebook", ctx.L.x, ctx.t("card.notebook"), 1.0)] + ctx.card_strips(*grow(ctx.alpha)))
    H, f, d = ctx.H, ctx.f, ctx.trace.config.d_head
    shown = {"query": H.q, "key": H.k, "value": H.v}[card][f]
    fr.narration = ctx.t(ctx.beat.key, layer=ctx.sel.layer + 1, head=ctx.sel.head + 1, d=d)
    fr.board = [ctx.t("board.card_formula", card=ctx.t(f"card.{card}"), matrix=matrix),
                ctx.t("board.card_of", card=ctx.t(f"card.{card}"), name=ctx.q(f))] + vec(shown)


STEPS = [Step("query", 2.5, partial(write, "query", "W_Q", lambda a: (a, 0.0, 0.0))),
         Step("key", 2.5, partial(write, "key", "W_K", lambda a: (1.0, a, 0.0))),
         Step("value", 2.5, partial(write, "value", "W_V", lambda a: (1.0, 1.0, a)))]
