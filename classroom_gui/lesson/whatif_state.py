"""What-if state without Qt: the model's own trace of a sentence, the teacher's edits in the order made, and the
trace a real forward computes with them (what the edits say on a frame is whatif_words').

The window (Reset, Ctrl+Z, double-click), the CLI (--set) and the tests all go through WhatIf, so the
class on screen and the class in an export are the same forward of the same edits.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..messages.fit import shortened
from ..messages.phrase import Phrase
from ..model import whatif
from ..model.functions import MASK_RULES, attention_mask
from ..model.sentence import rerun
from ..model.trace import Trace
from .cache import cache_of
from .overview import AsMade
from .strings import quote, text
from .whatif_words import Place, describe, rule_has


def edited(trace: Trace, edits) -> Trace:
    """The same sentence, weights and rule as `trace`, through a forward that applies `edits` where each number
    is made (model.whatif); `trace` itself when there are none. EditError when an edit does not fit. A lean
    class lets go of its shares as they are made (overview.AsMade), but those of the head `trace`'s layers keep."""
    edits = tuple(edits)
    if edits == tuple(trace.edits):
        return trace
    made = AsMade(trace.held_head)
    out = made.kept_with(rerun(trace, edits=edits, observe=made))
    if not trace.edits:  # the model's own class, kept beside the edited one: a frame says whether edits change it
        cache_of(out)[OWN] = trace
    return out


OWN = "whatif_own"  # the lesson's cache of an edited trace (lesson.cache): the model's own trace it was made from


def own_of(trace: Trace) -> Trace | None:
    """The model's own trace an edited `trace` was made from (edited), or None when it is not known."""
    return cache_of(trace).get(OWN)


def place(e: whatif.Edit) -> tuple:
    """Where an edit acts: a later edit of the same place replaces the earlier one."""
    return e.kind, e.layer, e.head, e.seat, e.index


@dataclass(frozen=True)
class Change:
    """One step Undo takes back and Redo makes again: the edits before and after it, the edit made (None for a
    reset, which took every edit away at once), and where the lesson was when it was made (whoever made it says
    what: the window's app.history.View), for Undo and Redo to come back to."""
    before: tuple
    after: tuple
    edit: whatif.Edit | None
    where: object = None


class WhatIf:
    """The edits of one class. `trace` is the model's own numbers with `edits` applied; `history` is what
    Undo (Ctrl+Z) walks back, one Change per edit or reset, and `redone` what Redo (Ctrl+Shift+Z, Ctrl+Y) makes
    again, the newest last; a new edit or reset clears `redone`. reset() returns to the model's own class."""

    def __init__(self, own: Trace, edits=(), rules=MASK_RULES, checked: bool = False):
        self.own, self.rules = own, tuple(rules)  # the rules the class is drawn under (check_masks)
        self.history: list[Change] = []
        self.redone: list[Change] = []
        self.edits: tuple[whatif.Edit, ...] = ()
        self.trace = own
        self.was_reset = False  # the last change was reset() taking edits away (Ctrl+Z brings them back)
        if edits:  # edits from outside; `checked`: restored() read them again as set() reads each (_checked)
            if not checked:
                whatif.check_masks(tuple(edits), list(own.tokens), self.rules)  # the other rule too (rules.under)
            self._apply(tuple(edits))

    @property
    def active(self) -> bool:
        return bool(self.edits)

    def _apply(self, edits: tuple) -> Trace:
        """`edits` made the class's: each was checked before (set()'s _checked checks a mask edit's students in every
        rule, __init__ the edits it is given; undo and redo go back to edits checked so)."""
        self.trace = edited(self.own, edits)  # raises EditError before any state changes
        self.edits, self.was_reset = edits, False
        return self.trace

    def set(self, edit: whatif.Edit, where=None, rule: str | None = None) -> Trace:
        """Add one edit (replacing an earlier one at the same place) and recompute everything after it. An edit
        that changes nothing is refused (EditError, _checked), since the lesson would say the class was no longer
        the model's own; one that sets a place edited before back to what it would hold without that edit takes
        the edit back instead. The number drawn now is the one under the edits already made (an earlier edit
        upstream, a layer-1 card or this layer's q/k card, included), as the forward's float32 holds it; a mask
        cell's, as the `rule` on screen draws it (report 11 M1: in turn, "cat cannot hear mat" made in a class
        computed in discussion was taken as a what-if that changed nothing on screen)."""
        def number(edits):  # the place's number under `edits`: self.trace holds it under every edit made so far
            return own_value(self.trace if edits == self.edits else edited(self.own, edits), edit)
        edits = _checked(self.own, self.edits, edit, number, self.rules, rule)
        before = self.edits
        trace = self._apply(edits)
        self.history.append(Change(before, edits, edit, where))
        self.redone.clear()  # a new edit starts a new line of changes: what was undone cannot come back
        return trace

    def set_spec(self, spec: str) -> Trace:
        """One written edit ("score[1,1,cat,sat]=2.5"), read against this sentence and model."""
        c = self.own.config
        return self.set(whatif.parse_edit(spec, list(self.own.tokens), c.n_layer, c.n_head, c.d_head))

    def undo(self) -> Change | None:
        """Take back the last change (an edit, or a reset as one step) and return it; None when there is none."""
        if not self.history:
            return None
        change = self.history.pop()
        self._apply(change.before)
        self.redone.append(change)
        return change

    def redo(self) -> Change | None:
        """Make again the last change Undo took back and return it; None when there is none."""
        if not self.redone:
            return None
        change = self.redone.pop()
        if change.edit is None:
            self._clear()
        else:
            self._apply(change.after)
        self.history.append(change)
        return change

    def reset(self, where=None) -> None:
        """Back to the model's own class, as one step Undo takes back (nothing to record when there are no edits)."""
        if self.edits:
            self.history.append(Change(self.edits, (), None, where))
            self.redone.clear()
        self._clear()

    def _clear(self) -> None:
        self.was_reset = bool(self.edits)
        self.edits, self.trace = (), self.own


