"""The GPT-2-style forward pass of the classroom, written in the order the lesson tells it.

Weights keep GPT-2's own names (wte, wpe, h.N.ln_1, h.N.attn.c_attn, h.N.attn.c_proj, h.N.ln_2,
h.N.mlp.c_fc, h.N.mlp.c_proj, ln_f) and layouts ([in, out], as GPT-2's Conv1D). `forward` returns a
Trace holding every intermediate value (the scores, scaled scores, FFN activations, logits and probabilities
are recomputed by Trace when first asked, with the same float operations).
"""
from __future__ import annotations

import numpy as np

from . import parallel, whatif
from .config import GPTConfig
from .functions import ACTIVATION, attention_mask, divide_scores, dot_scores, layer_norm, linear, softmax
from .trace import LayerTrace, Trace

Params = dict  # name -> np.ndarray


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


def embed(ids: np.ndarray, params: Params):  # [T] -> [T, C], [T, C], [T, C]
    tok = params["wte.weight"][ids]
    pos = params["wpe.weight"][: len(ids)]
    return tok, pos, tok + pos


ROWS = 64  # students per block of rows in attention: a block scores only the classmates up to its last student


def attention(q, k, v, rule: str = "causal", divisor: float | None = None,
              edits=()):  # [H, T, d] x3 -> [H, T, T], [H, T, d]
    """Self-attention for every head at once: scores, scaled (÷ divisor, by default sqrt(d); see
    GPTConfig.score_divisor), masked, softmax, share-weighted mix.
    `rule` is the classroom's rule: "causal" (in turn) or "none" (discussion, nothing masked). `edits` are this
    layer's what-if edits of raw scores and mask cells (model.whatif): they take the plain one-block path.

    Long causal inputs go in blocks of ROWS students. Student i may hear only students 0..i, so a block needs
    the classmates up to its last student; the rest of its rows is 0. This skips about half the work at
    long inputs and keeps each block in cache. The scores are not kept (Trace recomputes them when asked).
    Big inputs share the heads out over the cores (parallel.in_parts), each part with one BLAS thread."""
    H, T, d = q.shape
    weights, context = np.empty((H, T, T), q.dtype), np.empty_like(q)
    mask = whatif.edited_mask(attention_mask(T, rule), edits)
    divisor = np.sqrt(d) if divisor is None else divisor
    if edits:  # what-if: the whole matrix at once, with the edited scores and mask cells
        _attend(q, k, v, mask, weights, context, divisor, edits=edits)
        return {"weights": weights, "context": context}

    def heads(a: int, b: int) -> None:  # heads a..b-1, every block of students
        if (a, b) == (0, H):  # no slicing on the six-student path, where each view costs
            qh, kh, vh, wh, ch = q, k, v, weights, context
        else:
            qh, kh, vh, wh, ch = q[a:b], k[a:b], v[a:b], weights[a:b], context[a:b]
        if T <= ROWS or rule != "causal":  # one block (in discussion every row hears every column)
            _attend(qh, kh, vh, mask, wh, ch, divisor)
            return
        for r0 in range(0, T, ROWS):
            r1 = min(T, r0 + ROWS)
            _attend(qh[:, r0:r1], kh[:, :r1], vh[:, :r1], mask[r0:r1, r0:r1], wh[:, r0:r1, :r1], ch[:, r0:r1], divisor,
                    r0)
            wh[:, r0:r1, r1:] = 0  # students after the block: not heard at all

    work = H * T * (T + d)  # about the numbers this attention writes (weights and context)
    if parallel.parts_for(H, work) > 1 and parallel.blas_controllable():
        with parallel.one_blas_thread():
            parallel.in_parts(heads, H, work)
    else:
        heads(0, H)
    return {"weights": weights, "context": context}


def _attend(q, k, v, mask, weights, context, divisor, first: int = 0,
            edits=()) -> None:  # rows of students -> weights, context
    """Students first.. of a block (q), hearing students 0.. (k, v); mask covers the columns from `first` on,
    the only ones that can hold a later student. `edits` (whole matrix only) replace raw scores."""
    dot_scores(q, k, out=weights)                    # question . self-introduction
    whatif.apply_scores(weights, edits)              # a teacher's "what if this score were …"
    divide_scores(weights, divisor, out=weights)     # keep the dot products in softmax's range
    np.copyto(weights[..., first:], -np.inf, where=mask)  # later students: -inf
    softmax(weights, out=weights)                    # shares of attention; masked ones exactly 0
    np.matmul(weights, v, out=context)               # share-weighted mix of opinions


def per_student(step, x: np.ndarray, *args) -> np.ndarray:  # [T, n] -> [T, n]
    """step(x, *args) for a step that treats each student alone (LayerNorm, the FFN's activation): ranges
    of students are shared over the cores when the input is big, each written into its rows of one array."""
    if parallel.parts_for(len(x), x.size) == 1:  # small: as a plain call (the six-student lesson's path)
        return step(x, *args)
    out = np.empty_like(x)
    parallel.in_parts(lambda a, b: step(x[a:b], *args, out=out[a:b]), len(x), x.size)
    return out


