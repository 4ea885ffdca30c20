"""The window's canvas paints a moment the same pixels whatever it showed before (a teacher's screenshot must not depend
on history). big27: two fresh runs of main grabbed 18-24 of 72 moments differently at 1024 x 768 (128 students), each
time only the viewport's bottom row, a pixel 1 off: the scene's rectangle ends a fraction of a pixel above the
viewport's edge there, and the background was antialiased over what that row held before (a grab paints into a new,
unfilled picture: the viewport is opaque). The same moment reached by two paths on views of a few sizes: straight
after opening, painted over white; and after other moments were shown, painted over the last one's picture (what
the window's own backing store holds) and over black. Offscreen Qt."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def lesson(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat").trace
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def view_of(size):
    from classroom_gui.view.canvas_view import CanvasView
    view = CanvasView()
    view.resize(*size)
    view.show()
    view.warmer.halt()  # (nothing drawn ahead: only the paths below)
    return view


def painted(view, under):
    """The viewport painted over a picture holding `under` (a QColor, or a QImage of what was there before)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage
    if isinstance(under, QImage):
        image = under.copy()
    else:
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(under)
    view.viewport().render(image, QPoint(0, 0))
    return image


@pytest.mark.parametrize("size", [(1024, 768), (1013, 577), (1600, 900)])
@pytest.mark.parametrize("canvas", ["16:9", "4:3"])
def test_a_moment_paints_the_same_pixels_whatever_came_before(lesson, size, canvas):
    from PySide6.QtGui import QColor
    trace, timeline = lesson
    beats = timeline.beats
    sel = Selection(focus=1) if canvas == "16:9" else Selection(focus=1).sized(1024, 768)
    differ = []
    for beat in (beats[1], beats[len(beats) // 2], beats[-1]):
        straight = view_of(size)
        straight.set_frame(frame_at(trace, sel, beat.end))
        first = painted(straight, QColor("white"))
        straight.close()
        wandering = view_of(size)
        before = None
        for other in beats[::9]:  # other moments, each painted over the one before
            wandering.set_frame(frame_at(trace, sel, other.start + 0.5 * other.duration))
            before = painted(wandering, QColor("black") if before is None else before)
        wandering.set_frame(frame_at(trace, sel, beat.end))
        second, third = painted(wandering, before), painted(wandering, QColor("black"))
        wandering.close()
        if not (first == second == third):
            differ.append(beat.key)
    assert differ == []


@pytest.fixture(scope="module", params=["teaching 64", "random 128"])
def big_lesson(request, qapp, checkpoint, tmp_path_factory):
    """A class of 64 on the shipped model, and of 128 on a random one (its shares all read 0.01: labels of one text
    at other places from moment to moment)."""
    if request.param == "teaching 64":
        model, words = checkpoint, "the cat sat on the mat".split() * 11
    else:
        sys.path.insert(0, str(Path(__file__).parent))
        from helpers import VOCAB, random_checkpoint
        model = random_checkpoint(tmp_path_factory.mktemp("class128") / "m", n_positions=128)
        words = [w for w in VOCAB[1:] if w.isascii()] * 128
    n = 64 if request.param == "teaching 64" else 128
    trace = run_sentence(model, " ".join(words[:n])).trace
    assert trace.n_tokens == n
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def test_a_moment_jumped_to_from_elsewhere_paints_what_it_paints_straight(big_lesson):
    """A big class at 1024 x 768 (4:3): each beat's stop with links reached straight after opening, and from the
    middle of the beat before it. Two things of the moment before showed: a link's label of the same text elsewhere
    (Qt's device cache blitted its old picture at the new place, a fraction of a device pixel off), and the order in
    which the links' path items were first made (one z: lines crossing stacked in that order)."""
    trace, timeline = big_lesson
    sel = Selection(focus=1).sized(1024, 768)
    differ = []
    for before, beat in zip(timeline.beats, timeline.beats[1:]):
        if not frame_at(trace, sel, beat.end).links:
            continue
        grabs = []
        for path in ([beat.end], [before.start + 0.5 * before.duration, beat.end]):
            view = view_of((1024, 768))
            for t in path:
                view.set_frame(frame_at(trace, sel, t))
                view.viewport().repaint()
            grabs.append(view.viewport().grab().toImage())
            view.close()
        if grabs[0] != grabs[1]:
            differ.append(beat.key)
    assert differ == []

