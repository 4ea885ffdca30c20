"""The lesson's derived values of a trace (the other rule's trace, the layer map, the all-heads overview, the
seat guesses), kept beside the trace rather than inside it: model.trace.Trace holds what the forward
computed, and this holds what the lesson made of it. An entry lives exactly as long as its trace.
"""
from __future__ import annotations

import threading
import weakref

_CACHES: dict[int, dict] = {}  # id(trace) -> {name: value}; dropped when the trace is collected
_LOCK = threading.Lock()  # the window's worker warms a trace while the GUI thread may read another


def cache_of(trace) -> dict:
    """The lesson's dict of derived values for `trace` (created on first use). Values must not refer back to
    `trace`, or the entry would keep it alive."""
    key = id(trace)
    with _LOCK:
        found = _CACHES.get(key)
        if found is None:
            found = _CACHES[key] = {}
            weakref.finalize(trace, _CACHES.pop, key, None)
    return found


def kept_for(trace, name: str, key, make):
    """make() kept beside `trace` under `name` while `key` (what it was made for: layer, head, asker) stays the
    same; made again, and kept instead, when a frame asks for another key."""
    cache = cache_of(trace)
    held = cache.get(name)
    if held is None or held[0] != key:
        held = cache[name] = (key, make())
    return held[1]