def block(x, params: Params, config: GPTConfig, layer: int, rule: str = "causal",
          edits=()) -> LayerTrace:  # [T, C] -> LayerTrace; edits: this layer's what-if edits
    p = f"h.{layer}."
    T, C, H, d = x.shape[0], config.n_embd, config.n_head, config.d_head
    eps = config.layer_norm_epsilon

    # pre-LayerNorm, then qkv projection (W_Q, W_K, W_V for all heads in one matrix)
    ln_1 = per_student(layer_norm, x, params[p + "ln_1.weight"], params[p + "ln_1.bias"], eps)
    qkv = linear(ln_1, params[p + "attn.c_attn.weight"], params[p + "attn.c_attn.bias"])  # [T, 3C]

    # split into heads: [T, 3C] -> [3, H, T, d], copied once so each head's cards are contiguous for matmul
    q, k, v = np.ascontiguousarray(qkv.reshape(T, 3, H, d).transpose(1, 2, 0, 3))
    whatif.apply_cards(q, k, v, edits)  # a teacher's "what if this card said …"

    # self-attention under the classroom's rule, every head at once
    scored = [e for e in edits if e.kind in ("score", "mask")]
    att = attention(q, k, v, rule, config.score_divisor(layer), scored)

    # merge heads, out projection (W_O), residual add
    heads_concat = att["context"].transpose(1, 0, 2).reshape(T, C)
    attn_out = linear(heads_concat, params[p + "attn.c_proj.weight"], params[p + "attn.c_proj.bias"])
    resid_attn = x + attn_out

    # feed-forward: each student thinks alone
    ln_2 = per_student(layer_norm, resid_attn, params[p + "ln_2.weight"], params[p + "ln_2.bias"], eps)
    ffn_pre = linear(ln_2, params[p + "mlp.c_fc.weight"], params[p + "mlp.c_fc.bias"])
    ffn_hidden = per_student(ACTIVATION[config.activation_function], ffn_pre)
    ffn_out = linear(ffn_hidden, params[p + "mlp.c_proj.weight"], params[p + "mlp.c_proj.bias"])
    output = resid_attn + ffn_out

    return LayerTrace(x=x, ln_1=ln_1, q=q, k=k, v=v, mask=whatif.edited_mask(attention_mask(T, rule), scored),
                      heads_concat=heads_concat, edits=tuple(scored),
                      attn_out=attn_out, resid_attn=resid_attn, ln_2=ln_2, ffn_pre=ffn_pre,
                      ffn_out=ffn_out, output=output, activation=config.activation_function,
                      divisor=config.score_divisor(layer),
                      weights=att["weights"], context=att["context"])  # scores, scaled: recomputed when asked


def forward(ids, params: Params, config: GPTConfig, tokens: list[str] | None = None,
            unknown: list[bool] | None = None, mask: str = "causal", edits=()) -> Trace:  # [T] -> Trace
    """The sentence through every block; `mask` is the classroom's rule, "causal" (GPT's, the default) or
    "none" (discussion: every student hears every other); `edits` are what-if edits (model.whatif.Edit),
    each applied where its number is made, so everything after it follows from it."""
    ids = np.asarray(ids, dtype=np.int64)
    if ids.ndim != 1 or len(ids) == 0:
        raise ValueError("forward needs a non-empty 1-D sequence of token ids")
    if len(ids) > config.n_positions:
        raise ValueError(f"{len(ids)} tokens is more than the model's context of {config.n_positions}")
    attention_mask(1, mask)  # an unknown rule is refused before any work
    if np.minimum.reduce(ids) < 0 or np.maximum.reduce(ids) >= config.vocab_size:
        raise ValueError(f"token ids must lie in [0, {config.vocab_size})")
    whatif.check(edits, len(ids), config)

    tok, pos, emb = embed(ids, params)
    x = emb
    layers = []
    for layer in range(config.n_layer):
        layers.append(block(x, params, config, layer, mask, whatif.of_layer(edits, layer)))
        x = layers[-1].output

    # final LayerNorm, then compare with every vocabulary word (wte, or lm_head when the folder has its own)
    ln_f = per_student(layer_norm, x, params["ln_f.weight"], params["ln_f.bias"], config.layer_norm_epsilon)
    # comparing with every vocabulary word (logits, probabilities) happens in Trace when first asked

    T = len(ids)
    return Trace(config=config, token_ids=ids, tokens=list(tokens) if tokens else [str(i) for i in ids.tolist()],
                 unknown=list(unknown) if unknown else [False] * T, tok_embedding=tok, pos_embedding=pos,
                 embedding=emb, layers=layers, ln_f=ln_f, params=params, mask_rule=mask,
                 edits=tuple(edits))
