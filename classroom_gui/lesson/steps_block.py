"""Beat builders for chapters 10-13: many heads with W_O and the residual, the feed-forward step with
the model's own activation (ReLU, GELU, …), the further layers, and the answer over the vocabulary.
Same `ctx` as steps_attention.
"""
from __future__ import annotations

import numpy as np

from ..model.activations import DISPLAY, RANGE, SHAPE
from .frame import Bars, Frame, Link
from .numbers import fmt, temperature_probs, vec
from .answers import answer_ids, seat_guesses
from .panels import heatmap, layer_view
from .strings import table

TOP_WORDS = 10


def heads(ctx, fr: Frame):
    L, f, c = ctx.L, ctx.f, ctx.trace.config
    step = ctx.beat.key.split(".")[1]
    for s in ctx.desks(fr):
        j = s.index
        s.notebook = ctx.strip("notebook", L.x[j])
        if step == "others":
            s.cards = [ctx.strip("context", L.context[h, j], label_key="card.context") for h in range(c.n_head)]
            for h, strip in enumerate(s.cards):
                strip.label = f"{strip.label} {h + 1}"
        elif step == "concat":
            s.cards = [ctx.strip("context", L.heads_concat[j], ctx.alpha, "card.concat")]
        elif step == "project":
            s.cards = [ctx.strip("context", L.attn_out[j], ctx.alpha, "card.projected")]
        else:
            s.notebook = ctx.strip("notebook", L.resid_attn[j])
            s.cards = [ctx.strip("notebook", L.ln_2[j], ctx.alpha, "board.layernorm_short")]
    fr.narration = ctx.t(f"heads.{step}", h=c.n_head, d=c.d_head, c=c.n_embd, head=ctx.sel.head + 1)
    name = ctx.q(f)
    if step == "others":
        fr.board = []
        for h in range(c.n_head):
            w = L.weights[h, f]
            best = int(np.argmax(w))
            fr.board.append(ctx.t("board.head", head=h + 1, name=name, other=ctx.q(best), w=fmt(w[best])))
    elif step == "concat":
        fr.board = [ctx.t("board.concat", name=name)] + vec(L.heads_concat[f])
    elif step == "project":
        fr.board = [ctx.t("board.project", name=name)] + vec(L.attn_out[f])
    else:
        fr.board = ([ctx.t("board.residual", name=name)] + vec(L.resid_attn[f]) +
                    [ctx.t("board.layernorm", name=name)] + vec(L.ln_2[f]))
    fr.heatmap = heatmap(ctx, rows=list(range(ctx.trace.n_tokens)))


def ffn(ctx, fr: Frame):
    L, f, c = ctx.L, ctx.f, ctx.trace.config
    step = ctx.beat.key.split(".")[1]
    negative = L.ffn_pre[f] < 0
    neg = int(negative.sum())
    act, shape = DISPLAY[c.activation_function], SHAPE[c.activation_function]
    activated = ctx.t("card.activated", act=act)  # the label of every strip holding act(hidden units)
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", L.output[s.index] if step == "residual" else L.resid_attn[s.index])
    name = ctx.q(f)
    if step == "hidden":
        fr.board_strips = [ctx.strip("hidden", L.ffn_pre[f], ctx.alpha)]
        fr.board = [ctx.t("board.hidden", name=name)]
    elif step == "activation":
        zeroed = [bool(z) for z in negative] if shape == "zero" else []  # crossed out: only where set to 0
        fr.board_strips = [ctx.strip("hidden", L.ffn_pre[f]),
                           ctx.strip("hidden", L.ffn_hidden_at(f), ctx.alpha, zeroed=zeroed)]
        fr.board_strips[1].label = activated
        fr.board = [ctx.t("board.hidden", name=name),
                    ctx.t("board.act_zero" if shape == "zero" else "board.act", name=name, act=act)]
    else:
        fr.board_strips = [ctx.strip("hidden", L.ffn_hidden_at(f))]
        fr.board_strips[0].label = activated
        fr.board = [ctx.t("board.ffn_out", name=name, act=act)] + vec(L.output[f])
    # no attention map on the board: thinking alone hears nobody, and the 64 hidden units need its height
    # for numbers a projector shows (14 px and up)
    fr.heatmap = heatmap(ctx, rows=[])
    key = f"ffn.{step}"
    if step == "activation":  # a sentence for this activation if it has one, else for its kind
        key = f"ffn.act.{c.activation_function}"
        key = key if key in table("en") else f"ffn.act.{shape}"
    fr.narration = ctx.t(key, f=c.d_ffn, neg=neg, focus=name, c=c.n_embd, layer=ctx.sel.layer + 1, act=act,
                         range=RANGE.get(c.activation_function, ""))


