"""The canvas draws the lesson's other moments ahead in idle time (view.canvas_warm): a jump to one of them then
paints no card, matrix or board again, shows the same pixels as a cold canvas, and the canvas never shows a
moment it drew ahead. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene import pictures
from classroom_gui.scene.heatmap import HeatmapItem
from classroom_gui.scene.strip import StripView
from classroom_gui.view import canvas_warm
from helpers import canvas, grab


@pytest.fixture(scope="module")
def lesson(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat .", "causal").trace
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def start(view, trace, timeline, sel, now=0.0, students=None):
    beats = [(b.start, b.duration) for b in timeline.beats]
    view.warmer.start(lambda t: frame_at(trace, sel, t), beats, now, trace.n_tokens if students is None else students)


@pytest.fixture
def roomy_cache():
    """Room for the whole lesson's pictures at once (the canvas's budget is for its own size: see
    scene.pictures.fit_cache), so that this checks what is drawn ahead, not how much the budget keeps."""
    from PySide6.QtGui import QPixmapCache
    limit = QPixmapCache.cacheLimit()
    QPixmapCache.setCacheLimit(256 * 1024)
    yield
    QPixmapCache.setCacheLimit(limit)


def test_a_jump_to_a_moment_drawn_ahead_paints_nothing_new(lesson, monkeypatch, roomy_cache):
    from PySide6.QtGui import QPixmapCache
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    keys = ("embedding.sum", "mask.future", "heads.others", "layers.layer")
    moments = {}
    for key in keys:
        beat = next(b for b in timeline.beats if b.key == key)
        moments[key] = frame_at(trace, sel, beat.start + canvas_warm.PER_BEAT[-1] * beat.duration)
    QPixmapCache.clear()
    cold = canvas()
    QPixmapCache.setCacheLimit(256 * 1024)  # (a canvas sizes the budget for itself when shown)
    painted = {}
    for key, frame in moments.items():  # what painting them without anything kept shows
        QPixmapCache.clear()
        cold.set_frame(frame)
        painted[key] = grab(cold)
    cold.close()
    QPixmapCache.clear()
    view = canvas()
    QPixmapCache.setCacheLimit(256 * 1024)
    shown = frame_at(trace, sel, 0.0)
    view.set_frame(shown)
    before = grab(view)
    start(view, trace, timeline, sel)
    QPixmapCache.setCacheLimit(256 * 1024)  # (start raised it to the warming budget for this size)
    drawn = view.warmer.run_all()
    assert drawn == len(timeline.beats) * len(canvas_warm.PER_BEAT)
    assert view.classroom.frame is shown and grab(view) == before  # the canvas still shows its own moment
    calls = {"n": 0}
    for cls, name in ((StripView, "paint_body"), (HeatmapItem, "_paint_body")):
        original = getattr(cls, name)

        def counted(self, p, *more, original=original):  # (a card's body, in place or on its own new picture)
            calls["n"] += 1
            return original(self, p, *more)
        monkeypatch.setattr(cls, name, counted)
    made = []  # kept pictures made on a jump: a key drawn ahead under another scale or fraction of a pixel
    real = pictures.QPixmapCache

    class Counting:
        find = staticmethod(real.find)

        @staticmethod
        def insert(key, pix):
            made.append(key)
            return real.insert(key, pix)
    monkeypatch.setattr(pictures, "QPixmapCache", Counting)
    for key, frame in moments.items():
        calls["n"] = 0
        view.set_frame(frame)
        warm_image = grab(view)
        assert calls["n"] == 0, key
        assert made == [], key
        assert warm_image == painted[key], key  # the pictures drawn ahead are the ones the canvas paints
    for beat in timeline.beats:  # every beat's stop (where the keys land) finds every picture kept
        view.set_frame(frame_at(trace, sel, beat.end))
        grab(view)
        assert made == [], beat.key
    view.close()


class Clock:
    """The warmer's idle clock (canvas_warm.clock), moved only by the test: how long the canvas has been idle is
    what the test says, not what a loaded machine took (tidy20: the test failed under load, passed in CI)."""

    def __init__(self):
        self.ms = 0  # (whole milliseconds: no rounding puts IDLE_MS a hair short)

    def __call__(self) -> float:
        return self.ms / 1000

    def after(self, ms: int) -> None:
        self.ms += ms


@pytest.fixture
def clock(monkeypatch):
    driven = Clock()
    monkeypatch.setattr(canvas_warm, "clock", driven)
    return driven


@pytest.mark.parametrize("aim_ms", [canvas_warm.AIM_MS, 10_000])
def test_drawing_a_frame_pauses_it_until_the_canvas_is_idle(lesson, qapp, monkeypatch, clock, aim_ms):
    """aim_ms 10,000: a chunk long enough for both neighbours (as when the pictures are already kept: review21
    saw both drawn in one 13 ms chunk after other tests), which then waits for IDLE_MS, as it should."""
    monkeypatch.setattr(canvas_warm, "AIM_MS", aim_ms)
    trace, timeline = lesson
    sel = Selection(focus=1)
    view = canvas()
    view.set_frame(frame_at(trace, sel, 0.0))
    start(view, trace, timeline, sel)
    waiting = len(view.warmer.pending)
    assert waiting and view.warmer.idle.isActive()
    warmer = view.warmer
    assert warmer.idle.interval() == canvas_warm.IDLE_MS  # (start: no neighbours first, the whole idle wait)
    view.set_frame(frame_at(trace, sel, 3.0))  # the player's tick, a key: warming waits again
    stops = sorted(b.end for b in timeline.beats)
    near = [max(s for s in stops if s < 3.0 - 1e-6)] + [min(s for s in stops if s > 3.0 + 1e-6)]
    assert len(warmer.pending) == waiting and sorted(warmer.pending[-2:]) == near  # ← and → drawn first ...
    assert warmer.idle.isActive() and warmer.idle.interval() == canvas_warm.NEAR_MS  # ... once idle for NEAR_MS
    clock.after(canvas_warm.NEAR_MS)
    warmer._chunk()  # what the idle timer does: one chunk, then the next is queued
    assert 0 < warmer.left() < waiting  # (steps of a moment: its Frame, the twin set to it, bands)
    if warmer.pending[-1] in near:  # a neighbour still to draw (its steps outran AIM_MS): on at once
        assert aim_ms == canvas_warm.AIM_MS and warmer.next.isActive()
    else:  # both drawn in this one chunk: the rest waits until the canvas has been idle for IDLE_MS, not a moment less
        assert not warmer.next.isActive() and warmer.idle.isActive()
        assert warmer.idle.interval() == canvas_warm.IDLE_MS - canvas_warm.NEAR_MS
        clock.after(canvas_warm.IDLE_MS - canvas_warm.NEAR_MS - 1)
        assert not warmer._due(warmer.pending[-1])
        clock.after(1)
        assert warmer._due(warmer.pending[-1])
    assert view.classroom.frame is view.frame
    view.set_frame(frame_at(trace, sel, 4.0))
    assert not warmer.next.isActive() and warmer.idle.isActive()
    view.close()


def test_a_frames_neighbours_are_drawn_first_and_soon(lesson, monkeypatch, roomy_cache, clock):
    """The beat stops before and after the moment shown (where ← and → land) are drawn next, once the canvas has been
    idle for NEAR_MS (not IDLE_MS); then the rest waits for IDLE_MS; → then paints no card anew."""
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    view = canvas()
    view.set_frame(frame_at(trace, sel, 0.0))
    start(view, trace, timeline, sel)
    warmer, beats = view.warmer, timeline.beats
    k = len(beats) // 2
    view.set_frame(frame_at(trace, sel, beats[k].end))  # a key landed on beat k's stop
    grab(view)
    near = [beats[k - 1].end, beats[k + 1].end]
    assert warmer.pending[-2:] == near  # ← and → from here drawn next, → first
    assert warmer.idle.isActive() and warmer.idle.interval() == canvas_warm.NEAR_MS < canvas_warm.IDLE_MS
    clock.after(canvas_warm.NEAR_MS)
    while warmer.pending[-1] in near:
        warmer._chunk()
    assert not warmer.next.isActive() and warmer.idle.interval() == canvas_warm.IDLE_MS - canvas_warm.NEAR_MS
    calls = []
    real = StripView.paint_body
    monkeypatch.setattr(StripView, "paint_body", lambda self, p, *more: (calls.append(self.strip.role),
                                                                         real(self, p, *more))[1])
    view.set_frame(frame_at(trace, sel, near[1]))  # →
    grab(view)
    assert calls == []
    view.close()


def test_nearest_moments_first_again_after_a_resize_and_big_classes_not_at_all(lesson):
    trace, timeline = lesson
    sel = Selection(focus=1)
    view = canvas()
    assert view.warmer.run_all() == 0  # nothing shown yet: nothing drawn ahead
    view.set_frame(frame_at(trace, sel, 0.0))
    now = timeline.beats[10].start
    start(view, trace, timeline, sel, now=now)
    nearest = view.warmer.pending[-1]  # popped first
    assert abs(nearest - now) == min(abs(t - now) for t in view.warmer.pending)
    view.warmer.run_all()
    view.resize(800, 450)  # pictures are kept per size: drawn ahead again
    assert len(view.warmer.pending) == len(timeline.beats) * len(canvas_warm.PER_BEAT)
    start(view, trace, timeline, sel, students=canvas_warm.PAINT_UP_TO + 1)  # a big class: set ahead only
    assert len(view.warmer.pending) == len(timeline.beats) * len(canvas_warm.PER_BEAT)
    assert not view.warmer.warming_class  # (the canvas's own budget: no pictures are painted ahead)
    start(view, trace, timeline, sel, students=canvas_warm.WARM_UP_TO + 1)
    assert view.warmer.pending == [] and not view.warmer.idle.isActive()
    view.resize(900, 500)
    assert view.warmer.pending == []
    view.close()


def test_a_big_class_is_set_ahead_unpainted_and_its_jumps_choose_no_route_again(lesson, monkeypatch):
    from classroom_gui.scene.links import LinkLayer
    trace, timeline = lesson
    sel = Selection(focus=1)
    view = canvas()
    view.set_frame(frame_at(trace, sel, 0.0))
    start(view, trace, timeline, sel, students=canvas_warm.PAINT_UP_TO + 1)  # (told it is big: set ahead only)
    bands, chosen = [], []
    real_choose = LinkLayer._choose_routes
    monkeypatch.setattr(canvas_warm.CanvasWarmer, "_paint_band", lambda self, image, band: bands.append(band))
    monkeypatch.setattr(LinkLayer, "_choose_routes", lambda self, *a: (chosen.append(self), real_choose(self, *a))[1])
    assert view.warmer.run_all() == len(timeline.beats) * len(canvas_warm.PER_BEAT)
    assert bands == [] and chosen and view.classroom.links not in chosen  # chosen on the twin, nothing painted
    chosen.clear()
    for beat in timeline.beats:  # every beat's stop: the canvas finds the routes the twin chose
        view.set_frame(frame_at(trace, sel, beat.end))
    assert chosen == []
    view.close()


def test_the_model_offers_its_lesson_and_nothing_during_a_quiz(qapp, checkpoint):
    from classroom_gui.app.model import ClassroomModel
    model = ClassroomModel(checkpoint, "en", 1.0)
    assert model.ahead()[0] is None  # no sentence yet
    model.set_run(run_sentence(checkpoint, "the cat sat on the mat .", model.sel.rule))
    frames, beats, now, students = model.ahead()
    assert students == 7 and len(beats) == len(model.player.timeline) and now == model.player.time
    t = beats[5][0] + 0.5 * beats[5][1]
    model.player.seek(t)
    assert frames(t) == model.frame()  # what the canvas would show there
    model.set_quiz(True)
    assert model.ahead()[0] is None


def test_a_big_class_jump_finds_the_class_pictures_the_twin_drew(qapp, monkeypatch, checkpoint):
    """A big class's desks and cards (scene.class_image) are kept by content in scene.class_pictures, shared with
    the twin: a jump to a moment drawn ahead composes neither picture again, and shows what a cold canvas shows."""
    from classroom_gui.scene import class_pictures
    from classroom_gui.scene.class_image import ClassImage
    words = "the cat sat on the mat".split() * 11
    trace = run_sentence(checkpoint, " ".join(words[:40])).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=1)
    moments = [frame_at(trace, sel, b.end) for b in timeline.beats if b.key in ("cards.value", "softmax.weights")]
    cold = canvas()
    painted = []
    for frame in moments:
        class_pictures.clear()
        cold.set_frame(frame)
        painted.append(grab(cold))
        assert cold.classroom.class_image.isVisible()  # (drawn as one class picture)
    cold.close()
    class_pictures.clear()
    view = canvas()
    view.set_frame(frame_at(trace, sel, 0.0))
    start(view, trace, timeline, sel)
    view.warmer.run_all()
    drawn = []
    for name in ("_draw_shells", "_draw_cards"):
        original = getattr(ClassImage, name)
        monkeypatch.setattr(ClassImage, name, lambda self, *a, original=original, name=name: (
            drawn.append(name), original(self, *a))[1])
    for frame, cold_image in zip(moments, painted):
        view.set_frame(frame)
        assert grab(view) == cold_image
    assert drawn == []
    view.close()


def test_a_jump_into_a_fade_finds_the_strips_drawn_at_other_moments_of_it(lesson, monkeypatch, roomy_cache):
    """A card fading in rises by whole device pixels (StripItem.set_lift), so its picture is the same at every
    moment of the fade: a jump to a moment the drawing ahead never drew paints no strip again, and shows what a
    cold canvas shows."""
    from PySide6.QtGui import QPixmapCache
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    moments = []
    for key in ("embedding.sum", "embedding.position", "heads.project"):
        beat = next(b for b in timeline.beats if b.key == key)
        moments += [frame_at(trace, sel, beat.start + a * beat.duration) for a in (0.3, 0.8)]
    assert all(any(0 < st.visible < 1 for s in f.students for st in s.cards + [s.notebook] if st) for f in moments)
    QPixmapCache.clear()
    cold = canvas()
    QPixmapCache.setCacheLimit(256 * 1024)
    painted = []
    for frame in moments:
        QPixmapCache.clear()
        cold.set_frame(frame)
        painted.append(grab(cold))
    cold.close()
    QPixmapCache.clear()
    view = canvas()
    view.set_frame(frame_at(trace, sel, 0.0))
    start(view, trace, timeline, sel)
    QPixmapCache.setCacheLimit(256 * 1024)
    view.warmer.run_all()
    calls = []
    real = StripView.paint_body  # (every card's cells, in place or on its own new picture)
    monkeypatch.setattr(StripView, "paint_body", lambda self, p, *more: (calls.append(self.strip.role),
                                                                         real(self, p, *more))[1])
    for frame, cold_image in zip(moments, painted):
        view.set_frame(frame)
        assert grab(view) == cold_image
    assert calls == []
    view.close()


def test_a_small_class_after_a_big_one_lets_the_big_class_pictures_go(qapp, checkpoint):
    """The raised budget for a big class's pictures (scene.class_pictures) lasts only while a class drawn as one
    ClassImage is drawn ahead: a small class after it keeps none of its own, so nothing else would trim them
    (review8: 169 MB kept after a 64-student lesson gave way to 7 students)."""
    from classroom_gui.scene import class_pictures
    words = "the cat sat on the mat".split() * 11
    big = run_sentence(checkpoint, " ".join(words[:40])).trace
    small = run_sentence(checkpoint, "the cat sat on the mat .").trace
    class_pictures.clear()
    view = canvas()
    ratio = view.devicePixelRatioF()
    own = class_pictures.budget(view.viewport().width() * ratio, view.viewport().height() * ratio)
    sel = Selection(focus=1)
    view.set_frame(frame_at(big, sel, 0.0))
    start(view, big, timeline_for(big.n_tokens, big.config.n_layer), sel)
    view.warmer.run_all()
    assert class_pictures.limit() > own
    assert class_pictures.kept_bytes() > own  # (more than the canvas's own budget keeps)
    view.set_frame(frame_at(small, sel, 0.0))
    start(view, small, timeline_for(small.n_tokens, small.config.n_layer), sel)
    assert view.warmer.warming_class  # the small class is still drawn ahead ...
    assert class_pictures.limit() == own  # ... without the big class's room
    assert class_pictures.kept_bytes() <= own
    view.close()
    class_pictures.clear()
