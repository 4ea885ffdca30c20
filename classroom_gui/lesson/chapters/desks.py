"""What several chapters' builders share: the class at its desks with notebook and cards, who the asker
can hear, and the asker's softmax as the board works it. (Not a chapter: its name has no number.)"""
from __future__ import annotations

from ..frame import Frame
from ..numbers import ShownSoftmax, shown_softmax

MASKED_OPACITY = 0.45  # students who have not spoken yet stay faded from the mask chapter on
SUM_TERMS = 16  # a sum written out whole up to this many terms


def class_with_cards(ctx, fr: Frame, masked_after_focus: bool = False):
    """Every desk with its notebook and its three cards, the asker's question raised; with
    masked_after_focus, the classmates the asker cannot hear faded."""
    for s in ctx.desks(fr):
        s.notebook = ctx.seat_strip("notebook", ctx.L.x, s.index)
        s.cards = ctx.cards(s.index, raised=s.index == ctx.f)
    if masked_after_focus:
        for s in fr.students:
            if ctx.H.mask[ctx.f, s.index]:
                s.state = "masked"
                s.opacity = MASKED_OPACITY


def heard(ctx) -> list[int]:  # the classmates the asker can hear (all but the masked ones)
    return [j for j in range(ctx.trace.n_tokens) if not ctx.H.mask[ctx.f, j]]


def shown_row(ctx) -> ShownSoftmax:
    """The asker's softmax as the board works it (numbers.shown_softmax), once per frame."""
    return shown_softmax(ctx.H.scaled[ctx.f], ctx.H.mask[ctx.f], ctx.H.weights[ctx.f])
