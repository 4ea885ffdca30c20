"""One number of decimals for the asker's shares on every board (teacher33 #6: the 16-word class's mask board wrote
"The" 0.07319, its softmax board 0.073, and a pupil comparing boards saw "different" numbers).

The mask board (chapter 6) writes the asker's shares under both rules side by side with the decimals at which sharing
out the heard discussion shares again (each ÷ their sum) gives the in-turn shares' badges (softmax_row.mask_shares);
the softmax boards (chapters 5, 7, 8: softmax_row.shown_row_of) write the same row's shares with those decimals too.
(Classes up to SAME_UP_TO students x notebook numbers; a bigger class's boards, the mask board too, each write their
own rule's decimals: still one form of a share on every board, with no other rule's forward.) Each board still redoes from its own digits: a softmax
board's exp() and sum are searched for those decimals as for its own (shown_softmax: each exp ÷ sum rounds by hand
to the model's share at them), and the mask board's shares, the model's at them, share out again as before.
"""
from __future__ import annotations

import numpy as np

from . import hand_shares, rules
from .cache import kept_for
from .softmax_row import MASK_PLACES, share_places

SAME_UP_TO = 64 * 768  # students x notebook numbers: GPT-2 small's 64 pieces (the teaching model's 64 students:
# 64 x 24). Up to this, both rules' traces are made once for the class after it is shown (both_rules: on the window's
# worker for GPT-2, one more forward: 0.14-0.3 s at 16 pieces, 2.3-2.9 s at 64, load 5-6 on 2 cores; before the first
# frame it would have doubled the wait), so a change of layer, head or asker reads them and costs no forward
# (review33 #2: a forward through the new layer, 166-363 ms on the UI thread at GPT-2's 16 pieces). A bigger class's
# boards each write their own rule's decimals (share_places), the mask board too (chapter 6): no other
# rule's forward for a softmax board (GPT-2 at 512-1,024: ~0.4-0.8 s a layer), and still one form on every board.


def same_for(trace) -> bool:
    """Whether the class's boards write the asker's shares at mask_places, worked from both rules' rows (a class up
    to SAME_UP_TO); else every board writes its own rule's (share_places)."""
    return trace.n_tokens * trace.config.n_embd <= SAME_UP_TO


def both_rules(base, head: int | None = None) -> None:
    """Both rules' traces of the class `base` (the trace the lesson's frames are given: a Ctx's base), made now
    where row_places reads them (same_for), so the window's worker pays their forward once the class is shown
    (view.window_lesson.rules_ahead), not a frame of another layer."""
    if same_for(base):
        for rule in rules.RULES:
            rules.under(base, rule, head)


def mask_places(free, turn, free_mask, turn_mask) -> int:
    """The decimals of one asker's shares under discussion (`free`) and in turn (`turn`), [T] each with their masks:
    the fewest, from each rule's own (share_places) up to MASK_PLACES, at which the heard discussion shares shared out
    again round by hand to the in-turn shares at 2 decimals; the least of those tried where none does."""
    free, turn = np.asarray(free, np.float64), np.asarray(turn, np.float64)
    heard = ~np.asarray(turn_mask, bool)
    start = max(share_places(free, ~np.asarray(free_mask, bool)), share_places(turn, heard))
    if not heard.any() or not np.all(np.isfinite(free)) or not np.all(np.isfinite(turn)):
        return start
    two = hand_shares.decimal_units(turn[heard], 2)
    for places in range(start, max(start, MASK_PLACES) + 1):
        E = hand_shares.decimal_units(free[heard], places)
        if E is None or two is None or np.any(E < 0):
            return start
        T = int(E.sum())
        if T and hand_shares.fits(T, 2) and np.array_equal(hand_shares.rounded(E, T, 2), two):
            return places
    return start


def row_places(base, layer: int, head: int, f: int) -> int:
    """mask_places of student f's row of `layer` and `head` of the class `base` (a Ctx's base trace, or the trace
    frame_at is given: never a trace made from it, which does not know its base's rule; review33 #7), kept beside it:
    the decimals every board writes that asker's shares with. Both rules' rows come from both rules' whole traces
    where they are made (both_rules: on the window's worker once the class is shown), so another layer costs no
    forward; else from a forward through that layer only (rules.layer_under, the same numbers: the first frame, a CLI
    export). A class of more than SAME_UP_TO: 0, each board's own decimals (share_places), with no forward."""
    if not same_for(base):
        return 0  # (shown_softmax's own: share_places; the mask board writes the same: chapter 6's future)

    def made() -> int:
        free = rules.layer_under(base, rules.DISCUSSION, layer, head).head(head)  # (read from under() when made)
        turn = rules.layer_under(base, rules.IN_TURN, layer, head).head(head)
        return mask_places(free.weights[f], turn.weights[f], free.mask[f], turn.mask[f])
    return kept_for(base, "row_places", (layer, head, f), made)
