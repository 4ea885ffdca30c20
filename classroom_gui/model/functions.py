"""The small functions a GPT-2 forward is made of, each named after a step of the lesson.

Arrays keep the dtype they come in with (float32 in the app, float64 in the hand-computed tests):
constants are cast to the input's dtype, because NumPy 2 promotes float32 to float64 when an array
meets a NumPy float64 scalar, which makes the forward several times slower.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np


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


def scale_scores(scores: np.ndarray, d: int, out: np.ndarray | None = None) -> np.ndarray:
    """scores / sqrt(d), keeping the dot products in softmax's range (the one division forward and Trace share)."""
    return np.divide(scores, scores.dtype.type(np.sqrt(d)), out=out)


def layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float,
               out: np.ndarray | None = None) -> np.ndarray:  # [T, C] -> [T, C]
    n = x.shape[-1]
    y = np.subtract(x, np.add.reduce(x, axis=-1, keepdims=True) / n, out=out)  # centred on the mean
    var = np.add.reduce(y * y, axis=-1, keepdims=True) / n          # the (biased) variance, as np.var
    y *= g                                                          # g * (x - mean) / sqrt(var + eps) + b,
    y /= np.sqrt(var + x.dtype.type(eps))                           # in place, in that order
    y += b
    return y


def linear(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:  # [T, in], [in, out], [out] -> [T, out]
    y = x @ w
    y += b  # in place: no second [T, out] array
    return y


def relu(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    return np.maximum(x, x.dtype.type(0), out=out)


def gelu_new(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """GPT-2's tanh approximation of GELU: 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3).

    Computed as the same function written x / (1 + exp(-2u)), since 0.5 (1 + tanh(u)) = 1 / (1 + e^(-2u)),
    with -2u = x (a + b x^2): NumPy's float32 exp is faster than its tanh, the form avoids 1 + tanh(u)
    cancelling for negative x, and it takes seven passes over the array instead of nine. For very negative x,
    exp overflows to inf and x / inf gives the right limit, -0.
    """
    t = x.dtype.type
    a = -2 * np.sqrt(2 / np.pi)
    z = np.multiply(x, x, out=out)
    z *= t(a * 0.044715)
    z += t(a)
    z *= x                          # -2u (float32 x ** 3 is ~50x slower than multiplications)
    with np.errstate(over="ignore"):
        np.exp(z, out=z)            # e^(-2u)
    z += t(1)
    return np.divide(x, z, out=z)   # in one temporary: GPT-2's [T, 3072] would otherwise allocate several


def gelu(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:  # the exact GELU, x * Phi(x)
    from math import erf, sqrt

    verf = np.vectorize(erf, otypes=[x.dtype])
    return np.multiply(x, x.dtype.type(0.5) * (x.dtype.type(1) + verf(x / x.dtype.type(sqrt(2)))), out=out)


ACTIVATION = {"relu": relu, "gelu_new": gelu_new, "gelu": gelu}


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
