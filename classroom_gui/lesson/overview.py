"""The all-heads overview: every layer's and head's shares shrunk to at most 48 x 48 cells for the all-heads grid,
kept in lesson.cache beside its trace. AsMade builds it layer by layer while a forward makes each layer's shares
and lets a lean layer go of them at once, so a forward of GPT-2 small at 512 students never holds every layer's
(0.15 GB) together; the frames make those of the head they show (model.trace.LayerTrace.head).
"""
from __future__ import annotations

import numpy as np

from .cache import cache_of, kept

OVERVIEW_SIDE = 48  # the all-heads grid shows each map at most 48 x 48 cells


def shrink(w: np.ndarray) -> np.ndarray:  # [H, T, T] -> [H, S, S] float32, S <= OVERVIEW_SIDE
    """One layer's maps: each cell the mean of a step x step block (padded with zeros at the edge)."""
    H, T = w.shape[0], w.shape[-1]
    step = -(-T // OVERVIEW_SIDE)  # ceil: block size
    S = -(-T // step)
    if step == 1:
        return np.array(w, np.float32)
    padded = np.zeros((H, S * step, S * step), np.float32)
    padded[:, :T, :T] = w
    return padded.reshape(H, S, step, S, step).mean(axis=(2, 4)).astype(np.float32, copy=False)


def overview(trace) -> np.ndarray:  # -> [n_layer, n_head, S, S] float32; kept in lesson.cache
    return kept(trace, "overview", lambda: np.stack([shrink(layer.weights) for layer in trace.layers]))


class AsMade:
    """A forward's `observe` (gpt.forward): each layer's maps as the forward records the layer, which then lets go
    of its shares but head `head`'s (a full layer keeps them anyway). kept_with(trace) puts the maps in the
    trace's lesson cache, where overview() finds them."""

    def __init__(self, head: int | None = None):
        self.maps, self.head = [], head  # the head whose shares each lean layer keeps (the lesson shows it)

    def __call__(self, index: int, layer) -> None:
        self.maps.append(shrink(layer.weights))
        layer.let_go_of_weights(self.head)

    def kept_with(self, trace):
        if trace is not None and len(self.maps) == len(trace.layers):
            cache_of(trace)["overview"] = np.stack(self.maps)
        return trace
