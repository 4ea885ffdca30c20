"""frame_at(trace, selection, time) -> Frame: the one pure function from a moment of the lesson to what
is on screen. The window, scrubbing backwards, export and the tests all call it, so the same moment
always looks the same however it was reached.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ..model.limits import MAX_STUDENTS
from ..model.trace import HeadTrace, LayerTrace, Trace
from . import layout, rules, steps_attention, steps_block, whatif_state
from .panels import default_rows, heatmap, layer_view, overview, warm
from .frame import Frame, Strip, Student
from .strings import chapter_title, name_list, quote, text
from .timeline import CHAPTERS, Beat, Timeline


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

    def under(self, rule: str) -> Trace:
        """The sentence's trace under `rule` (chapter 6 shows both; answer time uses GPT's)."""
        return rules.under(self.base or self.trace, rule)

    def t(self, key: str, **values) -> str:
        return text(self.sel.lang, key, **values)

    def q(self, seat: int) -> str:
        """Student `seat`'s name quoted for a sentence or a board line: 「猫」, "cat" (strings.quote)."""
        return quote(self.sel.lang, self.names[seat])

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

    def cards(self, seat: int, q: float = 1.0, k: float = 1.0, v: float = 1.0, layer: LayerTrace | None = None,
              raised: bool = False) -> list[Strip]:
        L, h = layer or self.L, self.sel.head  # called for every student of every frame, so built directly
        return [Strip("query", row(L.q[h, seat]), self.t("card.query"), q, raised),
                Strip("key", row(L.k[h, seat]), self.t("card.key"), k),
                Strip("value", row(L.v[h, seat]), self.t("card.value"), v)]


WIDE = 64  # numbers in a row from which a Strip keeps the trace's NumPy row instead of a list


def row(values) -> list[float] | np.ndarray:
    """A strip's numbers: a short row as a list of floats; a wide one (GPT-2's 768-number notebooks) as the
    trace's own NumPy row, not copied (1024 students x 768 numbers would be 0.8 M Python floats a frame)."""
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


def notices_for(run, lang: str) -> list[str]:
    """What the caption says about the sentence itself: whitespace read as single spaces, cut to the context,
    words the model does not know.
    `run` is a model.sentence.SentenceRun (or None)."""
    if run is None:
        return []
    notices, limit, kept = [], run.trace.config.n_positions, run.trace.n_tokens
    if getattr(run, "normalised", False):
        notices.append(text(lang, "notice.normalised"))
    if kept < min(run.total_tokens, limit):  # cut below the context: the seats or the memory ran out
        key = "notice.room" if kept == MAX_STUDENTS else "notice.memory"
        notices.append(text(lang, key, n=run.total_tokens, limit=kept))
    elif run.total_tokens > limit:
        notices.append(text(lang, "notice.truncated", n=run.total_tokens, limit=limit))
    if getattr(run, "overflow", False):
        notices.append(text(lang, "notice.overflow"))
    if run.unknown_words:
        notices.append(text(lang, "notice.unknown", words=name_list(lang, run.unknown_words)))
    return notices


@lru_cache(maxsize=64)
def timeline_for(n_tokens: int, n_layer: int) -> Timeline:
    return Timeline(n_tokens, n_layer)


def smooth(a: float) -> float:  # ease in and out, 0 -> 0, 1 -> 1
    return a * a * (3 - 2 * a)


RULE_FREE = ("seats", "embedding", "mask")  # chapters the rule does not change (6 shows both rules)


def rule_title(lang: str, chapter: str, rule: str) -> str:
    """The chapter's title, with the rule it is told under (from the question on, where the rule matters)."""
    title = chapter_title(lang, chapter)
    return title if chapter in RULE_FREE else text(lang, "title.rule", title=title, rule=text(lang, f"rule.{rule}"))


def empty_frame(lang: str, t: float = 0.0, notices=()) -> Frame:
    return Frame(time=t, beat=0, chapter=0, chapter_key="", beat_key="", alpha=1.0, title="", narration="",
                 students=[], notices=list(notices), message=text(lang, "message.empty"))


def frame_at(trace: Trace | None, selection: Selection, t: float, notices=()) -> Frame:
    if trace is None or trace.n_tokens == 0:
        return empty_frame(selection.lang, t, notices)
    base = trace
    sel = selection.clamped(base)
    timeline = timeline_for(base.n_tokens, base.config.n_layer)
    i, a = timeline.locate(t)
    beat = timeline.beats[i]
    rule = rules.ANSWER_RULE if beat.chapter == "answer" else sel.rule  # answer time predicts in turn, as GPT
    trace = rules.under(base, rule)
    L = trace.layers[sel.layer]
    ctx = Ctx(trace, sel, beat, smooth(a), sel.focus, L, L.head(sel.head), list(trace.tokens), base)

    students = [Student(index=j, text=trace.tokens[j], unknown=trace.unknown[j], x=x, y=y, w=w, h=h,
                        state="focus" if j == sel.focus else "normal")
                for j, (x, y, w, h) in enumerate(layout.seats(trace.n_tokens))]
    frame = Frame(time=float(t), beat=i, chapter=CHAPTERS.index(beat.chapter), chapter_key=beat.chapter,
                  beat_key=beat.key, alpha=ctx.alpha, title=rule_title(sel.lang, beat.chapter, rule),
                  narration="", students=students, notices=list(notices), rule=rule)
    BUILDERS[beat.key](ctx, frame)
    if frame.heatmap is None:
        frame.heatmap = heatmap(ctx, rows=default_rows(ctx))
    frame.overview = overview(trace)
    if frame.layer_view is None:
        frame.layer_view = layer_view(ctx, upto=trace.config.n_layer if beat.chapter == "answer" else 0)
    if trace.edits:
        whatif_state.mark(frame, trace, sel)
    return frame


BUILDERS = {**steps_attention.BUILDERS, **steps_block.BUILDERS}


def prepared_run(checkpoint, text: str, rule: str = rules.LESSON_RULE):
    """model.sentence.compute_run under the lesson's rule, then what the first frame needs computed too
    (panels.warm): the window's worker thread calls this, so showing a long sentence of a big model never
    waits on the GUI thread. The other rule's trace is computed when a frame first needs it (rules.under)."""
    from ..model.sentence import compute_run

    run = compute_run(checkpoint, text, rule)
    if run is not None:
        warm(run.trace)
    return run


def prepared_model_run(folder: str, text: str):
    """The model folder's checkpoint, and prepared_run of the sentence with it under the rule its lesson starts
    in (gallery.lesson_rule), on the worker thread, or the TokenizerFailed that its tokenizer raised on the
    sentence."""
    from ..model.checkpoint import load_checkpoint
    from ..model.sentence import TokenizerFailed
    from .gallery import gallery_of, lesson_rule

    checkpoint = load_checkpoint(folder)
    try:
        return checkpoint, prepared_run(checkpoint, text, lesson_rule(checkpoint, gallery_of(folder)[0]))
    except TokenizerFailed as exc:  # the model still opens; the window says why this sentence cannot be read
        return checkpoint, exc
