"""The classroom's two rules for one sentence: "none" (discussion: every student hears every other, as in
the seed's story and in BERT) and "causal" (in turn: GPT's mask, a student hears only those who have spoken).

Both come from real forwards of the same weights. A Trace knows its ids, its weights and its rule, so the
other rule's Trace is one more forward of the same ids, computed when a frame first needs it (chapter 6
shows both; answer time always uses GPT's rule) and kept in the lesson's cache of the first trace (lesson.cache). Pure: no Qt.
"""
from __future__ import annotations

from dataclasses import replace

from ..model.functions import MASK_RULES
from ..model.sentence import rerun
from ..model.trace import LayerTrace, Trace
from .cache import cache_of, kept, kept_for
from .overview import AsMade

DISCUSSION, IN_TURN = "none", "causal"
RULES = (DISCUSSION, IN_TURN)   # the order the window's toggle and the CLI list them
LESSON_RULE = DISCUSSION        # the seed's story: cat asks in discussion
ANSWER_RULE = IN_TURN           # answer time predicts the next word, as GPT does: in turn

assert set(RULES) == set(MASK_RULES)


def check_rule(rule: str) -> str:
    """The rule, or ValueError naming the two there are."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}: use 'none' (discussion) or 'causal' (in turn)")
    return rule


def under(trace: Trace, rule: str, head: int | None = None) -> Trace:
    """The same sentence through the same weights under `rule`: `trace` itself when it already is, else the
    other rule's forward, computed once and kept in the lesson's cache of `trace` (lesson.cache), so the pair
    lives and dies together (no link back, so nothing keeps a big GPT-2 trace alive). A lean one keeps the shares
    of `head` (a frame's: the head it shows), by default of the head `trace`'s layers keep (Trace.held_head)."""
    check_rule(rule)
    if trace.mask_rule == rule:
        return trace
    def other() -> Trace:  # with the same what-if edits, so the two rules compare one class; a lean one lets go
        made = AsMade(_held(trace, head))  # of its shares as they are made, but the head shown's
        return made.kept_with(rerun(trace, mask=rule, observe=made))

    return kept(trace, f"rule.{rule}", other)


def has(trace: Trace, rule: str) -> bool:
    """Whether `under(trace, rule)` is ready without a forward (the window computes big ones on its worker)."""
    return trace.mask_rule == rule or f"rule.{rule}" in cache_of(trace)


def layer_under(trace: Trace, rule: str, layer: int, head: int | None = None) -> LayerTrace:
    """Layer `layer` of under(trace, rule) (chapter 6 shows one head's shares under both rules): from that
    trace when it is already there, else from a forward through layers 0..layer only, with the same weights,
    ids and what-if edits, so the numbers are under()'s bit for bit, and nothing of the other layers is
    kept: GPT-2 small at 512 students keeps this layer's ~9 MB, not a second trace's ~0.2 GB. The newest
    layer asked for is kept in the lesson's cache of `trace`; a lean one keeps the shares of `head` (as under)."""
    check_rule(rule)
    if has(trace, rule):
        return under(trace, rule, head).layers[layer]

    def one_layer() -> LayerTrace:  # under()'s rerun of a model cut after this layer (the forward stops there), with
        # this far's edits
        cut = replace(trace, config=replace(trace.config, n_layer=layer + 1),
                      edits=tuple(e for e in trace.edits if e.layer <= layer))

        def as_made(index: int, made: LayerTrace) -> None:  # a lean layer lets go of its shares at once (GPT-2 at
            made.let_go_of_weights(_held(trace, head))  # 512, layer 12: 0.15 GB) but the head shown's

        return rerun(cut, mask=rule, observe=as_made).layers[layer]

    return kept_for(trace, f"rule.{rule}.layer", layer, one_layer)


def show_head(trace: Trace, head: int) -> None:
    """The lesson shows `head` now (app.model's selection): `trace`, the other rule's class made from it and the one
    layer layer_under keeps for each rule all hold it once read (review20: the kept one layer of chapter 6 kept
    the head it was made with, and a frame of the shown head then never replaced it)."""
    for made in {id(t): t for t in (trace, *(under(trace, r) for r in RULES if has(trace, r)))}.values():
        made.show_head(head)
    for rule in RULES:
        held = cache_of(trace).get(f"rule.{rule}.layer")
        if held is not None:
            held[1].shown = head


def _held(trace: Trace, head: int | None) -> int | None:
    """The head whose shares a class made from `trace` keeps: `head` when given, else the one `trace` holds."""
    return trace.held_head if head is None else head
