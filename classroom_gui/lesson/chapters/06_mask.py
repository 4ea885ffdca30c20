"""Chapter: GPT's rule (in turn) beside discussion, on the same sentence and weights: later students'
scores become −∞ and the asker's shares move."""
from __future__ import annotations

import numpy as np

from .. import rules
from ..beat import Step
from ..frame import Bars, Frame
from ..cache import kept_for
from ..long_lists import listed
from ..numbers import exact_sum, fmt, hand_divide, places_of, winning
from ..share_places import row_places, same_for
from ..softmax_row import mask_shares, shown_of_head, shown_row_of
from .desks import MASKED_OPACITY, class_with_cards, edited_out, runs

RULE_IN_TITLE = False  # it shows both rules
SAME = 5e-5  # shares closer than this print the same at the board's 4 decimals


def future(ctx, fr: Frame):
    """The asker's shares without the mask (left) and with it (right); later students fade."""
    class_with_cards(ctx, fr)
    f, n, layer, head = ctx.f, ctx.trace.n_tokens, ctx.sel.layer, ctx.sel.head
    free = ctx.layer_under(rules.DISCUSSION, layer).head(head)
    turn = ctx.layer_under(rules.IN_TURN, layer).head(head)
    unheard = turn.mask[f]  # in turn: the later students, and any a what-if mask edit silenced
    # the rule's reason (and its count) from the seats: a what-if cell before the asker is not "after" it
    later = unheard & (np.arange(n) > f)
    out = edited_out(ctx, f) - set(np.flatnonzero(later).tolist())
    for s in fr.students:
        if unheard[s.index]:
            s.state = "masked"
            s.opacity = 1 - (1 - MASKED_OPACITY) * ctx.alpha
    w0, w1 = free.weights[f], turn.weights[f]
    b0, b1 = int(np.argmax(w0)), int(np.argmax(w1))
    names = ctx.names
    k = int(later.sum())
    # both rules' answers in one clause where they are the same student and share (teacher15 L3)
    same = not k and b0 == b1 and fmt(w0[b0]) == fmt(w1[b1])
    key = ("mask.none_same" if same else "mask.none") if not k else "mask.future_one" if k == 1 else ctx.beat.key
    seats = range(len(w0))  # (in turn the later seats' shares are 0: never the winner's rival)
    fr.narration = ctx.t(key, focus=ctx.qs(f), name=ctx.heard(f, b0, winning(w0, b0, seats)),
                         other=ctx.heard(f, b1, winning(w1, b1, seats)), k=k)
    if layer and moved_beyond_mask(w0, w1, unheard):  # the earlier layers ran in turn too: say so (student39 #1)
        fr.narration += ctx.t(("mask.none_earlier" if not k else "mask.future_earlier") + ("_one" * (layer == 1)),
                              prev=layer, layer=layer + 1)

    # each share the model's, at one number of decimals for the board that agrees with both rules' softmax boards
    # (mask_shares: 3, more where a board has 4-5 or sharing out again needs them), worked once per asker; a run's
    # sum is the model's at the same decimals
    def board_row(rule, H):  # kept beside its rule's trace where there is one (shown_row_of: the lesson's rule's
        # is worked for the opening asker before the first frame, panels.warm)
        made = rules.has(ctx.base or ctx.trace, rule)
        return (shown_row_of(ctx.under(rule), layer, head, f, H, places) if made else
                shown_of_head(H, f, places)).weights
    places = row_places(ctx.base or ctx.trace, layer, head, f)  # (the softmax boards' decimals: share_places)

    def shown() -> tuple[list[str], list[str]]:
        boards = board_row(rules.DISCUSSION, free), board_row(rules.IN_TURN, turn)
        if not same_for(ctx.base or ctx.trace):  # a big class: each side its softmax board's digits (review33 #1)
            return list(boards[0]), list(boards[1])
        return mask_shares(w0, w1, unheard, *boards)
    free_shown, turn_shown = kept_for(ctx.trace, "mask_shares", (layer, head, f), shown)

    def line(j) -> str:
        if isinstance(j, tuple):  # a long run after the asker: one line, the sum of its shares as the softmax board
            total = exact_sum(free_shown[j[0]:j[1] + 1])  # writes them: it redoes (review33 #9: 0.3380 beside 0.3382)
            return ctx.t("board.mask_run", first=j[0] + 1, last=j[1] + 1, n=j[1] - j[0] + 1, free=total)
        return ctx.t("board.mask_whatif" if j in out else "board.mask_masked" if later[j] else "board.mask_pair",
                     name=ctx.qs(j), free=free_shown[j], turn=turn_shown[j])
    # what ⇒ means first: the rule changes, not rounding (teacher15 L3); a long list keeps the asker and both rules'
    # top shares, the students the narration names (review29 1a: "he" in seat 49 was past the board's "… (+26)"),
    # a top share after the asker its own line, not inside a run of seats not yet heard
    named = {f, b0, b1}
    redo = worked_redo(ctx, free_shown, w1, ~unheard, b1)  # where it is so (review33 #9: "The" 0.0732 ⇒ 0.6366
    # redoes to 0.6365: the board says to what it redoes, and works one line to 2 decimals: teacher36 #5)
    fr.board, fr.board_more, fr.board_short = listed(
        ctx.t, runs([bool(later[j]) and j not in out and j not in named for j in range(n)]), line, named,
        [ctx.t("board.mask_heading"), *redo])
    top = float(max(w0.max(), w1.max()))  # one scale for both charts, so bars of equal height are equal shares
    # no "sum = 1.000" under the charts: what the shares add up to is softmax's (the next chapter's) to say, and its
    # quiz question is asked there (quiz22); every share is on the board and on the bars
    fr.bars = Bars(ctx.t("bars.rule_none"), names, [float(v) for v in w0], "weight", highlight=b0, top=top)
    fr.bars_beside = Bars(ctx.t("bars.rule_causal"), names, [float(v) for v in w1], "weight", highlight=b1,
                          masked=[bool(m) for m in unheard], top=top,
                          from_values=[float(v) for v in w0], morph=ctx.alpha)  # the shares move to their new sizes


