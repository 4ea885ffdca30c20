"""Beat builders for chapters 0-9: seats, embedding, cards, the question, scoring, scaling, the mask,
softmax, listening and everyone at once. Each builder fills a Frame from the trace's numbers.

`ctx` is state.Ctx: the trace, the selection, the beat, its eased progress `alpha`, the focus seat `f`,
the selected layer `L` and head `H`.
"""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from .frame import Bars, Frame, Link
from .numbers import (ShownSoftmax, board_list, factor, fmt, hand_product, hand_sum, shown_softmax, signed_terms,
                      vec)
from . import rules
from .panels import heatmap

MASKED_OPACITY = 0.45  # students who have not spoken yet stay faded from the mask chapter on


def seats_sit(ctx, fr: Frame):
    n = ctx.trace.n_tokens
    for s in fr.students:  # students come in one after another
        s.opacity = min(1.0, max(0.0, ctx.alpha * (n + 1) - s.index))
    fr.narration = ctx.t("seats.sit", n=n, names=ctx.name_list(range(n)))


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
    fr.narration = ctx.t(f"embedding.{step}", c=tr.config.n_embd, focus=ctx.q(f), seat=f + 1, first=fmt(shown[0]))
    head = {"token": "board.token", "position": "board.position", "sum": "board.sum"}[step]
    fr.board = [ctx.t(head, name=ctx.q(f), seat=f + 1)] + vec(shown)


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
                ctx.t("board.card_of", card=ctx.t(f"card.{step}"), name=ctx.q(f))] + vec(card)


def _class_with_cards(ctx, fr: Frame, masked_after_focus: bool = False):
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", ctx.L.x[s.index])
        s.cards = ctx.cards(s.index, raised=s.index == ctx.f)
    if masked_after_focus:
        for s in fr.students:
            if ctx.H.mask[ctx.f, s.index]:
                s.state = "masked"
                s.opacity = MASKED_OPACITY


def question(ctx, fr: Frame):
    _class_with_cards(ctx, fr)
    fr.links = [Link(ctx.f, j, 0.15, "key", progress=ctx.alpha) for j in range(ctx.trace.n_tokens) if j != ctx.f]
    fr.narration = ctx.t("question.raise", focus=ctx.q(ctx.f))
    fr.board = [ctx.t("board.card_of", card=ctx.t("card.query"), name=ctx.q(ctx.f))] + vec(ctx.H.q[ctx.f])


ALL_TERMS = 16  # a dot product of up to this many products is written out whole (the teaching model's 8)


def dot_lines(ctx, f: int, j: int) -> list[str]:
    """The score of f's question against j's self-introduction written out as one would by hand: the
    factors with 3 decimals, each product of the factors as written, and the score (redoing the lines
    from the digits shown gives the same numbers, the sum within 0.01). A long card (GPT-2's 64) shows its
    first products only."""
    qs = [fmt(a, 3) for a in ctx.H.q[f]]
    ks = [fmt(b, 3) for b in ctx.H.k[j]]
    terms = [f"{factor(a, 3)}×{factor(b, 3)}" for a, b in zip(qs, ks)]
    lines = [ctx.t("board.dot", asker=ctx.q(f), name=ctx.q(j))]
    if len(terms) > ALL_TERMS:
        lines.append(ctx.t("board.products", terms=" + ".join(terms[:2])))
        lines.append("    + " + " + ".join(terms[2:4]) + f" + … (+{len(terms) - 4})")
        return lines + [ctx.t("board.equals", value=fmt(ctx.H.scores[f, j]))]
    lines.append(ctx.t("board.products", terms=" + ".join(terms[:2])))
    lines += ["    + " + " + ".join(terms[i:i + 2]) for i in range(2, len(terms), 2)]
    products = [hand_product(a, b) for a, b in zip(qs, ks)]
    lines += [("  = " if i == 0 else "    ") + signed_terms(products[i:i + 4], first=i == 0)
              for i in range(0, len(products), 4)]
    # the model's score, as on the desk's badge: the products as written add up to it within 0.01
    return lines + [ctx.t("board.equals", value=fmt(ctx.H.scores[f, j]))]


def heard(ctx) -> list[int]:  # the classmates the asker can hear (all but the masked ones)
    return [j for j in range(ctx.trace.n_tokens) if not ctx.H.mask[ctx.f, j]]


