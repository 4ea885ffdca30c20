"""same_picture(a, b): whether two Frames of one step show the same thing (no Qt), so that a what-if class can say
honestly when its edits change nothing at a step (teacher11 M1: a step pixel-identical to the model's own was
announced as "no longer the model's own"). Everything a frame draws or says is compared: desks, cards, links,
board, bars, the attention map's drawn rows, the narration and the answer; not the side panel's charts (the
all-heads overview and the layer view, which show the whole class, not this step) nor the edits' own list.
"""
from __future__ import annotations

import math
from dataclasses import fields, is_dataclass

import numpy as np

# a Frame's fields that are not the step's picture (the heatmap is compared as drawn: drawn_map)
NOT_THE_STEP = frozenset({"overview", "layer_view", "edits", "heatmap"})


def same_picture(a, b) -> bool:
    """Whether Frames `a` and `b` show the same step identically (numbers bit for bit, nan equal to nan)."""
    return _same(a, b, NOT_THE_STEP) and _same(drawn_map(a), drawn_map(b))


def drawn_map(frame) -> tuple | None:
    """What the blackboard draws of the frame's attention map: nothing under a bar chart or before a row is filled
    (scene.board), else its filled rows' shares and grey (masked) cells, labels, title, outlined row and edited
    cells. (Its other rows, of the whole matrix, are not on the picture.)"""
    hm = frame.heatmap
    if hm is None or frame.bars is not None or not hm.rows or not len(hm.matrix):
        return None
    rows = list(hm.rows)
    mask = None if hm.mask is None else np.asarray(hm.mask)[rows]
    return hm.title, list(hm.labels), np.asarray(hm.matrix)[rows], mask, rows, hm.focus_row, list(hm.edited)


def _same(a, b, skip=frozenset()) -> bool:
    if type(a) is not type(b):
        return _number(a) and _number(b) and _same_float(float(a), float(b))
    if is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in fields(a)
                   if f.compare and f.name not in skip)
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return _same_float(a, b)
    return a == b


def _number(x) -> bool:
    return isinstance(x, (int, float, np.number)) and not isinstance(x, bool)


def _same_float(x: float, y: float) -> bool:
    return x == y or (math.isnan(x) and math.isnan(y))
