"""The canvas's desks, cards, texts and board lines have no Qt item cache: each draws its kept picture straight onto
the viewport (scene.items.CachedItem.blits), and shows the pixels Qt's cache showed, also while it fades and rises
into place, and an item that paints marks in place (a hatched card) keeps Qt's cache. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.desk import DeskItem
from classroom_gui.scene.strip import StripItem
from text_census import painted_in_place

NO_CACHE = QGraphicsItem.CacheMode.NoCache


@pytest.fixture(scope="module")
def lesson(qapp):
    ck = load_checkpoint(teaching_model_dir())
    trace = run_sentence(ck, "the cat sat on the mat .", "causal").trace
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def canvas(size=(1013, 577)):
    from classroom_gui.view.canvas_view import CanvasView
    view = CanvasView()
    view.resize(*size)
    view.show()
    return view


def grab(view) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def rising(view, trace, timeline) -> tuple[float, StripItem]:
    """The first moment (in 1/30 s steps) where a card is half faded in and drawn lower than its place."""
    sel = Selection(focus=1, rule="causal")
    for k in range(int(timeline.duration * 30)):
        view.set_frame(frame_at(trace, sel, k / 30))
        for item in view.scene().items():
            if (isinstance(item, StripItem) and item.isVisible() and 0.2 < item.effectiveOpacity() < 0.8
                    and item.lift >= 2 and not item.view.masked):
                return k / 30, item
    raise AssertionError("no card rising into place in the lesson")


def test_a_rising_card_and_its_desk_show_what_qts_cache_showed(lesson, monkeypatch):
    trace, timeline = lesson
    blitting = canvas()
    t, card = rising(blitting, trace, timeline)
    assert card.cacheMode() == NO_CACHE and card.blits
    desks = [i for i in blitting.scene().items() if isinstance(i, DeskItem) and i.isVisible()]
    assert desks and all(d.cacheMode() == NO_CACHE for d in desks)
    beat = next(b for b in timeline.beats if b.key == "mask.future")  # (hatched cards: the future is masked)
    blitting.set_frame(frame_at(trace, Selection(focus=1, rule="causal"), beat.start + 0.97 * beat.duration))
    hatched = [i for i in blitting.scene().items() if isinstance(i, StripItem) and i.isVisible() and i.view.masked]
    assert hatched and all(i.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for i in hatched)
    frame = frame_at(trace, Selection(focus=1, rule="causal"), t)
    blitting.set_frame(frame)
    blitted = grab(blitting)
    painted_in_place(monkeypatch)  # every item painted into Qt's item cache, as before items blitted
    cached = canvas()
    cached.set_frame(frame)
    assert not [i for i in cached.scene().items() if i.isVisible() and i.cacheMode() == NO_CACHE
                and isinstance(i, (DeskItem, StripItem))]
    assert grab(cached) == blitted  # the same pixels, to the last bit (fractions of a pixel as Qt's cache had them)
    blitting.close()
    cached.close()