def scoring(ctx, fr: Frame):
    _class_with_cards(ctx, fr)
    H, f, n = ctx.H, ctx.f, ctx.trace.n_tokens
    rest = ctx.beat.key == "scoring.rest"
    upto = n - 1 if rest else ctx.beat.arg
    scores = H.scores[f]
    for s in fr.students[: upto + 1]:
        s.badge = fmt(scores[s.index])
    if rest:
        best = max(heard(ctx), key=lambda j: scores[j])  # a masked classmate is not heard, whatever its score
        fr.narration = ctx.t("scoring.rest", focus=ctx.q(f), name=ctx.q(best), score=fmt(scores[best]))
        fr.links = [Link(f, j, 0.3, "key", fmt(scores[j])) for j in range(ctx.beat.arg, n)]
        fr.board, fr.board_more = board_list(range(n), lambda j: ctx.t("board.row", name=ctx.q(j),
                                                                        weights=fmt(scores[j])))
    else:
        j = ctx.beat.arg
        fr.students[j].state = "active" if j != f else "focus"
        fr.links = [Link(f, j, 0.3, "key", fmt(scores[j]), progress=ctx.alpha)]
        fr.board = dot_lines(ctx, f, j)
        fr.narration = ctx.t("scoring.classmate", focus=ctx.q(f), name=ctx.q(j), score=fmt(scores[j]),
                             d=ctx.trace.config.d_head)
    fr.bars = Bars(ctx.t("bars.scores"), ctx.names[: upto + 1], [float(v) for v in scores[: upto + 1]], "key",
                   highlight=-1 if rest else upto)


def scaling(ctx, fr: Frame):
    _class_with_cards(ctx, fr)
    H, f, c = ctx.H, ctx.f, ctx.trace.config
    d, layer = c.d_head, ctx.sel.layer + 1
    # sqrt(d), unless the model's config scales otherwise (GPTConfig.score_divisor); 3 decimals, so that
    # dividing the shown score by it redoes the shown result
    root = fmt(H.divisor, 3)
    if c.scale_attn_by_inverse_layer_idx:
        key = "scaling.by_layer" if c.scale_attn_weights else "scaling.layer_only"
    else:
        key = "scaling.divide" if c.scale_attn_weights else "scaling.none"
    fr.narration = ctx.t(key, d=d, sqrt=root, layer=layer)
    fr.board, fr.board_more = board_list(range(ctx.trace.n_tokens), lambda j: ctx.t(
        "board.scaled", name=ctx.q(j), score=fmt(H.scores[f, j]), sqrt=root, scaled=fmt(H.scaled[f, j])))
    fr.bars = Bars(ctx.t("bars.scaled"), ctx.names, [float(v) for v in H.scaled[f]], "key",
                   from_values=[float(v) for v in H.scores[f]], morph=ctx.alpha)


def mask(ctx, fr: Frame):
    """GPT's rule beside discussion, on the same sentence and weights: the asker's shares without the mask
    (left) and with it (right); later students fade as their scores become −∞."""
    _class_with_cards(ctx, fr)
    f, n, layer, head = ctx.f, ctx.trace.n_tokens, ctx.sel.layer, ctx.sel.head
    free = ctx.under(rules.DISCUSSION).layers[layer].head(head)
    turn = ctx.under(rules.IN_TURN).layers[layer].head(head)
    later = turn.mask[f]
    for s in fr.students:
        if later[s.index]:
            s.state = "masked"
            s.opacity = 1 - (1 - MASKED_OPACITY) * ctx.alpha
    w0, w1 = free.weights[f], turn.weights[f]
    b0, b1 = int(np.argmax(w0)), int(np.argmax(w1))
    names = ctx.names
    fr.narration = ctx.t("mask.future" if later.any() else "mask.none", focus=ctx.q(f), name=ctx.q(b0),
                         w=fmt(w0[b0]), other=ctx.q(b1), w_turn=fmt(w1[b1]), k=int(later.sum()))
    fr.board, fr.board_more = board_list(range(n), lambda j: ctx.t(
        "board.mask_masked" if later[j] else "board.mask_pair", name=ctx.q(j), free=fmt(w0[j]), turn=fmt(w1[j])))
    top = float(max(w0.max(), w1.max()))  # one scale for both charts, so bars of equal height are equal shares
    fr.bars = Bars(ctx.t("bars.rule_none"), names, [float(v) for v in w0], "weight", highlight=b0,
                   total=ctx.t("bars.sum", total=fmt(w0.sum(), 3)), top=top)
    fr.bars_beside = Bars(ctx.t("bars.rule_causal"), names, [float(v) for v in w1], "weight", highlight=b1,
                          masked=[bool(m) for m in later], total=ctx.t("bars.sum", total=fmt(w1.sum(), 3)), top=top,
                          from_values=[float(v) for v in w0], morph=ctx.alpha)  # the shares move to their new sizes


