"""Chapter: the same steps again in every further layer, one beat per layer (deep models go faster)."""
from __future__ import annotations

import numpy as np

from ..beat import Step
from ..frame import Frame, Link
from ..numbers import fmt_many
from ..panels import heatmap, layer_view


def layer(ctx, fr: Frame):
    k, f, c = ctx.beat.arg, ctx.f, ctx.trace.config
    here = ctx.trace.layers[k]
    h = here.head(ctx.sel.head)
    # the notebook the layer's cards are written from; the board shows where it goes
    # labelled with its layer: the board shows the same student's notebook after it (teacher8 M3)
    into = ctx.t("card.notebook_into", layer=k + 1)
    ctx.seat_all(fr, [("notebook", here.x, into, 1.0)] + ctx.card_strips(layer=here), raised=f)
    w = h.weights[f].tolist()  # (a class of 1,024: plain floats, the labels written at once)
    heard = np.flatnonzero(np.logical_not(h.mask[f])).tolist()
    best = max(heard, key=w.__getitem__)
    labels = fmt_many([w[j] for j in heard])
    fr.links = [Link(f, j, w[j], "weight", text, value=w[j]) for j, text in zip(heard, labels)]
    fr.heatmap = heatmap(ctx, rows=list(range(ctx.trace.n_tokens)), layer=k)
    fr.layer_view = layer_view(ctx, upto=k + 1)
    fr.narration = ctx.t(ctx.beat.key, layer=k + 1, n_layer=c.n_layer, focus=ctx.qs(f),
                         name=ctx.most(f, w, best, heard))
    fr.board = [ctx.t("board.layer", layer=k + 1, name=ctx.qs(f))]
    fr.write_vector(fmt_many(here.output[f]))


LAYER = Step("layer", 2.5, layer)
STEPS = [LAYER]


def plan(n_tokens: int, n_layer: int):
    """A beat per layer (arg: the layer), 2.5 s each for up to 4 layers, faster for deeper models."""
    per_layer = max(0.6, min(2.5, 12.0 / max(1, n_layer)))  # deep models take the fast path
    return [(LAYER, per_layer, k) for k in range(n_layer)]
