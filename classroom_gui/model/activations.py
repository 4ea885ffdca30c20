"""The FFN activations a GPT-2 config.json may name (every `activation_function` of transformers' ACT2FN
without learned numbers), each as NumPy with what the lesson says about it.

Every function takes [..., F] and returns the same shape and dtype; `out=` lets a caller reuse an array
it owns. The formulas are transformers' own (activations.py), so a folder's numbers match its
`from_pretrained` to float32 rounding. Constants are cast to the input's dtype (see functions.py).

`SHAPE[name]` says what the lesson may claim:
  "zero"     negatives become exactly 0 (ReLU and its kin): the board may say "negatives → 0"
  "soft"     negatives are squeezed towards 0 but not zeroed (GELU, SiLU, Mish, …)
  "leaky"    negatives are multiplied by a small slope
  "squash"   every unit is squashed into a fixed range (sigmoid, tanh, Laplace)
  "positive" every unit becomes positive (√softplus)
  "identity" the units pass unchanged ("linear")
"""
from __future__ import annotations

import math

import numpy as np


def _t(x):
    return x.dtype.type


def relu(x, out=None):
    return np.maximum(x, _t(x)(0), out=out)


def relu6(x, out=None):  # min(max(x, 0), 6)
    return np.clip(x, _t(x)(0), _t(x)(6), out=out)


def relu2(x, out=None):  # ReLUSquaredActivation: relu(x) ** 2
    y = np.maximum(x, _t(x)(0), out=out)
    y *= y
    return y


def _into(y, out):  # y, written into out when the caller gave one
    if out is None:
        return y
    out[...] = y
    return out


def leaky_relu(x, out=None):  # nn.LeakyReLU's default slope, 0.01
    return _into(np.where(x >= 0, x, x * _t(x)(0.01)), out)


def gelu_new(x, out=None):
    """GPT-2's tanh approximation of GELU: 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3).

    Computed as the same function written x / (1 + exp(-2u)), since 0.5 (1 + tanh(u)) = 1 / (1 + e^(-2u)),
    with -2u = x (a + b x^2): NumPy's float32 exp is faster than its tanh, the form avoids 1 + tanh(u)
    cancelling for negative x, and it takes seven passes over the array instead of nine. For very negative x,
    exp overflows to inf and x / inf gives the right limit, -0.
    """
    t = _t(x)
    a = -2 * np.sqrt(2 / np.pi)
    z = np.multiply(x, x, out=out)
    z *= t(a * 0.044715)
    z += t(a)
    z *= x                          # -2u (float32 x ** 3 is ~50x slower than multiplications)
    with np.errstate(over="ignore"):
        np.exp(z, out=z)            # e^(-2u)
    z += t(1)
    return np.divide(x, z, out=z)   # in one temporary: GPT-2's [T, 3072] would otherwise allocate several


def gelu_fast(x, out=None):
    """FastGELUActivation: 0.5 x (1 + tanh(0.7978845608 x (1 + 0.044715 x^2))), the tanh form with a
    rounded constant, in the same one-temporary shape as gelu_new."""
    t = _t(x)
    z = np.multiply(x, x, out=out)
    z *= t(-2 * 0.7978845608 * 0.044715)
    z += t(-2 * 0.7978845608)
    z *= x
    with np.errstate(over="ignore"):
        np.exp(z, out=z)
    z += t(1)
    return np.divide(x, z, out=z)


# Numerical Recipes' erfcc: erfc(a) = t exp(-a^2 + P(t)), t = 1 / (1 + a / 2), a >= 0, relative error < 1.2e-7
_ERFC = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
         -0.82215223, 0.17087277)


def phi(x: np.ndarray) -> np.ndarray:  # [...] -> [...] the normal distribution's CDF, Phi(x), in x's dtype
    """Float64 input (the hand-computed tests) uses math.erf exactly; float32 (the app) the rational
    approximation above, in float32 and in place: its error (below 4e-7 for GELU) is float32's own
    rounding, and it is ~7x faster than calling math.erf per number on GPT-2's [T, 3072] hidden units."""
    if x.dtype == np.float64:
        return np.frompyfunc(lambda v: 0.5 * (1 + math.erf(v / math.sqrt(2))), 1, 1)(x).astype(np.float64)
    c = x.dtype.type
    z = x * c(-1 / math.sqrt(2))                 # Phi(x) = erfc(z) / 2
    a = np.abs(z)
    t = a * c(0.5)
    t += c(1)
    np.reciprocal(t, out=t)
    p = np.full_like(t, c(_ERFC[-1]))
    for k in reversed(_ERFC[:-1]):               # Horner: P(t)
        p *= t
        p += c(k)
    a *= a
    np.subtract(p, a, out=p)
    np.exp(p, out=p)
    p *= t                                       # erfc(|z|)
    p *= c(0.5)
    return np.where(z >= 0, p, c(1) - p)