def layers(ctx, fr: Frame):
    k, f, c = ctx.beat.arg, ctx.f, ctx.trace.config
    layer = ctx.trace.layers[k]
    h = layer.head(ctx.sel.head)
    for s in ctx.desks(fr):  # the notebook the layer's cards are written from; the board shows where it goes
        s.notebook = ctx.strip("notebook", layer.x[s.index])
        s.cards = ctx.cards(s.index, layer=layer, raised=s.index == f)
    w = h.weights[f]
    heard = [j for j in range(ctx.trace.n_tokens) if not h.mask[f, j]]
    best = max(heard, key=lambda j: w[j])
    fr.links = [Link(f, j, float(w[j]), "weight", fmt(w[j])) for j in heard]
    fr.heatmap = heatmap(ctx, rows=list(range(ctx.trace.n_tokens)), layer=k)
    fr.layer_view = layer_view(ctx, upto=k + 1)
    fr.narration = ctx.t("layers.layer", layer=k + 1, n_layer=c.n_layer, focus=ctx.q(f), name=ctx.q(best),
                         w=fmt(w[best]))
    fr.board = [ctx.t("board.layer", layer=k + 1, name=ctx.q(f))] + vec(layer.output[f])


def answer(ctx, fr: Frame):
    """Answer time, always under GPT's rule (in turn): the last student's words, and at every seat the word the
    class guesses comes after it."""
    tr = ctx.trace  # frame_at gives answer time GPT's rule (rules.ANSWER_RULE)
    last = tr.n_tokens - 1
    vocab = _vocabulary(tr)
    logits = tr.next_logits
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", tr.layers[-1].output[s.index])
    for s in fr.students:
        s.state = "focus" if s.index == last else "normal"
    for s, (word, _p) in zip(fr.students, seat_guesses(tr)):
        s.badge = ctx.t("badge.guess", word=ctx.word(vocab[word]))  # quoted: a particle (→ 「の」) is a word too
    probs = temperature_probs(logits, ctx.sel.temperature)
    top = answer_ids(tr, probs, TOP_WORDS)  # most probable first; a rare word of the other language left out
    if ctx.beat.key == "answer.norm":  # the final LayerNorm (ln_f) gets its own step before the logits use it
        if ctx.desks(fr):
            fr.students[last].cards = [ctx.strip("notebook", tr.ln_f[last], ctx.alpha, "card.final_notebook")]
        fr.board = [ctx.t("board.layer", layer=tr.config.n_layer, name=ctx.q(last))] + vec(tr.layers[-1].output[last])
        fr.board += [ctx.t("board.final_norm", name=ctx.q(last))] + vec(tr.ln_f[last])
        fr.narration = ctx.t("answer.norm", last=ctx.q(last))
        return
    fr.answer_id = int(top[0])
    if ctx.desks(fr):  # the last notebook after the final LayerNorm: the one compared with every word
        fr.students[last].notebook = ctx.strip("notebook", tr.ln_f[last], label_key="card.final_notebook")
    if ctx.beat.key == "answer.logits":
        fr.bars = Bars(ctx.t("bars.logits"), [vocab[i] for i in top], [float(logits[i]) for i in top], "query")
        fr.board = [ctx.t("board.logit", word=ctx.word(vocab[i]), logit=fmt(logits[i])) for i in top]
        fr.narration = ctx.t("answer.logits", last=ctx.q(last), v=len(logits))
    else:
        fr.bars = Bars(ctx.t("bars.probs"), [vocab[i] for i in top], [float(probs[i]) for i in top], "weight",
                       highlight=0, total=ctx.t("bars.sum", total=fmt(probs.sum(), 3)))
        fr.board = [ctx.t("board.prob", word=ctx.word(vocab[i]), p=fmt(probs[i], 3)) for i in top]
        fr.narration = ctx.t("answer.softmax", temp=fmt(ctx.sel.temperature, 1), top=ctx.word(vocab[top[0]]),
                             p=fmt(probs[top[0]], 3))


def _vocabulary(trace) -> list[str]:
    return trace.vocab or [str(i) for i in range(trace.config.vocab_size)]


BUILDERS = {"heads.others": heads, "heads.concat": heads, "heads.project": heads, "heads.residual": heads,
            "ffn.hidden": ffn, "ffn.activation": ffn, "ffn.residual": ffn, "layers.layer": layers,
            "answer.norm": answer, "answer.logits": answer, "answer.softmax": answer}
