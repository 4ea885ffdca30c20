"""Chapter: the asker raises their question card towards every classmate."""
from __future__ import annotations

from ..beat import Step
from ..frame import Frame, Link
from ..numbers import fmt_many
from .desks import class_with_cards


def raise_card(ctx, fr: Frame):
    class_with_cards(ctx, fr)
    # arrows from the asker to each classmate: in a still (an export, a slide) thin lines between name tags read as
    # stray strokes or borders (teacher33 #4); the board says what they are
    fr.links = [Link(ctx.f, j, 0.15, "key", progress=ctx.alpha, arrow=True)
                for j in range(ctx.trace.n_tokens) if j != ctx.f]
    fr.narration = ctx.t(ctx.beat.key, focus=ctx.q(ctx.f))
    fr.board = [ctx.t("board.card_of", card=ctx.t("card.query"), name=ctx.q(ctx.f))]
    fr.write_vector(fmt_many(ctx.H.q[ctx.f]))
    if len(fr.links):
        fr.board.append(ctx.t("board.arrows_look", focus=ctx.q(ctx.f)))


STEPS = [Step("raise", 3.0, raise_card)]
