"""One number of decimals for the asker's shares on every board (teacher33 #6: the 16-word class's mask board wrote
"The" 0.07319, its softmax board 0.073, and a pupil comparing boards saw "different" numbers).

The mask board (chapter 6) writes the asker's shares under both rules side by side with the decimals at which sharing
out the heard discussion shares again (each ÷ their sum) gives the in-turn shares' badges (softmax_row.mask_shares);
the softmax boards (chapters 5, 7, 8: softmax_row.shown_row_of) write the same row's shares with those decimals too.
(Classes up to SAME_COST: students x notebook numbers.) Each board still redoes from its own digits: a softmax
board's exp() and sum are searched for those decimals as for its own (shown_softmax: each exp ÷ sum rounds by hand
to the model's share at them), and the mask board's shares, the model's at them, share out again as before.
"""
from __future__ import annotations

import numpy as np

from . import hand_shares, rules
from .cache import kept_for
from .softmax_row import MASK_PLACES, share_places

SAME_COST = 16 * 768  # students x notebook numbers up to this (GPT-2 small's 16 pieces, the teaching model's 512
# students): the other rule's layer (row_places) costs ~30 ms (GPT-2 at 16) or ~15 ms (teaching at 512) at load 7 on
# 2 cores; a bigger class's softmax boards keep their own decimals (GPT-2 at 64: ~120 ms, at 512-1,024: 0.4-0.8 s)
# row_places); a bigger class's softmax boards keep their own decimals (GPT-2 at 512-1,024: ~0.4-0.8 s a layer, load 7)


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


def row_places(trace, layer: int, head: int, f: int) -> int:
    """mask_places of student f's row of `layer` and `head` of the sentence of `trace` (a Ctx's base trace, or the
    trace frame_at is given), kept beside it: the decimals every board writes that asker's shares with. The other
    rule's layer is the mask chapter's (rules.layer_under: a forward through that layer only, kept). A class of more
    than SAME_COST (students x notebook numbers): the row's own decimals (share_places), as before, with no other
    rule's forward."""
    if trace.n_tokens * trace.config.n_embd > SAME_COST:
        return 0  # (shown_softmax's own: share_places)

    def made() -> int:
        free = rules.layer_under(trace, rules.DISCUSSION, layer, head).head(head)
        turn = rules.layer_under(trace, rules.IN_TURN, layer, head).head(head)
        return mask_places(free.weights[f], turn.weights[f], free.mask[f], turn.mask[f])
    return kept_for(trace, "row_places", (layer, head, f), made)
