"""What the what-if edits changed most, in the narration (no Qt): the asker's share that moved furthest from the
model's own class, before → now, read off two real forwards (the unedited trace and the edited one). teacher34 #3:
after an edit nothing on screen compared the new numbers with the model's own; a small one (「it」's question card
−2.96 → −3) left every badge at 0.71, so the class concluded that nothing happened.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.trace import Trace
from .numbers import fmt
from .strings import seat_quoted, text

SEEN = 0.005  # a share moved by this much shows at the 2 decimals of the badges and links


@dataclass(frozen=True)
class Moved:
    """The share the asker `seat` gives `classmate` in `layer`, `head`: the model's own and now."""
    layer: int
    head: int
    seat: int
    classmate: int
    before: float
    after: float


def biggest(own: Trace, now: Trace, seat: int, layer: int, head: int) -> Moved | None:
    """The asker's share that moved most between `own` and `now` (the same sentence, rule and weights): in the
    layer and head shown where one there moves by SEEN or more, else in any layer and head; None when none moves."""
    def moved(lay: int, h: int) -> Moved | None:
        before = own.layers[lay].weights_of(h)[seat].astype(np.float64)
        after = now.layers[lay].weights_of(h)[seat].astype(np.float64)
        change = np.abs(after - before)
        j = int(change.argmax())
        return Moved(lay, h, seat, j, float(before[j]), float(after[j])) if change[j] > 0 else None

    if own.n_tokens != now.n_tokens or not 0 <= seat < now.n_tokens:
        return None
    shown = moved(layer, head)
    if shown is not None and abs(shown.after - shown.before) >= SEEN:
        return shown
    found = [m for lay in range(now.config.n_layer) for h in range(now.config.n_head) if (m := moved(lay, h))]
    return max(found, key=lambda m: abs(m.after - m.before), default=None)


def said(lang: str, m: Moved, tokens, layer: int, head: int) -> str:
    """The change in a sentence: 「「座った」が「猫」に向ける割合が、いちばん変わりました（元の値0.50 → 今の値0.09）。」, with the
    layer and head where they are not the ones shown; one that the 2 decimals do not show is said so, at 4."""
    tokens = list(tokens)
    where = "" if (m.layer, m.head) == (layer, head) else text(lang, "whatif.change_where", layer=m.layer + 1,
                                                               head=m.head + 1)
    seen = fmt(m.before) != fmt(m.after)
    before, after = (fmt(m.before), fmt(m.after)) if seen else (f"{m.before:.4f}", f"{m.after:.4f}")
    if before == after:  # not even at 4 decimals
        return ""
    asker = seat_quoted(lang, tokens, m.seat)
    # teacher37 #9: the shares on screen stay as they were; say so before the layer where one moved
    here = text(lang, "whatif.change_not_here", layer=layer + 1, head=head + 1, asker=asker) if where and seen else ""
    return here + (" " if here and lang != "ja" else "") + text(
        lang, "whatif.change" if seen else "whatif.change_small", where=where, asker=asker,
        classmate=seat_quoted(lang, tokens, m.classmate), before=before, after=after)


def edit_said(lang: str, own: Trace, now: Trace, edits) -> str:
    """Before the lesson computes shares (teacher37 #2: 「…割合が、いちばん変わりました」 on the card step gave away the
    quiz's answer): only the newest edited card number or score, the model's own → now, read off the two traces;
    "" when the newest edit is a mask cell (its sentence already says it) or the number did not move."""
    from .whatif_state import own_value  # (whatif_state imports whatif_words, which this file's users import)
    if not edits or edits[-1].kind == "mask":
        return ""
    e = edits[-1]
    before, after = fmt(own_value(own, e)), fmt(own_value(now, e))
    if before == after:
        return ""
    return text(lang, "whatif.change_edit" if len(edits) == 1 else "whatif.change_edit_last", before=before,
                after=after)
