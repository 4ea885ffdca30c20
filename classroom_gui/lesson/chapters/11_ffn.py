"""Chapter: each student thinks alone (the feed-forward step): a wider hidden row, the model's own
activation (ReLU, GELU, …), and the result added to the notebook."""
from __future__ import annotations

import numpy as np

from ...model.activations import DISPLAY, RANGE, SHAPE
from ..beat import Step
from ..frame import Frame
from ..numbers import fmt_many, shows_negative_zero
from ..worked import first_products, listed, sum_lines, worked_sum
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
    fr.write_worked(hidden_unit(ctx))
    _say_negative_zero(ctx, fr, [ctx.L.ffn_pre[ctx.f]])


def _say_negative_zero(ctx, fr: Frame, strips) -> None:
    """The narration says what 「<0」 is where a hidden strip on the board shows one (teacher40 #11)."""
    if any(shows_negative_zero(s) for s in strips):
        fr.narration += ctx.t("ffn.negative_zero")


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
    _say_negative_zero(ctx, fr, [L.ffn_pre[f], L.ffn_hidden_at(f)])


def residual(ctx, fr: Frame):
    L, f = ctx.L, ctx.f
    _think(ctx, fr, L.output, ctx.beat.key)
    fr.board = [ctx.t("board.ffn_out", name=ctx.q(f), act=DISPLAY[ctx.trace.config.activation_function])]
    worked, whole, short = output_number(ctx)
    fr.write_vector(*listed(fmt_many(L.output[f])))
    if short:  # where a compact sum does not fit the board (4:3 from ~55 units): its first products and the total
        fr.board_short = fr.board + short
    fr.write_worked(worked)
    if not whole:  # a worked sum that lists every unit adding something needs no strip of them beside it
        fr.board_strips = [ctx.strip("hidden", L.ffn_hidden_at(f))]
        fr.board_strips[0].label = _activated(ctx)


def _mlp(ctx, name: str):  # (the selected layer's weight matrix `name`, its bias): "c_fc" W_1, b_1; "c_proj" W_2, b_2
    p, prefix = ctx.trace.params, f"h.{ctx.sel.layer}.mlp.{name}."
    return p[prefix + "weight"], p[prefix + "bias"]


def hidden_unit(ctx) -> list[str]:
    """The asker's first hidden unit worked out: LayerNorm(notebook) · column 1 of W_1 + b_1 (the strip's first)."""
    L, f = ctx.L, ctx.f
    w, b = _mlp(ctx, "c_fc")
    worked = worked_sum(L.ln_2[f], w[:, 0], [b[0]], float(L.ffn_pre[f, 0]))
    if worked is None:
        return []
    # no blank line before it: with the 96 units' strip below, a 4:3 board has room for only the sum's lines
    return sum_lines(ctx.t, worked, ctx.t("worked.hidden"), ctx.t("worked.ln_input", name=ctx.q(f)),
                     ctx.t("worked.column", matrix="W_1", i=1), "worked.hidden_products", "worked.below",
                     "worked.hidden_total_long", lead=ctx.t("worked.hidden_lead"))


def output_number(ctx) -> tuple[list[str], bool, list[str]]:
    """The asker's first number after the feed-forward worked out: act(hidden) · column 1 of W_2 + b_2 + the
    notebook's first number. Under ReLU only the units that are not 0 are listed (the rest add nothing).
    Also whether every product is listed, and for a compact sum the same shortened to its first products and
    the total (Frame.board_short), else []."""
    L, f, fn = ctx.L, ctx.f, ctx.trace.config.activation_function
    w, b = _mlp(ctx, "c_proj")
    act = L.ffn_hidden_at(f)
    kept = SHAPE[fn] == "zero"
    rows = np.flatnonzero(act != 0) if kept else np.arange(len(act))
    worked = worked_sum(act[rows], w[rows, 0], [b[0], L.resid_attn[f, 0]], float(L.output[f, 0])) if len(rows) else None
    if worked is None:
        return [], False, []
    t = ctx.t
    inputs = t("worked.kept_input", k=len(rows), act=DISPLAY[fn]) if kept else t("worked.act_input", act=DISPLAY[fn])
    column = t("worked.column", matrix="W_2", i=1)
    if kept:  # the rows named by their units while the sum lists them all, else the strip beside it shows them
        units = unit_runs(rows + 1) if worked.compact else ", ".join(str(r + 1) for r in rows)
        column = t("worked.kept_rows", units=units) if worked.whole else t("worked.kept_column")
    heading = t("worked.out", name=ctx.q(f))
    keys = ("worked.out_products", "worked.above", "worked.out_total_long")
    lead = t("worked.out_lead")
    short = ([""] + sum_lines(t, first_products(worked), heading, inputs, t("worked.kept_column"), *keys, lead=lead)
             if worked.compact else [])
    return [""] + sum_lines(t, worked, heading, inputs, column, *keys, lead=lead), worked.whole, short


def unit_runs(units) -> str:
    """Units as runs, "2–3, 5, 7–11": a compact sum's 57 kept units named in a line or two rather than four."""
    runs: list[list[int]] = []
    for u in map(int, units):
        if runs and u == runs[-1][-1] + 1:
            runs[-1].append(u)
        else:
            runs.append([u])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


STEPS = [Step("hidden", 2.5, hidden), Step("activation", 2.5, activation), Step("residual", 2.5, residual)]
