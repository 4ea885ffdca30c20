"""Seat numbers are readable or left off: a class of 256 or 1,024 drawn for a 1024 x 768 projector would
print them ~3-5 px high (grey specks); below layout.SEAT_DIGITS_MIN device pixels they are not drawn,
while the same class at 1920 x 1080 (or larger) still shows them."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model import forward, load_checkpoint
from classroom_gui.resources import teaching_model_dir

WORDS = ["the", "cat", "sat", "on", "the", "mat", "and", "dog"]


def big_trace(n: int):
    """The shipped model over n students (positions beyond its 64 reuse its rows in turn, as bench_frames)."""
    ck = load_checkpoint(teaching_model_dir())
    params, config = dict(ck.params), ck.config
    params["wpe.weight"] = np.ascontiguousarray(params["wpe.weight"][np.arange(n) % config.n_positions])
    config = replace(config, n_positions=n)
    words = (WORDS * n)[:n]
    trace = forward([ck.tokenizer.encode(w)[0].id for w in words], params, config, tokens=words)
    trace.vocab = ck.tokenizer.vocab
    return trace


def picture(frame, size, digits: bool, monkeypatch) -> np.ndarray:
    """The frame drawn in a fresh scene at size, with the seat numbers as the app draws them, or never."""
    from PySide6.QtGui import QPixmapCache

    from classroom_gui.scene import class_pictures, crowd, desk
    from classroom_gui.scene.layout import SEAT_DIGITS_MIN
    from classroom_gui.scene.render import render_frame
    for module in (crowd, desk):
        monkeypatch.setattr(module, "SEAT_DIGITS_MIN", SEAT_DIGITS_MIN if digits else 1e9)
    QPixmapCache.clear()  # (kept desk pictures would be reused across the two ways,
    class_pictures.clear()  # and a big class's desks picture, kept by what it shows: scene.class_pictures)
    image = render_frame(frame, size)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return a[:, : image.width() * 4].copy()


@pytest.mark.parametrize("n", [256, 1024])
def test_seat_numbers_too_small_to_read_are_left_off(qapp, n, monkeypatch):
    trace = big_trace(n)
    frame = frame_at(trace, Selection(focus=1, lang="en"), timeline_for(n, trace.config.n_layer).chapter_end("softmax"))
    for size in ((1920, 1080), (1024, 768)):
        differ = int((picture(frame, size, True, monkeypatch) != picture(frame, size, False, monkeypatch)).sum())
        if size == (1920, 1080):
            assert differ > 1000, f"{n} students at {size}: no seat numbers drawn"  # shown where they read
        else:
            assert differ == 0, f"{n} students at {size}: seat numbers drawn {differ} px"  # left off: specks
