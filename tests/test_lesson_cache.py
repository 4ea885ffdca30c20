"""The lesson's derived values (the other rule's trace, the layer map, the overview, the seat guesses) are kept
beside a trace in lesson.cache, not inside model.trace.Trace, and go when the trace goes."""
import gc
from dataclasses import replace
import weakref

from classroom_gui.lesson import cache, rules
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


def test_the_lesson_keeps_its_values_beside_the_trace_and_drops_them_with_it(checkpoint):
    trace = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    for t in (tl.beat_stop(i) for i in range(len(tl))):  # every step, answer time under the other rule too
        frame_at(trace, Selection(focus=1, rule="none"), t)
    made = cache.cache_of(trace)
    assert {"rule.causal", "overview", "layer_projection"} <= set(made)
    assert not any(k.startswith("rule.") or k in ("overview", "layer_projection", "seat_guesses") for k in trace.cache)
    other = rules.under(trace, "causal")
    assert other is made["rule.causal"] and rules.has(trace, "causal")
    gone, other_gone = weakref.ref(trace), weakref.ref(other)
    key = id(trace)
    del trace, other, made
    gc.collect()
    assert gone() is None and other_gone() is None, "the lesson's cache kept a trace alive"
    assert key not in cache._CACHES


def test_two_canvases_alternating_seat_the_class_once_each(monkeypatch, checkpoint):
    """review16 #15: with the compare dialog open, the window's frames (16:9) and the dialog's (a half page's canvas)
    of one class alternate canvases. The seats were kept for the last canvas only, so every step built them again;
    now each canvas's are kept (a few, the oldest let go)."""
    from classroom_gui.lesson import state
    from classroom_gui.lesson.canvas import WIDESCREEN
    from classroom_gui.lesson.compare_layout import SIDE_WIDE

    built = []
    made = state.class_rows
    monkeypatch.setattr(state, "class_rows", lambda trace, canvas: built.append(canvas) or made(trace, canvas))
    trace = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    window, dialog = Selection(focus=1, rule="none"), Selection(focus=1, rule="none", canvas=SIDE_WIDE)
    frames = {}
    for i in range(8):  # the window's step, then the dialog's, as a step forward draws both
        for sel in (window, dialog):
            frames[i, sel.canvas.name] = frame_at(trace, sel, tl.beat_stop(i))
    assert built == [WIDESCREEN, SIDE_WIDE]
    wide, side = frames[7, WIDESCREEN.name], frames[7, SIDE_WIDE.name]
    assert [(s.x, s.y) for s in wide.students] != [(s.x, s.y) for s in side.students]  # each on its own canvas
    assert [(s.x, s.y, s.w, s.h) for s in side.students] == [tuple(seat) for seat in
                                                           state.layout.seats(trace.n_tokens, SIDE_WIDE)]
    for canvas in (WIDESCREEN, SIDE_WIDE, *(replace(SIDE_WIDE, spread=s) for s in (1.5, 1.6, 1.7))):
        frame_at(trace, replace(window, canvas=canvas), tl.beat_stop(0))
    assert len(cache.cache_of(trace)["students"]) == 4  # bounded: the oldest canvas's seats let go


def test_kept_among_drops_the_key_asked_for_least_recently():
    """review18 item 9: kept_among dropped keys first in, first out, so a key in constant use (the window's canvas,
    asked for between the compare dialog's others) was made again; the least recently asked for goes instead."""
    class Trace:  # (a trace only lends the cache its identity and lifetime)
        pass

    trace, made = Trace(), []

    def ask(key):
        return cache.kept_among(trace, "test", key, lambda: made.append(key) or key.upper(), most=2)

    assert [ask(k) for k in ("a", "b", "a", "c", "a", "b")] == ["A", "B", "A", "C", "A", "B"]
    assert made == ["a", "b", "c", "b"]  # "a" asked for again before "c" came: "b" went, not "a"
