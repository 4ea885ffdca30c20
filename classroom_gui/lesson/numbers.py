"""The few numbers the lesson derives from a Trace for display, and how numbers are written.

Everything here is computed from the trace's own arrays: exp() of the scaled scores (softmax's first
step), a temperature softmax over the final logits, and a 2-D projection of the notebooks.
"""
from __future__ import annotations

import numpy as np

from ..model.trace import Trace


BIG = 1e6  # from here a number is written 1.23e+07: a model with huge weights gives 38-digit numbers


def fmt(x: float, digits: int = 2) -> str:
    x = float(x)
    return f"{x:.{digits}e}" if BIG <= abs(x) < float("inf") else f"{x:.{digits}f}"


def factor(x: float, digits: int = 2) -> str:  # a number inside a product: negatives in brackets
    text = fmt(x, digits)
    return f"({text})" if text.startswith("-") else text


def signed_sum(values, digits: int = 2) -> str:  # "0.22 - 2.04 + 0.34": a sum written as one would by hand
    out = ""
    for i, v in enumerate(values):
        text = fmt(v, digits)
        if i == 0:
            out = text
        else:
            out += f" - {text[1:]}" if text.startswith("-") else f" + {text}"
    return out


BOARD_LINES = 64  # more lines than the blackboard can show even in two columns of its smallest chalk


def board_list(items, line) -> tuple[list[str], int]:
    """line(item) for the first BOARD_LINES items, and how many items were left off (Frame.board_more, shown
    as "… (+k)"): a class of 1024 would otherwise format 1024 lines a frame that nobody can see."""
    items = list(items)
    return [line(j) for j in items[:BOARD_LINES]], max(0, len(items) - BOARD_LINES)


def vec(values, digits: int = 2, per_line: int = 8) -> list[str]:  # a vector as board lines "[a, b, …]"
    parts = [fmt(v, digits) for v in values]
    lines = [", ".join(parts[i:i + per_line]) for i in range(0, len(parts), per_line)]
    if not lines:
        return ["[]"]
    lines[0] = "[" + lines[0]  # one at a time: with a single line, both brackets go on it
    lines[-1] = lines[-1] + "]"
    return lines


def exp_row(scaled: np.ndarray, mask: np.ndarray) -> np.ndarray:  # [T], [T] -> [T]; masked -> 0
    return np.where(mask, 0.0, np.exp(np.where(mask, 0.0, scaled.astype(np.float64))))


def temperature_probs(logits: np.ndarray, temperature: float) -> np.ndarray:  # [V] -> [V]
    z = logits.astype(np.float64) / max(float(temperature), 1e-3)
    e = np.exp(z - z.max())
    return e / e.sum()


def layer_projection(trace: Trace) -> np.ndarray:  # -> [n_layer + 1, T, 2]
    """Notebooks before layer 1 and after each layer, on the two principal axes of all of them."""
    cached = trace.cache.get("layer_projection")
    if cached is not None:
        return cached
    stack = np.stack([trace.embedding] + [layer.output for layer in trace.layers]).astype(np.float64)
    flat = stack.reshape(-1, stack.shape[-1])
    # a model with huge weights (1e20) overflows float32 to inf and nan; those notebooks sit at the centre,
    # and the rest is scaled to at most 1 so that the covariance cannot overflow float64 either (the
    # axes are the same at any scale; the points are scaled back)
    flat = np.where(np.isfinite(flat), flat, 0.0)
    centred = flat - flat.mean(axis=0)
    scale = float(np.abs(centred).max(initial=0.0)) or 1.0
    centred /= scale
    # the principal axes are the covariance's top eigenvectors: a [C, C] eigenproblem instead of the SVD of
    # all (n_layer + 1) * T notebooks (GPT-2 at 1024 tokens: 0.3 s instead of 1.8 s)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    axes = vectors[:, ::-1][:, :2]                           # largest first
    axes = np.pad(axes, ((0, 0), (0, 2 - axes.shape[1])))   # a one-number notebook has one axis
    points = (centred @ axes) * scale
    far = np.abs(points).argmax(axis=0)
    points *= np.sign(points[far, [0, 1]] + (points[far, [0, 1]] == 0))  # each axis: its farthest point > 0
    points = points.reshape(stack.shape[0], stack.shape[1], 2)
    trace.cache["layer_projection"] = points
    return points
