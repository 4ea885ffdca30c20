"""The small functions a GPT-2 forward is made of, each named after a step of the lesson.

Arrays keep the dtype they come in with (float32 in the app, float64 in the hand-computed tests):
constants are cast to the input's dtype, because NumPy 2 promotes float32 to float64 when an array
meets a NumPy float64 scalar, which makes the forward several times slower.
"""
from __future__ import annotations

import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:  # [..., n] -> [..., n], each row sums to 1
    # subtracting the row maximum keeps exp() from overflowing; -inf entries become exactly 0
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:  # [T, C] -> [T, C]
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True)
    return g * (x - mean) / np.sqrt(var + x.dtype.type(eps)) + b


def linear(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:  # [T, in], [in, out], [out] -> [T, out]
    return x @ w + b


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, x.dtype.type(0))


def gelu_new(x: np.ndarray) -> np.ndarray:  # GPT-2's tanh approximation of GELU
    t = x.dtype.type
    return t(0.5) * x * (t(1) + np.tanh(t(np.sqrt(2 / np.pi)) * (x + t(0.044715) * x ** 3)))


def gelu(x: np.ndarray) -> np.ndarray:  # the exact GELU, x * Phi(x)
    from math import erf, sqrt

    verf = np.vectorize(erf, otypes=[x.dtype])
    return x * (x.dtype.type(0.5) * (x.dtype.type(1) + verf(x / x.dtype.type(sqrt(2)))))


ACTIVATION = {"relu": relu, "gelu_new": gelu_new, "gelu": gelu}


def causal_mask(n: int) -> np.ndarray:  # [n, n] bool, True where a later student has not spoken yet
    return np.triu(np.ones((n, n), dtype=bool), k=1)
