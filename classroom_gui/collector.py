"""How often Python's cycle collector runs in this process: its youngest generation every GEN0 allocations
rather than every 700, so that a frame is not cut into by collections.

Building and drawing one frame of a 64-student class allocates some ten thousand Python objects (the Frame's
students and strips, the items' keys), and with the default threshold of 700 the collector ran on every
frame: measured over 150 jumps at 64 students, 162 collections took 176-186 ms in all, one of them (a full
collection over ~50,000 objects) 43-52 ms, which alone misses a 60 fps frame. With GEN0 = 10,000: 2
collections, 7 ms in all. Almost everything the app frees is freed by reference counting at once; only
objects in cycles wait for a collection, a few thousand allocations longer than before.

Process-wide, so the entry points (the CLI, whose `gui` command is the window, and the frame benchmark)
call it once, as they call model.allocator.keep_freed_memory.

Once the canvas has shown its first frame (view.canvas_view), settle() takes every object alive then out of the
collector's sight (gc.freeze): the modules, Qt's wrappers, the lesson's tables, the scene's items, some 40,000 to
80,000 objects that mostly live as long as the app. A collection of the older generations walked all of them:
over 80 cold jumps at 64 students (#18's benchmark) the collector took 17.4 ms within the 12 jumps over 16.7 ms;
with them frozen, 1.3 ms. What it costs: an object alive at that moment that later becomes garbage in a cycle is
never collected (reference counting still frees the rest: a trace's arrays, a replaced sentence's frames).
"""
from __future__ import annotations

import gc

GEN0 = 10_000  # allocations (less deallocations) between collections of the youngest generation


def collect_rarely() -> None:
    """Collect the youngest generation every GEN0 allocations; the older generations' own thresholds stay."""
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GEN0, gen1, gen2)


def settle() -> None:
    """The objects alive now (start-up's and the first frame's) are left out of every later collection (see the
    module's docstring).
    Moving them is a constant-time splice of the collector's lists: no pause."""
    gc.freeze()