SUM_TERMS = 16  # a sum of exp() written out whole up to this many terms, four a line


def shown_row(ctx) -> ShownSoftmax:
    """The asker's softmax as the board works it (numbers.shown_softmax), once per frame."""
    return shown_softmax(ctx.H.scaled[ctx.f], ctx.H.mask[ctx.f])


def softmax(ctx, fr: Frame):
    _class_with_cards(ctx, fr, masked_after_focus=True)
    f, n = ctx.f, ctx.trace.n_tokens
    step = ctx.beat.key.split(".")[1]
    S = shown_row(ctx)
    e = [float(x) for x in S.exp]
    masked = [bool(m) for m in ctx.H.mask[f]]
    seen = heard(ctx)
    if step == "exp":
        fr.board, fr.board_more = board_list(range(n), lambda j: ctx.t("board.masked", name=ctx.q(j)) if masked[j] else
                                             ctx.t("board.exp", name=ctx.q(j), scaled=S.scaled[j], e=S.exp[j]))
        fr.bars = Bars(ctx.t("bars.exp"), ctx.names, e, "weight", masked=masked)
        fr.narration = ctx.t("softmax.exp" if any(masked) else "softmax.exp_all")  # −∞ only where the rule masks
    elif step == "sum":
        terms = [S.exp[j] for j in seen]
        more = f" + … (+{len(terms) - SUM_TERMS})" if len(terms) > SUM_TERMS else ""
        terms = terms[:SUM_TERMS]
        lines = [" + ".join(terms[i:i + 4]) for i in range(0, len(terms), 4)]
        fr.board = ([ctx.t("board.sum_exp", terms=lines[0] + (more if len(lines) == 1 else ""), total="").rstrip(" =")]
                    + [f"    + {line}" for line in lines[1:-1]] + ([f"    + {lines[-1]}{more}"] if len(lines) > 1 else [])
                    + [ctx.t("board.equals", value=S.total)])
        fr.bars = Bars(ctx.t("bars.exp"), ctx.names, e, "weight", masked=masked,
                       total=ctx.t("bars.sum", total=S.total))
        fr.narration = ctx.t("softmax.sum", total=S.total)
    else:
        w = [float(x) for x in ctx.H.weights[f]]  # bars, links and badges: the model's own shares
        best = max(seen, key=lambda j: w[j])
        fr.board, fr.board_more = board_list(seen, lambda j: ctx.t("board.weight", name=ctx.q(j), e=S.exp[j],
                                                                   total=S.total, w=S.weights[j]))
        fr.board.append(ctx.t("board.hand"))
        fr.bars = Bars(ctx.t("bars.weights"), ctx.names, w, "weight", masked=masked,
                       total=ctx.t("bars.sum", total=fmt(ctx.H.weights[f].sum(), 3)), from_values=e, morph=ctx.alpha)
        fr.links = [Link(f, j, w[j], "weight", fmt(w[j])) for j in seen]
        for j in seen:
            fr.students[j].badge = fmt(w[j])
        fr.narration = ctx.t("softmax.weights", focus=ctx.q(f), name=ctx.q(best), w=fmt(w[best]))


