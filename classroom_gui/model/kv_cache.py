"""One more word without redoing the sentence: each layer keeps every earlier student's self-introduction
(K) and opinion (V) cards — exactly the trace's k and v — so a new student only writes its own cards,
asks its question against the cached ones, and the answer for the next word comes out.

The cards live in buffers with room for the model's whole context, so a new student's cards are written
into the next row instead of copying everyone's cards into a longer array at every word.
"""
from __future__ import annotations

import numpy as np

from .config import GPTConfig
from .functions import layer_norm, no_mask
from .gpt import transformer_block
from .trace import Trace
from .unembedding import compare_with_every_word


class KVCache:
    """Per layer, K and V cards [H, n_positions, d]; rows 0..length-1 hold the students so far.
    Untouched rows cost no memory: np.empty's pages are only mapped when written."""

    def __init__(self, config: GPTConfig, dtype=np.float32):
        shape = (config.n_head, config.n_positions, config.d_head)
        self.k = [np.empty(shape, dtype) for _ in range(config.n_layer)]
        self.v = [np.empty(shape, dtype) for _ in range(config.n_layer)]
        self.length = 0

    def __len__(self) -> int:
        return self.length


def cache_from_trace(trace: Trace) -> KVCache:
    """A cache holding the cards of every student of the trace."""
    cache = KVCache(trace.config, trace.layers[0].k.dtype)
    T = trace.n_tokens
    for i, layer in enumerate(trace.layers):
        cache.k[i][:, :T] = layer.k
        cache.v[i][:, :T] = layer.v
    cache.length = T
    return cache


def step(token_id: int, position: int, cache: KVCache, params: dict, config: GPTConfig) -> np.ndarray:
    """The next-word logits [V] after adding one student at `position` (at most len(cache): a position
    already in the cache is written again, which forgets the students after it). Updates the cache.
    Each layer is gpt.transformer_block, the forward's own, with the cached cards as its `past`."""
    if position >= config.n_positions:
        raise ValueError(f"position {position} is past the model's context of {config.n_positions}")
    if not 0 <= position <= len(cache):
        raise ValueError(f"position {position} would leave a gap: the cache holds {len(cache)} students")
    x = (params["wte.weight"][token_id] + params["wpe.weight"][position])[None, :]  # [1, C]
    n = position + 1
    hears_all = no_mask(n)[-1:]  # [1, n]: the newest student hears everyone before it and itself
    for layer in range(config.n_layer):
        def past(k, v, layer=layer):  # [H, 1, d] new cards -> [H, n, d] views of the cache
            k_all, v_all = cache.k[layer][:, :n], cache.v[layer][:, :n]
            k_all[:, position], v_all[:, position] = k[:, 0], v[:, 0]
            return k_all, v_all
        x = transformer_block(x, params, config, layer, hears_all, past=past)["output"]
    cache.length = n
    x = layer_norm(x, params["ln_f.weight"], params["ln_f.bias"], config.layer_norm_epsilon)
    return compare_with_every_word(x, params)[0]
