"""gpt.transformer_block for a small model (the teaching model, every sentence it takes), in as few NumPy calls
as give the same numbers bit for bit: fast.Fast.block runs it when fast.Fast.block_params made its weights.

At six students every NumPy call costs far more than its arithmetic (measured with callgrind: 3,400-9,400
instructions a call, for 6 x 24 numbers), so the six-student forward is the number of calls it makes, and
how NumPy takes each:
- a [T, n] array with a [T, n] array is NumPy's quick path; an [n] vector broadcast over T rows takes its
  general one (~5,000 instructions more). Every bias and LayerNorm gain is repeated into [T, n] rows here,
  once per weights and length, and found again on later forwards;
- a constant as a 0-d float32 array costs less than a NumPy scalar (which is made on every call) or a Python
  number (which NumPy converts on every call): n, eps, the score divisor and ReLU's 0 are made once;
- np.dot instead of @ (functions.linear), one dict literal for the steps;
- q, k and v stay views of the qkv product (a product reads the same numbers whatever their stride), and
  the softmax runs on the scores as [H * T, T] rows (a 2-d reduction or broadcast costs ~5,000 instructions
  less than a 3-d one, and each row is reduced alone either way); the causal mask is put with np.putmask.
Nothing changes an operation or its order: each step is functions.py's, with the same operands elementwise.
Measured at six students ("The cat sat on the mat", callgrind): 1.216 M instructions a forward before these
last three changes and the leaner checks and records around the blocks, 1.124 M after; a block is ~310 k,
of which its two LayerNorms are ~120 k (eleven NumPy calls each).
Why the LayerNorm stays at eleven calls (measured with callgrind, benchmarks/count_forward.py; per call on
[6, 24] float32): a same-shape elementwise call costs ~3,500 instructions, a row reduction ~9,000 and a [T, 1]
column broadcast over [T, n] ~8,600 (NumPy builds a buffered iterator for both; only same-shape contiguous or
0-d operands take its quick loop), ndarray.dot ~4,500. LayerNorm needs two row reductions (mean, variance)
and two column broadcasts (centre, scale), ~35 k of its ~59 k, and no cheaper form keeps each student's
numbers independent of the others': a product with a column of 1/n (x.dot, one ~4,500 call for a reduction
and its division) rounds a row differently by where it falls in OpenBLAS's gemv blocks (measured: row blocks
of a [1024, 768] product differ from the whole), which would make a student's LayerNorm depend on the
sentence's length and break fast.per_student and the key/value cache; np.vecdot(y, y) for the variance
(per-row dot products) is row-independent but saves only ~2,600 of ~59,000; a column repeated into rows
first (col.repeat) saves ~800 per broadcast.
tests/test_fast_equals_plain.py compares every step with gpt.Plain's.
"""
from __future__ import annotations

import operator

import numpy as np

from .functions import ACTIVATION

# every [n] vector a block reads: added to (biases) or multiplying (LayerNorm gains) [T, n] arrays
VECTORS = ("ln_1.weight", "ln_1.bias", "attn.c_attn.bias", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias",
           "mlp.c_fc.bias", "mlp.c_proj.bias")
# a block's weights in the order block() unpacks them
WEIGHTS = ("ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight",
           "attn.c_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
           "mlp.c_proj.weight", "mlp.c_proj.bias")
KEPT = 8  # SmallWeights kept, the newest first out: one per sentence length in use


