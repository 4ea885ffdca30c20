"""A card's label row and a desk's body are kept as pictures of their own once seen twice (scene.pictures.paint_part,
from scene.strip.StripView.paint_body and scene.desk.DeskItem._paint_desk): a new moment that shows the same cards with new numbers paints their cells
and blits their labels, a desk with a new badge or name tag blits its body, to the same pixels as painting in
place. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.desk import DeskItem
from classroom_gui.scene.strip import StripItem, StripView
from test_kept_marks import canvas, count_calls, grab
from text_census import painted_in_place


@pytest.fixture(scope="module")
def lesson(qapp, checkpoint):
    trace = run_sentence(checkpoint, "the cat sat on the mat", "causal").trace  # (6 students: cards have labels)
    return trace, timeline_for(trace.n_tokens, trace.config.n_layer)


def cards(view) -> dict:
    """{(label, greyed, where on the canvas): what the card shows} of the labelled cards on screen."""
    return {(i.view.strip.label, i.view.masked, i.scenePos().x(), i.scenePos().y()): i.view.content
            for i in view.scene().items()
            if isinstance(i, StripItem) and i.isVisible() and i.view.box is not None and i.view.box.label_h}


def same_places_new_content(view, trace, sel, timeline, shown) -> tuple:
    """The first two beats in a row where at least 3 of shown(view)'s keys (what stays: a card's label, a desk's
    state, and their places) show something new, and how many keys of the second are not in the first; the canvas
    showing the second."""
    before = None
    for beat in timeline.beats:
        view.set_frame(frame_at(trace, sel, beat.start + 0.97 * beat.duration))
        now = shown(view)
        if before and len([k for k in now if k in before[1] and now[k] != before[1][k]]) >= 3:
            return (before[0].start + 0.97 * before[0].duration, beat.start + 0.97 * beat.duration,
                    len(now.keys() - before[1].keys()))
        before = (beat, now)
    raise AssertionError("no two beats in a row show something new in the same places")


def kept_and_in_place(lesson, monkeypatch, shown, kept_part, part) -> None:
    """Jump to the first moment of a pair (same_places_new_content), then to the second: every item's new picture
    paints `part` of what changed (cls.name) and blits `kept_part` (cls.name) but where the place is new; the
    window shows what painting every item in place shows (where paint_part paints the part directly)."""
    from PySide6.QtGui import QPixmapCache

    from classroom_gui.scene import pictures
    QPixmapCache.clear()  # nothing kept from an earlier test: since legible30 both tests' pairs are seats.sit ->
    # embedding.token, and the second found the desks' new pictures kept by the first, painting no tag at all
    trace, timeline = lesson
    sel = Selection(focus=1, rule="causal")
    view = canvas()
    first, second, new = same_places_new_content(view, trace, sel, timeline, shown)
    monkeypatch.setattr(pictures, "_PARTS", Seen())  # every part as seen before (paint_part: kept from then on)
    view.set_frame(frame_at(trace, sel, first))
    grab(view)
    kept_calls = count_calls(monkeypatch, *kept_part)
    painted = count_calls(monkeypatch, *part)
    frame = frame_at(trace, sel, second)
    view.set_frame(frame)
    kept = grab(view)
    assert painted["n"] >= 3 and kept_calls["n"] <= new  # what changed painted; a shell only in a new place
    monkeypatch.setattr(pictures, "paint_item", lambda item, p, key, paint, lift=0: pictures.lifted(p, lift, paint))
    painted_in_place(monkeypatch)  # every item painted in place, into Qt's item cache
    direct = canvas()
    direct.set_frame(frame)
    assert grab(direct) == kept  # the same pixels as painting every item in place in Qt's item cache
    assert kept_calls["n"] >= len(shown(direct))
    view.close()
    direct.close()


class Seen(dict):
    def pop(self, key, default=None):
        return True


def part_painter():
    """A part to paint (a rounded rect at fractions of a pixel) that logs the device it is painted on, and a page
    painter: paint(p) on a new transparent 60 x 30 image at a scale of 0.83 and opacity `opacity`."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform
    calls = []

    def part(p):
        calls.append(p.device())
        p.setBrush(QColor("#C0392B"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(QRectF(1.3, 0.7, 40.2, 11.9), 4, 4)

    def page(paint, opacity: float = 1.0):
        image = QImage(60, 30, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setTransform(QTransform(0.83, 0, 0, 0.83, 3.37, 2.61))
        p.setOpacity(opacity)
        paint(p)
        p.end()
        return image
    return calls, part, page


def test_a_part_is_painted_directly_once_then_kept(qapp):
    """pictures.paint_part, first on an item's new picture (paint_cached's): the first time a part is seen it is
    painted there, the second time into a kept picture of its own, from then on blitted: the same pixels each time,
    those of painting it in place."""
    from PySide6.QtCore import QRectF
    from classroom_gui.scene import pictures
    calls, part, page = part_painter()
    bounds, key = QRectF(-2, -2, 46, 16), ("test part", id(calls))
    images = [page(lambda p, i=i: pictures.paint_cached(p, f"item {id(calls)} {i}", bounds,  # (a new picture each)
                                                        lambda q: pictures.paint_part(q, key, bounds, part)))
              for i in range(3)]
    assert len(calls) == 2  # on the item's first picture; then into its own, blitted on the second and third
    assert images[0] == images[1] == images[2] == page(part)


def test_a_part_is_painted_in_place_but_first_on_a_new_picture(qapp):
    """review20 #2: a part seen before is blitted from its kept picture only where it is the first thing painted on
    a new transparent picture. Painted in place, inside a picture paint_cached paints directly (too big to keep,
    here), or after another part on the same picture, it is painted where it is (a kept picture blended over pixels
    already drawn would not be a copy)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage
    from classroom_gui.scene import pictures
    calls, part, page = part_painter()
    bounds, key = QRectF(-2, -2, 46, 16), ("test part", id(calls))
    page(lambda p: pictures.paint_cached(p, f"item {id(calls)}", bounds, lambda q: pictures.paint_part(q, key, bounds, part)))
    assert key in pictures._PARTS  # (seen: kept from its next sighting on a new picture)
    calls.clear()
    page(lambda p: pictures.paint_part(p, key, bounds, part))  # in place
    big = QRectF(-2, -2, 2000, 2000)  # (over pictures.MAX_PIXELS at 0.83: painted directly)
    page(lambda p: pictures.paint_cached(p, f"big {id(calls)}", big, lambda q: pictures.paint_part(q, key, bounds, part)))
    assert len(calls) == 2 and all(isinstance(device, QImage) for device in calls)  # both on the page itself
    second = ("second part", id(calls))
    for i in range(2):
        page(lambda p, i=i: pictures.paint_cached(p, f"two parts {id(calls)} {i}", bounds, lambda q: (
            pictures.paint_part(q, key, bounds, part), pictures.paint_part(q, second, bounds, part))))
    assert second not in pictures._PARTS  # never first: painted in place each time, never kept


def test_new_numbers_under_the_same_labels_blit_the_labels(lesson, monkeypatch):
    kept_and_in_place(lesson, monkeypatch, cards, (StripView, "_paint_label"), (StripView, "paint_body"))


def desks(view) -> dict:
    """{(seat, state, where on the canvas): what the desk shows} of the desks on screen."""
    return {(i.student.index, i.student.state, i.scenePos().x(), i.scenePos().y()): i._key for i in view.scene().items()
            if isinstance(i, DeskItem) and i.isVisible() and i.student is not None}


def test_a_desk_with_a_new_tag_blits_its_body(lesson, monkeypatch):
    kept_and_in_place(lesson, monkeypatch, desks, (DeskItem, "_paint_body"), (DeskItem, "_paint_tag"))
