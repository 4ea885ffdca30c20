"""What the lesson derives from a big trace costs little memory beyond what it keeps: the peak NumPy allocation
(tracemalloc sees NumPy's arrays) while deriving, against the size of what is made, and the same numbers
as the plain formula, bit for bit."""
from __future__ import annotations

import tracemalloc

import numpy as np

from classroom_gui.lesson.projection import layer_projection


class _Layer:
    def __init__(self, output):
        self.output = output


class _Trace:  # what layer_projection reads of a Trace: the first notebook and every layer's output
    def __init__(self, notebooks):
        self.embedding = notebooks[0]
        self.layers = [_Layer(n) for n in notebooks[1:]]


def _plain_projection(notebooks) -> np.ndarray:  # the formula written out with a copy at every step
    stack = np.stack(notebooks).astype(np.float64)
    flat = stack.reshape(-1, stack.shape[-1])
    flat = np.where(np.isfinite(flat), flat, 0.0)
    centred = flat - flat.mean(axis=0)
    scale = float(np.abs(centred).max(initial=0.0)) or 1.0
    centred /= scale
    _, vectors = np.linalg.eigh(centred.T @ centred)
    axes = np.pad(vectors[:, ::-1][:, :2], ((0, 0), (0, max(0, 2 - vectors.shape[1]))))
    points = (centred @ axes) * scale
    far = np.abs(points).argmax(axis=0)
    points *= np.sign(points[far, [0, 1]] + (points[far, [0, 1]] == 0))
    return points.reshape(stack.shape[0], stack.shape[1], 2)


def _notebooks(n_layer=6, T=256, C=192, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((T, C), dtype=np.float32) * (1 + i) for i in range(n_layer + 1)]


def test_layer_projection_is_the_plain_formula_bit_for_bit():
    for notebooks in (_notebooks(), _notebooks(n_layer=2, T=5, C=1, seed=1)):
        assert np.array_equal(layer_projection(_Trace(notebooks)), _plain_projection(notebooks))
    overflowed = _notebooks(seed=2)
    overflowed[3][4, 5], overflowed[5][0, :] = np.inf, np.nan  # a model with huge weights
    assert np.array_equal(layer_projection(_Trace(overflowed)), _plain_projection(overflowed))


def test_layer_projection_peaks_at_one_float64_stack():
    """GPT-2 small at 512 students stacks 41 MB of float64 notebooks; copies at each step made the peak 164 MB,
    the window's highest moment after loading the model."""
    notebooks = _notebooks()
    stack_bytes = sum(n.size for n in notebooks) * 8
    tracemalloc.start()
    try:
        layer_projection(_Trace(notebooks))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.4 * stack_bytes, f"peak {peak / 1e6:.1f} MB for a {stack_bytes / 1e6:.1f} MB stack"