def change_text(lang: str, change: Change, tokens) -> str:
    """What a change was, for the Edit menu: 'question card edit of "cat"', 「「猫」の質問カードの変更」, 'reset (2 edits)',
    'taking back the question card edit of "cat"' (a second edit that set the place back took the first away)."""
    e = change.edit
    if e is None:
        n = len(change.before)
        return text(lang, "edit.what_reset_one" if n == 1 else "edit.what_reset", n=n)
    name = quote(lang, tokens[e.seat])
    classmate = quote(lang, tokens[e.index]) if e.kind in ("score", "mask") else ""
    what = text(lang, f"edit.what_{'card' if e.kind in ('q', 'k', 'v') else e.kind}",
                kind=text(lang, f"whatif.kind.{e.kind}"), name=name, asker=name, classmate=classmate)
    taken_back = place(e) not in {place(o) for o in change.after}  # it set the place back (_checked): Undo restores
    return text(lang, "edit.what_back", what=what) if taken_back else what  # the edit (teacher25 L4)


SENTENCE_SHOWN = 24  # columns of a sentence the Edit menu and the status line name, "…" included (messages.fit)


def sentence_text(lang: str, typed: str) -> str:
    """A sentence as the Edit menu names it: quoted, its start only when long ('"The cat sat on the mat"')."""
    typed = " ".join(typed.split())
    return quote(lang, shortened(typed, SENTENCE_SHOWN))


def undo_text(lang: str, state: WhatIf | None) -> str | None:
    """The Edit menu's Undo item ('Undo question card edit of "cat"', 「取り消す：…」), None when there is nothing
    to undo (the item is then disabled)."""
    if state is None or not state.history:
        return None
    return text(lang, "edit.undo", what=change_text(lang, state.history[-1], state.own.tokens))


def redo_text(lang: str, state: WhatIf | None) -> str | None:
    """The Edit menu's Redo item, None when nothing was undone since the last edit."""
    if state is None or not state.redone:
        return None
    return text(lang, "edit.redo", what=change_text(lang, state.redone[-1], state.own.tokens))


def status_line(lang: str, state: WhatIf, undo: str, redo: str, reset: str = "") -> str:
    """The window's status line after the edits changed: how many there are, or, when a reset (Ctrl+R, Edit →
    Reset what-if edits) took them away, that Undo brings them back, or, when Undo took back the last one, that the
    class is the model's own again and Redo makes it again (teacher29 L4: the line fell back to the model's
    description); "" for a class never edited. `undo`, `redo`: the Edit menu's keys as the language names them
    (app.edit_keys); `reset`, Reset what-if edits' key (teacher30 #13: F5 hides the menu the line named)."""
    if state.edits:
        n = len(state.edits)
        return text(lang, "whatif.status_one" if n == 1 else "whatif.status", n=n, undo=undo, redo=redo, reset=reset)
    if state.was_reset:
        return text(lang, "whatif.reset_status", undo=undo)
    return text(lang, "whatif.own_again", undo=undo, redo=redo) if state.redone else ""


def from_specs(own: Trace, specs, rules=MASK_RULES) -> Trace:
    """`own` with the written edits (CLI --set) applied, in order; EditError names the first bad one. `rules`:
    the rules the class will be drawn under (a mask edit must leave every student someone to hear in each)."""
    state = WhatIf(own, rules=rules)
    for spec in specs or ():
        state.set_spec(spec)
    return state.trace