class SmallWeights:
    """A small model's weights for sentences of T students: per layer the WEIGHTS with every vector as
    [T, n] rows (read-only, shared by every forward that finds them), ln_f's two, and the constants.

    `[name]` gives a weight by its GPT-2 name (rows for a vector), so gpt.transformer_block runs on it too
    (a what-if forward does)."""

    def __init__(self, params, config, T: int, arrays: tuple, vectors: bytes):
        self.params, self.vectors, self.T = params, vectors, T
        self.values = tuple(params.values())  # what holds() compares the dict with
        self.vector_arrays = arrays[:_names(config.n_layer)[2]]
        self.rows = {}
        for name in _names(config.n_layer)[0]:
            v = params[name]
            if name.endswith(VECTORS + ("ln_f.weight", "ln_f.bias")):
                v = np.repeat(v[None], T, axis=0)
                v.flags.writeable = False
                self.rows[name] = v
        self.layers = [tuple(self[f"h.{layer}.{name}"] for name in WEIGHTS) for layer in range(config.n_layer)]
        dtype = arrays[0].dtype.type
        zero = lambda value: np.array(value, dtype)  # noqa: E731  (a 0-d array of the weights' dtype)
        self.n, self.eps, self.zero = zero(config.n_embd), zero(config.layer_norm_epsilon), zero(0)
        self.divisors = [zero(d) for d in config.score_divisors]
        self.relu = config.activation_function == "relu"
        self.n_head = H = config.n_head
        self.minus_inf = zero(-np.inf)
        d = config.n_embd // H
        self.split, self.rows_shape = (T, 3, H, d), (H * T, T)
        self._mask = (None, None)  # a [T, T] mask and its [H * T, T] rows (one per head)

    def holds(self, params) -> bool:
        """Whether `params` still holds the very arrays these were made from, with the vectors' bytes unchanged.

        Tuple equality takes identical items as equal at once; two different arrays (small_weights makes these
        only when every value has at least two numbers) never compare equal: ValueError ("truth value of an
        array ... is ambiguous") or a broadcast error. ~3,000 instructions, against ~12,000 to look each
        weight up by name."""
        try:
            if tuple(params.values()) != self.values:
                return False
        except ValueError:
            return False
        return b"".join(self.vector_arrays) == self.vectors

    def mask_rows(self, mask):  # [T, T] bool -> [H * T, T], the mask of every head's rows; None: nothing masked
        src, rows = self._mask
        if src is not mask:  # the rule's mask is one cached, read-only array (functions.attention_mask)
            rows = np.tile(mask, (self.n_head, 1)) if mask.any() else None
            if not mask.flags.writeable:  # a mask that may change in place is tiled again every time
                self._mask = (mask, rows)
        return rows

    def __getitem__(self, name: str):
        rows = self.rows.get(name)
        return self.params[name] if rows is None else rows


# the NumPy functions a block calls, looked up once (np.add.reduce makes a bound method on every lookup)
_add_reduce, _max_reduce, _matmul, _exp, _putmask, _sqrt, _maximum = (
    np.add.reduce, np.maximum.reduce, np.matmul, np.exp, np.putmask, np.sqrt, np.maximum)
_names_cache: dict = {}
_kept: dict = {}  # (id of the params dict, T) -> SmallWeights


def _names(n_layer: int):  # -> (every weight a block or ln_f reads, vectors first; a getter of them; how many vectors)
    found = _names_cache.get(n_layer)
    if found is None:
        vectors = [f"h.{layer}.{name}" for layer in range(n_layer) for name in VECTORS] + ["ln_f.weight", "ln_f.bias"]
        matrices = [f"h.{layer}.{name}" for layer in range(n_layer) for name in WEIGHTS if name not in VECTORS]
        names = tuple(vectors + matrices)
        found = _names_cache[n_layer] = (names, operator.itemgetter(*names), len(vectors))
    return found


def small_weights(params, config, T: int) -> SmallWeights | None:
    """The SmallWeights of these params for T students, made or found again; None when the weights are not
    all contiguous float arrays of one dtype (then the plain steps run).

    Found again only when the params dict holds the very same arrays as when they were made and the vectors'
    bytes are still the same (a weight replaced or changed in place makes new ones): SmallWeights.holds."""
    key = (id(params), T)
    kept = _kept.get(key)
    if kept is not None and kept.holds(params):
        return kept
    names, get, n_vectors = _names(config.n_layer)
    try:
        arrays = get(params)
        vectors = b"".join(arrays[:n_vectors])  # BufferError for an array that is not contiguous
    except (KeyError, BufferError):
        return None
    dtype = arrays[0].dtype
    if dtype.kind != "f" or any(a.dtype != dtype for a in arrays) or any(a.ndim != 1 for a in arrays[:n_vectors]):
        return None
    if not all(isinstance(a, np.ndarray) and a.size >= 2 for a in params.values()):  # what holds() needs
        return None
    kept = _kept[key] = SmallWeights(params, config, T, arrays, vectors)
    while len(_kept) > KEPT:
        del _kept[next(iter(_kept))]
    return kept


