"""A big class's cards picture (scene.class_cards.draw_cards) is in the raster engine's own format, and a card copied
into it desk by desk (a class of ~64: cards of SLICED pixels or more) lands on the very pixels the scatter of every
pixel's flat position gives it (hundreds of small desks), settled, rising in and greyed."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def trace(checkpoint):
    words = "the cat sat on the mat".split() * 11
    return run_sentence(checkpoint, " ".join(words[:64])).trace


def picture_bytes(image: QImage) -> bytes:
    return bytes(image.constBits())[: image.bytesPerLine() * image.height()]


@pytest.mark.parametrize("key,at", [("cards.value", 1.0), ("cards.value", 0.4), ("mask.future", 0.5)])
def test_cards_copied_desk_by_desk_are_the_scattered_pixels(qapp, trace, monkeypatch, key, at):
    from classroom_gui.scene import class_cards
    from classroom_gui.scene.classroom import ClassroomScene

    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(b for b in timeline.beats if b.key == key)
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=1), beat.start + beat.duration * at - 1e-6))
    ci = scene.class_image
    assert ci.isVisible() and len(ci.students) > 32
    scale = 0.8333
    w, h = math.ceil(ci.rect().width() * scale), math.ceil(ci.rect().height() * scale)
    monkeypatch.setattr(class_cards, "SLICED", 0)  # every card copied desk by desk
    sliced = ci._draw_cards(w, h, scale)
    monkeypatch.setattr(class_cards, "SLICED", 1 << 30)  # every card scattered
    scattered = ci._draw_cards(w, h, scale)
    assert sliced.format() == QImage.Format.Format_ARGB32_Premultiplied  # drawn onto the canvas unconverted
    a, b = picture_bytes(sliced), picture_bytes(scattered)
    assert np.frombuffer(a, np.uint32).any()  # (cards were drawn)
    assert a == b
