"""A frame costs what its pixels cost: strip cells are coloured in NumPy with the same colours the per-value
table gave, their pictures are kept by the numbers they show, and a big class's desk that shows again what
it showed before is blitted, not painted (a card too). Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtGui import QImage

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import ClassroomTokenizer, GPTConfig, load_checkpoint, save_checkpoint
from classroom_gui.model.checkpoint import expected_shapes
from classroom_gui.model.sentence import run_sentence

VOCAB = ("<unk>", "the", "cat", "sat", "on", "mat", ".")


def table_rgba(values, rows, cols, scale, grey, zeroed):
    """The cells as the per-value Python table painted them before NumPy did (the reference)."""
    from classroom_gui.scene import items, palette
    levels, half = items.LEVELS, items.LEVELS // 2
    table = palette.diverging_rgb(np.linspace(-1.0, 1.0, levels + 1), 1.0)
    inv = levels / 2 / max(scale, 1e-9)
    out = []
    for v in values:
        if grey:
            out.append(tuple(palette.MASKED_CELL) + (255,))
        elif v != v:
            out.append((0, 0, 0, 0))
        else:
            out.append(tuple(int(c) for c in table[half + round(max(-half, min(half, v * inv)))]) + (255,))
    for i, z in enumerate(zeroed):
        if z:
            out[i] = (236, 236, 236, 255)
    out += [(0, 0, 0, 0)] * (rows * cols - len(out))
    return np.array(out, np.uint8)


@pytest.mark.parametrize("grey", [False, True])
def test_narrow_strips_keep_the_tables_colours(grey):
    """A short strip's colours, looked up in Python (items.small_rgba) or in NumPy (numpy_rgba, a wide strip's
    way), are the table's."""
    from classroom_gui.scene.items import cell_rgba, numpy_rgba
    rng = np.random.default_rng(3)
    values = list(rng.standard_normal(40) * 2) + [0.0, -0.0, 0.005, -0.005, math.inf, -math.inf, math.nan, 7.5]
    zeroed = [i % 7 == 0 for i in range(len(values))]
    for scale in (0.3, 1.0, 2.5):
        want = table_rgba(values, 7, 8, scale, grey, zeroed)
        np.testing.assert_array_equal(cell_rgba(values, 7, 8, scale, grey, zeroed), want)
        np.testing.assert_array_equal(cell_rgba(np.array(values, np.float32), 7, 8, scale, grey, zeroed),
                                      table_rgba(np.array(values, np.float32).tolist(), 7, 8, scale, grey, zeroed))
        np.testing.assert_array_equal(numpy_rgba(values, 7, 8, scale, grey, zeroed), want)


def test_wide_strips_keep_their_exact_colours():
    from classroom_gui.scene import palette
    from classroom_gui.scene.items import cell_rgba
    v = np.random.default_rng(4).standard_normal(768).astype(np.float32)
    v[5] = np.nan
    got = cell_rgba(v, 24, 32, 1.7, False, np.arange(768) == 9)
    want = palette.diverging_rgb(v, 1.7)
    np.testing.assert_array_equal(got[:5, :3], want[:5])
    np.testing.assert_array_equal(got[10:, :3], want[10:])
    assert got[5, 3] == 0 and (got[np.arange(768) != 5, 3] == 255).all()
    assert tuple(got[9]) == (236, 236, 236, 255)


def test_a_strips_picture_is_kept_by_its_numbers(qapp):
    from classroom_gui.scene.items import cell_image
    v = np.linspace(-1, 1, 768, dtype=np.float32)
    a = cell_image(v, 24, 32, 1.0, False, [])
    assert cell_image(v.copy(), 24, 32, 1.0, False, []) is a  # the same numbers: the same picture
    w = v.copy()
    w[100] = 0.9
    b = cell_image(w, 24, 32, 1.0, False, [])
    assert b is not a and b.pixel(100 % 32, 100 // 32) != a.pixel(100 % 32, 100 // 32)
    assert cell_image(v, 24, 32, 2.0, False, []) is not a  # another colour scale


@pytest.fixture(scope="module", params=[6, 64])
def trace_n(request, tmp_path_factory):
    cfg = GPTConfig(vocab_size=len(VOCAB), n_positions=64)
    rng = np.random.default_rng(0)
    params = {k: (rng.standard_normal(s) * 0.5).astype(np.float32) for k, s in expected_shapes(cfg).items()}
    folder = tmp_path_factory.mktemp("caches_model")
    save_checkpoint(folder, cfg, params, ClassroomTokenizer(list(VOCAB)))
    words = "the cat sat on the mat .".split()
    return run_sentence(load_checkpoint(folder), " ".join((words * 10)[: request.param])).trace


def test_jumping_back_blits_desks_and_cards(qapp, trace_n, monkeypatch):
    from classroom_gui.scene.class_image import COMPOSE_FROM
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk import DeskItem
    from classroom_gui.scene.strip import StripView
    from classroom_gui.scene.render import render_scene
    timeline = timeline_for(trace_n.n_tokens, trace_n.config.n_layer)
    a, b = (frame_at(trace_n, Selection(), timeline.duration * f) for f in (0.25, 0.75))
    scene = ClassroomScene()
    image = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
    painted = []
    real, real_strip = DeskItem._paint_desk, StripView.paint_body  # (a card's body: in place or kept, paint_kept)
    monkeypatch.setattr(DeskItem, "_paint_desk", lambda self, p, *more: (painted.append(self), real(self, p, *more)))
    monkeypatch.setattr(StripView, "paint_body", lambda self, p, *more: (
        painted.append(self) if not self.masked else None, real_strip(self, p, *more)))  # hatched: painted in place
    pictures = []
    for frame in (a, b, a):
        painted.clear()
        scene.set_frame(frame)
        render_scene(scene, image)
        pictures.append(image.copy())
        pictures[-1].painted = len(painted)
    n = trace_n.n_tokens
    assert pictures[0].painted >= n  # the first moment paints its desks once
    # so does the second; a big class's desk parts (body, seat number, word: scene.class_image) are kept by
    # what they show, so its second moment paints only what the first did not show
    assert pictures[1].painted >= (n if n <= COMPOSE_FROM else 1)
    assert pictures[2].painted == 0  # the first moment again: every desk and card from its kept picture
    assert pictures[2] == pictures[0]  # and the same pixels
