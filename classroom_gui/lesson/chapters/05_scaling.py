"""Chapter: every score divided by √d (or as the model's config scales), so that the shares stay soft."""
from __future__ import annotations

from ..beat import Step
from ..frame import Bars, Frame
from ..cache import kept_for
from ..numbers import BOARD_LINES, board_list, fmt, scaled_equations
from .desks import class_with_cards


def divide(ctx, fr: Frame):
    class_with_cards(ctx, fr)
    H, f, c = ctx.H, ctx.f, ctx.trace.config
    d, layer = c.d_head, ctx.sel.layer + 1
    # sqrt(d), unless the model's config scales otherwise (GPTConfig.score_divisor); 3 decimals in the
    # narration, and on the board as many digits as dividing the shown score by it needs to redo the model's
    # scaled score (numbers.scaled_equations)
    root = fmt(H.divisor, 3)
    # the board's lines only (it shows BOARD_LINES), worked once per asker: Decimal over 1,024 students a frame
    shown = slice(0, BOARD_LINES)
    board_root, scores = kept_for(ctx.trace, "scaled_equations", (ctx.sel.layer, ctx.sel.head, f), lambda: (
        scaled_equations(H.scores[f][shown], H.divisor, H.scaled[f][shown])))
    if c.scale_attn_by_inverse_layer_idx:
        key = "scaling.by_layer" if c.scale_attn_weights else "scaling.layer_only"
    else:
        key = ctx.beat.key if c.scale_attn_weights else "scaling.none"
    fr.narration = ctx.t(key, d=d, sqrt=root, layer=layer)
    fr.board, fr.board_more = board_list(range(ctx.trace.n_tokens), lambda j: ctx.t(
        "board.scaled", name=ctx.q(j), score=scores[j], sqrt=board_root, scaled=fmt(H.scaled[f, j])))
    fr.bars = Bars(ctx.t("bars.scaled"), ctx.names, [float(v) for v in H.scaled[f]], "key",
                   from_values=[float(v) for v in H.scores[f]], morph=ctx.alpha)


STEPS = [Step("divide", 2.5, divide)]
