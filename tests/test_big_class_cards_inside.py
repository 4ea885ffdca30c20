"""A big class of GPT-2's shape (12 heads: 13 strips a desk at the heads step) keeps every desk's cards inside its
own desk, so no card covers the name tag or badge of the desk below (big27: at 1024 x 768 with 128 students the heads
step's 12 cards ran 27 px over the next row's names; at 256, every card step's last card hung below the desk).
Checked on what the scene lays out (the class picture's box and each DeskItem's), at every beat's stop, on the 4:3
and the 16:9 canvas. A small random model with GPT-2's head count stands in for GPT-2: the desks' sizes and their
number of strips are what decide the layout, and cards this small show no numbers either way."""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import VOCAB, random_checkpoint  # noqa: E402

from classroom_gui.lesson.state import Selection, frame_at, timeline_for  # noqa: E402
from classroom_gui.model.sentence import run_sentence  # noqa: E402

SIZES = ((1024, 768), (1920, 1080))


@pytest.fixture(scope="module")
def checkpoint12(tmp_path_factory):
    return random_checkpoint(tmp_path_factory.mktemp("heads12") / "m", n_layer=1, n_head=12, n_embd=96,
                             n_positions=256)


def class_of(checkpoint, n: int):
    words = [w for w in VOCAB[1:] if w.isascii()]
    trace = run_sentence(checkpoint, " ".join((words * (n // len(words) + 1))[:n])).trace
    assert trace.n_tokens == n
    return trace


def laid_out(scene):
    """(seat, desk's x, y, w, h, its box) of every desk the scene draws: the class picture's and the DeskItems'."""
    out = []
    if scene.composed:
        box = scene.class_image.box
        out += [(s.index, s.x, s.y, s.w, s.h, box) for s in scene.class_image.students]
    out += [(d.student.index, d.pos().x(), d.pos().y(), d.box.w, d.box.h, d.box) for d in scene._drawn()]
    return out


def covered(scene) -> list[str]:
    """What overlaps: a card outside its own desk, or over another desk's name tag (its header line, the seat
    number, name and badge)."""
    desks = laid_out(scene)
    tags = np.array([(x, y, x + w, y + b.header_h) for _, x, y, w, _, b in desks])
    seats = np.array([k for k, *_ in desks])
    out = []
    for k, x, y, w, h, b in desks:
        for st in b.strips:
            if st.y + st.h > h + 1e-6 or st.x + st.w > w + 1e-6:
                out.append(f"seat {k + 1}: a card ends at {st.y + st.h:.1f} of a desk {h:.1f} high")
                break
            x0, y0, x1, y1 = x + st.x, y + st.y, x + st.x + st.w, y + st.y + st.h
            over = (tags[:, 0] < x1) & (tags[:, 2] > x0) & (tags[:, 1] < y1) & (tags[:, 3] > y0) & (seats != k)
            if over.any():
                out.append(f"seat {k + 1}: a card over seat {seats[over][0] + 1}'s name")
                break
    return out


@pytest.mark.parametrize("n", [64, 128, 256])
def test_a_big_classs_cards_stay_on_their_own_desks(qapp, checkpoint12, n):
    from classroom_gui.scene.classroom import ClassroomScene
    trace = class_of(checkpoint12, n)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    found = {}
    for size in SIZES:
        sel = Selection(focus=1).sized(*size)
        for beat in timeline.beats:
            scene.set_frame(frame_at(trace, sel, beat.end))
            bad = covered(scene)
            if bad:
                found.setdefault(f"{sel.canvas.name} {beat.key}", bad[0])
    assert found == {}


@pytest.mark.parametrize("size", SIZES)
def test_seats_from_100_on_end_before_their_names(qapp, checkpoint12, size):
    """A seat number of three digits (plain, as a big class's desks have them) ends before its name starts: at 1920 x
    1080 with 128 students 「100」 at 16 px ran into 「cat」 (the name started where two digits end). Read off the class
    picture's own desks (ClassImage paints each with a DeskItem of its own) and the DeskItems."""
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk import circled
    from classroom_gui.scene.items import fitted_font
    from classroom_gui.scene.layout import NAME_MIN
    trace = class_of(checkpoint12, 128)
    beat = next(b for b in timeline_for(trace.n_tokens, trace.config.n_layer).beats if b.key == "heads.others")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=1).sized(*size), beat.end))
    assert scene.composed
    ghosts = (scene.class_image._ghost(0, s, with_strips=False) for s in scene.class_image.students)  # (one reused)
    fs, into, seen = scene.theme.font_scale, [], 0
    for desk in itertools.chain(ghosts, scene._drawn()):
        seen += 1
        b, number = desk.box, str(desk.student.index + 1)
        if len(number) < 3 or circled(b):
            continue
        px = (b.name_px if b.name_px >= NAME_MIN else b.name_px * 0.9) * fs  # as DeskItem._paint_tag sizes it
        font = fitted_font(number, px, max(b.name_px * 1.4, b.w - b.pad - 1), bold=True,
                           min_px=min(px, NAME_MIN) if px >= NAME_MIN else 6)
        end = b.pad + QFontMetricsF(font).horizontalAdvance(number)
        if end > desk._name_left():
            into.append(f"{number}: digits end at {end:.1f}, the name starts at {desk._name_left():.1f}")
    assert seen == 128 and into == []