def restored(own: Trace, specs, rules=MASK_RULES) -> tuple[WhatIf, list[whatif.EditError]]:
    """The class `own` with the written edits a last session left (view.settings), read again against this sentence
    and model as --set reads them, and the refusals of those it no longer takes (a seat the sentence lacks, a
    layer the model lacks, a student left hearing no one, a number far outside the class's or one the model
    already has: set()'s checks; a mask cell this rule has and the other not is kept: _kept_with), each dropped
    alone. The checks need no forward, so one forward computes the class (review15: one per edit, up to 256, when
    one failed). Undo takes them back one at a time, newest first, to classes checked as each was kept, each named
    as a fresh edit is (teacher25 L3: after a restart or a model switch only Reset could take them away, at once)."""
    c, tokens, read, dropped = own.config, list(own.tokens), [], []
    for spec in specs:
        try:
            read.append(whatif.parse_edit(spec, tokens, c.n_layer, c.n_head, c.d_head))
        except whatif.EditError as exc:
            dropped.append(exc)
    kept: list[whatif.Edit] = []
    steps = []  # Undo's, one an edit kept, as set() records it
    for e in read:
        try:
            now = _kept_with(own, kept, e, read, rules)
        except whatif.EditError as exc:
            dropped.append(exc)
            continue
        steps.append(Change(tuple(kept), tuple(now), e))
        kept = now
    try:
        state = WhatIf(own, kept, rules, checked=True)  # each checked as it was kept (_kept_with)
    except whatif.EditError as exc:  # not expected after the checks: the model's own class, every edit said left out
        return WhatIf(own, rules=rules), dropped + [exc] * len(kept)
    state.history = steps
    return state, dropped


def _kept_with(own: Trace, kept: list, e: whatif.Edit, read: list, rules) -> list:
    """`kept` with `e`, checked as set() checks it (_checked) without a forward: the number at `e`'s place is an
    earlier edit's of that place, else the model's own unless another edit read changes it before it is made."""
    def number(edits):
        made = earlier(edits, e)
        if made is not None:
            return made
        return None if any(upstream(o, e) for o in read if o is not e) else own_value(own, e)
    if e.kind == "mask" and own_value(own, e) == e.value and changes_under(e, len(own.tokens), rules):
        # a cell this rule already has, made under the other one: kept as the window kept it, for when the class
        # is drawn under that rule again (teacher22 M2: saved in turn, it was dropped for good)
        edits = tuple(k for k in kept if place(k) != place(e)) + (e,)
        whatif.check_masks(edits, list(own.tokens), rules)
        return list(edits)
    return list(_checked(own, tuple(kept), e, number, rules))


def changes_under(e: whatif.Edit, n: int, rules) -> bool:
    """Whether mask edit `e` changes its cell under one of `rules` (a class of `n` students)."""
    return any(not rule_has(e, n, rule) for rule in rules)


def mask_now(own: Trace, edits, e: whatif.Edit, rule: str | None = None) -> float:
    """The mask cell at `e`'s place as `rule` (else `own`'s) draws the class `own` with `edits`: an earlier edit's,
    else the rule's own (1: cannot hear)."""
    made = earlier(edits, e)
    return made if made is not None else float(attention_mask(len(own.tokens), rule or own.mask_rule)[e.seat, e.index])


def earlier(edits, e: whatif.Edit) -> float | None:
    """The value an earlier edit of `e`'s place among `edits` sets; None where none does."""
    return next((k.value for k in edits if place(k) == place(e)), None)


def _checked(own: Trace, edits: tuple, edit: whatif.Edit, number, rules, rule: str | None = None) -> tuple:
    """`edits` with `edit`, as set() and restored() take it: it replaces an earlier edit of its place. An edit that
    changes nothing is refused (EditError): a mask cell set to what it holds now under `rule` (the rule on screen,
    else `own`'s), a number far outside the class's (check_size), or a card's number or a score set to the number
    drawn now, `number(edits)` (the number at its place under those edits, None when that is not known without a
    forward). One that sets a place edited before back to what it holds without that edit, `number(others)` (a mask
    cell: back to what every rule has), takes the edit back instead."""
    others = tuple(e for e in edits if place(e) != place(edit))
    before = len(others) < len(edits)  # the place was edited before
    if edit.kind == "mask":
        if mask_now(own, edits, edit, rule) == edit.value:
            refuse_unchanged(edit, edit.value, own.tokens)
        if before and rule_has(edit, len(own.tokens), rule or own.mask_rule):  # back to what the rule on screen has:
            whatif.check_masks(others, list(own.tokens), rules)  # the earlier edit taken back (review26 #1)
            return others
        if changes_under(edit, len(own.tokens), rules):  # it counts under a rule the class is drawn in (fix39)
            others += (edit,)
        whatif.check_masks(others, list(own.tokens), rules)  # every student still hears someone, in each rule
        return others
    check_size(own, edit)
    shown = number(edits)
    if shown is not None and same_number(edit.value, shown):
        refuse_unchanged(edit, shown, own.tokens)
    without = number(others) if before else None
    if without is not None and same_number(edit.value, without):
        return others  # set back to what the place holds without the earlier edit: that edit taken back
    return others + (edit,)