def moved_beyond_mask(free, turn, unheard) -> bool:
    """Whether the in-turn shares differ from what the mask alone makes of the discussion ones (the heard shares ÷
    their sum): where nobody is hidden, by more than the board's 4 decimals show; where someone is, at the 2 decimals
    of the narration and the badges (the board's redo note holds there). Only at a layer after the first, where the
    notebooks reaching it were already written by different rules (student39 #1: "it" 0.71 → 0.11 at layer 3 while
    the hidden students held only 0.003)."""
    heard = ~np.asarray(unheard, bool)
    if heard.all():
        return float(np.abs(free - turn).max()) >= SAME
    total = float(free[heard].sum())
    if total <= 0:
        return False
    shared_out = free[heard] / total
    return any(fmt(a, 2) != fmt(b, 2) for a, b in zip(shared_out.tolist(), turn[heard].tolist()))


def worked_redo(ctx, free_shown: list[str], turn, heard, best: int) -> list[str]:
    """The mask board's note that the heard shares ÷ their sum give the in-turn shares to 2 decimals, and that sum
    worked for the in-turn top share from the digits shown, its result at 2 decimals (teacher36 #5: "The" 0.111 ⇒
    0.637 redone by hand gave 0.638; now also "e.g. "The": 0.111 ÷ 0.174 = 0.64"); none where it is not so."""
    if not shares_out(free_shown, turn, heard) or not heard[best]:
        return []
    total = exact_sum([free_shown[j] for j in np.flatnonzero(heard).tolist()])
    return [ctx.t("board.mask_redo"), ctx.t("board.mask_redo_worked", name=ctx.qs(best), share=free_shown[best],
                                            total=total, result=hand_divide(free_shown[best], total, 2))]


def shares_out(free_shown: list[str], turn, heard) -> bool:
    """Whether the heard discussion shares as written, shared out again (each ÷ their written sum, by hand), round
    to the in-turn shares at 2 decimals (the badges'), where the board's shares have more decimals than 2 and a
    classmate other than the asker is heard: what the mask board's note then says."""
    seats = np.flatnonzero(heard).tolist()
    total = exact_sum([free_shown[j] for j in seats]) if len(seats) > 1 else ""
    return bool(total) and places_of(free_shown[seats[0]]) > 2 and all(
        hand_divide(free_shown[j], total, 2) == fmt(float(turn[j]), 2) for j in seats)


STEPS = [Step("future", 2.5, future)]
