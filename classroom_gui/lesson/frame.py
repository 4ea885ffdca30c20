"""Frame is everything the classroom shows at one moment, as plain data the view only has to draw.

Coordinates are in the logical space of the frame's canvas (lesson.canvas: 1920 x 1080 at 16:9, 1440 x 1080
at 4:3), whatever the window size. Every number in a Frame is copied from the Trace (or computed from it
here, in the lesson, never in the view), so a test can compare a picture's numbers with the model's.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter, itemgetter

import numpy as np

from .canvas import WIDESCREEN, Canvas
from ..messages.strings import text
from .numbers import vector_lines

# the narration's least sizes (px on the 1080-high canvas), tried in turn by the scene: 28, the lesson's (a
# projector's: the lesson's own steps never go below it, and a 64-name roll call ends in "…"); with what-if edits,
# whose lead says the edits before the step's own words (whatif_words.mark), 24, then 20 (still larger than the
# notices' 16-18) where the whole text would not fit otherwise (two named edits before the 4:3 answer-time caption
# cut its last words at 28: whatif18's note, polish12); "…" only below 20
NARRATION_LEAST = (28,)
EDITED_NARRATION_LEAST = (28, 24, 20)
WIDE = 32  # numbers in a row from which a Strip keeps the trace's NumPy row instead of a list (GPT-2's 64-number
#           cards stay NumPy rows: 512 students' cards as lists were ~100,000 Python floats a frame, made here and
#           turned back into arrays by the scene)


@dataclass
class Strip:
    """A row of numbers drawn as coloured cells: a card or a notebook."""
    role: str                  # "query", "key", "value", "notebook", "final_notebook", "token", "position", "context",
    #                            "hidden"
    values: Sequence[float]    # a list of floats; a wide row (over 64 numbers) is the trace's NumPy row, not a copy
    label: str = ""            # what the strip is, in the chosen language
    visible: float = 1.0       # 0 hidden .. 1 fully drawn (animations fade and grow strips)
    raised: bool = False       # the focus student's question card is held up
    zeroed: list[bool] = field(default_factory=list)  # cells ReLU just set to 0 (drawn crossed out)
    edited: list[int] = field(default_factory=list)   # cells a what-if edit set (drawn with a distinct outline)


NO_SCALE = 1.0  # the colour scale of a role whose rows set none: the scene colours its cells on it


def row_scale(maxima) -> float:
    """The colour scale rows set, from each row's largest |value| (any shape): the largest finite one, 0.0 when
    none is (a row holding NaN or inf sets nothing: a what-if can make one)."""
    m = np.asarray(maxima, np.float64).ravel()
    m = m[np.isfinite(m)]
    return float(m.max()) if len(m) else 0.0


def colour_scale(largest: float) -> float:
    """A role's colour scale (its deepest colour) from its rows' largest finite |value| (row_scale), rounded to 3
    figures, a stable key for the pictures drawn on it; NO_SCALE when its rows set none (0.0): what the scene
    colours a strip's cells on (scene.class_rows.colour_scales) and what a label naming that scale says
    (13_answer.final_notebook)."""
    return float(f"{max(largest, 1e-6):.3g}") if largest > 0 else NO_SCALE


def row(values) -> list[float] | np.ndarray:
    """A strip's numbers: a short row as a list of floats; a wide one (GPT-2's cards and 768-number notebooks)
    as the trace's own NumPy row, not copied (1024 students x 768 numbers would be 0.8 M Python floats a frame)."""
    if isinstance(values, np.ndarray):
        return values.tolist() if values.size <= WIDE else values
    return [float(v) for v in values]


@dataclass(eq=False)
class ClassStrips:
    """The same strips at every desk of a class, as the trace's arrays: desk `seat` shows strip k with the
    numbers values[k][seat], label labels[k], in role roles[k], visible[seat, k] of the way in; the first is the
    notebook when `notebook`. A class of hundreds is thus a few arrays a frame, not thousands of Strips: the
    scene draws its plain desks from the arrays, and a Student's notebook and cards are made from them only
    when something reads them (a tooltip, a test, the frame's JSON)."""
    roles: list[str]
    labels: list[str]
    values: list[np.ndarray]   # per strip [T, n] (read-only: the trace's own arrays, not copied)
    visible: np.ndarray        # [T, k] float64
    notebook: bool = True
    raised: int = -1           # the seat whose question card (role "query") is held up, -1 none

    def __eq__(self, other) -> bool:  # the same strips with the same numbers (arrays compared by value)
        if not isinstance(other, ClassStrips):
            return NotImplemented
        return (self.roles == other.roles and self.labels == other.labels and self.notebook == other.notebook
                and self.raised == other.raised and np.array_equal(self.visible, other.visible)
                and len(self.values) == len(other.values)
                and all(a is b or np.array_equal(a, b) for a, b in zip(self.values, other.values)))

    def strips_of(self, seat: int) -> tuple[Strip | None, list[Strip]]:
        """Desk `seat`'s (notebook or None, cards), as Strips with the numbers row() gives."""
        vis = self.visible[seat].tolist()
        out = [Strip(role, row(values[seat]), label, v, role == "query" and seat == self.raised)
               for role, label, values, v in zip(self.roles, self.labels, self.values, vis)]
        return (out[0], out[1:]) if self.notebook else (None, out)


