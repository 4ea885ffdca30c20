"""Beat builders for chapters 0-9: seats, embedding, cards, the question, scoring, scaling, the mask,
softmax, listening and everyone at once. Each builder fills a Frame from the trace's numbers.

`ctx` is state.Ctx: the trace, the selection, the beat, its eased progress `alpha`, the focus seat `f`,
the selected layer `L` and head `H`.
"""
from __future__ import annotations

import math

import numpy as np

from .frame import Bars, Frame, Link
from .numbers import board_list, exp_row, factor, fmt, signed_sum, vec
from .panels import heatmap

MASKED_OPACITY = 0.45  # students who have not spoken yet stay faded from the mask chapter on


def seats_sit(ctx, fr: Frame):
    n = ctx.trace.n_tokens
    for s in fr.students:  # students come in one after another
        s.opacity = min(1.0, max(0.0, ctx.alpha * (n + 1) - s.index))
    sep = "、" if ctx.sel.lang == "ja" else ", "
    fr.narration = ctx.t("seats.sit", n=n, names=sep.join(ctx.names))


def embedding(ctx, fr: Frame):
    tr, f, step = ctx.trace, ctx.f, ctx.beat.key.split(".")[1]
    for s in ctx.desks(fr):
        j = s.index
        if step == "sum":
            s.notebook = ctx.strip("notebook", tr.embedding[j], ctx.alpha)
            s.cards = [ctx.strip("token", tr.tok_embedding[j], 1 - ctx.alpha, "card.token"),
                       ctx.strip("position", tr.pos_embedding[j], 1 - ctx.alpha, "card.position")]
        else:
            s.cards = [ctx.strip("token", tr.tok_embedding[j], ctx.alpha if step == "token" else 1.0, "card.token")]
            if step == "position":
                s.cards.append(ctx.strip("position", tr.pos_embedding[j], ctx.alpha, "card.position"))
    shown = {"token": tr.tok_embedding, "position": tr.pos_embedding, "sum": tr.embedding}[step][f]
    fr.narration = ctx.t(f"embedding.{step}", c=tr.config.n_embd, focus=ctx.names[f], seat=f + 1,
                         first=fmt(shown[0]))
    head = {"token": "board.token", "position": "board.position", "sum": "board.sum"}[step]
    fr.board = [ctx.t(head, name=ctx.names[f], seat=f + 1)] + vec(shown)


def cards(ctx, fr: Frame):
    step = ctx.beat.key.split(".")[1]
    grow = {"query": (ctx.alpha, 0.0, 0.0), "key": (1.0, ctx.alpha, 0.0), "value": (1.0, 1.0, ctx.alpha)}[step]
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", ctx.L.x[s.index])
        s.cards = ctx.cards(s.index, *grow)
    H, f, d = ctx.H, ctx.f, ctx.trace.config.d_head
    card = {"query": H.q, "key": H.k, "value": H.v}[step][f]
    fr.narration = ctx.t(f"cards.{step}", layer=ctx.sel.layer + 1, head=ctx.sel.head + 1, d=d)
    matrix = {"query": "W_Q", "key": "W_K", "value": "W_V"}[step]
    fr.board = [ctx.t("board.card_formula", card=ctx.t(f"card.{step}"), matrix=matrix),
                f"{ctx.names[f]}:"] + vec(card)


def _class_with_cards(ctx, fr: Frame, masked_after_focus: bool = False):
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", ctx.L.x[s.index])
        s.cards = ctx.cards(s.index, raised=s.index == ctx.f)
    if masked_after_focus:
        for s in fr.students[ctx.f + 1:]:
            s.state = "masked"
            s.opacity = MASKED_OPACITY


def question(ctx, fr: Frame):
    _class_with_cards(ctx, fr)
    fr.links = [Link(ctx.f, j, 0.15, "key", progress=ctx.alpha) for j in range(ctx.trace.n_tokens) if j != ctx.f]
    fr.narration = ctx.t("question.raise", focus=ctx.names[ctx.f])
    fr.board = [ctx.t("card.query") + f" ({ctx.names[ctx.f]}):"] + vec(ctx.H.q[ctx.f])


