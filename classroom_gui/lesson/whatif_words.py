"""What-if edits in words (no Qt): one edit (describe, Place), the edits a narration names (named), and mark(), which
marks the edited numbers on a frame and says in its narration what the edits do at that step.
"""
from __future__ import annotations

from ..model import whatif
from ..model.functions import attention_mask
from ..model.trace import Trace
from .frame import EDITED_NARRATION_LEAST
from .strings import seat_quoted, text


def describe(lang: str, e: whatif.Edit, tokens, with_value: bool = True) -> str:
    """One edit in words: 'score of "cat" → "sat" set to 2.5 (layer 1, head 1)'; without the value, the place."""
    # one sentence per kind of place (a card's number, an asker-classmate pair, a mask cell), so that each
    # language orders its words itself: 「「に」の自己紹介カードの2番目の数を9に」, not the place before the card
    kind = text(lang, f"whatif.kind.{e.kind}")
    name = seat_quoted(lang, list(tokens), e.seat)  # with its seat where its word sits twice (teacher26 L3)
    place = "card" if e.kind in ("q", "k", "v") else "mask" if e.kind == "mask" else "pair"
    if place == "mask" and with_value:  # a sentence of its own: '"cat" cannot hear "mat"', not 'set to cannot hear'
        place = "mask_deaf" if e.value else "mask_hears"
    value = "" if e.kind == "mask" else f"{e.value:g}"
    key = f"whatif.{'edit' if with_value else 'place'}_{place}"
    return text(lang, key, kind=kind, name=name, number=e.index + 1, asker=name,
                classmate=seat_quoted(lang, list(tokens), e.index) if place != "card" else "", value=value,
                layer=e.layer + 1, head=e.head + 1)


class Place:
    """An edit's place in words (describe without the value), said in the reader's language (messages.phrase)."""

    def __init__(self, edit: whatif.Edit, tokens):
        self.edit, self.tokens = edit, list(tokens)

    def said(self, lang: str) -> str:
        return describe(lang, self.edit, self.tokens, with_value=False)

    def __str__(self) -> str:
        return self.said("en")


NAMED = 2  # edits the narration names in full (the newest), so that it still fits beside the board


def named(lang: str, edits, tokens, every: bool = False) -> str:
    """The edits for the narration: the newest NAMED in words, the older ones counted ("…, and 1 more edit" /
    「…、ほか1件」), so no edit on screen goes unsaid; with `every`, all of them in words (a deck's or a video's
    first what-if step, which says the lead once: teacher25 M1, the edit its numbers rest on was only counted)."""
    shown = edits if every else edits[-NAMED:]
    words = text(lang, "whatif.join").join(describe(lang, e, tokens) for e in shown)
    more = len(edits) - len(shown)
    if more:  # after the named ones as the language puts it: '…; and 1 more edit', 「…（ほかにも1件）」
        words += text(lang, "whatif.more_one" if more == 1 else "whatif.more", n=more)
    return words


ROLES = {"query": "q", "key": "k", "value": "v"}


def mark(frame, trace: Trace, sel, same: bool = False, change: str = "") -> None:
    """Mark on `frame` the numbers the teacher edited (a distinct outline) and say in the narration that the
    class is no longer the model's own, or, when the step shows exactly what the model's own class shows there
    (`same`: lesson.state compares the two), that the edits change nothing at this step (teacher11 M1). Only
    edits of the layer and head whose cards are shown are marked. `change`: what the edits changed most, before →
    now (whatif_change.said), said in place of "every number after the edit is recomputed" (teacher34 #3)."""
    edits = tuple(trace.edits)
    if not edits:
        return
    frame.edits = [e.as_dict(list(trace.tokens)) for e in edits]
    counted, changed, unchanged = leads(sel.lang, edits, trace.tokens, trace.mask_rule, change=change)
    if counted:
        _marked(frame, counted, sel)
    lead = unchanged if same or not counted else changed
    frame.narration = f"{lead} {frame.narration}".strip() if sel.lang != "ja" else f"{lead}{frame.narration}"
    frame.narration_least = EDITED_NARRATION_LEAST  # the lead may take the narration below 28 px, not "…"


def leads(lang: str, edits, tokens, rule: str, every: bool = False, change: str = "") -> tuple[tuple, str, str]:
    """What mark() says before a step's narration under `rule`: (the edits that count there, the lead of a step they
    change, the lead of a step they leave as the model's own). A mask cell the rule already has (an edit made under
    the other rule, where it counts: fix39) changes nothing here: it is said so, not as a what-if (report 11 M1), and
    beside edits that do count it is counted apart. With none that counts, both leads open as a what-if's and the
    second says the class is the model's own under this rule. With `every`, every edit is named (named(every)), those
    the rule has by their place."""
    idle = [e for e in edits if rule_has(e, len(tokens), rule)]
    counted = tuple(e for e in edits if e not in idle)
    said = named(lang, counted or edits, tokens, every)
    n = len(counted or edits)
    if not counted:
        return (), text(lang, "whatif.narration", n=n, edits=said), text(lang, "whatif.narration_rule", n=n, edits=said)
    apart = text(lang, "whatif.rule_has_one" if len(idle) == 1 else "whatif.rule_has", n=len(idle)) if idle else ""
    if idle and every:  # review27 B4: the first what-if step names these too, by their place
        places = text(lang, "whatif.join").join(describe(lang, e, tokens, with_value=False) for e in idle)
        apart = text(lang, "whatif.rule_has_named", edits=places)
    first = "whatif.narration_change" if change else "whatif.narration"  # (`change`: mark's)
    return counted, *(text(lang, key, n=n, edits=said, change=change) + apart
                      for key in (first, "whatif.narration_same"))


def lead_before_change(lang: str, edits, tokens, rule: str, every: bool = False) -> str:
    """The lead of a step the edits change up to the sentence that names what they changed most (mark's `change`):
    a deck says it on its first slide only, and keeps that sentence on each (lesson.deck)."""
    mark_at = "\0"
    counted, full, _same = leads(lang, edits, tokens, rule, every, change=mark_at)
    return full.split(mark_at)[0].rstrip() if counted else ""


def _marked(frame, edits, sel) -> None:
    """`edits` outlined on the cards and on the rows of the map (of the layer and head shown) drawn so far, and the
    title marked as a what-if."""
    if frame.beat_key != "layers.layer":  # that step shows each layer's cards, not the selected ones
        for s in frame.students:
            for strip in s.cards:
                kind = ROLES.get(strip.role)
                strip.edited = sorted(e.index for e in edits if e.kind == kind and e.layer == sel.layer
                                      and e.head == sel.head and e.seat == s.index)
    if frame.heatmap is not None:  # only on the rows drawn so far (teacher25 L2: an outline on a blank row)
        drawn = set(frame.heatmap.rows)
        frame.heatmap.edited = sorted({(e.seat, e.index) for e in edits if e.layer == sel.layer and e.seat in drawn
                                       and (e.kind == "mask" or (e.kind == "score" and e.head == sel.head))})
    frame.title = text(sel.lang, "whatif.title", title=frame.title)


def rule_has(e: whatif.Edit, n: int, rule: str) -> bool:
    """Whether mask edit `e`'s cell is already so under `rule` (a class of `n` students): there it changes nothing."""
    return e.kind == "mask" and bool(attention_mask(n, rule)[e.seat, e.index]) == bool(e.value)
