"""What a step's builder is given: the Selection (what the user chose to look at; default_focus, the seed's
asker) and Ctx (the trace, the step and the chosen layer and head, with helpers for names and cards),
computed once per frame by state.frame_at. The builders (chapters/), the panels and the gallery read these;
nothing here imports them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..model.trace import HeadTrace, LayerTrace, Trace
from . import layout, rules
from .frame import Frame, Strip, Student
from .strings import name_list, quote, text
from .beat import Beat


@dataclass(frozen=True)
class Selection:
    """What the user chose to look at."""
    focus: int = 1            # the student who asks (default "cat" in "The cat sat on the mat")
    layer: int = 0
    head: int = 0
    temperature: float = 1.0  # for the answer's softmax
    lang: str = "en"
    rule: str = rules.LESSON_RULE  # the attention chapters' rule: "none" (discussion) or "causal" (in turn)

    def clamped(self, trace: Trace) -> "Selection":
        c = trace.config
        return replace(self, focus=min(max(self.focus, 0), trace.n_tokens - 1),
                       layer=min(max(self.layer, 0), c.n_layer - 1), head=min(max(self.head, 0), c.n_head - 1))


@dataclass
class Ctx:
    """Everything a beat builder needs, computed once per frame."""
    trace: Trace
    sel: Selection
    beat: Beat
    alpha: float
    f: int                 # focus seat
    L: LayerTrace          # selected layer
    H: HeadTrace           # selected head of the selected layer
    names: list[str]
    base: Trace | None = None  # the trace frame_at was given; other rules are computed from it (rules.under)
    labels: dict = field(default_factory=dict, repr=False)  # key -> text without values, looked up once a frame
    row_lists: dict = field(default_factory=dict, repr=False)  # id of a [T, n] array -> (it, its rows): rows()
    repeated: set | None = field(default=None, repr=False)  # names that sit more than once (qs), found once

    def under(self, rule: str) -> Trace:
        """The sentence's trace under `rule` (answer time uses GPT's)."""
        return rules.under(self.base or self.trace, rule)

    def layer_under(self, rule: str, layer: int) -> LayerTrace:
        """One layer of the sentence's trace under `rule` (chapter 6 shows both rules), without the rest."""
        return rules.layer_under(self.base or self.trace, rule, layer)

    def t(self, key: str, **values) -> str:
        if values:
            return text(self.sel.lang, key, **values)
        found = self.labels.get(key)  # a card's label: asked for at every desk (~2,000 a frame at 512 students)
        if found is None:
            found = self.labels[key] = text(self.sel.lang, key)
        return found

    def q(self, seat: int) -> str:
        """Student `seat`'s name quoted for a sentence or a board line: 「猫」, "cat" (strings.quote)."""
        return quote(self.sel.lang, self.names[seat])

    def qs(self, seat: int) -> str:
        """q, with the seat when the word sits more than once: 「猫」（9番の席）, so that "「猫」 listens most to
        「猫」" never reads as listening to itself when it is another 「猫」."""
        if self.repeated is None:
            seen: set = set()
            self.repeated = {n for n in self.names if n in seen or seen.add(n)}
        name = self.q(seat)
        return text(self.sel.lang, "quiz.seat", name=name, seat=seat + 1) if self.names[seat] in self.repeated else name

    def word(self, word: str) -> str:  # a vocabulary word (the answer), quoted like a name
        return quote(self.sel.lang, word)

    def name_list(self, seats) -> str:
        return name_list(self.sel.lang, [self.names[j] for j in seats])

    def desks(self, frame: Frame) -> list[Student]:
        """The students whose desks carry strips: all of them, except in compact seating (layout.compact),
        where a desk is only a name tag and the asker's numbers are on the blackboard."""
        return [] if layout.compact(self.trace.n_tokens) else frame.students

    def strip(self, role: str, values, visible: float = 1.0, label_key: str = "", **kw) -> Strip:
        return Strip(role, row(values), label=self.t(label_key or f"card.{role}"), visible=visible, **kw)

    def seat_strip(self, role: str, values, seat: int, visible: float = 1.0, label_key: str = "") -> Strip:
        """strip(role, values[seat], ...) for a [T, n] array shown at every desk: its rows made once a frame."""
        return Strip(role, self.rows(values)[seat], label=self.t(label_key or f"card.{role}"), visible=visible)

    def rows(self, values) -> list:
        """row() of every seat of a [T, n] array, made at once and kept for the frame (one tolist() instead of
        one a desk: 512 desks x 4 strips a frame)."""
        found = self.row_lists.get(id(values))
        if found is None or found[0] is not values:
            found = self.row_lists[id(values)] = (values, values.tolist() if values.shape[-1] <= WIDE else list(values))
        return found[1]

    def cards(self, seat: int, q: float = 1.0, k: float = 1.0, v: float = 1.0, layer: LayerTrace | None = None,
              raised: bool = False) -> list[Strip]:
        L, h = layer or self.L, self.sel.head  # called for every student of every frame, so built directly
        H = L.head(h)
        return [Strip("query", self.rows(H.q)[seat], self.t("card.query"), q, raised),
                Strip("key", self.rows(H.k)[seat], self.t("card.key"), k),
                Strip("value", self.rows(H.v)[seat], self.t("card.value"), v)]

    def every_desk(self, seats, raised: int | None = None) -> list[tuple[Strip, list[Strip]]]:
        """(notebook, cards(seat)) for each seat, student `raised` with its question held up: the rows and labels
        looked up once for the class, not once a desk (512 desks x 4 strips a frame)."""
        H = self.L.head(self.sel.head)
        x, q, k, v = self.rows(self.L.x), self.rows(H.q), self.rows(H.k), self.rows(H.v)
        tx, tq, tk, tv = (self.t(f"card.{role}") for role in ("notebook", "query", "key", "value"))
        return [(Strip("notebook", x[i], tx), [Strip("query", q[i], tq, 1.0, i == raised), Strip("key", k[i], tk),
                                              Strip("value", v[i], tv)]) for i in seats]


WIDE = 32  # numbers in a row from which a Strip keeps the trace's NumPy row instead of a list (GPT-2's 64-number
#           cards stay NumPy rows: 512 students' cards as lists were ~100,000 Python floats a frame, made here and
#           turned back into arrays by the scene)


def row(values) -> list[float] | np.ndarray:
    """A strip's numbers: a short row as a list of floats; a wide one (GPT-2's cards and 768-number notebooks)
    as the trace's own NumPy row, not copied (1024 students x 768 numbers would be 0.8 M Python floats a frame)."""
    if isinstance(values, np.ndarray):
        return values.tolist() if values.size <= WIDE else values
    return [float(v) for v in values]


def default_focus(tokens: list[str], rule: str = "causal") -> int:
    """The seed's student: "cat" (or 猫) asks, unless, in turn, it sits first and so could only hear itself
    (in discussion it hears everyone wherever it sits); then the last student, who hears everyone and whose
    notebook gives the answer."""
    for i, word in enumerate(tokens):
        if word.lower().removeprefix("␣") == "cat" or word == "猫":  # GPT-2 shows " cat" as ␣cat
            if i > 0 or rule == rules.DISCUSSION:
                return i
            break
    return min(1, len(tokens) - 1) if len(tokens) <= 2 else len(tokens) - 1
