"""What a frame's strips hold, as numbers for the scene: each card of a whole class stacked into one array
(class_rows), per role the largest |value| that sets the colours' scale (colour_scales), a big class read from
its arrays (plan: Frame.class_strips, no Strip made per desk), and the legend's names (legend_names).
"""
from __future__ import annotations

import itertools
import weakref
from collections.abc import Sequence
from itertools import chain, repeat
from operator import attrgetter, is_not, itemgetter

import numpy as np

from ..lesson.frame import WIDE, Strip, Student, colour_scale, holds_own, row_scale


def colour_scales(groups, stacked=()) -> dict[str, float]:
    """Per role, the largest |value| among the strips (and among the rows of `stacked`, (role, [D, n]) pairs
    of a whole class's card: see class_rows): a cell of that size gets the strongest colour. A row holding NaN
    or inf sets nothing (a what-if can make one): a role none of whose rows sets one is on NO_SCALE
    (lesson.frame.colour_scale)."""
    scales: dict[str, float] = {}
    rows: dict[tuple, list] = {}  # per role and length, the strips' rows (a big class has ~1,000 of them)
    for strips in groups:
        for st in strips:
            v = st.values
            if len(v):
                rows.setdefault((st.role, len(v), isinstance(v, np.ndarray)), []).append(v)
    # a wide row is the trace's NumPy row (lesson.frame.row): stacked as it is, short lists converted
    same = [(role, np.array(same, np.float32 if wide else np.float64)) for (role, _, wide), same in rows.items()]
    for role, values in same + [(role, v) for role, v in stacked if v.size]:
        _raise(scales, role, row_scale(np.abs(values).max(axis=1)))
    return _rounded(scales)


def _rounded(scales: dict[str, float]) -> dict[str, float]:
    """The scales rounded (lesson.frame.colour_scale): a stable cache key. Every role on its own scale: the final
    notebook too, which the answer is read from (lesson 13_answer.final_notebook labels it with its scale; on the
    notebooks' ±33 its ±5 read white: review17)."""
    return {role: colour_scale(m) for role, m in scales.items()}


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
_STATE, _SEATED = attrgetter("state"), attrgetter("seated")


def _raise(scales: dict[str, float], role: str, m: float) -> None:  # m: row_scale's (0.0: sets none)
    scales[role] = max(scales.get(role, 0.0), m)  # every role drawn has a scale (NO_SCALE when none is set)


class SeatStrips(Sequence):
    """Each student's strips, notebook first, read only when asked for (a student of a class with ClassStrips
    makes its Strips then: see lesson.frame.Student)."""

    def __init__(self, students, roles: list[str] | None = None):
        self.students, self.roles = students, roles  # roles: every student's strips' (when known without reading)

    def __len__(self) -> int:
        return len(self.students)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        s = self.students[k]
        return ([s.notebook] if s.notebook is not None else []) + s.cards


