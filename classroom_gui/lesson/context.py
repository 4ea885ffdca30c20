"""What a step's builder is given: the Selection (what the user chose to look at; default_focus, the seed's
asker) and Ctx (the trace, the step and the chosen layer and head, with helpers for names and cards),
computed once per frame by state.frame_at. The builders (chapters/), the panels and the gallery read these;
nothing here imports them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from ..model.trace import HeadTrace, LayerTrace, Trace
from ..model.unknown_words import is_mark
from . import layout, rules
from .canvas import WIDESCREEN, Canvas, canvas_for
from .frame import ClassStrips, Frame, Strip, Student, row
from .strings import most_heard, name_list, quote, seat_quoted, text
from .beat import Beat
from .example_point import ExamplePoint


@dataclass(frozen=True)
class Selection:
    """What the user chose to look at."""
    focus: int = 1            # the student who asks (default "cat" in "The cat sat on the mat")
    layer: int = 0
    head: int = 0
    temperature: float = 1.0  # for the answer's softmax
    lang: str = "en"
    rule: str = rules.LESSON_RULE  # the attention chapters' rule: "none" (discussion) or "causal" (in turn)
    canvas: Canvas = WIDESCREEN    # the shape it is shown in (lesson.canvas: 16:9, or 4:3 for a projector)
    board: bool = False            # the board close-up (lesson.close_up): a step's board across the classroom's room
    point: ExamplePoint | None = None  # an open gallery example's point, said at its key step (lesson.example_point)

    def sized(self, width: float, height: float) -> "Selection":
        """This selection on the canvas of an output `width` x `height` (an export's size: a 4:3 size gets the 4:3
        layout, lesson.canvas.canvas_for)."""
        return replace(self, canvas=canvas_for(width, height))

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
    repeated: set | None = field(default=None, repr=False)  # names that sit more than once (qs), found once

    def under(self, rule: str) -> Trace:
        """The sentence's trace under `rule` (answer time uses GPT's)."""
        return rules.under(self.base or self.trace, rule, self.sel.head)

    def layer_under(self, rule: str, layer: int) -> LayerTrace:
        """One layer of the sentence's trace under `rule` (chapter 6 shows both rules), without the rest."""
        return rules.layer_under(self.base or self.trace, rule, layer, self.sel.head)

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

    def repeats(self, seat: int) -> bool:
        """Whether student `seat`'s word sits more than once in the class (qs then writes its seat)."""
        if self.repeated is None:
            seen: set = set()
            self.repeated = {n for n in self.names if n in seen or seen.add(n)}
        return self.names[seat] in self.repeated

    def qs(self, seat: int, share: str | None = None) -> str:
        """q, with the seat when the word sits more than once: 9番の席の「猫」, "猫" (seat 9), so that "「猫」 listens
        most to 「猫」" never reads as listening to itself when it is another 「猫」 (strings.seat_quoted: one form); with a
        `share`, in the same bracket: "猫" (seat 9, 0.34), 9番の席の「猫」（0.34）, "mat" (0.33)."""
        self.repeats(seat)  # (finds the class's repeated names once)
        return seat_quoted(self.sel.lang, self.names, seat, self.repeated, share)

    def most(self, asker: int, row, best: int, seats) -> str:
        """heard(asker, best) with its share, and the runner-up where the screen shows a tie (strings.most_heard)."""
        self.repeats(best)
        return most_heard(self.sel.lang, self.names, row, best, seats, self.repeated, asker=asker)

    def heard(self, asker: int, seat: int, share: str | None = None) -> str:
        """Whom `asker` listens to, with its `share`, for "… listens most to X": qs(seat, share), or "itself" (自分自身)
        where it is the asker (teacher15 L3: 「「見つけた」がいちばんよく聞くのは「見つけた」」). A word that sits more than
        once has its seat in qs's one form, first in Japanese as the share in brackets follows (jareview6 3:
        「31番の席の「猫」（0.34）」, not 「「猫」（31番の席）（0.34）」), in English in the share's bracket (fix67:
        "cat" (seat 31, 0.34), not "cat" (seat 31) (0.34))."""
        self.repeats(seat)  # (finds the class's repeated names once)
        return seat_quoted(self.sel.lang, self.names, seat, self.repeated, share, asker=asker)

    def word(self, word: str) -> str:  # a vocabulary word (the answer), quoted like a name
        return quote(self.sel.lang, word)

    def name_list(self, seats) -> str:
        return name_list(self.sel.lang, [self.names[j] for j in seats])

    def desks(self, frame: Frame) -> list[Student]:
        """The students whose desks carry strips: all of them, except in compact seating (layout.compact),
        where a desk is only a name tag and the asker's numbers are on the blackboard."""
        return [] if layout.compact(self.trace.n_tokens, self.sel.canvas) else frame.students

    def strip(self, role: str, values, visible: float = 1.0, label_key: str = "", **kw) -> Strip:
        return Strip(role, row(values), label=self.t(label_key or f"card.{role}"), visible=visible, **kw)

    def seat_all(self, fr: Frame, strips, notebook: bool = True, raised: int = -1) -> None:
        """Every desk (desks(fr)) shows `strips`, each (role, values [T, n] per seat, label, visible: a number or
        [T] per seat), the first the notebook when `notebook`; student `raised` holds its question card up. Kept
        as the class's arrays (Frame.class_strips): a desk's Strips are made only if something reads them."""
        desks = self.desks(fr)
        if not desks:
            return
        visible = np.empty((self.trace.n_tokens, len(strips)), np.float64)
        for k, strip in enumerate(strips):
            visible[:, k] = strip[3]
        fr.class_strips = block = ClassStrips([st[0] for st in strips], [st[2] for st in strips],
                                              [st[1] for st in strips], visible, notebook, raised)
        for s in desks:
            s.seated = block

    def card_strips(self, q: float = 1.0, k: float = 1.0, v: float = 1.0, layer: LayerTrace | None = None) -> list:
        """The three cards as seat_all's strips: (role, [T, d_head], label, visible)."""
        H = (layer or self.L).head(self.sel.head)
        return [("query", H.q, self.t("card.query"), q), ("key", H.k, self.t("card.key"), k),
                ("value", H.v, self.t("card.value"), v)]


