"""A class over canvas_warm.PAINT_UP_TO students is set ahead without painting, but up to PREPARE_UP_TO its class's two
pictures (its desks, its cards: scene.class_image, kept in scene.class_pictures) are drawn ahead: a jump to a moment
drawn ahead composes neither again and shows what a cold canvas shows; a bigger class gets neither. Offscreen Qt."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.view import canvas_warm
from helpers import canvas, grab


@pytest.fixture(scope="module")
def lesson(qapp, checkpoint):
    words = "the cat sat on the mat".split() * 11
    trace = run_sentence(checkpoint, " ".join(words[:40])).trace  # (a class drawn as one ClassImage)
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def drawn_ahead(trace, timeline, sel, students, monkeypatch):
    """A canvas whose warmer was told the class has `students` and ran to the end; the bands it painted and the
    class pictures composed by the jumps to every beat's stop afterwards, with each jump's picture."""
    from classroom_gui.scene import class_pictures
    from classroom_gui.scene.class_image import ClassImage
    class_pictures.clear()
    view = canvas()
    view.set_frame(frame_at(trace, sel, 0.0))
    bands = []
    monkeypatch.setattr(canvas_warm.CanvasWarmer, "_paint_band", lambda self, image, band: bands.append(band))
    view.warmer.start(lambda t: frame_at(trace, sel, t), [(b.start, b.duration) for b in timeline.beats], 0.0,
                      students)
    assert view.warmer.run_all() == len(timeline.beats) * len(canvas_warm.PER_BEAT)
    composed = []
    for name in ("_draw_shells", "_draw_cards"):
        original = getattr(ClassImage, name)
        monkeypatch.setattr(ClassImage, name, lambda self, *a, original=original, name=name: (
            composed.append(name), original(self, *a))[1])
    images = []
    for beat in timeline.beats:
        view.set_frame(frame_at(trace, sel, beat.end))
        images.append(grab(view))
    view.close()
    monkeypatch.undo()
    class_pictures.clear()
    return bands, composed, images


def test_a_class_set_ahead_unpainted_still_has_its_class_pictures_drawn(lesson, monkeypatch):
    from classroom_gui.scene import class_pictures
    trace, timeline = lesson
    sel = Selection(focus=1)
    bands, composed, images = drawn_ahead(trace, timeline, sel, canvas_warm.PAINT_UP_TO + 1, monkeypatch)
    assert bands == [] and composed == []  # nothing painted ahead, yet every jump found both pictures
    cold = canvas()
    for beat, warm_image in zip(timeline.beats, images):
        class_pictures.clear()
        cold.set_frame(frame_at(trace, sel, beat.end))
        assert grab(cold) == warm_image, beat.key
    cold.close()
    class_pictures.clear()


def test_a_bigger_class_is_only_set_ahead(lesson, monkeypatch):
    trace, timeline = lesson
    sel = Selection(focus=1)
    bands, composed, _ = drawn_ahead(trace, timeline, sel, canvas_warm.PREPARE_UP_TO + 1, monkeypatch)
    assert bands == [] and "_draw_cards" in composed  # its pictures are the jumps' own