class ClassPlan:
    """A big class's strips from Frame.class_strips, the arrays every desk's strips are rows of, so that nothing
    goes over the class's Strips one by one: which desks stand out (the asker, a raised card; a student whose own
    strips show an edit or crossed-out cells), the colour scales, and the plain desks' numbers stacked, card by
    card. Students whose strips were set or read on their own (Student.own_strips) are read one by one, and
    replace their rows. plan(frame) is None when per-student reading must decide (no arrays, or a plain desk
    whose own strips differ from the class's in kind or length)."""

    def __init__(self, frame, block, own: list[int], stand: np.ndarray):
        self.students, self.block, self.own, self.stand = frame.students, block, own, stand
        self.per_student = SeatStrips(frame.students)
        self.plain = np.flatnonzero(~stand)
        self.lengths = tuple(v.shape[1] for v in block.values)

    def scales(self, board_strips) -> dict[str, float]:
        """colour_scales of every strip of the class and the board: the class arrays' rows (but the own students'),
        then the own students' and the board's strips."""
        block, scales = self.block, {}
        keep = np.ones(len(self.students), bool)
        keep[self.own] = False
        for role, values in zip(block.roles, block.values):
            _raise(scales, role, row_scale(_row_maxima(values)[keep[: len(values)]]))
        for strips in [self.per_student[k] for k in self.own] + [board_strips]:
            for role in {st.role for st in strips}:
                _raise(scales, role, _unrounded(strips, role))
        return _rounded(scales)

    def values(self, at: np.ndarray) -> tuple["Stacked", np.ndarray]:
        """The desks at `at`'s numbers, [D', n] per strip (float32 for a wide row, as class_rows stacks them; own
        students' rows theirs), stacked only when the picture is drawn, and their strips' visibility [D', k]."""
        block = self.block
        visible = block.visible[at]
        where = np.full(len(self.students), -1, np.int64)
        where[at] = np.arange(len(at))
        own = [(k, int(where[k])) for k in self.own if where[k] >= 0]
        for k, i in own:
            for j, st in enumerate(self.per_student[k]):
                visible[i, j] = st.visible

        def stack() -> list[np.ndarray]:
            out = [values[at].astype(np.float32 if values.shape[1] > WIDE else np.float64, copy=False)
                   for values in block.values]
            for k, i in own:
                for j, st in enumerate(self.per_student[k]):
                    out[j][i] = st.values
            return out

        # the same memory at the same desks holds the same numbers (no desk's own rows among them): a key, valid
        # while the arrays owning that memory live (a head's cards are views, made again when it is read again)
        key = None if own else (tuple((v.__array_interface__["data"][0], v.shape, v.strides, v.dtype.str)
                                      for v in block.values), at.tobytes())
        return Stacked(stack, key, [_owner(v) for v in block.values]), visible


def _owner(a: np.ndarray) -> np.ndarray:  # the array that owns a view's memory (itself if it owns its own)
    while isinstance(a.base, np.ndarray):
        a = a.base
    return a


class Stacked:
    """A big class's numbers, per card [D, n], stacked when first asked for (get); `key` names them (None: it
    cannot), valid while `arrays` (what they are cut from) are the very arrays it was made with."""

    def __init__(self, stack, key, arrays):
        self.stack, self.key, self.arrays, self._made = stack, key, arrays, None

    def get(self) -> list[np.ndarray]:
        if self._made is None:
            self._made = self.stack()
        return self._made


class Tokens:
    """A number for each Stacked's numbers, the same while its key names the same arrays (checked by weak
    reference: an array freed and another made at its address is not taken for it); the last TOKENS kept."""
    TOKENS = 32

    def __init__(self, kept: int = TOKENS):
        self.kept: dict = {}  # key -> (weak references to the arrays, token)
        self.most = kept

    def token(self, values: Stacked) -> int:
        found = self.kept.pop(values.key, None) if values.key is not None else None
        if found is None or len(found[0]) != len(values.arrays) or any(
                r() is not a for r, a in zip(found[0], values.arrays)):
            found = (tuple(map(weakref.ref, values.arrays)), next(_TOKENS))
        if values.key is not None:
            if len(self.kept) >= self.most:
                del self.kept[next(iter(self.kept))]
            self.kept[values.key] = found
        return found[1]


_TOKENS = itertools.count(1 << 40)  # (apart from class_image's own numbers for numbers it compares)


