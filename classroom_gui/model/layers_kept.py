"""How many lean layers keep their derived arrays at once, over every trace: the least recently read layer lets
go of them first. model.trace.LayerTrace reads through _steps_read and _heads_read (a `layer` here is one; not
imported, since trace.py imports this)."""
from __future__ import annotations

import threading
import weakref
from collections import deque

# Lean layers whose derived arrays are kept at once, over every trace, the least recently read dropped first: a
# frame reads at most two layers (the selected one, and the one chapter 12 shows, or the other rule's in
# chapters 6 and 13). Steps (GPT-2 small at 512 tokens: up to ~13 MB a layer, so a walk through every layer
# kept 0.3 GB) and heads whose shares were made for them (~1/H of the attention to make again) are counted
# apart, so frames that show other layers' heads never drop the selected layer's FFN steps.
DERIVED_KEPT = 2
# Lean layers whose made heads are kept at once: the compare view draws two classes (two traces), and chapters 6,
# 12 and 13 read two layers of each, so four layers' heads; with two, every compare frame made ~25 heads'
# [T, T] shares again. A head holds ~3 [T, T] arrays (GPT-2 small at 512 students: ~3 MB), HEADS_KEPT per layer.
HEAD_LAYERS_KEPT = 2 * DERIVED_KEPT


class _Recent:
    """Weak references to the lean layers holding one kind of derived arrays, newest last; `drop(layer)`
    lets a layer beyond the `keep` most recently read go of them."""

    def __init__(self, drop, keep: int):
        self.refs, self.lock, self.drop, self.keep = deque(), threading.Lock(), drop, keep

    def read(self, layer) -> None:
        """`layer` holds such arrays and was just read: it becomes the newest."""
        try:
            if self.refs[-1]() is layer:  # already the newest: every desk of a frame asks its layer's head
                return
        except IndexError:  # none yet (or another thread's update between two of its steps)
            pass
        with self.lock:
            for ref in [r for r in self.refs if r() is None or r() is layer]:
                self.refs.remove(ref)
            self.refs.append(weakref.ref(layer))
            while len(self.refs) > self.keep:
                old = self.refs.popleft()()
                if old is not None:
                    self.drop(old)


def _drop_steps(layer) -> None:  # new dicts: a reader holding the old one still finds its arrays
    layer.steps, layer._heads = {}, {}  # its heads may be views of stacked shares ("weights")


def _drop_heads(layer) -> None:
    layer._heads = {}


_steps_read, _heads_read = _Recent(_drop_steps, DERIVED_KEPT), _Recent(_drop_heads, HEAD_LAYERS_KEPT)