def scoring(ctx, fr: Frame):
    _class_with_cards(ctx, fr)
    H, f, n = ctx.H, ctx.f, ctx.trace.n_tokens
    rest = ctx.beat.key == "scoring.rest"
    upto = n - 1 if rest else ctx.beat.arg
    scores = H.scores[f]
    for s in fr.students[: upto + 1]:
        s.badge = fmt(scores[s.index])
    if rest:
        best = int(np.argmax(scores))
        fr.narration = ctx.t("scoring.rest", name=ctx.names[best], score=fmt(scores[best]))
        fr.links = [Link(f, j, 0.3, "key", fmt(scores[j])) for j in range(ctx.beat.arg, n)]
        fr.board, fr.board_more = board_list(range(n), lambda j: f"{ctx.names[j]}: {fmt(scores[j])}")
    else:
        j = ctx.beat.arg
        fr.students[j].state = "active" if j != f else "focus"
        fr.links = [Link(f, j, 0.3, "key", fmt(scores[j]), progress=ctx.alpha)]
        products = H.q[f] * H.k[j]
        terms = [f"{factor(a)}×{factor(b)}" for a, b in zip(H.q[f], H.k[j])]
        fr.board = [f"{ctx.names[f]} · {ctx.names[j]}", ctx.t("board.products", terms=" + ".join(terms[:2]))]
        fr.board += ["    + " + " + ".join(terms[i:i + 2]) for i in range(2, len(terms), 2)]
        fr.board += [ctx.t("board.equals", value=signed_sum(products[:4]) + (" + …" if len(products) > 4 else "")),
                     ctx.t("board.equals", value=fmt(scores[j]))]
        fr.narration = ctx.t("scoring.classmate", focus=ctx.names[f], name=ctx.names[j], score=fmt(scores[j]),
                             d=ctx.trace.config.d_head)
    fr.bars = Bars(ctx.t("bars.scores"), ctx.names[: upto + 1], [float(v) for v in scores[: upto + 1]], "key",
                   highlight=-1 if rest else upto)


def scaling(ctx, fr: Frame):
    _class_with_cards(ctx, fr)
    H, f, c = ctx.H, ctx.f, ctx.trace.config
    d, layer = c.d_head, ctx.sel.layer + 1
    root = fmt(H.divisor)  # sqrt(d), unless the model's config scales otherwise (GPTConfig.score_divisor)
    if c.scale_attn_by_inverse_layer_idx:
        key = "scaling.by_layer" if c.scale_attn_weights else "scaling.layer_only"
    else:
        key = "scaling.divide" if c.scale_attn_weights else "scaling.none"
    fr.narration = ctx.t(key, d=d, sqrt=root, layer=layer)
    fr.board, fr.board_more = board_list(range(ctx.trace.n_tokens), lambda j: ctx.t(
        "board.scaled", name=ctx.names[j], score=fmt(H.scores[f, j]), sqrt=root, scaled=fmt(H.scaled[f, j])))
    fr.bars = Bars(ctx.t("bars.scaled"), ctx.names, [float(v) for v in H.scaled[f]], "key",
                   from_values=[float(v) for v in H.scores[f]], morph=ctx.alpha)


def mask(ctx, fr: Frame):
    _class_with_cards(ctx, fr, masked_after_focus=True)
    H, f, n = ctx.H, ctx.f, ctx.trace.n_tokens
    for s in fr.students[f + 1:]:
        s.opacity = 1 - (1 - MASKED_OPACITY) * ctx.alpha
    key = "mask.future" if f < n - 1 else "mask.none"
    fr.narration = ctx.t(key, focus=ctx.names[f])
    fr.board, fr.board_more = board_list(range(n), lambda j: ctx.t("board.masked", name=ctx.names[j]) if H.mask[f, j]
                          else f"{ctx.names[j]}: {fmt(H.scaled[f, j])}")
    fr.bars = Bars(ctx.t("bars.scaled"), ctx.names, [-math.inf if H.mask[f, j] else float(H.scaled[f, j]) for j in range(n)],
                   "key", masked=[bool(m) for m in H.mask[f]])  # a later student's score is now −∞