def plan(frame) -> ClassPlan | None:
    """A ClassPlan of a big class whose desks show Frame.class_strips, else None (see ClassPlan)."""
    block, students = frame.class_strips, frame.students
    if block is None or not block.values or len(students) != len(block.values[0]):
        return None
    n = len(students)  # (C loops over the desks: map and fromiter)
    stand = np.fromiter(map("focus".__eq__, map(_STATE, students)), bool, n)
    if 0 <= block.raised < n and "query" in block.roles:
        stand[block.raised] = True
    elsewhere = np.fromiter(map(is_not, map(_SEATED, students), repeat(block)), bool, n)
    own = np.flatnonzero(elsewhere | np.fromiter(map(holds_own, map(vars, students)), bool, n)).tolist()
    roles, lengths = block.roles, tuple(v.shape[1] for v in block.values)
    notebook = block.notebook
    for k in own:
        s = students[k]
        strips = ([s.notebook] if s.notebook is not None else []) + s.cards
        if stands_out(s, strips):
            stand[k] = True
        elif ((s.notebook is not None) != notebook or [st.role for st in strips] != roles
              or tuple(len(st.values) for st in strips) != lengths):
            return None  # a plain desk unlike the others: the per-student reading decides, as it always did
    return ClassPlan(frame, block, own, stand)


def stands_out(s: Student, strips: list[Strip]) -> bool:
    """A desk drawn by its own DeskItem: the asker (its raised card and spotlight), or a card showing an
    edit or cells crossed out."""
    if s.state == "focus":
        return True
    for st in strips:  # (a plain loop: asked of every desk of a big class each frame, ~6,000 strips at 512)
        if st.raised or st.edited or (st.zeroed and any(st.zeroed)):
            return True
    return False


def _unrounded(strips, role: str) -> float:
    """The largest |value| of `role`'s rows among strips that hold only finite numbers, as colour_scales finds it
    before rounding (row_scale)."""
    return row_scale([float(np.abs(np.asarray(st.values, np.float32 if isinstance(st.values, np.ndarray)
                                              else np.float64)).max())
                      for st in strips if st.role == role and len(st.values)])


_MAXIMA: dict[int, tuple] = {}  # id of a class array -> (a weak reference to it, its rows' largest |value|)


def _row_maxima(values: np.ndarray) -> np.ndarray:
    """Each row's largest |value| ([T]; float32 rows of a wide array, as class_rows stacks them): kept per array
    (the trace's arrays come back frame after frame; ~1 ms each at 512 x 768)."""
    found = _MAXIMA.get(id(values))
    if found is not None and found[0]() is values:
        return found[1]
    wide = values.astype(np.float32, copy=False) if values.shape[1] > WIDE else values
    m = np.abs(wide).max(axis=1)
    if len(_MAXIMA) >= 16:
        _MAXIMA.pop(next(iter(_MAXIMA)))
    _MAXIMA[id(values)] = (weakref.ref(values), m)
    return m


def legend_names(frame, per_student, fast) -> tuple[tuple | None, list[tuple[str, str]]]:
    """((the first shown student with strips, its strips' lengths), every shown strip's (role, label) in seat
    order), or (None, []) when no shown desk has strips. A class read as arrays (fast) gives the class's
    strips once, where its first shown desk is, among its own students' strips."""
    students = frame.students
    if fast is None:
        unlabelled = [(s, strips) for s, strips in zip(students, per_student) if strips and s.opacity > 0]
        if not unlabelled:
            return None, []
        s, strips = unlabelled[0]
        return (s, tuple(len(x.values) for x in strips)), list(map(attrgetter("role", "label"), chain.from_iterable(
            strips for _, strips in unlabelled)))  # (C loops: ~6,000 strips)
    shown = np.fromiter(map(attrgetter("opacity"), students), np.float64, len(students)) > 0
    own = np.zeros(len(students), bool)
    own[fast.own] = True
    block = fast.block
    seats = [(k, None) for k in fast.own if shown[k] and per_student[k]]
    at = np.flatnonzero(shown & ~own) if block.roles else ()
    if len(at):
        seats.append((int(at[0]), list(zip(block.roles, block.labels))))
    if not seats:
        return None, []
    seats.sort(key=itemgetter(0))
    named = []
    for k, pairs in seats:
        named += pairs if pairs is not None else [(st.role, st.label) for st in per_student[k]]
    k, pairs = seats[0]
    lengths = fast.lengths if pairs is not None else tuple(len(x.values) for x in per_student[k])
    return (students[k], lengths), named
