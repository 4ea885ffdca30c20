"""A class as long as GPT-2's context: compact seating (no strips on desks too small for them), the
blackboard's lists cut with an honest "… (+k)", a fan of links drawn as a readable subset, and seat
numbers that fade with their desks."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).parent))
from helpers import VOCAB, random_checkpoint  # noqa: E402

from classroom_gui.lesson import layout  # noqa: E402
from classroom_gui.lesson.numbers import BOARD_LINES, fmt_many, vector_lines  # noqa: E402
from classroom_gui.lesson.state import Selection, frame_at, timeline_for  # noqa: E402
from classroom_gui.model.sentence import run_sentence  # noqa: E402

N = 700  # more than the 580 whose desks still hold a strip


@pytest.fixture(scope="module")
def trace(tmp_path_factory):
    ck = random_checkpoint(tmp_path_factory.mktemp("big") / "m", n_positions=1024)
    words = [w for w in VOCAB[1:] if w.isascii()]
    tr = run_sentence(ck, " ".join((words * (N // len(words) + 1))[:N])).trace
    assert tr.n_tokens == N
    return tr


def frame(trace, key: str, focus: int, at: float = 0.999):
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(b for b in tl.beats if b.key == key)
    return frame_at(trace, Selection(focus=focus), beat.start + at * beat.duration)


def test_compact_seating_starts_where_desks_have_no_room_for_strips(qapp):
    from classroom_gui.scene.layout import desk_layout
    first = next(n for n in range(1, 1025) if layout.compact(n))
    for n in (first - 1, first):
        w, h = layout.seats(n)[0][2:]
        assert bool(desk_layout(w, h, (1,)).strips) == (n < first)  # the lesson's rule is where the view's ends


def test_compact_class_frames_carry_no_desk_strips(trace):
    for key in ("cards.query", "scoring.rest", "everyone.matrix", "listening.merge", "heads.others", "layers.layer",
                "answer.logits"):
        fr = frame(trace, key, focus=N - 1)
        assert all(s.notebook is None and not s.cards for s in fr.students), key
    # what the asker is asked about is still on the blackboard, from the trace
    fr = frame(trace, "cards.query", focus=N - 1)
    q = trace.layers[0].head(0).q[N - 1]
    written = vector_lines(fmt_many(q))
    at = fr.board.index(written[0])  # then its first number worked out (test_worked_sums)
    assert fr.board[at:at + len(written)] == written and written[0].startswith(f"[{q[0]:.2f}")


def test_the_norm_caption_says_no_card_scale_where_no_card_is_drawn(trace):
    """review21 #5: compact seating draws no final-notebook card, so the norm step's caption names no ±N scale of it."""
    from classroom_gui.lesson.strings import quote, text
    for lang in ("en", "ja"):
        tl = timeline_for(trace.n_tokens, trace.config.n_layer)
        beat = next(b for b in tl.beats if b.key == "answer.norm")
        fr = frame_at(trace, Selection(focus=N - 1, lang=lang), beat.start + 0.999 * beat.duration)
        assert not fr.students[N - 1].cards and "±" not in fr.narration, fr.narration
        assert fr.narration == text(lang, "answer.norm_compact", last=quote(lang, trace.tokens[-1]),
                                    rerun=text(lang, "answer.rerun"))  # told in discussion: re-run in turn


def test_long_lists_on_the_board_end_with_how_many_are_left_out(trace):
    fr = frame(trace, "scaling.divide", focus=N - 1)
    lines = [line for line in fr.board if not line.startswith(("(", "（"))]  # not the ≈ note, if any
    assert len(lines) == BOARD_LINES and fr.board_more == N - BOARD_LINES


def test_the_blackboard_counts_the_lessons_cut_lines_too(qapp, trace):
    from classroom_gui.scene.classroom import ClassroomScene
    scene = ClassroomScene()
    scene.set_frame(frame(trace, "scaling.divide", focus=N - 1))
    shown = scene.board.lines.lines
    # a long list's short board (lesson.long_lists): its gaps say how many students they leave out, and which
    gaps = [re.fullmatch(r"… \((\d+) others?: seats? \d+(?:–\d+)?\)", line) for line in shown]
    assert gaps[-2] and shown[-1].startswith(f'"{trace.tokens[N - 1]}"'), shown[-3:]  # the asker, last
    seats = [line for line, gap in zip(shown, gaps) if not gap and not line.startswith(("(", "（"))]  # not a note
    assert len(seats) + sum(int(gap[1]) for gap in gaps if gap) == N  # every student is either shown or counted


def test_a_fan_over_the_whole_class_draws_the_strongest_and_a_spread(trace):
    from classroom_gui.scene.links import MAX_LINKS, LinkLayer
    fr = frame(trace, "scoring.rest", focus=N - 1)
    links = fr.links
    assert len(links) > MAX_LINKS
    order = LinkLayer.strongest(links)
    drawn = LinkLayer.drawn(order)
    assert len(drawn) == len(set(drawn)) == MAX_LINKS
    assert set(order[: MAX_LINKS // 2]) <= set(drawn)        # the strongest half
    assert max(drawn) > 0.9 * len(links) and min(drawn) < 0.1 * len(links)  # the rest spread over the class


def test_seat_numbers_fade_with_their_desks(qapp, trace):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene
    focus = N // 2
    fr = frame(trace, "mask.future", focus=focus)
    assert fr.students[-1].opacity < 0.5 and fr.students[0].opacity == 1.0
    scene = ClassroomScene()
    scene.set_frame(fr)
    assert scene.crowd_mode
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(1080, image.bytesPerLine())[:, :1920 * 4]
    arr = arr.reshape(1080, 1920, 4)[..., :3].astype(int)

    def ink(s):  # how dark the desk's name tag is: its seat number's ink against the band around it
        x0, y0 = int(s.x), int(s.y)
        band = arr[y0 + 2: y0 + 10, x0 + 2: x0 + int(s.w) - 2].sum(axis=2)
        return band.max() - band.min()

    early, late = fr.students[10], fr.students[-10]  # same seat-number length (3 digits)
    assert ink(late) < 0.8 * ink(early)


def test_heatmap_pixels_show_the_strongest_of_their_cells(qapp):
    from classroom_gui.scene import palette
    from classroom_gui.scene.heatmap import HeatmapItem
    t, th = 9, palette.CLASSROOM
    m = np.tril(np.full((t, t), 0.01, np.float32))
    m[7, 2] = 1.0  # one strong link among weak ones
    rgb = HeatmapItem.colours(m, np.triu(np.ones((t, t), bool), 1), 3, th)  # 3 x 3 cells per pixel
    assert rgb.shape == (3, 3, 3)
    assert tuple(rgb[2, 0]) == palette.hex_rgb(th.color("heat_high"))  # the block holding the 1.0
    assert tuple(rgb[0, 2]) == tuple(palette.MASKED_CELL)               # all its cells masked
    assert tuple(rgb[0, 0]) == tuple(palette.sequential_rgb(np.float32(0.01), th.color("heat_low"),
                                                            th.color("heat_high")))  # partly masked: its weight
