"""Trace is the record of one forward pass: every intermediate value, so the classroom can show any.

Shapes: T tokens (students), C = n_embd (notebook width), H heads, d = d_head (card width),
F = FFN hidden width, V = vocabulary size. Per-head arrays keep the head axis first: [H, T, d].
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .config import GPTConfig


@dataclass
class HeadTrace:
    """One head of one layer: the three cards, the scores and the new understanding."""
    q: np.ndarray        # [T, d] question cards (Query)
    k: np.ndarray        # [T, d] self-introduction cards (Key)
    v: np.ndarray        # [T, d] opinion cards (Value)
    scores: np.ndarray   # [T, T] raw q · k
    scaled: np.ndarray   # [T, T] scores / sqrt(d), before the mask
    mask: np.ndarray     # [T, T] bool, True where the classmate comes later (score becomes -inf)
    weights: np.ndarray  # [T, T] softmax over each row; masked entries are exactly 0
    context: np.ndarray  # [T, d] weights @ v, the share-weighted mix of opinions


@dataclass
class LayerTrace:
    """One block: attention (all heads), W_O, residual add, LayerNorms and the FFN."""
    x: np.ndarray             # [T, C] notebooks coming into the block
    ln_1: np.ndarray          # [T, C] LayerNorm before attention
    q: np.ndarray             # [H, T, d]
    k: np.ndarray             # [H, T, d]
    v: np.ndarray             # [H, T, d]
    scores: np.ndarray        # [H, T, T]
    scaled: np.ndarray        # [H, T, T]
    mask: np.ndarray          # [T, T] bool
    weights: np.ndarray       # [H, T, T]
    context: np.ndarray       # [H, T, d]
    heads_concat: np.ndarray  # [T, C] the heads' contexts side by side
    attn_out: np.ndarray      # [T, C] after the W_O projection (c_proj)
    resid_attn: np.ndarray    # [T, C] x + attn_out
    ln_2: np.ndarray          # [T, C] LayerNorm before the FFN
    ffn_pre: np.ndarray       # [T, F] hidden units before the activation
    ffn_hidden: np.ndarray    # [T, F] after ReLU / GELU
    ffn_out: np.ndarray       # [T, C] back to notebook width
    output: np.ndarray        # [T, C] resid_attn + ffn_out, the notebook after this layer

    def head(self, h: int) -> HeadTrace:
        return HeadTrace(self.q[h], self.k[h], self.v[h], self.scores[h], self.scaled[h], self.mask,
                         self.weights[h], self.context[h])


@dataclass
class Trace:
    """Everything one sentence did on its way through the model."""
    config: GPTConfig
    token_ids: np.ndarray        # [T] int
    tokens: list[str]            # [T] the text of each student, as written
    unknown: list[bool]          # [T] True where the word was not in the vocabulary
    tok_embedding: np.ndarray    # [T, C] wte[token_ids]
    pos_embedding: np.ndarray    # [T, C] wpe[0..T)
    embedding: np.ndarray        # [T, C] their sum: the first notebook
    layers: list[LayerTrace]
    ln_f: np.ndarray             # [T, C] final LayerNorm
    logits: np.ndarray           # [T, V] ln_f @ wte.T
    probs: np.ndarray            # [T, V] softmax(logits)
    params: dict[str, np.ndarray] = field(repr=False, default_factory=dict)  # the weights, not copied
    vocab: list[str] = field(repr=False, default_factory=list)              # word of each vocabulary id
    cache: dict = field(repr=False, default_factory=dict, compare=False)    # values derived for display

    @property
    def n_tokens(self) -> int:
        return len(self.token_ids)
