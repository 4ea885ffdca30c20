"""A big class's badge pills (scene.class_badges) give the bytes of each desk's badge painted on its own: pills kept
by the text they show (at 512 desks hundreds of scores are cut to a few dozen texts such as "-…"), new ones painted
together over their kept bodies, and the same when the kept pictures' budget lets each pill go at once."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from test_class_shells import painted_shells  # (tests/ is on the path: the desks painted part by part)


def scores_class(checkpoint, n: int, focus: int):
    """A ClassroomScene's class image at the scoring chapter's last beat with n students (the shipped model's 64
    positions taken in turn, as bench_frames does)."""
    from classroom_gui.model import forward
    from classroom_gui.scene.classroom import ClassroomScene

    params = dict(checkpoint.params)
    params["wpe.weight"] = np.ascontiguousarray(params["wpe.weight"][np.arange(n) % len(params["wpe.weight"])])
    words = ("the cat sat on the mat and the dog sat on the rug".split() * (n // 12 + 1))[:n]
    trace = forward([checkpoint.tokenizer.encode(w)[0].id for w in words], params,
                    replace(checkpoint.config, n_positions=n), tokens=words)
    trace.vocab = checkpoint.tokenizer.vocab
    beat = next(b for b in timeline_for(n, trace.config.n_layer).beats if b.key == "scoring.rest")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=focus, rule="none"), beat.start + beat.duration * 0.9))
    return scene, trace, beat


@pytest.mark.parametrize("n, scale", [(256, 0.8333), (512, 0.5)])
def test_a_chapter_of_scores_draws_each_badge_as_painted_on_its_own(qapp, checkpoint, monkeypatch, n, scale):
    from classroom_gui.scene import class_parts
    from classroom_gui.scene.class_shells import image_pixels

    scene, trace, beat = scores_class(checkpoint, n, 2)
    for budget in (1, class_parts.KEPT_BYTES):  # (first: every pill let go as soon as it is kept)
        monkeypatch.setattr(class_parts, "KEPT_BYTES", budget)
        for focus in (2, 5):
            scene.set_frame(frame_at(trace, Selection(focus=focus, rule="none"), beat.start + beat.duration * 0.9))
            ci = scene.class_image
            assert len({s.badge for s in ci.students if s.badge}) > 150  # (a chapter of scores: many texts)
            r = ci.rect()
            w, h = math.ceil(r.width() * scale), math.ceil(r.height() * scale)
            picture = ci._draw_shells(w, h, scale)
            assert np.array_equal(image_pixels(picture).copy(), painted_shells(ci, w, h, scale)), (budget, focus)
        pills = {key[1] for key in ci._pictures if key[0] == "badge"}
        assert len(pills) > 5 if budget > 1 else len(pills) <= 1, (budget, len(pills))
    if n == 512:  # the scores cut to what their slim pills show: one pill each
        assert any(text.endswith("…") for text in pills) and len(pills) < 60, sorted(pills)
