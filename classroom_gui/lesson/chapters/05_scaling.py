"""Chapter: every score divided by √d (or as the model's config scales), so that the shares stay soft."""
from __future__ import annotations

from decimal import Decimal

from ..beat import Step
from ..frame import Bars, Frame
from ..cache import kept_for
from ..long_lists import listed
from ..numbers import BOARD_LINES, divided, hand_divide, places_of
from .desks import class_with_cards, edited_scores, most_heard, score_marked, score_notes


def divide(ctx, fr: Frame):
    class_with_cards(ctx, fr)
    H, f, c = ctx.H, ctx.f, ctx.trace.config
    d, layer = c.d_head, ctx.sel.layer + 1
    # sqrt(d), unless the model's config scales otherwise (GPTConfig.score_divisor), written as the board divides
    # by it: 4 decimals always (numbers.ROOT_PLACES, the worksheet's and the CLI's too), the scaled scores at the
    # fewest decimals (from 2) whose every line redoes, the scores with the fewest that do (numbers.divided); the
    # softmax board then takes exp() of the same scaled scores at the decimals its shares need (teacher18 M2: at
    # those, most lines here said ≈); a line that still does not redo says ≈ (board.scaled_near). The board's lines
    # only (it shows BOARD_LINES), worked once per asker: Decimal over 1,024 students a frame
    # (and the asker and the top share where they sit after those: a long list's short board keeps them, long_lists)
    # (and the largest bar, which the slide's notes point at: one the asker cannot hear yet, early in turn)
    n, named = ctx.trace.n_tokens, {f, *most_heard(ctx), int(H.scaled[f].argmax())}
    shown = list(range(min(n, BOARD_LINES))) + sorted(j for j in named if j >= BOARD_LINES)
    root, scores, results = kept_for(ctx.trace, "divided", (ctx.sel.layer, ctx.sel.head, f),
                                     lambda: divided(H.scores[f][shown], H.divisor, H.scaled[f][shown]))
    at = {j: i for i, j in enumerate(shown)}  # a seat's place among the numbers worked
    if c.scale_attn_by_inverse_layer_idx:
        key = "scaling.by_layer" if c.scale_attn_weights else "scaling.layer_only"
    else:
        key = ctx.beat.key if c.scale_attn_weights else "scaling.none"
    fr.narration = ctx.t(key, d=d, sqrt=root, layer=layer)
    def near(j) -> bool:
        return hand_divide(scores[at[j]], root, places_of(results[at[j]])) != results[at[j]]

    def line(j) -> str:  # a word that sits twice with its seat, as the other boards say it (teacher28 M2)
        key = "board.scaled_near" if near(j) else "board.scaled"
        return score_marked(ctx, ctx.t(key, name=ctx.qs(j), score=scores[at[j]], sqrt=root, scaled=results[at[j]]),
                            j, edited)
    # first, as the softmax board's note: a long list's end is cut off (and a what-if's score, before → now)
    edited = edited_scores(ctx, f)
    notes = score_notes(ctx, edited) + ([near_note(ctx, root, H.divisor)] if any(map(near, shown)) else [])
    fr.board, fr.board_more, fr.board_short = listed(ctx.t, range(n), line, named, notes)
    fr.bars = Bars(ctx.t("bars.scaled"), ctx.names, [float(v) for v in H.scaled[f]], "key",
                   from_values=[float(v) for v in H.scores[f]], morph=ctx.alpha)



def near_note(ctx, root: str, divisor: float) -> str:
    """Why a line says ≈ (≒ in Japanese): the divisor as written is rounded (√8 is not 2.8284), named as the
    narration names it; the digits note where the written divisor is the model's exactly (an integer)."""
    if Decimal(root) == Decimal(divisor):
        return ctx.t("board.near_digits")
    c, d = ctx.trace.config, ctx.trace.config.d_head
    # (a divisor without √d, 1 or the layer's number, is whole: said by the digits note above)
    named = f"√{d} × {ctx.sel.layer + 1}" if c.scale_attn_by_inverse_layer_idx else f"√{d}"
    return ctx.t("board.near_root", root=named, sqrt=root)


STEPS = [Step("divide", 2.5, divide)]