def block(x, w: SmallWeights, layer: int, mask, activation: str) -> dict:  # [T, C] -> every step
    """gpt.transformer_block's steps (no what-if edits, no key/value cache), each call as functions.py's."""
    g1, b1, w_qkv, b_qkv, w_o, b_o, g2, b2, w_fc, b_fc, w_proj, b_proj = w.layers[layer]
    T, C = x.shape

    ln_1 = _layer_norm(x, g1, b1, w)
    qkv = ln_1.dot(w_qkv)
    qkv += b_qkv
    # gpt.split_heads as views of qkv, not copies: matmul hands BLAS each head's rows with qkv's row stride,
    # and a product reads the same numbers whatever their stride
    q, k, v = qkv.reshape(w.split).transpose(1, 2, 0, 3)

    # gpt.attention, the softmax over the [H * T, T] rows of one 2-d view (a 3-d reduction costs ~5,000
    # instructions more; each row is reduced alone either way)
    weights = _matmul(q, k.swapaxes(-1, -2))
    rows = weights.reshape(w.rows_shape)
    rows /= w.divisors[layer]
    masked = w.mask_rows(mask)
    if masked is not None:
        _putmask(rows, masked, w.minus_inf)  # np.copyto(..., where=mask), at half the cost
    col = _max_reduce(rows, -1, None, None, True)
    rows -= col
    _exp(rows, out=rows)
    rows /= _add_reduce(rows, -1, None, col, True)
    context = _matmul(weights, v)

    heads_concat = context.swapaxes(0, 1).reshape(T, C)  # gpt.merge_heads
    attn_out = heads_concat.dot(w_o)
    attn_out += b_o
    resid_attn = x + attn_out
    ln_2 = _layer_norm(resid_attn, g2, b2, w)
    ffn_pre = ln_2.dot(w_fc)
    ffn_pre += b_fc
    ffn_hidden = _maximum(ffn_pre, w.zero) if w.relu else ACTIVATION[activation](ffn_pre)  # activations.relu
    ffn_out = ffn_hidden.dot(w_proj)
    ffn_out += b_proj
    return {"x": x, "ln_1": ln_1, "q": q, "k": k, "v": v, "weights": weights, "context": context,
            "heads_concat": heads_concat, "attn_out": attn_out, "resid_attn": resid_attn, "ln_2": ln_2,
            "ffn_pre": ffn_pre, "ffn_hidden": ffn_hidden, "ffn_out": ffn_out, "output": resid_attn + ffn_out}


_constants: dict = {}  # (C, eps, dtype) -> (n, eps) as 0-d arrays, for ln_f


def layer_norm_rows(x, g, b, eps: float):  # [T, C], [T, C] rows x2 -> [T, C]: ln_f with SmallWeights' rows
    """functions.layer_norm for gains and biases already repeated into rows (fast.Fast.layer_norm)."""
    key = (x.shape[1], eps, x.dtype)
    w = _constants.get(key)
    if w is None:
        w = _constants[key] = _Constants(np.array(x.shape[1], x.dtype), np.array(eps, x.dtype))
    return _layer_norm(x, g, b, w)


class _Constants:
    def __init__(self, n, eps):
        self.n, self.eps = n, eps


def _layer_norm(x, g, b, w: SmallWeights):  # [T, C], [T, C] rows x2 -> [T, C]: functions.layer_norm's steps
    col = _add_reduce(x, -1, None, None, True)
    col /= w.n
    y = x - col
    _add_reduce(y * y, -1, None, col, True)
    col /= w.n
    col += w.eps
    y *= g
    y /= _sqrt(col, out=col)
    y += b
    return y