def softmax(ctx, fr: Frame):
    _class_with_cards(ctx, fr, masked_after_focus=True)
    H, f, n = ctx.H, ctx.f, ctx.trace.n_tokens
    step = ctx.beat.key.split(".")[1]
    e = exp_row(H.scaled[f], H.mask[f])
    total = float(e.sum())
    masked = [bool(m) for m in H.mask[f]]
    seen = [j for j in range(n) if not masked[j]]
    if step == "exp":
        fr.board, fr.board_more = board_list(range(n), lambda j: ctx.t("board.masked", name=ctx.names[j]) if masked[j] else
                              ctx.t("board.exp", name=ctx.names[j], scaled=fmt(H.scaled[f, j]), e=fmt(e[j], 3)))
        fr.bars = Bars(ctx.t("bars.exp"), ctx.names, e.tolist(), "weight", masked=masked)
        fr.narration = ctx.t("softmax.exp")
    elif step == "sum":
        fr.board = [ctx.t("board.sum_exp", terms=" + ".join(fmt(e[j], 3) for j in seen[:6]) + (" + …" if len(seen) > 6 else ""),
                          total=fmt(total, 3))]
        fr.bars = Bars(ctx.t("bars.exp"), ctx.names, e.tolist(), "weight", masked=masked,
                       total=ctx.t("bars.sum", total=fmt(total, 3)))
        fr.narration = ctx.t("softmax.sum", total=fmt(total, 3))
    else:
        w = H.weights[f]
        best = int(np.argmax(w))
        fr.board, fr.board_more = board_list(seen, lambda j: ctx.t("board.weight", name=ctx.names[j], e=fmt(e[j], 3),
                                                    total=fmt(total, 3), w=fmt(w[j], 3)))
        fr.bars = Bars(ctx.t("bars.weights"), ctx.names, [float(v) for v in w], "weight", masked=masked,
                       total=ctx.t("bars.sum", total=fmt(w.sum(), 3)), from_values=e.tolist(), morph=ctx.alpha)
        fr.links = [Link(f, j, float(w[j]), "weight", fmt(w[j])) for j in seen]
        for j in seen:
            fr.students[j].badge = fmt(w[j])
        fr.narration = ctx.t("softmax.weights", focus=ctx.names[f], name=ctx.names[best], w=fmt(w[best]))


def listening(ctx, fr: Frame):
    _class_with_cards(ctx, fr, masked_after_focus=True)
    H, f = ctx.H, ctx.f
    w = H.weights[f]
    seen = [j for j in range(ctx.trace.n_tokens) if not H.mask[f, j]]
    for j in seen:
        fr.students[j].badge = fmt(w[j])
    fr.bars = Bars(ctx.t("bars.weights"), ctx.names, [float(v) for v in w], "weight",
                   masked=[bool(m) for m in H.mask[f]], total=ctx.t("bars.sum", total=fmt(w.sum(), 3)))
    if ctx.beat.key == "listening.travel":
        fr.links = [Link(j, f, float(w[j]), "value", fmt(w[j]), progress=ctx.alpha) for j in seen]
        fr.board, fr.board_more = board_list(seen, lambda j: ctx.t("board.travel", w=fmt(w[j]), name=ctx.names[j]))
        fr.narration = ctx.t("listening.travel", focus=ctx.names[f])
    else:
        fr.links = [Link(j, f, float(w[j]), "value", fmt(w[j])) for j in seen]
        if ctx.desks(fr):
            fr.students[f].cards.append(ctx.strip("context", H.context[f], ctx.alpha))
        fr.board = [ctx.t("board.context", name=ctx.names[f])] + vec(H.context[f])
        fr.narration = ctx.t("listening.merge", focus=ctx.names[f])


def everyone(ctx, fr: Frame):
    n = ctx.trace.n_tokens
    rows = int(np.ceil(ctx.alpha * n - 1e-9))
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", ctx.L.x[s.index])
        s.cards = ctx.cards(s.index) + [ctx.strip("context", ctx.H.context[s.index], 1.0 if s.index < rows else 0.0)]
    fr.heatmap = heatmap(ctx, rows=list(range(rows)))
    fr.narration = ctx.t("everyone.matrix")
    fr.board, fr.board_more = board_list(range(rows), lambda i: f"{ctx.names[i]}: " + ", ".join(
        fmt(w) for w in ctx.H.weights[i, : min(i + 1, 8)]))


BUILDERS = {"seats.sit": seats_sit, "embedding.token": embedding, "embedding.position": embedding,
            "embedding.sum": embedding, "cards.query": cards, "cards.key": cards, "cards.value": cards,
            "question.raise": question, "scoring.classmate": scoring, "scoring.rest": scoring,
            "scaling.divide": scaling, "mask.future": mask, "softmax.exp": softmax, "softmax.sum": softmax,
            "softmax.weights": softmax, "listening.travel": listening, "listening.merge": listening,
            "everyone.matrix": everyone}
