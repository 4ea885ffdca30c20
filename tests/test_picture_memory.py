"""The canvas's kept pictures are bounded by its pixels: QPixmapCache gets a budget of a few canvases of the
window's size (scene.pictures.fit_cache), so drawing moment after moment of new sentences stops growing once
the budget is full. A fixed 256 MB made the soak's memory grow for thousands of actions (#17)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from classroom_gui.scene import pictures

# Draws 28 sentences of the teaching model at 4 moments each in an 800 x 450 canvas and prints the heap in use
# (glibc's mallinfo2, MB) after 6 sentences and at the end, and QPixmapCache's limit in KB.
MANY_MOMENTS = """
import random
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication
app = QApplication([])
from classroom_gui.lesson.state import Selection, frame_at, prepared_run, timeline_for
from classroom_gui.model import load_checkpoint
from classroom_gui.model.allocator import held_bytes
from classroom_gui.resources import teaching_model_dir
from classroom_gui.view.canvas_view import CanvasView
checkpoint = load_checkpoint(teaching_model_dir())
words = [w for w in checkpoint.tokenizer.vocab if not w.startswith("<")]
rng = random.Random(4)
view = CanvasView()
view.resize(800, 450)
view.show()
app.processEvents()
for i in range(28):
    run = prepared_run(checkpoint, " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))), "causal")
    timeline = timeline_for(run.trace.n_tokens, checkpoint.config.n_layer)
    for t in (0.3, 0.45, 0.6, 0.8):
        view.set_frame(frame_at(run.trace, Selection(focus=1), t * timeline.duration))
        view.viewport().repaint()
    if i == 5:
        warm = held_bytes()[0] / 2**20
print(round(warm, 1), round(held_bytes()[0] / 2**20, 1), QPixmapCache.cacheLimit())
"""


def test_budget_follows_the_canvas_pixels():
    assert pictures.budget_kb(800, 450) == pictures.MIN_KB               # a small window: the floor
    assert pictures.budget_kb(1920, 1080) == 8 * 8 * 1920 * 1080 // 1024  # eight 1080p canvases (~130 MB)
    assert pictures.budget_kb(7680, 4320) == pictures.MAX_KB             # 8K: the ceiling
    assert pictures.budget_kb(1920, 1080, frames=2) < pictures.budget_kb(1920, 1080)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallinfo2 measures the heap")
def test_drawing_new_moments_stops_growing_at_the_budget():
    out = subprocess.run([sys.executable, "-c", MANY_MOMENTS], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split()
    warm, end, limit = float(out[-3]), float(out[-2]), int(out[-1])
    assert limit == pictures.MIN_KB  # the 800 x 450 canvas set it (fit_cache)
    # 22 more sentences x 4 new moments: ~80 MB of pictures when every one is kept; within the budget, the
    # heap grows by at most the budget's not yet filled part plus the small caches (strip images, fonts)
    assert end - warm < pictures.MIN_KB / 1024 + 12, (warm, end)
