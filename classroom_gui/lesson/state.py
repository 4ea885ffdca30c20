"""frame_at(trace, selection, time) -> Frame: the one pure function from a moment of the lesson to what
is on screen. The window, scrubbing backwards, export and the tests all call it, so the same moment
always looks the same however it was reached.
"""
from __future__ import annotations

from functools import lru_cache

from ..messages.glyphs import drawn_name, drawn_names, seated
from ..model.trace import Trace
from ..model.unknown_words import words_and_marks
from . import layout, rules, whatif_change, whatif_state, whatif_words
from .cache import cache_of, kept_among
from .canvas import WIDESCREEN, Canvas
from .chapters import BY_KEY, CHAPTERS, rule_title
from .close_up import closed_up
from .compared import same_picture
from .context import Ctx, Selection, default_focus
from .example_point import say_point
from .frame import Frame, Student, seated_copies
from .marks import explain_marks
from .overview import AsMade
from .panels import heatmap, layer_view, overview, warm
from .strings import name_list, text
from .timeline import Timeline


# SentenceRun.cut_by (what cut a long sentence) -> the notice that says so
CUT_NOTICES = {"context": "notice.truncated", "memory": "notice.memory", "room": "notice.room"}


def notices_for(run, lang: str) -> list[str]:
    """What the caption says about the sentence itself: whitespace read as single spaces, cut to the context,
    words the model does not know.
    `run` is a model.sentence.SentenceRun (or None)."""
    if run is None:
        return []
    notices = []
    if getattr(run, "normalised", False):
        notices.append(text(lang, "notice.normalised"))
    if getattr(run, "cut_by", ""):
        notices.append(text(lang, CUT_NOTICES[run.cut_by], n=run.total_tokens, limit=run.trace.n_tokens))
    if getattr(run, "overflow", False):
        notices.append(text(lang, "notice.overflow"))
    words, marks = words_and_marks(shown_unknown(run))  # (teacher30 #4: a mark the model does not know, 「、」, is
    if words:  # named as a mark read as unknown, not joined into a word nor called one)
        notices.append(text(lang, "notice.unknown", words=name_list(lang, words)))
    if marks:
        notices.append(text(lang, "notice.unknown_marks", marks=name_list(lang, marks)))
    return notices


def shown_unknown(run) -> list[str]:
    """The words the model does not know (run.unknown_words, as typed) as their desks write them, each once: an
    emoji the font lacks as its code, each piece seated apart as on its desk (glyphs.seated: "❤️" read as ❤ and its
    selector is ⟨U+2764⟩⟨U+FE0F⟩, "❤" is ⟨U+2764⟩: two names, as their desks differ)."""
    read = getattr(run, "unknown_read", None) or [()] * len(run.unknown_words)
    return list(dict.fromkeys(seated(w, pieces) for w, pieces in zip(run.unknown_words, read)))


def english_notices(run) -> list[str]:
    """run.notices (the model's English) with the unknown words as shown (shown_unknown), as the CLI says them."""
    from ..model.sentence import unknown_notice

    typed = unknown_notice(run.unknown_words) if run.unknown_words else None
    return [unknown_notice(shown_unknown(run)) if n == typed else n for n in run.notices]


@lru_cache(maxsize=64)
def timeline_for(n_tokens: int, n_layer: int) -> Timeline:
    return Timeline(n_tokens, n_layer)


def smooth(a: float) -> float:  # ease in and out, 0 -> 0, 1 -> 1
    return a * a * (3 - 2 * a)


def empty_frame(lang: str, t: float = 0.0, notices=(), canvas: Canvas = WIDESCREEN) -> Frame:
    return Frame(time=t, beat=0, chapter=0, chapter_key="", beat_key="", alpha=1.0, title="", narration="",
                 students=[], notices=list(notices), message=text(lang, "message.empty"), canvas=canvas,
                 lang=lang)


def class_rows(trace: Trace, canvas: Canvas) -> list[dict]:
    """Each student's fields at the start of a frame (their seats on `canvas`, none the focus), as a Student
    made by its own __init__ has them: frame_at copies them (seated_copies) instead of making 1,024 Students."""
    return [vars(Student(index=j, text=drawn_name(trace.tokens[j]), unknown=trace.unknown[j], x=x, y=y, w=w, h=h))
            for j, (x, y, w, h) in enumerate(layout.seats(trace.n_tokens, canvas))]


def frame_at(trace: Trace | None, selection: Selection, t: float, notices=()) -> Frame:
    if trace is None or trace.n_tokens == 0:
        return empty_frame(selection.lang, t, notices, selection.canvas)
    frame, shown, sel = _built(trace, selection, t, notices)
    if shown.edits:
        same = _same_as_own(trace, sel, frame)
        whatif_words.mark(frame, shown, sel, same=same, change="" if same else _change(trace, shown, sel, frame))
    else:  # an open example's point, of the model's own numbers only (an edited class may say otherwise)
        say_point(frame, trace.tokens, sel)
    return frame