def upstream(o: whatif.Edit, e: whatif.Edit) -> bool:
    """Whether edit `o` changes the number at `e`'s place before `e` sets it: any edit of an earlier layer, or a
    question or key card of the same layer and head under a score."""
    return o.layer < e.layer or (e.kind == "score" and o.kind in ("q", "k") and o.layer == e.layer
                                 and o.head == e.head)


def refuse_unchanged(e: whatif.Edit, shown: float, tokens) -> None:
    """EditError for an edit that changes nothing: a mask cell the rule already has, a number already `shown`."""
    if e.kind == "mask":
        raise whatif.EditError("edit.unchanged_deaf" if e.value else "edit.unchanged_hears", layer=e.layer + 1,
                               asker=tokens[e.seat], classmate=tokens[e.index], value=e.value)
    raise whatif.EditError("edit.same", spec=e.spec(PROMPT_DECIMALS), place=Place(e, tokens),
                           value=float(np.float32(shown)))


KIND_NAMES = {"q": Phrase("whatif.kind.q"), "k": Phrase("whatif.kind.k"), "v": Phrase("whatif.kind.v"),
              "score": Phrase("whatif.kind.score")}  # said in the reader's language
FAR = 10  # an edited card number or score may be at most this many times the largest of its kind in its layer


def check_size(own: Trace, e: whatif.Edit) -> None:
    """EditError for a card number or score far outside the class's own numbers of that kind in that layer (a card's:
    every head's; a score's: its head's), more than FAR times the largest, rounded up, and at least FAR: the cards and the map are coloured on the class's largest
    number, so one of 1e6 turned every other card white (teacher11 L6). The colours stay readable; the refusal
    says which values are taken."""
    most, limit = size_limit(own, e)
    if abs(e.value) > limit:
        raise whatif.EditError("edit.far", value=e.value, kind=KIND_NAMES[e.kind], layer=e.layer + 1,
                               most=most, limit=limit, spec=e.spec())


def size_limit(own: Trace, e: whatif.Edit) -> tuple[float, int]:
    """(the largest size of the class's own numbers of `e`'s kind in its layer, the largest size an edit there may
    set): check_size's bounds, which the window's what-if boxes say before they close (teacher34 #12)."""
    layer = own.layers[e.layer]
    values = layer.head(e.head).scores if e.kind == "score" else getattr(layer, e.kind)  # (one head's [T, T])
    finite = np.abs(values[np.isfinite(values)])
    most = float(finite.max()) if finite.size else 0.0
    return most, max(FAR, math.ceil(FAR * most))


def too_far(lang: str, own: Trace, e: whatif.Edit) -> str:
    """Why a card's number or a score typed in a what-if box cannot be used, in teacher words (which card, whose,
    the values taken: teacher34 #12, the CLI's refusal read 「値1e+06は…（q[1,2,5,1]=1000000.0）」), "" when it can;
    the same bounds as check_size."""
    if e.kind == "mask":
        return ""
    most, limit = size_limit(own, e)
    if abs(e.value) <= limit:
        return ""
    return text(lang, "whatif.far", place=describe(lang, e, own.tokens, with_value=False), limit=limit,
                layer=e.layer + 1, kind=text(lang, f"whatif.kind.{e.kind}"), most=f"{most:.2f}")


def same_number(a: float, b: float) -> bool:
    """Whether two values are one number to the forward, which holds cards and scores as float32."""
    return bool(np.float32(a) == np.float32(b))


def own_value(own: Trace, e: whatif.Edit) -> float:
    """The model's own number at an edit's place (the mask cell: 1 cannot hear, 0 can hear)."""
    layer = own.layers[e.layer]
    if e.kind == "mask":
        return float(layer.mask[e.seat, e.index])
    if e.kind == "score":
        return float(layer.head(e.head).scores[e.seat, e.index])  # one head's [T, T], not every head's
    return float(getattr(layer, e.kind)[e.head, e.seat, e.index])


PROMPT_DECIMALS = 4  # the decimals a what-if prompt (double-click or the W dialog) shows a number with


def as_typed(typed: float, shown: float, decimals: int = PROMPT_DECIMALS) -> float:
    """The value a prompt's OK means: the number it started from, unrounded, when what was typed is that number
    at the prompt's decimals (left untouched, so nothing changes), else what was typed."""
    return shown if abs(typed - shown) <= 0.5 * 10.0 ** -decimals else typed
