"""Items with marks anchored to the device (the hatch of masked cells) keep the rest as a picture: a jump back
to a moment paints only the marks, and the window shows the same pixels as painting everything in place.
The canvas's desks, cards, texts and board lines have no Qt item cache: each draws its kept picture straight onto
the viewport (scene.items.CachedItem.blits) and shows the pixels Qt's cache showed, also while it fades and rises
into place; a hatched card keeps Qt's cache. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGraphicsItem

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.board import BoardLinesItem
from classroom_gui.scene.desk import DeskItem
from classroom_gui.scene.heatmap import HeatmapItem
from classroom_gui.scene.strip import StripItem, StripView
from text_census import painted_in_place
from helpers import grab


@pytest.fixture(scope="module")
def lesson(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat .", "causal").trace
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def moment(timeline, key: str) -> float:
    beat = next(b for b in timeline.beats if b.key == key)
    return beat.start + 0.97 * beat.duration


def canvas(size=(1013, 577)):
    from classroom_gui.view.canvas_view import CanvasView
    view = CanvasView()
    view.resize(*size)
    view.show()
    return view


def count_calls(monkeypatch, cls, name: str) -> dict:
    calls = {"n": 0}
    original = getattr(cls, name)

    def counted(self, *args):
        calls["n"] += 1
        return original(self, *args)
    monkeypatch.setattr(cls, name, counted)
    return calls


@pytest.mark.parametrize("key, cls, body", [("mask.future", StripView, "paint_body"),
                                            ("heads.others", HeatmapItem, "_paint_body"),
                                            ("scaling.divide", BoardLinesItem, "_paint_lines")])
def test_a_jump_back_paints_only_the_marks(lesson, monkeypatch, key, cls, body):
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    view = canvas()
    shown = frame_at(trace, sel, moment(timeline, key))
    view.set_frame(shown)
    first = grab(view)
    view.set_frame(frame_at(trace, sel, moment(timeline, "seats.sit" if key != "seats.sit" else "cards.query")))
    grab(view)
    calls = count_calls(monkeypatch, cls, body)
    view.set_frame(shown)
    again = grab(view)
    assert calls["n"] == 0  # the bodies came from kept pictures
    assert again == first
    view.close()


@pytest.mark.parametrize("key", ["mask.future", "softmax.weights", "heads.others", "everyone.matrix"])
def test_kept_pictures_show_what_painting_in_place_shows(lesson, monkeypatch, key):
    """The window with its kept pictures, and with every item painted in place in Qt's item cache (as masked
    strips and the heatmap were before they kept their bodies, and desks, cards and texts before they blitted
    their kept pictures without Qt's cache: items.CachedItem.blits), cold and from the kept pictures."""
    from classroom_gui.scene import pictures
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    frame = frame_at(trace, sel, moment(timeline, key))
    kept = canvas()
    kept.set_frame(frame)
    kept_image = grab(kept)
    masked = [i for i in kept.scene().items() if isinstance(i, StripItem) and i.isVisible() and i.view.masked]
    assert masked or key in ("heads.others", "everyone.matrix")
    kept.set_frame(frame_at(trace, sel, moment(timeline, "seats.sit")))
    grab(kept)
    kept.set_frame(frame)
    assert grab(kept) == kept_image
    monkeypatch.setattr(pictures, "paint_item", lambda item, p, key, paint, lift=0: pictures.lifted(p, lift, paint))
    painted_in_place(monkeypatch)  # (what the window's canvas blits: painted here in Qt's item cache instead)
    direct = canvas()
    direct.set_frame(frame)
    assert grab(direct) == kept_image
    kept.close()
    direct.close()


NO_CACHE = QGraphicsItem.CacheMode.NoCache


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


def test_a_repaint_blits_what_each_unchanged_item_drew_last(lesson, monkeypatch):
    """A frame that changes nothing (a repaint, a playing frame's still desks) draws each blitting item's last
    picture again without looking it up or painting it; a new size (another transform) looks them up again."""
    from classroom_gui.scene import pictures
    trace, timeline = lesson
    view = canvas()
    view.set_frame(frame_at(trace, Selection(focus=1, rule="causal"), moment(timeline, "softmax.weights")))
    first = grab(view)
    calls, looked_up = {"n": 0}, pictures.paint_cached

    def counted(*args, **kwargs):
        calls["n"] += 1
        return looked_up(*args, **kwargs)
    monkeypatch.setattr(pictures, "paint_cached", counted)
    assert grab(view) == first
    assert calls["n"] == 0
    view.resize(900, 512)
    grab(view)
    assert calls["n"] > 0
    held = {i: i._key for i in view.scene().items() if getattr(i, "blitted", None) is not None}
    assert held and all(i.isVisible() for i in held)
    view.set_frame(frame_at(trace, Selection(focus=1, rule="causal"), moment(timeline, "seats.sit")))
    released = [i for i, key in held.items() if i._key != key or not i.isVisible()]  # changed, or hidden
    assert released and all(i.blitted is None for i in released)  # they hold no picture of their own
    view.close()
