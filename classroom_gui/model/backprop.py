"""Training math for the teaching model: a batched forward that keeps what the backward needs, and a
hand-written backward giving the gradient of the mean next-token cross-entropy for every weight.

The forward is gpt.transformer_block itself (GPT-2 names, weights [in, out], pre-LayerNorm, multi-head
attention, tied unembedding), but on a batch of sequences [B, T] at once. Rows of all B*T tokens are
kept flat as [N, C] (N = B*T) so every linear layer is one matrix product. Works in whatever float
dtype the weights have: float64 for the gradient check, float32 for training.
"""
from __future__ import annotations

from math import erf, pi, sqrt

import numpy as np

from .config import GPTConfig
from .functions import attention_mask, layer_norm
from .gpt import transformer_block

Params = dict  # name -> np.ndarray


# ---------------------------------------------------------------- small pieces and their derivatives

def layer_norm_backward(dy, x, g, eps):  # [N, C], [N, C], [C], float -> dx [N, C], dg [C], db [C]
    t, n = x.dtype.type, x.shape[-1]
    add = np.add.reduce  # the ufunc's reduce: np.mean / np.sum's Python wrappers cost more than the math here
    centred = x - add(x, axis=-1, keepdims=True) / t(n)
    rstd = t(1) / np.sqrt(add(centred * centred, axis=-1, keepdims=True) / t(n) + t(eps))
    xhat = centred * rstd                                       # the normalised row, before g and b
    dxhat = dy * g
    # dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)): the mean and the spread are shared
    dx = rstd * (dxhat - add(dxhat, axis=-1, keepdims=True) / t(n)
                 - xhat * (add(dxhat * xhat, axis=-1, keepdims=True) / t(n)))
    return dx, add(dy * xhat, axis=0), add(dy, axis=0)


def activation_grad(name: str, x):  # [N, F] -> [N, F], d act(x) / dx
    t = x.dtype.type
    if name == "relu":
        return (x > 0).astype(x.dtype)
    if name == "gelu_new":
        c = t(sqrt(2 / pi))
        th = np.tanh(c * (x + t(0.044715) * (x * x * x)))
        return t(0.5) * (t(1) + th) + t(0.5) * x * (t(1) - th * th) * c * (t(1) + t(3 * 0.044715) * x * x)
    if name == "gelu":  # x * Phi(x) -> Phi(x) + x * phi(x)
        phi_cdf = np.vectorize(lambda v: 0.5 * (1 + erf(v / sqrt(2))), otypes=[x.dtype])(x)
        return phi_cdf + x * np.exp(-x * x / t(2)) / t(sqrt(2 * pi))
    raise ValueError(f"no derivative for activation '{name}'")


def cross_entropy(logits, targets, weights=None):  # [B, T, V], [B, T] int, [B, T] -> loss, dlogits [B, T, V]
    """Weighted mean of -log p(target); weight 0 ignores a position (padding)."""
    t = logits.dtype.type
    if weights is None:
        weights = np.ones(targets.shape, dtype=logits.dtype)
    weights = np.asarray(weights, dtype=logits.dtype)
    total = weights.sum()
    if total <= 0:
        raise ValueError("cross_entropy needs at least one position with a positive weight")
    # log-softmax, shifted by the row maximum so exp() cannot overflow
    shifted = logits - np.maximum.reduce(logits, axis=-1, keepdims=True)
    probs = np.exp(shifted)
    z = np.add.reduce(probs, axis=-1, keepdims=True)            # [B, T, 1]
    probs /= z
    picked = np.take_along_axis(shifted, targets[..., None], axis=-1)[..., 0]
    loss = np.add.reduce(weights * (np.log(z[..., 0]) - picked), axis=None) / total
    # d loss / d logits = (softmax - onehot(target)) * weight / total
    rows = np.arange(targets.size)
    dlogits = probs.reshape(targets.size, -1)
    dlogits[rows, targets.ravel()] -= t(1)
    dlogits *= (weights / total).reshape(-1, 1)
    return loss, dlogits.reshape(logits.shape)


# ---------------------------------------------------------------- forward with caches

def block_forward(x, params: Params, config: GPTConfig, layer: int, B: int, T: int,
                  rule: str = "causal"):  # [N, C] -> [N, C], cache
    """gpt.transformer_block, the inference forward's own block, on B sequences at once; the cache holds
    what block_backward needs, rows flat ([N, ...]) and per-head arrays [B, H, T, ...]."""
    steps = transformer_block(x.reshape(B, T, -1), params, config, layer, attention_mask(T, rule))
    flat = {name: steps[name].reshape(B * T, -1) for name in ("ln_1", "heads_concat", "resid_attn", "ln_2",
                                                                 "ffn_pre", "ffn_hidden")}
    cache = dict(x=x, q=steps["q"], k=steps["k"], v=steps["v"], weights=steps["weights"], **flat)
    return steps["output"].reshape(B * T, -1), cache


