"""What a frame's strips hold, as numbers for the scene: each card of a whole class stacked into one array
(class_rows), and per role the largest |value| that sets the colours' scale (colour_scales).
"""
from __future__ import annotations

import math
from operator import attrgetter, itemgetter

import numpy as np


def colour_scales(groups, stacked=()) -> dict[str, float]:
    """Per role, the largest |value| among the strips (and among the rows of `stacked`, (role, [D, n]) pairs
    of a whole class's card: see class_rows): a cell of that size gets the strongest colour. A row holding NaN
    or inf sets nothing (a what-if can make one)."""
    scales: dict[str, float] = {}
    rows: dict[tuple, list] = {}  # per role and length, the strips' rows (a big class has ~1,000 of them)
    for strips in groups:
        for st in strips:
            v = st.values
            if len(v):
                rows.setdefault((st.role, len(v), isinstance(v, np.ndarray)), []).append(v)
    # a wide row is the trace's NumPy row (lesson.state.row): stacked as it is, short lists converted
    same = [(role, np.array(same, np.float32 if wide else np.float64)) for (role, _, wide), same in rows.items()]
    for role, values in same + [(role, v) for role, v in stacked if v.size]:
        m = np.abs(values).max(axis=1)
        m = m[np.isfinite(m)]
        if len(m):
            _raise(scales, role, float(m.max()))
    return {role: float(f"{max(m, 1e-6):.3g}") for role, m in scales.items()}  # rounded: a stable cache key


def class_rows(per_student) -> list[tuple[str, np.ndarray]] | None:
    """Every student's card j stacked, (role, [D, n]) per card, when all students hold the same cards (a big
    class, most moments), else None: stacked once a frame for the colour scales and the class picture (the
    rows of a NumPy row stay float32, lists of floats float64, as either stacked them on its own)."""
    if not per_student:
        return None
    first = per_student[0]
    k, roles = len(first), [st.role for st in first]
    if set(map(len, per_student)) != {k}:  # (map and attrgetter: C loops over ~6,000 strips at 512 students)
        return None
    out = []
    for j, role in enumerate(roles):
        column = list(map(itemgetter(j), per_student))
        if list(map(_role, column)).count(role) != len(column):
            return None
        try:
            values = np.array(list(map(_values, column)),
                              np.float32 if isinstance(first[j].values, np.ndarray) else np.float64)
        except ValueError:  # rows of different lengths
            return None
        if values.ndim != 2:
            return None
        out.append((role, values))
    return out


_role, _values = attrgetter("role"), attrgetter("values")


def _raise(scales: dict[str, float], role: str, m: float) -> None:
    if m > scales.get(role, 0.0) and m < math.inf:  # NaN and inf values do not set the scale
        scales[role] = m