_UNSET = object()


class _FromClass:
    """A Student's notebook or cards: what was set, else (for a desk of a class with ClassStrips) its row of the
    class's strips, made when first read and then kept, so that changing it (an edit's outline, a card
    appended) changes the student's own strips."""

    def __set_name__(self, owner, name: str):
        self.slot, self.notebook = "_" + name, name == "notebook"

    def __get__(self, s, owner=None):
        if s is None:
            return _UNSET  # the dataclass's default: not set
        found = s.__dict__.get(self.slot, _UNSET)
        if found is _UNSET:
            notebook, cards = s.seated.strips_of(s.index) if s.seated is not None else (None, [])
            for slot, value in (("_notebook", notebook), ("_cards", cards)):
                if s.__dict__.get(slot, _UNSET) is _UNSET:
                    s.__dict__[slot] = value
            found = s.__dict__[self.slot]
        return found

    def __set__(self, s, value) -> None:
        s.__dict__[self.slot] = value


def all_strips(students: list[Student]) -> list[list[Strip]]:
    """strips_of of every student; a class none of whose students has strips (compact seating: 1,024 desks a
    frame) answered in C loops, without a Python call per desk."""
    unset = (_UNSET, _UNSET)
    if not any(map(_SEATED, students)) and all(map(unset.__eq__, map(_SLOTS, map(vars, students)))):
        return [[] for _ in students]
    return list(map(strips_of, students))


_SEATED, _SLOTS = attrgetter("seated"), itemgetter("_notebook", "_cards")


def strips_of(s: Student) -> list[Strip]:
    """A student's strips, notebook first (a desk without strips of its own or of its class answers without
    making any: compact seating reads 1,024 desks a frame)."""
    d = s.__dict__
    if s.seated is None and d.get("_notebook", _UNSET) is _UNSET and d.get("_cards", _UNSET) is _UNSET:
        return []
    notebook = s.notebook
    return ([notebook] if notebook is not None else []) + s.cards


@dataclass
class Student:
    index: int                 # seat number, 0-based (drawn 1-based)
    text: str                  # the word as written
    unknown: bool              # not in the vocabulary: drawn as an unknown student
    x: float                   # top-left of the desk, logical pixels
    y: float
    w: float
    h: float
    state: str = "normal"      # "normal", "focus", "active" (being scored), "masked" (has not spoken yet)
    opacity: float = 1.0
    notebook: Strip | None = _FromClass()  # (None: none)
    cards: list[Strip] = _FromClass()      # question, self-introduction, opinion ([]: none)
    badge: str = ""            # a short number shown on the desk, e.g. the weight "0.41"
    seated: ClassStrips | None = field(default=None, repr=False, compare=False)  # the class's strips (see own_strips)

    def own_strips(self) -> bool:
        """Whether this student's notebook or cards were set or read (else they are its row of `seated`)."""
        return holds_own(self.__dict__)


def seated_copies(rows: list[dict]) -> list[Student]:
    """Students whose fields are copies of `rows` (vars of Students, as lesson.state.class_rows keeps them), made
    without the dataclass's __init__ and its two descriptor calls a desk: a class of 1,024 took ~4 ms a frame."""
    new, made = object.__new__, []
    for fields in rows:
        student = new(Student)
        student.__dict__ = fields.copy()
        made.append(student)
    return made


def holds_own(d: dict) -> bool:  # a Student's __dict__ holds a notebook or cards of its own
    return d.get("_notebook", _UNSET) is not _UNSET or d.get("_cards", _UNSET) is not _UNSET


@dataclass
class Link:
    """A line from one student to another, as thick as `weight` (0..1)."""
    source: int
    target: int
    weight: float
    role: str = "key"          # colour role: "key" (scores), "weight" (attention), "value" (opinions travel)
    label: str = ""
    progress: float = 1.0      # 0..1 how far along the line a travelling card has got
    value: float | None = None  # the number `label` shows, unrounded: ranks links of equal weight (scores)
    arrow: bool = False        # whole, it ends in an arrowhead at `target` (the question step: who looks at whom)


@dataclass
class Bars:
    """A bar chart on the blackboard and in the chart panel: scores morphing into weights, or the vocabulary."""
    title: str
    labels: list[str]
    values: list[float]
    role: str = "weight"       # colour role
    highlight: int = -1        # index of the bar being talked about
    masked: list[bool] = field(default_factory=list)  # greyed: not heard (value −∞ as a score, 0 after exp)
    total: str = ""            # e.g. "sum = 1.000"
    from_values: list[float] | None = None  # bar heights morph from these to `values` (labels show `values`)
    morph: float = 1.0
    top: float = 0.0           # the value axis reaches at least this high (two charts side by side share a scale)