def forward(ids, params: Params, config: GPTConfig, mask: str = "causal"):  # [B, T] int -> logits [B, T, V], cache
    ids = np.asarray(ids, dtype=np.int64)
    untrainable = [k for k in ("scale_attn_by_inverse_layer_idx",) if getattr(config, k)] + \
        [k for k in ("tie_word_embeddings", "scale_attn_weights") if not getattr(config, k)]
    if untrainable or config.activation_function not in ("relu", "gelu_new", "gelu"):
        # the hand-written backward is GPT-2's default shape; a gradient of another model would be wrong
        raise ValueError(f"training covers tied, sqrt(d)-scaled models with relu, gelu_new or gelu; this config "
                         f"sets {', '.join(untrainable) or config.activation_function}")
    if ids.ndim != 2 or ids.shape[1] > config.n_positions:
        raise ValueError(f"ids must be [B, T] with T <= {config.n_positions}, got shape {ids.shape}")
    B, T = ids.shape
    C = config.n_embd

    # token embedding + position embedding, flattened to rows
    x = (params["wte.weight"][ids] + params["wpe.weight"][:T]).reshape(B * T, C)

    blocks = []
    for layer in range(config.n_layer):
        x, cache = block_forward(x, params, config, layer, B, T, mask)
        blocks.append(cache)

    # final LayerNorm, then tied unembedding
    ln_f = layer_norm(x, params["ln_f.weight"], params["ln_f.bias"], config.layer_norm_epsilon)
    logits = ln_f @ params["wte.weight"].T                                        # [N, V]
    cache = dict(ids=ids, B=B, T=T, blocks=blocks, x_final=x, ln_f=ln_f)
    return logits.reshape(B, T, -1), cache


# ---------------------------------------------------------------- backward

def block_backward(dout, cache, params: Params, config: GPTConfig, layer: int, B: int, T: int,
                   grads: dict):  # [N, C] -> dx [N, C]; fills grads for layer's weights
    p = f"h.{layer}."
    C, H, d, eps = config.n_embd, config.n_head, config.d_head, config.layer_norm_epsilon
    c = cache

    # feed-forward: out = resid_attn + c_proj(act(c_fc(ln_2(resid_attn))))
    grads[p + "mlp.c_proj.weight"] = c["ffn_hidden"].T @ dout
    grads[p + "mlp.c_proj.bias"] = dout.sum(axis=0)
    dpre = (dout @ params[p + "mlp.c_proj.weight"].T) * activation_grad(config.activation_function, c["ffn_pre"])
    grads[p + "mlp.c_fc.weight"] = c["ln_2"].T @ dpre
    grads[p + "mlp.c_fc.bias"] = dpre.sum(axis=0)
    dln_2 = dpre @ params[p + "mlp.c_fc.weight"].T
    dx_ln, grads[p + "ln_2.weight"], grads[p + "ln_2.bias"] = layer_norm_backward(
        dln_2, c["resid_attn"], params[p + "ln_2.weight"], eps)
    dresid = dout + dx_ln

    # W_O: resid_attn = x + c_proj(heads_concat)
    grads[p + "attn.c_proj.weight"] = c["heads_concat"].T @ dresid
    grads[p + "attn.c_proj.bias"] = dresid.sum(axis=0)
    dcontext = (dresid @ params[p + "attn.c_proj.weight"].T).reshape(B, T, H, d).transpose(0, 2, 1, 3)

    # attention: context = weights @ v, weights = softmax(masked q k^T / sqrt(d))
    w = c["weights"]
    dv = w.swapaxes(-1, -2) @ dcontext
    dw = dcontext @ c["v"].swapaxes(-1, -2)
    dscaled = w * (dw - np.sum(dw * w, axis=-1, keepdims=True))   # softmax backward; masked entries stay 0
    dscores = dscaled / dout.dtype.type(np.sqrt(d))
    dq = dscores @ c["k"]
    dk = dscores.swapaxes(-1, -2) @ c["q"]

    # merge q, k, v back to [N, 3C], then the qkv projection and ln_1
    dqkv = np.stack([dq, dk, dv]).transpose(1, 3, 0, 2, 4).reshape(B * T, 3 * C)
    grads[p + "attn.c_attn.weight"] = c["ln_1"].T @ dqkv
    grads[p + "attn.c_attn.bias"] = dqkv.sum(axis=0)
    dln_1 = dqkv @ params[p + "attn.c_attn.weight"].T
    dx_ln, grads[p + "ln_1.weight"], grads[p + "ln_1.bias"] = layer_norm_backward(
        dln_1, c["x"], params[p + "ln_1.weight"], eps)
    return dresid + dx_ln


def backward(dlogits, cache, params: Params, config: GPTConfig) -> dict:  # [B, T, V] -> grads by name
    B, T = cache["B"], cache["T"]
    grads = {}
    dlogits = dlogits.reshape(B * T, -1)
    wte = params["wte.weight"]

    # tied unembedding: logits = ln_f @ wte.T
    dwte = dlogits.T @ cache["ln_f"]                                             # [V, C]
    dln_f = dlogits @ wte
    dx, grads["ln_f.weight"], grads["ln_f.bias"] = layer_norm_backward(
        dln_f, cache["x_final"], params["ln_f.weight"], config.layer_norm_epsilon)

    for layer in reversed(range(config.n_layer)):
        dx = block_backward(dx, cache["blocks"][layer], params, config, layer, B, T, grads)

    # embeddings: every row adds into its token's row of wte and its position's row of wpe
    demb = dx.reshape(B, T, -1)
    np.add.at(dwte, cache["ids"].ravel(), dx)
    grads["wte.weight"] = dwte
    dwpe = np.zeros_like(params["wpe.weight"])
    dwpe[:T] = demb.sum(axis=0)
    grads["wpe.weight"] = dwpe
    return grads


def loss_and_grads(ids, targets, params: Params, config: GPTConfig, weights=None,
                   mask: str = "causal"):  # [B, T], [B, T] -> loss, grads
    logits, cache = forward(ids, params, config, mask)
    loss, dlogits = cross_entropy(logits, np.asarray(targets, dtype=np.int64), weights)
    return loss, backward(dlogits, cache, params, config)
