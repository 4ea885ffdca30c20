"""Chapter: softmax in three steps: exp of every scaled score (−∞ for a classmate not yet heard), their sum,
and each share = exp / sum."""
from __future__ import annotations

from ..beat import Step
from ..frame import Bars, Frame, Link
from ..numbers import board_list, fmt
from ..panels import heatmap
from .desks import SUM_TERMS, class_with_cards, edited_out, heard, shown_row


def exp(ctx, fr: Frame):
    class_with_cards(ctx, fr, masked_after_focus=True)
    S = shown_row(ctx)
    masked = [bool(m) for m in ctx.H.mask[ctx.f]]
    out = edited_out(ctx, ctx.f)  # silent because of a what-if, not because they have not spoken yet
    fr.board, fr.board_more = board_list(range(ctx.trace.n_tokens), lambda j: ctx.t(
        "board.masked_whatif" if j in out else "board.masked", name=ctx.qs(j)) if masked[j]
        else ctx.t("board.exp", name=ctx.qs(j), scaled=S.scaled[j], e=S.exp[j]))
    fr.bars = Bars(ctx.t("bars.exp"), ctx.names, [float(x) for x in S.exp], "weight", masked=masked)
    fr.narration = ctx.t(ctx.beat.key if any(masked) else "softmax.exp_all")  # −∞ only where the rule masks


def total(ctx, fr: Frame):
    class_with_cards(ctx, fr, masked_after_focus=True)
    S = shown_row(ctx)
    terms = [S.exp[j] for j in heard(ctx)]
    more = f" + … (+{len(terms) - SUM_TERMS})" if len(terms) > SUM_TERMS else ""
    terms = terms[:SUM_TERMS]
    lines = [" + ".join(terms[i:i + 4]) for i in range(0, len(terms), 4)]
    fr.board = ([ctx.t("board.sum_exp", terms=lines[0] + (more if len(lines) == 1 else ""), total="").rstrip(" =")]
                + [f"    + {line}" for line in lines[1:-1]] + ([f"    + {lines[-1]}{more}"] if len(lines) > 1 else [])
                + [ctx.t("board.equals", value=S.total)])
    fr.bars = Bars(ctx.t("bars.exp"), ctx.names, [float(x) for x in S.exp], "weight",
                   masked=[bool(m) for m in ctx.H.mask[ctx.f]], total=ctx.t("bars.sum", total=S.total))
    fr.narration = ctx.t(ctx.beat.key, total=S.total)


def weights(ctx, fr: Frame):
    class_with_cards(ctx, fr, masked_after_focus=True)
    f, S, seen = ctx.f, shown_row(ctx), heard(ctx)
    w = [float(x) for x in ctx.H.weights[f]]  # bars, links and badges: the model's own shares
    best = max(seen, key=lambda j: w[j])
    # the note first: after a long list it was the first line the board left off ("… (+49)" for 48 students)
    lines, fr.board_more = board_list(seen, lambda j: ctx.t("board.weight", name=ctx.qs(j), e=S.exp[j],
                                                            total=S.total, w=S.weights[j]))
    fr.board = [ctx.t("board.hand")] + lines
    fr.bars = Bars(ctx.t("bars.weights"), ctx.names, w, "weight", masked=[bool(m) for m in ctx.H.mask[f]],
                   total=ctx.t("bars.sum", total=fmt(ctx.H.weights[f].sum(), 3)),
                   from_values=[float(x) for x in S.exp], morph=ctx.alpha)
    fr.links = [Link(f, j, w[j], "weight", fmt(w[j]), value=float(w[j])) for j in seen]
    for j in seen:
        fr.students[j].badge = fmt(w[j])
    fr.heatmap = heatmap(ctx, rows=[f])  # the asker's row of the attention map, now that it has its shares
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.qs(f), name=ctx.qs(best), w=fmt(w[best]))


STEPS = [Step("exp", 2.5, exp), Step("sum", 2.5, total), Step("weights", 3.0, weights)]
