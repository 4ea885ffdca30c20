"""A link's line as straight pieces for Qt's fast line rasterizer (see links.add_segments): the pieces of many
curves at once, their points computed together in NumPy with point_at's sums, element by element (the same points
as add_segments' Python loop, which a new set of 96 links at 1,024 students made 12 calls a curve)."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QPainterPath

Curve = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


def pieces_each(curves: list[Curve], n: int) -> list[QPainterPath]:
    """A new add_segments path of each curve (not kept: travelling links' parts change every frame), the points of
    all of them computed together in NumPy (point_at's sums, element by element: the same points)."""
    if not curves:
        return []
    t = np.arange(1, n + 1, dtype=np.float64) / n  # k / n, as add_segments
    u = 1 - t
    w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    c = np.array(curves, np.float64)[:, :, :, None]  # [m, 4, 2, 1]
    pts = c[:, 0] * w0 + c[:, 1] * w1 + c[:, 2] * w2 + c[:, 3] * w3  # [m, 2, n]
    out = []
    for curve, (xs, ys) in zip(curves, pts.tolist()):
        path = QPainterPath()
        prev = curve[0]
        for nxt in zip(xs, ys):
            path.moveTo(*prev)
            path.lineTo(*nxt)
            prev = nxt
        out.append(path)
    return out
