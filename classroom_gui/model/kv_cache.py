"""One more word without redoing the sentence: each layer keeps every earlier student's self-introduction
(K) and opinion (V) cards — exactly the trace's k and v — so a new student only writes its own cards,
asks its question against the cached ones, and the answer for the next word comes out.
"""
from __future__ import annotations

import numpy as np

from .config import GPTConfig
from .functions import ACTIVATION, layer_norm, linear, softmax
from .trace import Trace

Cache = list  # per layer: (k [H, T, d], v [H, T, d])


def cache_from_trace(trace: Trace) -> Cache:
    return [(layer.k, layer.v) for layer in trace.layers]


def step(token_id: int, position: int, cache: Cache, params: dict, config: GPTConfig):  # -> logits [V], new cache
    C, H, d, eps = config.n_embd, config.n_head, config.d_head, config.layer_norm_epsilon
    if position >= config.n_positions:
        raise ValueError(f"position {position} is past the model's context of {config.n_positions}")
    x = (params["wte.weight"][token_id] + params["wpe.weight"][position])[None, :]  # [1, C]
    new_cache = []
    for layer, (k_cache, v_cache) in enumerate(cache):
        p = f"h.{layer}."
        h = layer_norm(x, params[p + "ln_1.weight"], params[p + "ln_1.bias"], eps)
        qkv = linear(h, params[p + "attn.c_attn.weight"], params[p + "attn.c_attn.bias"])  # [1, 3C]
        q, k, v = (qkv[:, i * C:(i + 1) * C].reshape(H, 1, d) for i in range(3))
        k_all = np.concatenate([k_cache, k], axis=1)                           # [H, T+1, d]
        v_all = np.concatenate([v_cache, v], axis=1)
        # the newest student may listen to everyone before it and itself: no mask needed
        w = softmax((q @ k_all.transpose(0, 2, 1)) / q.dtype.type(np.sqrt(d)))  # [H, 1, T+1]
        context = (w @ v_all).transpose(1, 0, 2).reshape(1, C)
        x = x + linear(context, params[p + "attn.c_proj.weight"], params[p + "attn.c_proj.bias"])
        h = layer_norm(x, params[p + "ln_2.weight"], params[p + "ln_2.bias"], eps)
        hidden = ACTIVATION[config.activation_function](linear(h, params[p + "mlp.c_fc.weight"], params[p + "mlp.c_fc.bias"]))
        x = x + linear(hidden, params[p + "mlp.c_proj.weight"], params[p + "mlp.c_proj.bias"])
        new_cache.append((k_all, v_all))
    x = layer_norm(x, params["ln_f.weight"], params["ln_f.bias"], eps)
    return (x @ params["wte.weight"].T)[0], new_cache
