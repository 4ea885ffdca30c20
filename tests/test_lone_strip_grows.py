"""A desk that shows one strip (the notebook alone: chapters 1, 11 and 13) uses its room for bigger numbers
(teacher40 #1: at 1024 x 768 the feed-forward step's notebooks had 14 px numbers, 7 px digits, in cells 6 x 4 over
a desk 40% empty): bigger than NUMBER_PX's biggest, which a desk with more strips never passes, every number whole,
its cells inside the desk, every number fitting its cell, one grid shape a class, on 16:9 and 4:3, English and
Japanese. Where the desk has no more room (16 students; 12 at 4:3) it stays as it was, whole or cut as before."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.numbers import fmt_many
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.layout import NUMBER_PX
from classroom_gui.scene.strip import all_fit

WORDS = {"en": "The cat sat on the mat and the dog ran to the park with a big red".split(),
         "ja": "猫 が マット の 上 に 座った 犬 も 公園 で 走った 鳥 が 空 を".split()}
AT_1024 = {"4:3": 1024 / FOUR_THREE.width, "16:9": 1024 / WIDESCREEN.width}


def lone_strips(scene):
    """(seat, strip box, values) of every drawn desk showing exactly one strip, with the desk's box."""
    return [(i + 1, d.box, d.box.strips[0], d.views[0].strip.values) for i, d in enumerate(scene.desks)
            if d.isVisible() and d.box is not None and len(d.box.strips) == 1]


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("n", [6, 7, 9, 12, 16])
def test_a_lone_notebook_grows_into_its_desk(qapp, checkpoint, canvas, lang, n):
    from classroom_gui.scene.classroom import ClassroomScene

    text = (" " if lang == "en" else "").join(WORDS[lang][:n])
    trace = run_sentence(checkpoint, text, "none").trace
    assert trace.n_tokens == n, trace.tokens
    timeline = timeline_for(n, trace.config.n_layer)
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=1, lang=lang, canvas=canvas), timeline.chapter_end("ffn")))
    desks = lone_strips(scene)
    assert len(desks) == n, f"{n} students: {len(desks)} desks with one strip"
    shapes = set()
    for seat, box, st, values in desks:
        where = f"{canvas.name} {lang} {n} students, desk {seat}"
        assert st.y >= box.header_h and st.y + st.h <= box.h - box.pad + 0.01, f"{where}: cells leave the desk"
        assert st.x >= 0 and st.x + st.w <= box.w + 0.01, where
        if n == 16 or (n == 12 and canvas is FOUR_THREE):  # (3 a row, desks half as tall: no room to grow)
            assert st.number_px <= NUMBER_PX[0], where
            continue
        assert st.number_px > NUMBER_PX[0] and not st.shown, f"{where}: {st.number_px} px, shown {st.shown}"
        assert st.rows * st.cols == len(values), f"{where}: {st.rows} x {st.cols}, a blank cell"
        texts = tuple(fmt_many(values))
        assert all_fit(texts, st.number_px * scene.theme.font_scale, st.cell_w - 4), f"{where}: a number cut"
        shapes.add((st.rows, st.cols))
    assert len(shapes) <= 1, f"{canvas.name} {lang} {n}: {shapes}"
    if n <= 7:  # (teacher40's class: 14-15 px numbers before, 10 px on the 1024 x 768 picture at 4:3, 8 px at 16:9)
        assert min(st.number_px for _, _, st, _ in desks) * AT_1024[canvas.name] >= 11


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("rule", ["none", "causal"])
def test_grown_notebooks_keep_the_asker_s_shape(qapp, checkpoint, canvas, lang, rule):
    """At answer.norm the asker shows two strips and the others one: the grown notebooks take the asker's rows (one
    shape a class), not 6 x 4 at 25 px beside the asker's 4 x 6 (a class of 6 at 16:9, where "11.04" needs wider
    cells than its length says)."""
    from classroom_gui.scene.classroom import ClassroomScene

    n = 6 if lang == "en" else 7
    text = (" " if lang == "en" else "").join(WORDS[lang][:n])
    trace = run_sentence(checkpoint, text, rule).trace
    timeline = timeline_for(n, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.norm")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=n - 1, lang=lang, canvas=canvas, rule=rule),
                             timeline.beat_stop(i)))
    seen = {(st.rows, st.cols) for d in scene._drawn() for v, st in zip(d.views, d.box.strips)
            if len(v.strip.values) == 24 and st.number_px and not st.shown and st.rows > 1}
    assert scene.in_asker_shape or len(seen) == 1, seen


def test_the_asker_keeps_its_rows_and_the_others_take_them(qapp, checkpoint):
    """16:9, "The cat sat on the mat", ffn.residual: the asker's lone notebook, grown on the fewest rows it fills (the
    board writes it row for row: 4 x 6 at 21 px), keeps them where the board could not take the others' 6 x 4
    (review33 #3's class in the asker's shape), and the others take the asker's rows rather than 6 x 4 at 25 px
    beside it (one shape a class, teacher33 #2)."""
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    timeline = timeline_for(6, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "ffn.residual")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=1, lang="en", canvas=WIDESCREEN), timeline.beat_stop(i)))
    desks = lone_strips(scene)
    assert scene.in_asker_shape and len(desks) == 6
    assert {(st.rows, st.cols) for _, _, st, _ in desks} == {(4, 6)}
    assert min(st.number_px for _, _, st, _ in desks) > NUMBER_PX[0]


@pytest.mark.parametrize("canvas", [FOUR_THREE, WIDESCREEN], ids=["4:3", "16:9"])
def test_grown_numbers_keep_two_decimals(qapp, checkpoint, canvas):
    """Answer time's layer-3 notebooks ("-20.40", "-35.73") on 9-10 students' narrow desks: a lone notebook's
    cells are widened (wide_rows) at the size they then allow, never its numbers cut to "-20.4"."""
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, " ".join(WORDS["en"][:10]), "causal").trace
    timeline = timeline_for(10, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.logits")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=9, lang="en", canvas=canvas, rule="causal"),
                             timeline.beat_stop(i)))
    desks = lone_strips(scene)
    assert len(desks) >= 9
    for seat, box, st, values in desks:
        assert st.number_px >= NUMBER_PX[-1] and not st.shown, (seat, st)
        assert all_fit(tuple(fmt_many(values)), st.number_px * scene.theme.font_scale, st.cell_w - 4), seat
