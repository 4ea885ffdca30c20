"""A Trace as plain JSON-able Python (dicts, lists, floats, None): what `classroom-gui trace --json`
writes and what export reuses. Pure: no Qt, no files.

Layout (T tokens, H heads, d = d_head, C = n_embd):
    tokens [T], token_ids [T], unknown [T], mask ("causal" or "none": the classroom's rule),
    edits [{kind, layer, head, seat, index, value, word[, classmate], layer_number, head_number, seat_number
    [, classmate_seat_number], set}] (what-if edits: layer, head, seat and index from 0 as arrays count; the
    *_number fields from 1 as the desks, --focus and --set count; set: the edit as --set takes it),
    config {GPTConfig fields}, notices [str]
    layers[l].heads[h]: q, k, v, context [T][d]; scores, scaled, weights [T][T]
    layers[l].output [T][C]        the residual stream after block l
    layers[l].divisor              what block l divides its scores by (√d, unless the config says otherwise)
    next_token [{token, id, probability}], for the last position, most probable first
    (`classroom-gui trace --json` adds tokens_shown [T] and each next token's shown: the names as drawn, where
    tokens and token keep them as the model does: typed, or a GPT-2 label with its marks, ␣cat)

`scores` is the raw q · kᵀ for every pair; `scaled` is scores ÷ the layer's divisor with the masked entries
(later students, under the causal rule) null, because the model never uses them; `weights` has those
entries exactly 0.
Floats are the exact float32 values written as float64 decimals, so reading them back as float32
gives the same bits. A non-finite value (only possible if the numbers overflow) becomes null, since
JSON has no NaN or Infinity.
"""
from __future__ import annotations

from dataclasses import asdict

import numpy as np

from .functions import softmax
from .trace import Trace

MIN_NEXT_TOKENS = 10


def floats(array: np.ndarray, hide: np.ndarray | None = None) -> list:
    """Nested lists of Python floats; entries where `hide` is True (and non-finite ones) become None."""
    array = np.asarray(array)
    bad = ~np.isfinite(array)
    if hide is not None:
        bad = bad | np.broadcast_to(hide, array.shape)
    if not bad.any():
        return array.tolist()  # the fast path: tolist() gives Python floats in C
    out = array.astype(object)
    out[bad] = None
    return out.tolist()


def next_tokens(trace: Trace, vocab: list[str] | None = None, n: int = MIN_NEXT_TOKENS,
                position: int = -1) -> list[dict]:
    """The n most probable next words after `position`, most probable first (ties by lower id)."""
    # the last position through next_logits, as the lesson's answer does: one row, not all [T, vocab]
    last = position in (-1, trace.n_tokens - 1)
    probs = softmax(trace.next_logits if last else trace.logits[position])
    order = np.argsort(-probs, kind="stable")[: max(0, n)]
    return [{"token": vocab[i] if vocab is not None else str(i), "id": int(i),
             "probability": float(probs[i]) if np.isfinite(probs[i]) else None} for i in order]


def trace_to_dict(trace: Trace, vocab: list[str] | None = None, notices: list[str] | tuple = (),
                  n_next: int = MIN_NEXT_TOKENS, answers: Trace | None = None) -> dict:
    """The JSON-able record of a Trace; `vocab` names the next-token ids (else they are shown as numbers).
    The next tokens are those of `answers` (the same class in turn, as answer time gives them; default: `trace`),
    whose rule "next_token_mask" records.

    next_token holds max(n_next, 10) entries (fewer only if the vocabulary is smaller).
    """
    layers = []
    for layer in trace.layers:
        heads = []
        for h in range(layer.q.shape[0]):
            head = layer.head(h, hold=False)  # every head read once: the held one stays held
            heads.append({"q": floats(head.q), "k": floats(head.k), "v": floats(head.v),
                          "scores": floats(head.scores), "scaled": floats(head.scaled, hide=head.mask),
                          "weights": floats(head.weights), "context": floats(head.context)})
        layers.append({"heads": heads, "output": floats(layer.output), "divisor": float(layer.score_divisor)})
    return {
        "tokens": list(trace.tokens),
        "token_ids": [int(i) for i in trace.token_ids],
        "unknown": [bool(u) for u in trace.unknown],
        "mask": trace.mask_rule,
        "edits": [e.as_dict(trace.tokens) for e in trace.edits],  # what-if edits; [] = the model's own numbers
        "config": asdict(trace.config),
        "notices": list(notices),
        "layers": layers,
        "next_token": next_tokens(trace if answers is None else answers, vocab, max(n_next, MIN_NEXT_TOKENS)),
        "next_token_mask": (trace if answers is None else answers).mask_rule,
    }
