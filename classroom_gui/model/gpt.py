"""GPT-2's forward pass in NumPy, written bottom-up as picoGPT writes it, recording each step in a Trace.

Weights keep GPT-2's own names and layouts (families/gpt2.py lists them: wte, wpe, h.N.ln_1, h.N.attn.c_attn,
h.N.attn.c_proj, h.N.ln_2, h.N.mlp.c_fc, h.N.mlp.c_proj, ln_f; matrices [in, out] as GPT-2's Conv1D).
Each function below is one step of the lesson as its formula. fast.py holds the same steps arranged for
speed (threads, row blocks, one BLAS thread) and its `forward` (the one the app runs: model.forward) passes
them in as `ops`; tests/test_fast_equals_plain.py checks that both give the same numbers bit for bit. This
module never imports fast.py, so the two do not import each other.

One block, `transformer_block`, serves the lesson's forward, the key/value cache's next word (kv_cache.py)
and training (backprop.py), on any leading batch axes: [T, C] or [B, T, C].
"""
from __future__ import annotations

import contextlib

import numpy as np

from . import whatif
from .config import GPTConfig
from .functions import ACTIVATION, attention_mask, divide_scores, dot_scores, layer_norm, linear, softmax
from .trace import LayerTrace, Trace

Params = dict  # name -> np.ndarray


def embed(ids: np.ndarray, params: Params):  # [T] -> [T, C] word vectors, [T, C] seat vectors, [T, C] sum
    tok = params["wte.weight"].take(ids, 0)  # wte[ids], without fancy indexing's cost (~6,000 instructions)
    pos = params["wpe.weight"][: ids.shape[-1]]
    return tok, pos, tok + pos