def _change(trace: Trace, shown: Trace, sel: Selection, frame: Frame) -> str:
    """What the edits changed most at the shown asker (at answer time, the last student, who answers), before → now:
    the shares of the model's own class under the step's rule against `shown`'s (whatif_change), kept per rule and
    asker; before the softmax chapter, the edit alone (whatif_change.edit_said: a share there would give away the
    quiz, teacher37 #2); "" for a class bigger than COMPARED_UP_TO or whose own class is not known."""
    own = whatif_state.own_of(trace)
    if own is None or trace.n_tokens > COMPARED_UP_TO:
        return ""
    seat = trace.n_tokens - 1 if frame.chapter_key == "answer" else sel.focus
    shares = CHAPTERS.index(frame.chapter_key) >= CHAPTERS.index("softmax")  # before it, no share is computed yet
    key = ("whatif_change", shown.mask_rule, seat, sel.layer, sel.head, sel.lang, shares)  # a cache key, not a string
    kept = cache_of(trace)
    if key not in kept and not shares:  # the edit alone, not the shares it moves (teacher37 #2: a quiz's answer)
        kept[key] = whatif_change.edit_said(sel.lang, own, shown, shown.edits)
    if key not in kept:
        moved = whatif_change.biggest(rules.under(own, shown.mask_rule, sel.head), shown, seat, sel.layer, sel.head)
        kept[key] = whatif_change.said(sel.lang, moved, shown.tokens, sel.layer, sel.head) if moved else ""
    return kept[key]


COMPARED_UP_TO = 64  # students: an edited class's step is drawn a second time from the model's own numbers, to say
# whether the edits change it (teacher11 M1); a bigger class is not (two more frames a step), and says they may


def _same_as_own(trace: Trace, sel: Selection, frame: Frame) -> bool:
    """Whether `frame`'s step, finished, shows exactly what the model's own class shows there (the edits change
    nothing it draws or says: compared.same_picture), kept beside the edited trace per step and selection. The two
    frames are built without the side panels same_picture skips, and `frame` itself is the edited one when it is
    already the step's end (review15: the overview of a cold own trace cost 12 s at GPT-2 64)."""
    own = whatif_state.own_of(trace)
    if own is None or trace.n_tokens > COMPARED_UP_TO:
        return False
    key = ("whatif_same", frame.beat, sel)  # a cache key, not a string key
    kept = cache_of(trace)
    if key not in kept:
        stop = timeline_for(trace.n_tokens, trace.config.n_layer).beat_stop(frame.beat)
        edited = frame if frame.time == stop else _built(trace, sel, stop, frame.notices, panels=False)[0]
        kept[key] = same_picture(edited, _built(own, sel, stop, frame.notices, panels=False)[0])
    return kept[key]


def _built(trace: Trace, selection: Selection, t: float, notices=(), panels: bool = True
           ) -> tuple[Frame, Trace, Selection]:
    """The frame of `trace` at `t`, not yet marked as edited, with the trace it shows (under the step's rule) and
    the selection kept inside the class; without `panels`, without the side panel's overview and first layer
    (a frame only compared: compared.same_picture skips them)."""
    base = trace
    sel = selection.clamped(base)
    timeline = timeline_for(base.n_tokens, base.config.n_layer)
    i, a = timeline.locate(t)
    beat = timeline.beats[i]
    chapter = BY_KEY[beat.chapter]
    rule = chapter.rule or sel.rule  # a chapter may always be told under one rule (answer time: GPT's)
    trace = rules.under(base, rule, sel.head)  # the trace itself is left as it was (the window's selection holds
    # the head its classes keep: app.model), so an export or a comparison of another head changes nothing of it
    L = trace.layers[sel.layer]
    ctx = Ctx(trace, sel, beat, smooth(a), sel.focus, L, L.head(sel.head), drawn_names(trace.tokens), base)

    # per canvas: the window's frames and the compare dialog's of this class alternate them (review16 #15)
    students = seated_copies(kept_among(base, "students", sel.canvas, lambda: class_rows(base, sel.canvas)))
    if 0 <= sel.focus < len(students):
        students[sel.focus].state = "focus"
    frame = Frame(time=float(t), beat=i, chapter=chapter.number, chapter_key=beat.chapter,
                  beat_key=beat.key, alpha=ctx.alpha, title=rule_title(sel.lang, beat.chapter, rule),
                  narration="", students=students, notices=list(notices), rule=rule, canvas=sel.canvas,
                  lang=sel.lang)
    beat.build(ctx, frame)
    explain_marks(frame)  # a line of the caption for each kind of mark shown (␣, 「小 1/3」, ⟨U+2413⟩)
    if frame.heatmap is None:  # the map with no row filled yet, until a chapter fills the asker's or all
        frame.heatmap = heatmap(ctx, rows=[])
    if sel.board:
        closed_up(frame)
    if not panels:
        return frame, trace, sel
    frame.overview = overview(trace)
    if frame.layer_view is None:  # the first layer only, until a chapter shows more
        frame.layer_view = layer_view(ctx, upto=0)
    return frame, trace, sel


def prepared_run(checkpoint, text: str, rule: str = rules.LESSON_RULE, layer: int = 0, head: int = 0,
                 focus: str | int | None = None):
    """model.sentence.compute_run under the lesson's rule, then what the first frame needs computed too
    (panels.warm): the window's worker thread calls this, so showing a long sentence of a big model never
    waits on the GUI thread. The other rule's trace is computed when a frame first needs it (rules.under).
    A lean trace lets go of its layers' shares as they are made (overview.AsMade). `layer` is the layer the lesson
    will show (0-based; the FFN steps warm makes are that layer's), `head` the head; the asker warm works the softmax
    row of is `focus` (a gallery example's asker, as gallery.focus_seat finds it) or else the one a new sentence
    opens with (context.default_focus)."""
    from ..model.gallery import focus_seat
    from ..model.sentence import compute_run

    made = AsMade(head)

    run = compute_run(checkpoint, text, rule, observe=made)
    if run is not None:
        made.kept_with(run.trace)
        seat = None if focus is None else focus_seat(focus, run.trace.tokens)
        asker = default_focus(run.trace.tokens, rule) if seat is None else seat
        warm(run.trace, ffn_layer=layer, asker=asker, head=head)
    return run
