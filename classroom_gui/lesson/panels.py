"""The two panels every frame carries: the attention heatmap and the layer view (notebooks across layers)."""
from __future__ import annotations

from .answers import sayable, seat_guesses, sentence_script
from .context import Ctx
from .frame import Heatmap, LayerView
from .share_places import row_places
from .softmax_row import shown_row_of
from .projection import layer_projection
from .overview import overview
from .rules import ANSWER_RULE


def heatmap(ctx: Ctx, rows: list[int], layer: int | None = None, focus: int | None = None) -> Heatmap:
    """The attention map of `layer` (the selected one by default) and the selected head, `focus`'s row outlined (the
    asker's by default)."""
    layer = ctx.sel.layer if layer is None else layer
    L = ctx.trace.layers[layer]
    return Heatmap(title=ctx.t("heatmap.title", layer=layer + 1, head=ctx.sel.head + 1), labels=ctx.names,
                   matrix=L.head(ctx.sel.head).weights, rows=rows, focus_row=ctx.f if focus is None else focus,
                   mask=L.mask)


def layer_view(ctx: Ctx, upto: int) -> LayerView:
    points = layer_projection(ctx.trace)
    return LayerView(labels=ctx.names, points=points,
                     upto=upto)


def shed(trace, head: int | None = None) -> None:
    """Make the all-heads overview, the one reader of every layer's shares at once, then let a lean trace go of
    its layers' shares but head `head`'s, the one the lesson shows (model.trace.Trace.let_go_of_weights): a frame
    makes those of another head. GPT-2 small at 512 students: the trace holds 0.13 GB instead of 0.26 GB."""
    overview(trace)
    trace.let_go_of_weights(head)


def warm(trace, ffn_layer: int | None = 0, asker: int | None = None, head: int = 0, base=None) -> None:
    """Compute now what the first frame would (the all-heads overview, the layer view's projection, the
    answer's logits and word order), so the window can do it on its worker thread: GPT-2 at 1024 tokens takes ~1 s.
    A lean trace sheds its shares on the way, and makes layer `ffn_layer`'s (the lesson starts at the first; None: none) FFN steps
    that chapters 10-11 show (ln_2 and the hidden units: one LayerNorm and one [T, C] x [C, 4C] product, 50-110 ms
    for GPT-2 small at 512-1,024 students, else paid by the first frame that shows them; +8 MB at 512) and chapter
    10's heads side by side and W_O's product ([T, C] x [C, C]: 10-20 ms that a cold W_O frame paid; +3 MB at 512).
    `asker`: the student the lesson will open with (with `head` of that layer): its softmax row as the board works
    it (softmax_row.shown_row_of: chapters 5, 7 and 8; 2-4 ms at 1,024 in discussion), its shares at the mask board's
    decimals (share_places.row_places: the other rule's forward through that layer only; both rules' whole traces,
    which later layers' frames read, are made after the class is shown: share_places.both_rules). `base`: the class
    `trace` is made from (rules.under of it: its rule's decimals come from there, review33 #7); `trace` by default."""
    shed(trace, head)  # before the projection's 41 MB stack (at 512), which then reuses their memory
    layer_projection(trace)
    trace.next_order  # the answer's logits and their order
    if trace.mask_rule == ANSWER_RULE:  # answer time's guess at every seat (GPT-2: ~0.1 s for 64 students)
        seat_guesses(trace)
    if trace.vocab:  # which words answer time's lists may hold (GPT-2's 50k: ~10 ms, which a class too big for the
        sayable(trace.vocab, sentence_script(trace.tokens))  # seats' guesses paid in its first answer frame)
    if ffn_layer is not None and 0 <= ffn_layer < len(trace.layers):
        trace.layers[ffn_layer].ffn_pre  # (a full trace holds it already; a lean one makes it with its own call)
        trace.layers[ffn_layer].attn_out  # and chapter 10's W_O step (and the heads side by side it is made from)
    if asker is not None and 0 <= asker < trace.n_tokens and 0 <= head < trace.config.n_head:
        layer = ffn_layer if ffn_layer is not None and 0 <= ffn_layer < len(trace.layers) else 0
        base = trace if base is None else base
        shown_row_of(trace, layer, head, asker, least=row_places(base, layer, head, asker))  # (the mask board's)
