"""Chapter: each student thinks alone (the feed-forward step): a wider hidden row, the model's own
activation (ReLU, GELU, …), and the result added to the notebook."""
from __future__ import annotations

from ...model.activations import DISPLAY, RANGE, SHAPE
from ..beat import Step
from ..frame import Frame
from ..numbers import vec
from ..panels import heatmap
from ..strings import table


def _think(ctx, fr: Frame, notebook, key: str):
    """Every desk's notebook from `notebook` (per seat), no attention map, and the narration `key`."""
    L, f, c = ctx.L, ctx.f, ctx.trace.config
    ctx.seat_all(fr, [("notebook", notebook, ctx.t("card.notebook"), 1.0)])
    # no attention map on the board: thinking alone hears nobody, and the 64 hidden units need its height
    # for numbers a projector shows (14 px and up)
    fr.heatmap = heatmap(ctx, rows=[])
    fr.narration = ctx.t(key, f=c.d_ffn, neg=int((L.ffn_pre[f] < 0).sum()), focus=ctx.q(f), c=c.n_embd,
                         layer=ctx.sel.layer + 1, act=DISPLAY[c.activation_function],
                         range=RANGE.get(c.activation_function, ""))


def _activated(ctx) -> str:  # the label of every strip holding act(hidden units)
    return ctx.t("card.activated", act=DISPLAY[ctx.trace.config.activation_function])


def hidden(ctx, fr: Frame):
    _think(ctx, fr, ctx.L.resid_attn, ctx.beat.key)
    fr.board_strips = [ctx.strip("hidden", ctx.L.ffn_pre[ctx.f], ctx.alpha)]
    fr.board = [ctx.t("board.hidden", name=ctx.q(ctx.f))]


def activation(ctx, fr: Frame):
    L, f, fn = ctx.L, ctx.f, ctx.trace.config.activation_function
    shape = SHAPE[fn]
    key = f"ffn.act.{fn}"  # a sentence for this activation if it has one, else for its kind
    _think(ctx, fr, L.resid_attn, key if key in table("en") else f"ffn.act.{shape}")
    zeroed = [bool(z) for z in L.ffn_pre[f] < 0] if shape == "zero" else []  # crossed out: only where set to 0
    fr.board_strips = [ctx.strip("hidden", L.ffn_pre[f]),
                       ctx.strip("hidden", L.ffn_hidden_at(f), ctx.alpha, zeroed=zeroed)]
    fr.board_strips[1].label = _activated(ctx)
    fr.board = [ctx.t("board.hidden", name=ctx.q(f)),
                ctx.t("board.act_zero" if shape == "zero" else "board.act", name=ctx.q(f), act=DISPLAY[fn])]


def residual(ctx, fr: Frame):
    L, f = ctx.L, ctx.f
    _think(ctx, fr, L.output, ctx.beat.key)
    fr.board_strips = [ctx.strip("hidden", L.ffn_hidden_at(f))]
    fr.board_strips[0].label = _activated(ctx)
    fr.board = [ctx.t("board.ffn_out", name=ctx.q(f), act=DISPLAY[ctx.trace.config.activation_function])]
    fr.board += vec(L.output[f])


STEPS = [Step("hidden", 2.5, hidden), Step("activation", 2.5, activation), Step("residual", 2.5, residual)]
