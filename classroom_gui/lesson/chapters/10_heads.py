"""Chapter: many heads at once; their new understandings joined (concat), projected by W_O, and added to
the notebook (the residual), which LayerNorm then evens out for the next step."""
from __future__ import annotations


from ..beat import Step
from ..cache import kept_for
from ..frame import Frame
from ..numbers import cards_add_up, fmt, fmt_many, winning
from ..panels import heatmap
from ..worked import evened_notebook, evened_written, layernorm_lines, listed, sum_lines, worked_sum


def _narrate(ctx, fr: Frame):
    c = ctx.trace.config
    fr.narration = ctx.t(ctx.beat.key, h=c.n_head, d=c.d_head, c=c.n_embd, head=ctx.sel.head + 1)
    fr.heatmap = heatmap(ctx, rows=list(range(ctx.trace.n_tokens)))


def others(ctx, fr: Frame):
    L, f = ctx.L, ctx.f
    if ctx.desks(fr):
        ctx.seat_all(fr, [("notebook", L.x, ctx.t("card.notebook"), 1.0)]
                     + [("context", values, f"{ctx.t('card.context')} {h + 1}", 1.0) for h, values in enumerate(L.context)])
    _narrate(ctx, fr)
    seats, shares = L.best_heard(f)  # each head's strongest classmate of the asker, without every head's shares
    # the asker named once, above its heads' rows: a repeated word's seat in every row made them too long for 16 px
    # chalk (fix68: 「ヘッド1：2番の席の「cat」がいちばんよく聞くのは、26番の席の「mat」（0.11）」, 14 px in a class of 64)
    # each share at the decimals at which it beats the head's runner-up (student35 #5: a tie at 2 names no winner)
    # (a big class's lean layer keeps no shares to find it in: its 2 decimals, as before)
    second = L.runner_up(f)
    second = [0.0] * len(seats) if second is None else second
    heads = [ctx.t("board.head", head=h + 1, other=ctx.heard(f, int(j), winning([w, r], 0, [1])))
             for h, (j, w, r) in enumerate(zip(seats, shares, second))]
    fr.board = [ctx.t("board.heads_asker", name=ctx.qs(f))] + heads


def _one_card(ctx, fr: Frame, values, label_key: str, board_key: str):
    """Every desk's notebook with one card growing from `values` (per seat); the asker's on the board."""
    ctx.seat_all(fr, [("notebook", ctx.L.x, ctx.t("card.notebook"), 1.0), ("context", values, ctx.t(label_key), ctx.alpha)])
    _narrate(ctx, fr)
    fr.board = [ctx.t(board_key, name=ctx.q(ctx.f))]
    fr.write_vector(*listed(fmt_many(values[ctx.f])))


def concat(ctx, fr: Frame):
    _one_card(ctx, fr, ctx.L.heads_concat, "card.concat", "board.concat")


def project(ctx, fr: Frame):
    _one_card(ctx, fr, ctx.L.attn_out, "card.projected", "board.project")
    worked = projected_number(ctx)
    if worked:  # W_O works within each student: the board's height goes to the sum, not the attention map
        fr.write_worked(worked)
        fr.heatmap = heatmap(ctx, rows=[])


def projected_number(ctx) -> list[str]:
    """The asker's first number after W_O worked out: the heads' answers side by side · column 1 of W_O + b_O."""
    L, f, p = ctx.L, ctx.f, ctx.trace.params
    prefix = f"h.{ctx.sel.layer}.attn.c_proj."
    worked = worked_sum(L.heads_concat[f], p[prefix + "weight"][:, 0], [p[prefix + "bias"][0]], float(L.attn_out[f, 0]))
    if worked is None:
        return []
    t = ctx.t
    return [""] + sum_lines(t, worked, t("worked.projected", name=ctx.q(f)), t("worked.concat_input", name=ctx.q(f)),
                            t("worked.column", matrix="W_O", i=1), "worked.proj_products", "worked.above_projected",
                            "worked.proj_total_long", lead=t("worked.proj_lead"))


def residual(ctx, fr: Frame):
    L, f = ctx.L, ctx.f
    ctx.seat_all(fr, [("notebook", L.resid_attn, ctx.t("card.notebook"), 1.0),
                      ("notebook", L.ln_2, ctx.t("board.layernorm_short"), ctx.alpha)])
    _narrate(ctx, fr)
    # LayerNorm's evening-out worked from the digits shown above (mean, spread, then each number), so a student
    # can redo it; the learned scale and shift that make the desks' LayerNorm card are worked for the first number
    p, layer = ctx.trace.params, ctx.sel.layer
    eps = ctx.trace.config.layer_norm_epsilon  # (kept per layer and asker: every frame of the step, ~1.5 ms for
    # GPT-2's 768 numbers written and evened at each number of decimals tried)
    shown, worked, learned = kept_for(ctx.trace, "heads_evened", (layer, f), lambda: evened_notebook(
        L.resid_attn[f], eps, p[f"h.{layer}.ln_2.weight"][0], p[f"h.{layer}.ln_2.bias"][0], float(L.ln_2[f, 0]),
        first=evened_written(L.resid_attn.shape[1])))
    fr.board = [ctx.t("board.residual", name=ctx.q(f))]
    fr.write_vector(*listed(shown))
    written = listed(shown)[0]  # the model's sums, which the rounded cards of W_O's step can miss by 1 (student35 #3)
    fr.board += [] if cards_add_up(L.x[f], L.attn_out[f], written) else [ctx.t("board.sum_rounded")]
    if worked is None:
        fr.board.append(ctx.t("board.layernorm", name=ctx.q(f)))
        fr.write_vector(*listed(fmt_many(L.ln_2[f])))
        return
    # worked lines: the evened numbers are no desk's card (the desks show them scaled and shifted)
    fr.write_worked(layernorm_lines(ctx.t, ctx.q(f), ctx.trace.config.layer_norm_epsilon, shown, worked, learned,
                                    ctx.t("worked.on_desk", shown=fmt(L.ln_2[f, 0])), every=True))


STEPS = [Step("others", 3.0, others), Step("concat", 2.5, concat), Step("project", 2.5, project),
         Step("residual", 3.0, residual)]
