"""The lesson's derived values (the other rule's trace, the layer map, the overview, the seat guesses) are kept
beside a trace in lesson.cache, not inside model.trace.Trace, and go when the trace goes."""
import gc
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
