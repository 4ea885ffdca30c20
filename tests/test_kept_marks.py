"""Items with marks anchored to the device (the hatch of masked cells) keep the rest as a picture: a jump back
to a moment paints only the marks, and the window shows the same pixels as painting everything in place.
Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.board import BoardLinesItem
from classroom_gui.scene.heatmap import HeatmapItem
from classroom_gui.scene.strip import StripItem, StripView


@pytest.fixture(scope="module")
def lesson(qapp):
    ck = load_checkpoint(teaching_model_dir())
    trace = run_sentence(ck, "the cat sat on the mat .", "causal").trace
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


def grab(view) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


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
    from text_census import painted_in_place
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
