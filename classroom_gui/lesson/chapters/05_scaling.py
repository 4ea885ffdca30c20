"""Chapter: every score divided by √d (or as the model's config scales), so that the shares stay soft."""
from __future__ import annotations

from ..beat import Step
from ..frame import Bars, Frame
from ..cache import kept_for
from ..numbers import BOARD_LINES, board_list, fmt, hand_divide, places_of, scaled_equations
from .desks import class_with_cards, shown_row


def divide(ctx, fr: Frame):
    class_with_cards(ctx, fr)
    H, f, c = ctx.H, ctx.f, ctx.trace.config
    d, layer = c.d_head, ctx.sel.layer + 1
    # sqrt(d), unless the model's config scales otherwise (GPTConfig.score_divisor), written as the board divides
    # by it: 4 decimals always (numbers.ROOT_PLACES, the worksheet's and the CLI's too), the scores with the fewest
    # decimals that redo every line (numbers.scaled_equations). Each result is the scaled score the softmax board
    # then takes exp() of (shown_row: 2 decimals, more where the shares need them, chosen so that this board redoes
    # them), so a student who copies "= 0.817" here meets exp(0.817) there, not exp(0.82) = 2.718 beside the
    # board's 2.264 (teacher5 M1); a line that still does not redo says ≈ (board.scaled_near)
    # the board's lines only (it shows BOARD_LINES), worked once per asker: Decimal over 1,024 students a frame
    shown = slice(0, BOARD_LINES)

    def worked():
        written = shown_row(ctx).scaled[shown]
        places = max((places_of(t) for t in written if "." in t), default=2)
        targets = [t or fmt(v, places) for t, v in zip(written, H.scaled[f][shown])]  # a masked seat: same digits
        return (*scaled_equations(H.scores[f][shown], H.divisor, H.scaled[f][shown], targets), targets)
    root, scores, results = kept_for(ctx.trace, "scaled_equations", (ctx.sel.layer, ctx.sel.head, f), worked)
    if c.scale_attn_by_inverse_layer_idx:
        key = "scaling.by_layer" if c.scale_attn_weights else "scaling.layer_only"
    else:
        key = ctx.beat.key if c.scale_attn_weights else "scaling.none"
    fr.narration = ctx.t(key, d=d, sqrt=root, layer=layer)
    def line(j) -> str:
        redone = hand_divide(scores[j], root, places_of(results[j])) == results[j]
        key = "board.scaled" if redone else "board.scaled_near"
        return ctx.t(key, name=ctx.q(j), score=scores[j], sqrt=root, scaled=results[j])
    fr.board, fr.board_more = board_list(range(ctx.trace.n_tokens), line)
    fr.bars = Bars(ctx.t("bars.scaled"), ctx.names, [float(v) for v in H.scaled[f]], "key",
                   from_values=[float(v) for v in H.scores[f]], morph=ctx.alpha)


STEPS = [Step("divide", 2.5, divide)]