def gelu(x, out=None):  # the exact GELU, x * Phi(x) (transformers' "gelu" and "gelu_python")
    return np.multiply(x, phi(x), out=out)


def gelu_10(x, out=None):  # ClippedGELUActivation(-10, 10): the exact GELU, clipped
    return np.clip(gelu(x), _t(x)(-10), _t(x)(10), out=out)


def _sigmoid(x):
    with np.errstate(over="ignore"):
        return _t(x)(1) / (_t(x)(1) + np.exp(-x))


def quick_gelu(x, out=None):  # x * sigmoid(1.702 x)
    return np.multiply(x, _sigmoid(x * _t(x)(1.702)), out=out)


def silu(x, out=None):  # x * sigmoid(x), also called swish
    return np.multiply(x, _sigmoid(x), out=out)


def _softplus(x):  # log(1 + e^x) as torch computes it: x itself above 20
    return np.where(x > 20, x, np.log1p(np.exp(np.minimum(x, _t(x)(20)))))


def mish(x, out=None):  # x * tanh(softplus(x))
    return np.multiply(x, np.tanh(_softplus(x)), out=out)


def sqrtsoftplus(x, out=None):  # sqrt(softplus(x))
    return np.sqrt(_softplus(x), out=out)


def hardswish(x, out=None):  # x * relu6(x + 3) / 6
    t = _t(x)
    return np.multiply(x, np.clip(x + t(3), t(0), t(6)) / t(6), out=out)


def sigmoid(x, out=None):
    return _into(_sigmoid(x), out)


def tanh(x, out=None):
    return np.tanh(x, out=out)


def linear(x, out=None):  # LinearActivation: the identity
    return _into(x.copy(), out)


def laplace(x, out=None):  # LaplaceActivation: 0.5 (1 + erf((x - mu) / (sigma sqrt 2))), mu 0.707107, sigma 0.282095
    t = _t(x)
    return _into(phi((x - t(0.707107)) / t(0.282095)), out)


# name in config.json -> (function, the name the lesson shows, SHAPE)
TABLE = {
    "relu": (relu, "ReLU", "zero"),
    "relu6": (relu6, "ReLU6", "zero"),
    "relu2": (relu2, "ReLU²", "zero"),
    "leaky_relu": (leaky_relu, "LeakyReLU", "leaky"),
    "gelu": (gelu, "GELU", "soft"),
    "gelu_python": (gelu, "GELU", "soft"),
    "gelu_new": (gelu_new, "GELU", "soft"),
    "gelu_pytorch_tanh": (gelu_new, "GELU", "soft"),   # torch's gelu(approximate="tanh"): gelu_new's formula
    "gelu_accurate": (gelu_new, "GELU", "soft"),       # AccurateGELUActivation: the same tanh formula
    "gelu_python_tanh": (gelu_new, "GELU", "soft"),    # GELUTanh in Python: the same tanh formula
    "gelu_fast": (gelu_fast, "GELU", "soft"),
    "gelu_10": (gelu_10, "GELU", "soft"),
    "quick_gelu": (quick_gelu, "QuickGELU", "soft"),
    "silu": (silu, "SiLU", "soft"),
    "swish": (silu, "Swish", "soft"),
    "mish": (mish, "Mish", "soft"),
    "hardswish": (hardswish, "HardSwish", "soft"),
    "sqrtsoftplus": (sqrtsoftplus, "√softplus", "positive"),
    "sigmoid": (sigmoid, "sigmoid", "squash"),
    "tanh": (tanh, "tanh", "squash"),
    "laplace": (laplace, "Laplace", "squash"),
    "linear": (linear, "identity", "identity"),
}
# ACT2FN names that carry learned numbers of their own (saved as extra tensors): refused by name
LEARNED = ("prelu", "xielu")

ACTIVATION = {name: row[0] for name, row in TABLE.items()}
DISPLAY = {name: row[1] for name, row in TABLE.items()}
SHAPE = {name: row[2] for name, row in TABLE.items()}
RANGE = {"sigmoid": "0 … 1", "tanh": "-1 … 1", "laplace": "0 … 1"}  # where a "squash" puts every unit
