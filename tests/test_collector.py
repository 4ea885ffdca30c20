"""The app runs Python's cycle collector rarely (classroom_gui/collector.py): jumping about a 64-student lesson,
as a teacher scrubbing does, collects less often than Python's default (and at most a few times); and the
command line sets it up for every command, the window's included."""
from __future__ import annotations

import gc

import numpy as np
import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from helpers import random_checkpoint


@pytest.fixture
def thresholds():
    kept = gc.get_threshold()
    yield
    gc.set_threshold(*kept)


def collections_while_jumping(qapp, trace, jumps: int = 30) -> int:
    from classroom_gui.scene.render import render_frame
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    moments = np.random.default_rng(18).uniform(0.0, timeline.duration, jumps)
    render_frame(frame_at(trace, Selection(focus=1), 0.5), (800, 450), scene=scene)  # items and caches made
    runs = []

    def count(phase, info):
        if phase == "start":
            runs.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        for t in moments:
            render_frame(frame_at(trace, Selection(focus=1), float(t)), (800, 450), scene=scene)
    finally:
        gc.callbacks.remove(count)
        scene.clear()
    return len(runs)


def test_jumping_about_a_big_class_rarely_collects(qapp, tmp_path, thresholds):
    from classroom_gui.collector import GEN0, collect_rarely
    trace = run_sentence(random_checkpoint(tmp_path), " ".join(["the cat sat on the mat"] * 11)).trace
    assert trace.n_tokens == 64
    # first visits (pictures and caches made) counted apart: then both thresholds see what every jump allocates.
    # Since a big class's strips are arrays (Frame.class_strips), Python's default collects every ~10 jumps
    # here, not in nearly every frame (20+ in 30 jumps before), and the app's setting in none of them
    gc.set_threshold(700, 10, 10)
    collections_while_jumping(qapp, trace)
    before = collections_while_jumping(qapp, trace)
    collect_rarely()
    assert gc.get_threshold()[0] == GEN0
    after = collections_while_jumping(qapp, trace)
    assert after < before, (before, after)
    assert after <= 4, (before, after)


def test_the_command_line_sets_it_up(thresholds, capsys):
    from classroom_gui import cli
    from classroom_gui.collector import GEN0
    gc.set_threshold(700, 10, 10)
    assert cli.main(["trace", "--text", "the cat sat"]) == 0
    capsys.readouterr()
    assert gc.get_threshold() == (GEN0, 10, 10)
