"""Chapter: every student writes three cards from their notebook: a question (Query, W_Q), a
self-introduction (Key, W_K) and an opinion (Value, W_V)."""
from __future__ import annotations

from functools import partial

import numpy as np

from ..beat import Step
from ..frame import Frame
from ..numbers import fmt, fmt_many
from ..worked import normed, sum_lines, worked_sum
from ...model.gpt import head_weights


def write(card: str, matrix: str, grow, ctx, fr: Frame):
    """The step that writes `card` ("query", "key", "value") with `matrix`; grow(alpha) gives how far each of
    the three cards is shown."""
    ctx.seat_all(fr, [("notebook", ctx.L.x, ctx.t("card.notebook"), 1.0)] + ctx.card_strips(*grow(ctx.alpha)))
    H, f, d = ctx.H, ctx.f, ctx.trace.config.d_head
    shown = {"query": H.q, "key": H.k, "value": H.v}[card][f]
    fr.narration = ctx.t(ctx.beat.key, layer=ctx.sel.layer + 1, head=ctx.sel.head + 1, d=d)
    fr.board = [ctx.t("board.card_formula", card=ctx.t(f"card.{card}"), matrix=matrix),
                ctx.t("board.card_of", card=ctx.t(f"card.{card}"), name=ctx.q(f))]
    fr.write_vector(fmt_many(shown))
    fr.write_worked(first_number(ctx, card, matrix))


def first_number(ctx, card: str, matrix: str) -> list[str]:
    """The asker's first number of `card` worked out: LayerNorm(notebook) · the matrix's first column + b, from
    the digits on the board (the model's own number when a what-if did not set it; else that line follows)."""
    f, layer, head = ctx.f, ctx.sel.layer, ctx.sel.head
    w = head_weights(ctx.trace.params, ctx.trace.config, layer, head)
    letter = matrix[-1]
    ln = normed(ctx, "ln_1", ctx.L.x[f])
    column, bias = w[f"W_{letter}"][:, 0], w[f"b_{letter}"][0]
    edit = [e for e in ctx.trace.edits if (e.kind, e.layer, e.head, e.seat, e.index) == (card[0], layer, head, f, 0)]
    # the card's number as the desk shows it, or, when a what-if set it, the number the sum makes
    with np.errstate(over="ignore", invalid="ignore"):  # a model with huge weights: inf or nan, and no worked sum
        own = float(np.dot(ln.astype(np.float64), column) + bias) if edit else float(getattr(ctx.H, card[0])[f, 0])
    worked = worked_sum(ln, column, [bias], own)
    if worked is None:
        return []
    lines = [""] + sum_lines(ctx.t, worked, ctx.t("worked.card", card=ctx.t(f"card.{card}")),
                             ctx.t("worked.ln_input", name=ctx.q(f)), ctx.t("worked.column", matrix=matrix, i=1),
                             "worked.card_products", "worked.on_model_card" if edit else "worked.on_card",
                             "worked.card_total_long_model" if edit else "worked.card_total_long",
                             lead=ctx.t("worked.card_lead"))
    if edit:  # the card's number is a what-if's, not the sum's
        lines.append(ctx.t("board.whatif_score", own=fmt(own), value=fmt(edit[-1].value)))
    return lines


STEPS = [Step("query", 2.5, partial(write, "query", "W_Q", lambda a: (a, 0.0, 0.0))),
         Step("key", 2.5, partial(write, "key", "W_K", lambda a: (1.0, a, 0.0))),
         Step("value", 2.5, partial(write, "value", "W_V", lambda a: (1.0, 1.0, a)))]
