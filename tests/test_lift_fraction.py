"""A card fading in rises by whole device pixels (strip.StripItem.set_lift) and its kept picture (scene.pictures) sits
at the same fraction of a pixel at every lift, to the last bit: a jump to another moment of the fade blits the picture
painted at the first, paints no card again, and shows what a cold canvas shows there. (At 1600 x 900 a lift added
to the picture's place before its fraction was taken moved the fraction by ~2e-16: a new picture, painted again.)"""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.strip import StripView
from helpers import grab


def canvas(size):
    from classroom_gui.view.canvas_view import CanvasView
    view = CanvasView()
    view.resize(*size)
    view.show()
    view.warmer.halt()
    return view


@pytest.fixture
def roomy_cache():
    from PySide6.QtGui import QPixmapCache
    limit = QPixmapCache.cacheLimit()
    QPixmapCache.setCacheLimit(256 * 1024)
    yield QPixmapCache
    QPixmapCache.setCacheLimit(limit)


@pytest.mark.parametrize("size", [(1600, 900), (1013, 577)])
def test_another_moment_of_a_fade_blits_the_picture_of_the_first(qapp, checkpoint, monkeypatch, roomy_cache, size):
    trace = run_sentence(checkpoint, "the cat sat on the mat .", "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=1, rule="causal")
    pairs = []
    for key in ("embedding.sum", "embedding.position", "heads.project"):
        beat = next(b for b in timeline.beats if b.key == key)
        pairs.append([frame_at(trace, sel, beat.start + a * beat.duration) for a in (0.3, 0.7)])
    for first, then in pairs:  # (cards mid-fade at both moments, risen by different whole pixels)
        assert any(0 < st.visible < 1 for s in then.students for st in s.cards + [s.notebook] if st)
    cold = []
    for _, then in pairs:  # what a canvas that never showed the fade shows at the second moment
        roomy_cache.clear()
        view = canvas(size)
        view.set_frame(then)
        cold.append(grab(view))
        view.close()
    roomy_cache.clear()
    view = canvas(size)
    calls = []
    real = StripView.paint_body  # (every card's cells, in place or on its own new picture)
    monkeypatch.setattr(StripView, "paint_body", lambda self, p, *more: (calls.append(self.strip.role),
                                                                         real(self, p, *more))[1])
    for (first, then), cold_image in zip(pairs, cold):
        view.set_frame(first)
        grab(view)
        calls.clear()
        view.set_frame(then)
        assert grab(view) == cold_image
        assert calls == [], then.beat_key
    view.close()
