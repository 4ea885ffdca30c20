"""The layer view's points: every student's notebook before layer 1 and after each layer, projected to 2-D on the
principal axes of all of them (computed once per trace and kept beside it)."""
from __future__ import annotations

import numpy as np

from ..model.trace import Trace
from .cache import kept


def layer_projection(trace: Trace) -> np.ndarray:  # -> [n_layer + 1, T, 2]
    """Notebooks before layer 1 and after each layer, on the two principal axes of all of them."""
    return kept(trace, "layer_projection", lambda: _projected(trace))


def _projected(trace: Trace) -> np.ndarray:
    # one float64 array, worked on in place: GPT-2 small at 512 students stacks 41 MB, and the copies of
    # np.where, the centring and np.abs made the peak four times that (164 MB, the window's highest moment
    # after loading)
    notebooks = [trace.embedding] + [layer.output for layer in trace.layers]
    stack = np.empty((len(notebooks), *trace.embedding.shape), np.float64)
    for into, notebook in zip(stack, notebooks):
        into[...] = notebook
    centred = stack.reshape(-1, stack.shape[-1])
    # a model with huge weights (1e20) overflows float32 to inf and nan; those notebooks sit at the centre,
    # and the rest is scaled to at most 1 so that the covariance cannot overflow float64 either (the
    # axes are the same at any scale; the points are scaled back)
    np.copyto(centred, 0.0, where=~np.isfinite(centred))
    centred -= centred.mean(axis=0)
    scale = max(float(centred.max(initial=0.0)), -float(centred.min(initial=0.0))) or 1.0  # the largest |x|
    centred /= scale
    # the principal axes are the covariance's top eigenvectors: a [C, C] eigenproblem instead of the SVD of
    # all (n_layer + 1) * T notebooks (GPT-2 at 1024 tokens: 0.3 s instead of 1.8 s)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    axes = vectors[:, ::-1][:, :2]                           # largest first
    axes = np.pad(axes, ((0, 0), (0, 2 - axes.shape[1])))   # a one-number notebook has one axis
    points = (centred @ axes) * scale
    far = np.abs(points).argmax(axis=0)
    points *= np.sign(points[far, [0, 1]] + (points[far, [0, 1]] == 0))  # each axis: its farthest point > 0
    return points.reshape(stack.shape[0], stack.shape[1], 2)