SEED_PIECE = re.compile(r"猫 (\d+)/(\d+)")  # a piece of the seed's 猫 as the tokenizer labels it (bpe_tokenizer._label)


def seed_pieces(tokens: list[str]) -> tuple[int, int] | None:
    """Where the seed's 猫 sits cut into pieces (GPT-2's 「猫 1/2」「猫 2/2」), before any whole cat or 猫: (the seat
    of its last piece, how many pieces), else None (jareview7 1)."""
    for i, word in enumerate(tokens):
        if seed_student(word):
            return None
        piece = SEED_PIECE.fullmatch(word)
        if piece is not None:
            n = int(piece[2])
            return min(i + n - int(piece[1]), len(tokens) - 1), n
    return None


def seed_student(word: str) -> bool:
    """Whether `word` is the seed's asker, "cat" in English and 「猫」 in Japanese. A GPT-2 piece with its leading
    space is the same word: " cat" shows as ␣cat, " 猫" as ␣猫 (the one test of it: history.kept_asker asks here too)."""
    return word.removeprefix("␣").lower() in ("cat", "猫")


def default_focus(tokens: list[str], rule: str = "causal") -> int:
    """The seed's student: "cat" (or 猫) asks, unless, in turn, it sits first and so could only hear itself
    (in discussion it hears everyone wherever it sits); then the last student, who hears everyone and whose
    notebook gives the answer, unless it is a punctuation mark (a paragraph's 「。」 asked for the whole lesson:
    teacher30 #15): then the first content word (content_word), as 「犬」 in 「小さな犬は…眠った。」. GPT-2's pieces of
    a character ask only from the last (tidy27: not 「昨 2/3」), which has read the character whole."""
    for i, word in enumerate(tokens):
        if seed_student(word):
            if i > 0 or rule == rules.DISCUSSION:
                return i
            break
        if SEED_PIECE.fullmatch(word):  # 猫 cut into pieces (GPT-2): its last piece, which in turn has read it whole
            return seed_pieces(tokens)[0]
    if len(tokens) <= 2:
        return min(1, len(tokens) - 1)
    last = len(tokens) - 1  # (a sentence cut at the model's length can end on 「と 1/2」: the last seat that ends whole)
    last = next((i for i in range(last, 0, -1) if ends_whole(tokens[i])), last)
    if is_mark(tokens[last].removeprefix("␣")):
        word = content_word(tokens, 1)  # (from seat 2 under either rule: M keeps the asker, and in turn seat 1
        # would hear only itself)
        if word is not None:
            return word
    return last


CONTENT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u30a1-\u30fa]|[A-Za-z]{3}")  # a kanji, a katakana, 3 letters
PIECE = re.compile(r".+ (\d+)/(\d+)")  # a piece of one character as the tokenizer labels it: 「昨 2/3」


def whole(word: str) -> bool:
    """Whether `word` holds whole characters only: not a piece of one (「昨 2/3」), nor cut on either side (「猫が…」,
    「…に座った」) as bpe_tokenizer._label marks them."""
    return PIECE.fullmatch(word) is None and not word.startswith("…") and not word.endswith("…")


def ends_whole(word: str) -> bool:
    """Whether `word` ends where a character ends, so has read its last character whole (in turn): the last piece of
    one (「昨 3/3」) or a word cut only at its start (「…に座った」); not 「昨 2/3」 nor 「猫が…」."""
    piece = PIECE.fullmatch(word)
    return piece[1] == piece[2] if piece is not None else not word.endswith("…")


def content_word(tokens: list[str], first: int) -> int | None:
    """The first seat from `first` whose word looks like a content word,
    not a particle nor a mark: one with a kanji or katakana (「犬」, 「ボール」; not 「は」, 「から」), or three Latin
    letters ("dog"; not "a", "on"). None when no word does. Whether the model knows it is not asked: every caller
    (the window, the CLI, the idle warm-up) picks from the words alone, and so picks the same seat.
    GPT-2 cuts a character into pieces: a word of whole characters goes first, else one that ends whole (「昨 3/3」,
    which has read 昨 whole, as 猫's last piece asks: seed_pieces), and a mid piece (「昨 2/3」) only when no other is."""
    seats = [i for i in range(first, len(tokens)) if CONTENT.search(tokens[i].removeprefix("␣"))]
    for kind in (whole, ends_whole):
        seat = next((i for i in seats if kind(tokens[i])), None)
        if seat is not None:
            return seat
    return seats[0] if seats else None
