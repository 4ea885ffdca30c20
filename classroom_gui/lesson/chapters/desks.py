"""What several chapters' builders share: the class at its desks with notebook and cards, who the asker
can hear, and the asker's softmax as the board works it. (Not a chapter: its name has no number.)"""
from __future__ import annotations

from .. import rules
from ..frame import Frame
from ..numbers import fmt
from ..share_places import row_places
from ..softmax_row import ShownSoftmax, share_places, shown_row_of
from ..whatif_state import own_of
from ..whatif_words import rule_has

MASKED_OPACITY = 0.45  # students who have not spoken yet stay faded from the mask chapter on
SUM_TERMS = 16  # a sum written out whole up to this many terms


def class_with_cards(ctx, fr: Frame, masked_after_focus: bool = False):
    """Every desk with its notebook and its three cards, the asker's question raised; with
    masked_after_focus, the classmates the asker cannot hear faded."""
    ctx.seat_all(fr, [("notebook", ctx.L.x, ctx.t("card.notebook"), 1.0)] + ctx.card_strips(), raised=ctx.f)
    if masked_after_focus:
        for s in fr.students:
            if ctx.H.mask[ctx.f, s.index]:
                s.state = "masked"
                s.opacity = MASKED_OPACITY


def edited_out(ctx, row: int) -> set[int]:
    """The classmates `row` cannot hear because of a what-if mask edit of the shown layer (not because they have
    not spoken yet): their boards say "what if: cannot hear", not the rule's reason. A cell the step's rule already
    masks says the rule's reason (report 11 M1: in turn, 「マット」：-∞（もしも：聞こえない） for a classmate not yet
    heard)."""
    return {e.index for e in ctx.trace.edits if e.kind == "mask" and e.value and e.layer == ctx.sel.layer
            and e.seat == row and ctx.H.mask[row, e.index] and not rule_has(e, ctx.trace.n_tokens, ctx.trace.mask_rule)}


def edited_scores(ctx, row: int) -> dict[int, tuple[float, float]]:
    """The scores of `row` a what-if set in the shown layer and head: classmate → (the model's own score there, q·k of
    its own cards (own_head); the score now). The boards that write a score mark them (teacher34 #3: the ÷√d
    and exp boards wrote 「猫」：0.00 ÷ 2.8284 like any line)."""
    made, own = {}, None
    for e in ctx.trace.edits:  # the last edit of a cell is the one that holds
        if e.kind == "score" and (e.layer, e.head, e.seat) == (ctx.sel.layer, ctx.sel.head, row):
            own = own or own_head(ctx)
            made[e.index] = (float(own.q[row] @ own.k[e.index]), float(ctx.H.scores[row, e.index]))
    return made


def own_head(ctx):
    """The shown head in the model's own class (whatif_state.own_of the trace frame_at was given) under the step's
    rule: its cards before any edit (review34 #4: with a q edit in the same head, the edited cards' q·k 1.42 was
    called the model's value, its own being 7.16); the shown head when that class is not known."""
    own = own_of(ctx.base) if ctx.base is not None else None
    if own is None:
        return ctx.H
    return rules.layer_under(own, ctx.trace.mask_rule, ctx.sel.layer, ctx.sel.head).head(ctx.sel.head)


def score_marked(ctx, line: str, j: int, edited: dict) -> str:
    """A board's line of classmate `j`, marked as a what-if's when edited_scores holds it."""
    return ctx.t("board.whatif_mark", line=line) if j in edited else line


def score_notes(ctx, edited: dict) -> list[str]:
    """A note per edited score (a board's first lines, as its other notes): whose, the number before → now."""
    return [ctx.t("board.whatif_was_score", name=ctx.qs(j), own=fmt(own), value=fmt(now))
            for j, (own, now) in sorted(edited.items())]


MASKED_RUN = 8  # more classmates not yet heard in a row than this take one board line (chapters 6 and 7): at 128
# students in turn, asker 2's board was 126 lines of "−∞ (not spoken yet)" in 7 px chalk on a 1024x768 projector


def runs(flags) -> list:
    """Board items in seat order: a seat, or (first, last) for a run of more than MASKED_RUN flagged seats."""
    items, j, n = [], 0, len(flags)
    while j < n:
        k = j
        while flags[j] and k + 1 < n and flags[k + 1]:
            k += 1
        items.extend([(j, k)] if k - j + 1 > MASKED_RUN else range(j, k + 1))
        j = k + 1
    return items


def heard(ctx) -> list[int]:  # the classmates the asker can hear (all but the masked ones)
    return [j for j in range(ctx.trace.n_tokens) if not ctx.H.mask[ctx.f, j]]


def shown_row(ctx) -> ShownSoftmax:
    """The asker's softmax as the board works it (softmax_row.shown_row_of: kept beside the trace for the asker last
    shown, made ahead by panels.warm for the asker a lesson opens with), its shares with the mask board's decimals
    (share_places.row_places: the same share reads the same on every board)."""
    return shown_row_of(ctx.trace, ctx.sel.layer, ctx.sel.head, ctx.f, ctx.H,
                        row_places(ctx.base or ctx.trace, ctx.sel.layer, ctx.sel.head, ctx.f))


def own_places(ctx) -> int:
    """The decimals the asker's row of shares needs by itself (softmax_row.share_places): a board with more writes
    them as the mask board does (softmax_row.hand_note says which)."""
    return share_places(ctx.H.weights[ctx.f], ~ctx.H.mask[ctx.f])


TOP_KEPT = 3  # a long list keeps the lines of the asker and of this many classmates it listens to most (long_lists)


def most_heard(ctx, values=None) -> list[int]:
    """The TOP_KEPT classmates the asker hears with the largest `values` (a row over the seats; its shares unless
    given), the largest first: the shares step's narration names the first; the long lists of the scores, the scores
    ÷ √d, their exp() and the shares keep their lines (teacher28 M1: seat 10's 12.48 beside seat 49's 12.89)."""
    row = ctx.H.weights[ctx.f] if values is None else values
    return sorted(heard(ctx), key=lambda j: -row[j])[:TOP_KEPT]