@dataclass
class Heatmap:
    """The attention matrix of the selected layer and head, filled row by row."""
    title: str
    labels: list[str]
    matrix: object             # [T, T] numpy array of the trace's weights (read-only, not copied); masked entries are 0
    rows: list[int]            # the rows filled in so far
    focus_row: int = -1
    mask: object = None        # [T, T] bool, the trace's causal mask (True: a later student, drawn grey); None: none
    edited: list = field(default_factory=list)  # (row, column) cells a what-if edit of a score or mask set
    row_only: bool = False     # the map is its one filled row (chapter 8: the asker's), drawn alone with its numbers


@dataclass
class LayerView:
    """Every student's notebook after each layer, projected to 2-D (principal components of the trace)."""
    labels: list[str]
    points: object                           # [n_layer + 1, T, 2] numpy array: layer 0 = embedding, then each layer
    upto: int                                # layers shown so far (trails end there)


@dataclass
class BoardVector:
    """Board lines that hold one vector (Frame.write_vector): its numbers as written, `per_line` a line, and how
    many more were left out (a wide model's notebook: its first numbers and "… (+762)" on one line). The scene may
    wrap a whole one as the desks wrap a strip of as many numbers (scene.board_wrap.board_as_desks)."""
    first: int                 # its first line in Frame.board
    numbers: list[str]
    per_line: int = 8
    left_out: int = 0

    @property
    def lines(self) -> int:  # how many board lines it takes as written
        return 1 if self.left_out or not self.numbers else -(-len(self.numbers) // self.per_line)


@dataclass
class Frame:
    time: float
    beat: int
    chapter: int
    chapter_key: str
    beat_key: str
    alpha: float                         # progress through the beat, eased, 0..1
    title: str                           # chapter title, in the chosen language
    narration: str                       # what happens, with the numbers on screen
    students: list[Student]
    links: list[Link] = field(default_factory=list)
    board: list[str] = field(default_factory=list)     # calculation lines on the blackboard
    board_more: int = 0                                # lines left off a long list (drawn as "… (+k)")
    board_worked: int = -1                             # where a worked sum's lines start (write_worked), -1: none
    board_vectors: list[BoardVector] = field(default_factory=list)  # the lesson's vectors among the lines (write_vector)
    board_short: list[str] = field(default_factory=list)  # the lines drawn where `board` does not fit ([]: none)
    board_strips: list[Strip] = field(default_factory=list)  # vectors too wide for a desk (FFN hidden units)
    bars: Bars | None = None
    bars_beside: Bars | None = None      # chapter 6: the same student's shares under the other rule, drawn beside
    heatmap: Heatmap | None = None
    layer_view: LayerView | None = None
    overview: object = None              # [n_layer, n_head, S, S] attention maps, shrunk for the all-heads grid
    notices: list[str] = field(default_factory=list)
    answer_id: int = -1                  # answer chapter: the vocabulary id of the class's answer, else -1
    message: str = ""                    # shown big in the middle instead of a class (e.g. empty sentence)
    rule: str = "none"                   # the classroom's rule on screen: "none" (discussion) or "causal" (in turn)
    edits: list[dict] = field(default_factory=list)  # the what-if edits of this class ([]: the model's own numbers)
    quiz: dict | None = None             # a question put to the class (lesson.quiz_play.card), else None
    class_strips: ClassStrips | None = None  # the strips every desk shows, as arrays (students' `seated`), else None
    canvas: Canvas = WIDESCREEN              # the canvas the desks are seated on, and the scene draws on
    aside: list[Student] = field(default_factory=list, repr=False)  # the desks a board close-up left out
    narration_least: tuple[int, ...] = NARRATION_LEAST  # the narration's least sizes, px, the scene tries in turn
    lang: str = "en"                     # the chosen language: the scene's own marks (the board's "… (+k)") say it

    def desks(self) -> list[Student]:
        """The class's desks, whether drawn or left aside by a board close-up (lesson.close_up: `students` is then
        empty): what reads a student by seat (the notes' names, seats and cards) reads them here (review32 #1: the
        notes indexed the emptied `students` and a close-up deck of a repeated word crashed)."""
        return self.students or self.aside

    def write_vector(self, numbers: list[str], left_out: int = 0, per_line: int = 8) -> None:
        """A vector (a notebook, a card) after the board's lines: its numbers as written, `per_line` a line in
        brackets, and `left_out` more not written; marked (board_vectors) so that the scene may wrap it as the
        desks wrap a strip of as many numbers (teacher8 L5) without reading the numbers back out of the text."""
        self.board_vectors.append(BoardVector(len(self.board), list(numbers), per_line, left_out))
        self.board += vector_lines(numbers, left_out, per_line, partial(text, self.lang))

    def write_worked(self, lines: list[str]) -> None:
        """A worked sum's lines (lesson.worked) after the board's: they are drawn as worked lays them out (no
        BoardVector: its inputs and matrix columns are never re-wrapped as the desks wrap a notebook)."""
        if lines and self.board_worked < 0:
            self.board_worked = len(self.board)
        self.board += lines
