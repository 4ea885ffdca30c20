"""The two panels every frame carries: the attention heatmap and the layer view (notebooks across layers)."""
from __future__ import annotations

from .frame import Heatmap, LayerView
from .numbers import layer_projection
from .timeline import CHAPTERS


def default_rows(ctx: Ctx) -> list[int]:
    order = CHAPTERS.index(ctx.beat.chapter)
    if order < CHAPTERS.index("softmax") or ctx.beat.key in ("softmax.exp", "softmax.sum"):
        return []
    if order < CHAPTERS.index("everyone"):
        return [ctx.f]
    return list(range(ctx.trace.n_tokens))


def heatmap(ctx: Ctx, rows: list[int], layer: int | None = None) -> Heatmap:
    layer = ctx.sel.layer if layer is None else layer
    w = ctx.trace.layers[layer].weights[ctx.sel.head]
    return Heatmap(title=ctx.t("heatmap.title", layer=layer + 1, head=ctx.sel.head + 1), labels=ctx.names,
                   matrix=w.astype(float).tolist(), rows=rows, focus_row=ctx.f)


def layer_view(ctx: Ctx, upto: int) -> LayerView:
    points = layer_projection(ctx.trace)
    return LayerView(labels=ctx.names, points=[[(float(p[0]), float(p[1])) for p in layer] for layer in points],
                     upto=upto)
