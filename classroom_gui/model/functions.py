"""The small functions a GPT-2 forward is made of, each named after a step of the lesson.

Arrays keep the dtype they come in with (float32 in the app, float64 in the hand-computed tests):
constants are cast to the input's dtype, because NumPy 2 promotes float32 to float64 when an array
meets a NumPy float64 scalar, which makes the forward several times slower.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

__all__ = ["softmax", "dot_scores", "divide_scores", "scale_scores", "score_divisor", "layer_norm", "linear",
           "ACTIVATION", "gelu", "gelu_new", "relu", "MASK_RULES", "attention_mask", "no_mask", "causal_mask"]

# Speed notes. Reductions call the ufuncs' .reduce directly: np.max/np.sum/np.mean/np.var go through
# Python wrappers that cost more than the arithmetic on a 6-token sentence. Steps on large arrays
# work in place (out=, *=) on a temporary they own, which matters for softmax over [T, vocab].

def softmax(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:  # [..., n] -> [..., n], rows sum to 1
    # subtracting the row maximum keeps exp() from overflowing; -inf entries become exactly 0.
    # out=x lets a caller that owns x (a temporary) reuse its memory instead of allocating another
    e = np.subtract(x, np.maximum.reduce(x, axis=-1, keepdims=True), out=out)
    np.exp(e, out=e)
    e /= np.add.reduce(e, axis=-1, keepdims=True)
    return e


def dot_scores(q: np.ndarray, k: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Every question against every self-introduction: the raw dot products q . k.  [..., Tq, d], [..., Tk, d]
    -> [..., Tq, Tk]"""
    return np.matmul(q, k.swapaxes(-1, -2), out=out)


def divide_scores(scores: np.ndarray, divisor: float, out: np.ndarray | None = None) -> np.ndarray:
    """scores / divisor (see score_divisor), keeping the dot products in softmax's range: the one division
    forward, the key/value cache and Trace share."""
    return np.divide(scores, scores.dtype.type(divisor), out=out)


def scale_scores(scores: np.ndarray, d: int, out: np.ndarray | None = None) -> np.ndarray:
    """scores / sqrt(d): GPT-2's default scaling (a config may change it: score_divisor)."""
    return divide_scores(scores, math.sqrt(d), out=out)


def score_divisor(d: int, layer: int, scale_attn_weights: bool = True, by_inverse_layer: bool = False) -> float:
    """What GPT-2 divides a layer's raw scores by: sqrt(d) when scale_attn_weights (the default), times
    layer + 1 (layers counted from 0) when scale_attn_by_inverse_layer_idx; 1.0 when neither."""
    return (math.sqrt(d) if scale_attn_weights else 1.0) * (layer + 1 if by_inverse_layer else 1)


def layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float,
               out: np.ndarray | None = None) -> np.ndarray:  # [T, C] -> [T, C]
    n = x.dtype.type(x.shape[-1])  # a float32 24, not a Python int: NumPy converts an int operand on every call
    # one [T, 1] column holds each student's sum, mean, then variance: a reduction into an array it is given
    # costs half of one that makes its own (measured: 1.3 vs 2.6 us on the six-student lesson's [6, 24])
    col = np.add.reduce(x, -1, None, np.empty((*x.shape[:-1], 1), x.dtype), True)
    col /= n                                                        # the mean
    y = np.subtract(x, col, out=out)                                # centred on the mean
    np.add.reduce(y * y, -1, None, col, True)
    col /= n                                                        # the (biased) variance, as np.var
    col += x.dtype.type(eps)
    y *= g                                                          # g * (x - mean) / sqrt(var + eps) + b,
    y /= np.sqrt(col, out=col)                                      # in place, in that order
    y += b
    return y


def linear(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:  # [T, in], [in, out], [out] -> [T, out]
    # np.dot makes the same sgemm call as x @ w (the same numbers: tests/test_functions.py), without the
    # generalised ufunc around it that costs more than the product itself at six students (~2 us per call)
    y = x.dot(w) if x.ndim == 2 else x @ w
    y += b  # in place: no second [T, out] array
    return y


# the FFN's activations live in activations.py (one per config.json name); these names stay importable here
from .activations import ACTIVATION, gelu, gelu_new, relu  # noqa: E402


# The classroom's two rules, one set of weights: "causal" (in turn, as GPT: a student hears only those who have
# spoken, and itself) and "none" (discussion, as BERT-style encoders: every student hears every other).
MASK_RULES = ("causal", "none")


def attention_mask(n: int, rule: str = "causal") -> np.ndarray:  # [n, n] bool, True where a score becomes -inf
    if rule == "causal":
        return causal_mask(n)
    if rule == "none":
        return no_mask(n)
    raise ValueError(f"unknown mask rule {rule!r}: use one of {', '.join(MASK_RULES)}")


@lru_cache(maxsize=8)
def no_mask(n: int) -> np.ndarray:  # [n, n] bool, all False: in discussion everyone hears everyone
    mask = np.zeros((n, n), dtype=bool)
    mask.flags.writeable = False
    return mask


@lru_cache(maxsize=64)
def causal_mask(n: int) -> np.ndarray:  # [n, n] bool, True where a later student has not spoken yet
    # cached (every layer and every forward of the same length shares it), so read-only
    mask = np.triu(np.ones((n, n), dtype=bool), k=1)
    mask.flags.writeable = False
    return mask
