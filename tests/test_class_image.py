"""A big class drawn as one picture (scene.class_image): every plain desk's cards show the frame's numbers in
the same colours a desk of its own gives them, the asker keeps a DeskItem of its own, a fading card is as
faded as the frame says, and what the picture keeps stays within its budget."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def trace(checkpoint):
    words = "the cat sat on the mat".split() * 11
    return run_sentence(checkpoint, " ".join(words[:64])).trace


def moment(trace, key: str, at: float = 1.0):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(b for b in timeline.beats if b.key == key)
    return frame_at(trace, Selection(focus=1), beat.start + beat.duration * at - 1e-6)


def pixels(scene) -> np.ndarray:  # the scene at 1920 x 1080 (one canvas pixel a pixel), [h, w, 4] RGBA
    from classroom_gui.scene.render import render_scene
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image)
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(image.constBits(), np.uint8).reshape(1080, image.bytesPerLine() // 4, 4)[:, :1920].copy()


def centre(view, i, s, sbox):  # canvas pixel at the middle of cell i of a card
    c = view.cell_rect(i).center()
    return int(s.x + sbox.x + c.x()), int(s.y + sbox.y + c.y())


@pytest.mark.parametrize("key,at", [("cards.value", 1.0), ("cards.value", 0.5)])
def test_every_card_shows_the_frames_numbers_in_their_colours(qapp, trace, key, at):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.items import cell_rgba
    from classroom_gui.scene.palette import hex_rgb
    from classroom_gui.scene.strip import StripView

    scene = ClassroomScene()
    frame = moment(trace, key, at)
    scene.set_frame(frame)
    assert scene.composed and scene.desk(1) is not None  # the asker: a DeskItem of its own
    ci = scene.class_image
    assert 1 not in {s.index for s in ci.students} and len(ci.students) == 63
    img = pixels(scene)
    desk = np.array(hex_rgb(scene.theme.color("desk")), float)
    checked = faded = 0
    for k in (0, 17, 40, 62):
        s, strips = ci.students[k], ci.strips[k]
        for strip, sbox in zip(strips, ci.box.strips):
            view = StripView()
            view.set(strip, sbox, scene.theme, ci.scales.get(strip.role, 1.0))
            values = np.asarray(strip.values, np.float64)
            want = cell_rgba(values, sbox.rows, sbox.cols, ci.scales.get(strip.role, 1.0), False, strip.zeroed)
            for i in (0, len(values) // 2, len(values) - 1):
                x, y = centre(view, i, s, sbox)
                if strip.visible >= 1:
                    assert tuple(img[y, x, :3]) == tuple(want[i, :3]), (s.index, strip.role, i)
                    checked += 1
                elif strip.visible > 0:  # fading in, a few pixels low: between the desk's colour and the cell's
                    x, y = x, y + round((1 - strip.visible) * 6)
                    mixed = desk * (1 - strip.visible) + want[i, :3] * strip.visible
                    assert np.abs(img[y, x, :3].astype(float) - mixed).max() <= 3, (s.index, strip.role, i)
                    checked += 1
                    faded += 1
    assert checked >= 12 and (faded > 0 or at == 1.0)  # mid-animation, cards fading in were checked too


def test_what_the_picture_keeps_stays_within_its_budget(qapp, trace, monkeypatch):
    from classroom_gui.scene import class_parts
    from classroom_gui.scene.classroom import ClassroomScene

    monkeypatch.setattr(class_parts, "KEPT_BYTES", 2 << 20)
    scene = ClassroomScene()
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for beat in timeline.beats[::3]:
        scene.set_frame(frame_at(trace, Selection(focus=1), beat.start + beat.duration * 0.99))
        pixels(scene)
        ci = scene.class_image
        assert ci._kept_bytes == sum(map(class_parts.nbytes, ci._pictures.values())) <= 2 << 20
