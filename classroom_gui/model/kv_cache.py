"""One more word without redoing the sentence: each layer keeps every earlier student's self-introduction
(K) and opinion (V) cards — exactly the trace's k and v — so a new student only writes its own cards,
asks its question against the cached ones, and the answer for the next word comes out.

The cards live in buffers with room for the model's whole context, so a new student's cards are written
into the next row instead of copying everyone's cards into a longer array at every word.
"""
from __future__ import annotations

import numpy as np

from .config import GPTConfig
from .functions import ACTIVATION, divide_scores, dot_scores, layer_norm, linear, softmax
from .trace import Trace, unembedding


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
    already in the cache is written again, which forgets the students after it). Updates the cache."""
    C, H, d, eps = config.n_embd, config.n_head, config.d_head, config.layer_norm_epsilon
    if position >= config.n_positions:
        raise ValueError(f"position {position} is past the model's context of {config.n_positions}")
    if not 0 <= position <= len(cache):
        raise ValueError(f"position {position} would leave a gap: the cache holds {len(cache)} students")
    x = (params["wte.weight"][token_id] + params["wpe.weight"][position])[None, :]  # [1, C]
    n = position + 1
    for layer in range(config.n_layer):
        p = f"h.{layer}."
        h = layer_norm(x, params[p + "ln_1.weight"], params[p + "ln_1.bias"], eps)
        qkv = linear(h, params[p + "attn.c_attn.weight"], params[p + "attn.c_attn.bias"])  # [1, 3C]
        q = qkv[:, :C].reshape(H, 1, d)
        k_all, v_all = cache.k[layer][:, :n], cache.v[layer][:, :n]                # [H, n, d] views
        k_all[:, position] = qkv[0, C:2 * C].reshape(H, d)                         # the new student's cards
        v_all[:, position] = qkv[0, 2 * C:].reshape(H, d)
        # the newest student may listen to everyone before it and itself: no mask needed
        w = softmax(divide_scores(dot_scores(q, k_all), config.score_divisor(layer)))  # [H, 1, n]
        context = (w @ v_all).transpose(1, 0, 2).reshape(1, C)
        x = x + linear(context, params[p + "attn.c_proj.weight"], params[p + "attn.c_proj.bias"])
        h = layer_norm(x, params[p + "ln_2.weight"], params[p + "ln_2.bias"], eps)
        hidden = ACTIVATION[config.activation_function](linear(h, params[p + "mlp.c_fc.weight"], params[p + "mlp.c_fc.bias"]))
        x = x + linear(hidden, params[p + "mlp.c_proj.weight"], params[p + "mlp.c_proj.bias"])
    cache.length = n
    x = layer_norm(x, params["ln_f.weight"], params["ln_f.bias"], eps)
    return (x @ unembedding(params).T)[0]