def split_heads(qkv: np.ndarray, n_head: int):  # [..., T, 3C] -> q, k, v, each [..., H, T, d]
    *lead, T, three_c = qkv.shape
    n = len(lead)
    # [..., T, 3, H, d] -> [3, ..., H, T, d], each card copied once so each head's cards are contiguous for
    # matmul, and into an array of its own: a trace that keeps k and v does not keep q's memory with them
    cards = qkv.reshape(*lead, T, 3, n_head, three_c // (3 * n_head)).transpose(n + 1, *range(n), n + 2, n, n + 3)
    return tuple(np.ascontiguousarray(c) for c in cards)


def merge_heads(context: np.ndarray) -> np.ndarray:  # [..., H, T, d] -> [..., T, H*d], the heads side by side
    *lead, H, T, d = context.shape
    return context.swapaxes(-2, -3).reshape(*lead, T, H * d)


def attention(q, k, v, mask, divisor: float, edits=()):  # [..., H, Tq, d], [..., H, Tk, d] x2, [Tq, Tk] ->
    #                                                      [..., H, Tq, Tk] weights, [..., H, Tq, d] context
    """softmax(mask(q kᵀ / divisor)) v for every head at once; `mask` is True where a score becomes -inf,
    `divisor` sqrt(d) unless the config says otherwise; `edits` replace raw scores (what-if)."""
    scores = dot_scores(q, k)                       # question . self-introduction
    whatif.apply_scores(scores, edits)              # a teacher's "what if this score were ..."
    weights = divide_scores(scores, divisor, out=scores)  # keep the dot products in softmax's range
    np.copyto(weights, -np.inf, where=mask)         # students who may not be heard: -inf
    softmax(weights, out=weights)                   # shares of attention; masked ones exactly 0
    return weights, weights @ v                     # share-weighted mix of opinions


def activation(name: str, x: np.ndarray) -> np.ndarray:  # [..., F] -> [..., F], the FFN's ReLU / GELU / ...
    return ACTIVATION[name](x)


class Plain:
    """The steps that fast.py rearranges, as written above: one NumPy call per formula."""
    blas_threads = staticmethod(lambda T, config: contextlib.nullcontext())  # BLAS's own choice
    block_params = staticmethod(lambda params, config, T: params)           # the weights as stored

    @staticmethod
    def block(x, params, config, layer, mask, edits=()):
        return transformer_block(x, params, config, layer, mask, edits, Plain)
    layer_norm = staticmethod(layer_norm)
    linear = staticmethod(linear)
    attention = staticmethod(attention)
    activation = staticmethod(activation)

    @staticmethod
    def head_context(weights, v):  # [T, T], [T, d] -> [T, d]: attention's weights @ v for one head of the
        return weights @ v          # batch, which NumPy multiplies head by head (a lean layer's weights_of)


def transformer_block(x, params: Params, config: GPTConfig, layer: int, mask, edits=(), ops=Plain,
                      past=None) -> dict:  # [..., T, C] -> every step, by name; "output" [..., T, C]
    """One GPT-2 block. `edits` are this layer's what-if edits; `past(k, v)`, when given, returns the cards of
    every student heard (the key/value cache: the earlier ones, then these); `ops` is Plain or fast.Fast."""
    p = f"h.{layer}."
    eps = config.layer_norm_epsilon

    # multi-head attention: pre-LayerNorm, qkv projection (W_Q, W_K, W_V of every head in one matrix)
    ln_1 = ops.layer_norm(x, params[p + "ln_1.weight"], params[p + "ln_1.bias"], eps)
    qkv = ops.linear(ln_1, params[p + "attn.c_attn.weight"], params[p + "attn.c_attn.bias"])  # [..., T, 3C]

    # split into heads, then a teacher's "what if this card said ..."
    q, k, v = split_heads(qkv, config.n_head)
    if edits:
        whatif.apply_cards(q, k, v, edits)
    if past is not None:
        k, v = past(k, v)

    # self-attention under the classroom's rule, every head at once
    scored = [e for e in edits if e.kind == "score"] if edits else ()
    weights, context = ops.attention(q, k, v, mask, config.score_divisor(layer), scored)

    # merge heads, out projection (W_O), residual add
    heads_concat = merge_heads(context)
    attn_out = ops.linear(heads_concat, params[p + "attn.c_proj.weight"], params[p + "attn.c_proj.bias"])
    resid_attn = x + attn_out

    # feed-forward network: each student thinks alone, then the residual add
    ln_2 = ops.layer_norm(resid_attn, params[p + "ln_2.weight"], params[p + "ln_2.bias"], eps)
    ffn_pre = ops.linear(ln_2, params[p + "mlp.c_fc.weight"], params[p + "mlp.c_fc.bias"])
    ffn_hidden = ops.activation(config.activation_function, ffn_pre)
    ffn_out = ops.linear(ffn_hidden, params[p + "mlp.c_proj.weight"], params[p + "mlp.c_proj.bias"])
    output = resid_attn + ffn_out

    return dict(x=x, ln_1=ln_1, q=q, k=k, v=v, weights=weights, context=context, heads_concat=heads_concat,
                attn_out=attn_out, resid_attn=resid_attn, ln_2=ln_2, ffn_pre=ffn_pre, ffn_hidden=ffn_hidden,
                ffn_out=ffn_out, output=output)


def head_weights(params: Params, config: GPTConfig, layer: int, head: int) -> dict[str, np.ndarray]:
    """W_Q, W_K, W_V [C, d] and their biases [d] for one head: the three card-writing matrices."""
    C, d = config.n_embd, config.d_head
    w = params[f"h.{layer}.attn.c_attn.weight"]  # [C, 3C]: Q | K | V, each split into heads
    b = params[f"h.{layer}.attn.c_attn.bias"]
    out = {}
    for i, name in enumerate("QKV"):
        cols = slice(i * C + head * d, i * C + (head + 1) * d)
        out[f"W_{name}"], out[f"b_{name}"] = w[:, cols], b[cols]
    return out


LEAN_FROM = 128  # students from which a trace keeps only what the lesson draws most and derives the rest


def forward(ids, params: Params, config: GPTConfig, tokens: list[str] | None = None,
            unknown: list[bool] | None = None, mask: str = "causal", edits=(), ops=Plain,
            lean: bool | None = None, observe=None) -> Trace:  # [T] -> Trace
    """The sentence through every block. `mask` is the classroom's rule, "causal" (GPT's, the default) or
    "none" (discussion: every student hears every other); `edits` are what-if edits (model.whatif.Edit),
    each applied where its number is made, so everything after it follows from it. `ops` is Plain's
    steps by default (fast.forward passes fast.Fast: the same numbers). A `lean` trace (by default from LEAN_FROM students on)
    keeps each layer's notebooks, cards, shares and contexts and makes each other step on first ask, bit for bit
    (BlockSteps).
    `observe(layer, LayerTrace)` is called as each layer is recorded (the lesson shrinks a lean layer's shares
    for its overview there and lets them go: lesson.overview.AsMade)."""
    ids = np.asarray(ids, dtype=np.int64)
    if ids.ndim != 1 or len(ids) == 0:
        raise ValueError("forward needs a non-empty 1-D sequence of token ids")
    if len(ids) > config.n_positions:
        raise ValueError(f"{len(ids)} tokens is more than the model's context of {config.n_positions}")
    T = len(ids)
    rule_mask = attention_mask(T, mask)  # an unknown rule is refused before any work
    id_list = ids.tolist()  # Python's min and max: a NumPy reduction costs more on a short sentence
    if min(id_list) < 0 or max(id_list) >= config.vocab_size:
        raise ValueError(f"token ids must lie in [0, {config.vocab_size})")
    whatif.check(edits, T, config)
    lean = T >= LEAN_FROM if lean is None else lean

    tok, pos, x = embed(ids, params)
    blocks = ops.block_params(params, config, T)  # the same numbers (fast.py: biases and gains as [T, n] rows)
    layers, divisors = [], config.score_divisors
    with ops.blas_threads(T, config):
        for layer in range(config.n_layer):
            own = whatif.of_layer(edits, layer) if edits else ()
            layer_mask = whatif.edited_mask(rule_mask, own, tokens) if own else rule_mask  # a mask edit: this layer's only
            steps = ops.block(x, blocks, config, layer, layer_mask, own)
            derive = BlockSteps(params, config, layer, ops) if lean else None
            layers.append(LayerTrace.record(steps, layer_mask, config.activation_function, divisors[layer], own, derive))
            if observe is not None:
                observe(layer, layers[-1])
            x = steps["output"]
            del steps  # a lean layer's other steps go now, not once the next block is done (GPT-2 at 512: 38 MB)

        # final LayerNorm; comparing with every vocabulary word (logits, probabilities) happens in Trace when asked
        ln_f = ops.layer_norm(x, blocks["ln_f.weight"], blocks["ln_f.bias"], config.layer_norm_epsilon)
    return Trace.record(config, ids, list(tokens) if tokens else [str(i) for i in id_list],
                        list(unknown) if unknown else [False] * T, tok, pos, layers, ln_f, params, mask, tuple(edits))


class BlockSteps:
    """A lean layer's way to the steps it did not keep, one step at a time (model.trace.LayerTrace.step): each
    is transformer_block's own call on the same numbers, under the forward's BLAS setting, so it comes out
    bit for bit as the forward made it (tests/test_lean_derive.py) and costs only its own work (chapter 11's
    hidden units: a LayerNorm and one product from the kept resid_attn, not the whole block again).
    `params` are the weights as stored: fast_small's SmallWeights rows give the same numbers as these."""

    def __init__(self, params: Params, config: GPTConfig, layer: int, ops=Plain):
        self.params, self.config, self.p, self.ops = params, config, f"h.{layer}.", ops
        # [T, a] x [a, T'] for one head, as attention multiplies head by head (one BLAS thread in Fast)
        self.head_product = getattr(ops, "head_context", Plain.head_context)

    def _norm(self, x, name: str):  # [T, C] -> [T, C]
        w = self.params
        return self.ops.layer_norm(x, w[self.p + name + ".weight"], w[self.p + name + ".bias"],
                                   self.config.layer_norm_epsilon)

    def _linear(self, x, name: str):  # [T, in] -> [T, out], BLAS threads as the forward had them
        with self.ops.blas_threads(len(x), self.config):
            return self.ops.linear(x, self.params[self.p + name + ".weight"], self.params[self.p + name + ".bias"])

    def ln_1(self, x):  # [T, C] -> [T, C]
        return self._norm(x, "ln_1")

    heads_concat = staticmethod(merge_heads)  # [H, T, d] -> [T, C]

    def attn_out(self, heads_concat):  # [T, C] -> [T, C]
        return self._linear(heads_concat, "attn.c_proj")

    def ln_2(self, resid_attn):  # [T, C] -> [T, C]
        return self._norm(resid_attn, "ln_2")

    def ffn_pre(self, ln_2):  # [T, C] -> [T, F]
        return self._linear(ln_2, "mlp.c_fc")

    def ffn_out(self, ffn_pre):  # [T, F] -> [T, C]
        return self._linear(self.ops.activation(self.config.activation_function, ffn_pre), "mlp.c_proj")
