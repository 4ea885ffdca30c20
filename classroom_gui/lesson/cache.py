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


def _making(cache: dict, name: str) -> threading.RLock:
    """The lock that one maker of `name` in `cache` holds (review33 #7: the worker warming a class and a frame on
    the GUI thread both made the other rule's forward): a second asker waits for the first's value, not for a
    maker of another name or trace."""
    with _LOCK:
        return cache.setdefault(("making", name), threading.RLock())


def kept(trace, name: str, make):
    """make() kept beside `trace` under `name`: made on first use, then read (the other rule's trace, the layer
    map, the all-heads overview, the seat guesses); made once when two threads ask at the same time."""
    cache = cache_of(trace)
    found = cache.get(name)
    if found is None:
        with _making(cache, name):
            found = cache.get(name)
            if found is None:
                found = cache[name] = make()
    return found


def kept_for(trace, name: str, key, make):
    """make() kept beside `trace` under `name` while `key` (what it was made for: layer, head, asker) stays the
    same; made again, and kept instead, when a frame asks for another key (once when two threads ask for it)."""
    cache = cache_of(trace)
    held = cache.get(name)
    if held is None or held[0] != key:
        with _making(cache, name):
            held = cache.get(name)
            if held is None or held[0] != key:
                held = cache[name] = (key, make())
    return held[1]


def kept_among(trace, name: str, key, make, most: int = 4):
    """make() kept beside `trace` under `name` for each of the last `most` keys asked for, not only the last one:
    the window's and the compare dialog's frames of one class alternate canvases, and a value kept for one key
    (kept_for) was made again at every step (review16 #15). The key asked for least recently goes when a new one
    would be the (most + 1)th (review18: first in, first out dropped a key in constant use)."""
    kept = cache_of(trace).setdefault(name, {})
    with _LOCK:
        found = kept.pop(key, None)
        if found is not None:
            kept[key] = found  # the last asked for last: the first in the dict is the one to go
    if found is None:
        found = make()
        with _LOCK:  # the worker may keep another key of the same trace meanwhile
            kept[key] = found
            while len(kept) > most:
                kept.pop(next(iter(kept)))
    return found