def mix_lines(ctx, S: ShownSoftmax, seen: list[int]) -> list[str]:
    """Listening written out: the first numbers of the new understanding as share × opinion summed over
    the classmates heard, from the shares and opinions as written (3 decimals), then every number."""
    H, f = ctx.H, ctx.f
    lines = [ctx.t("board.mix", name=ctx.q(f))]
    numbers = 3 if len(seen) <= 2 else 2 if len(seen) <= 8 else 1
    for k in range(min(numbers, H.v.shape[1])):
        opinions = [fmt(H.v[j, k], 3) for j in seen]
        terms = [f"{S.weights[j]}×{factor(float(v), 3)}" for j, v in zip(seen, opinions)]
        cut = len(terms) > SUM_TERMS
        shown = terms[:SUM_TERMS]
        lines.append(ctx.t("board.mix_number", k=k + 1, terms=" + ".join(shown[:2])))
        lines += ["    + " + " + ".join(shown[i:i + 2]) for i in range(2, len(shown), 2)]
        if cut:
            lines[-1] += f" + … (+{len(terms) - SUM_TERMS})"
        exact = sum(Decimal(S.weights[j]) * Decimal(v) for j, v in zip(seen, opinions))
        lines.append(ctx.t("board.mix_result", value=hand_sum([str(exact)], 3)))
    return lines + [ctx.t("board.mix_all", d=H.v.shape[1])] + vec(H.context[f])


def listening(ctx, fr: Frame):
    _class_with_cards(ctx, fr, masked_after_focus=True)
    H, f = ctx.H, ctx.f
    S = shown_row(ctx)
    w = [float(x) for x in H.weights[f]]  # the model's own shares; the board works with its own (S)
    seen = heard(ctx)
    for j in seen:
        fr.students[j].badge = fmt(w[j])
    if ctx.beat.key == "listening.travel":
        fr.bars = Bars(ctx.t("bars.weights"), ctx.names, w, "weight",
                       masked=[bool(m) for m in H.mask[f]], total=ctx.t("bars.sum", total=fmt(ctx.H.weights[f].sum(), 3)))
        fr.links = [Link(j, f, w[j], "value", fmt(w[j]), progress=ctx.alpha) for j in seen]
        fr.board, fr.board_more = board_list(seen, lambda j: ctx.t("board.travel", w=S.weights[j], name=ctx.q(j)))
        fr.narration = ctx.t("listening.travel", focus=ctx.q(f))
    else:  # the arithmetic needs the board's room; the shares are in its lines
        fr.links = [Link(j, f, w[j], "value", fmt(w[j])) for j in seen]
        if ctx.desks(fr):
            fr.students[f].cards.append(ctx.strip("context", H.context[f], ctx.alpha))
        fr.board = mix_lines(ctx, S, seen) + [ctx.t("board.hand")]
        fr.narration = ctx.t("listening.merge", focus=ctx.q(f))


ROW_NUMBERS = 6  # a row of the attention matrix shown whole up to this many shares, else its largest


def row_line(ctx, i: int) -> str:
    """Row i of the matrix on the board: every share in seat order, or for a long row its largest shares
    with whose they are and "… (+k)" (a row of 49 cut to its first numbers would read 0.00 everywhere)."""
    w = ctx.H.weights[i]
    seen = [j for j in range(ctx.trace.n_tokens) if not ctx.H.mask[i, j]]
    if len(seen) <= ROW_NUMBERS:
        text = ", ".join(fmt(w[j]) for j in seen)
    else:
        top = sorted(seen, key=lambda j: -w[j])[:3]
        sep = "、" if ctx.sel.lang == "ja" else ", "
        text = sep.join(f"{ctx.q(j)} {fmt(w[j])}" for j in top) + f" … (+{len(seen) - 3})"
    return ctx.t("board.row", name=ctx.q(i), weights=text)


def everyone(ctx, fr: Frame):
    n = ctx.trace.n_tokens
    rows = int(np.ceil(ctx.alpha * n - 1e-9))
    for s in ctx.desks(fr):
        s.notebook = ctx.strip("notebook", ctx.L.x[s.index])
        s.cards = ctx.cards(s.index) + [ctx.strip("context", ctx.H.context[s.index], 1.0 if s.index < rows else 0.0)]
    fr.heatmap = heatmap(ctx, rows=list(range(rows)))
    fr.narration = ctx.t("everyone.matrix")
    fr.board, fr.board_more = board_list(range(rows), lambda i: row_line(ctx, i))


BUILDERS = {"seats.sit": seats_sit, "embedding.token": embedding, "embedding.position": embedding,
            "embedding.sum": embedding, "cards.query": cards, "cards.key": cards, "cards.value": cards,
            "question.raise": question, "scoring.classmate": scoring, "scoring.rest": scoring,
            "scaling.divide": scaling, "mask.future": mask, "softmax.exp": softmax, "softmax.sum": softmax,
            "softmax.weights": softmax, "listening.travel": listening, "listening.merge": listening,
            "everyone.matrix": everyone}
