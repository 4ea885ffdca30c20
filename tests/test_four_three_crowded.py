"""The 4:3 canvas (a 1024 x 768 projector, F5) with a class of 7 to 12 students: at every chapter's end and at the
listening and everyone steps, in English and Japanese, no card is drawn outside its desk or over its name tag, and
every number a desk keeps is painted whole in its cell: a strip is either whole or says it is cut, the way 16:9
says it (its first numbers, then a "…" cell holding the whole card in its tooltip), never cut silently. With 9-10
students (5 desks a row, the rows a lane apart: lesson.canvas.FOUR_THREE) every strip is whole but the embedding
chapter's three notebooks, as 16:9 shows them (3 a row cut 2,965 and 5,024 numbers of the lesson: every card
6 of 8 and "…" at the listening step, teacher12). With 11-12 no layout of 12 px digits holds a notebook and three
cards at a desk (3 a row, 284 x 180 desks), and those desks keep saying so.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.canvas import FOUR_THREE
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.strip import shown_number

WORDS = "The cat sat on the mat".split() * 2
TIRED = "The animal didn't cross the street because it was too tired"
CASES = [("en", " ".join(WORDS[:n])) for n in (7, 8, 9, 12)] + [
    ("ja", "猫がマットの上に座った。犬は"), ("en", TIRED), ("ja", "猫がマットの上に座った"), ("ja", " ".join(WORDS[:9]))]


def desk_strips(scene, where: str) -> list[tuple[int, int, bool]]:
    """(desk, numbers, whole) of every strip of every drawn desk, each checked: drawn inside its desk below the name
    tag, its numbers painted whole in their cells, a cut strip ending in "…"."""
    out = []
    for d in scene.desks:
        if not d.isVisible() or d.box is None or d.student is None:
            continue
        b, seat = d.box, d.student.index + 1
        room = QRectF(0, b.header_h, b.w, b.h - b.header_h).adjusted(-0.5, -0.5, 0.5, 0.5)
        for k, (view, (x, y)) in enumerate(zip(d.views[: len(b.strips)], d.view_pos)):
            st, n = view.box, len(view.strip.values)
            assert room.contains(QRectF(x, y, st.w, st.h)), f"{where}: desk {seat}'s strip {k + 1} leaves its desk"
            assert st.number_px, f"{where}: desk {seat}'s strip {k + 1} shows no numbers"
            painted = view.painted_numbers()
            kept = st.shown or n
            assert len(painted) == kept + bool(st.shown), f"{where}: desk {seat}'s strip {k + 1}: {len(painted)} texts"
            assert not st.shown or painted[-1] == "…", f"{where}: desk {seat}'s strip {k + 1} cut without a \"…\""
            assert st.rows * st.cols >= len(painted), f"{where}: desk {seat}'s strip {k + 1} has too few cells"
            px = st.number_px * view.theme.font_scale
            for text in painted[:kept]:
                shown, font = shown_number(text, px, st.cell_w - 4)
                assert text and shown == text and QFontMetricsF(font).horizontalAdvance(text) <= st.cell_w - 4, (
                    f"{where}: desk {seat}'s strip {k + 1}: {text!r} does not fit its {st.cell_w:.1f} px cell")
            out.append((seat, n, not st.shown))
    return out


@pytest.mark.parametrize("lang,text", CASES, ids=lambda v: str(v)[:14])
def test_a_crowded_4_3_class_draws_every_kept_number_in_its_desk_and_says_where_it_cuts(qapp, checkpoint, lang, text):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, "causal").trace
    n = trace.n_tokens
    assert 7 <= n <= 12
    timeline = timeline_for(n, trace.config.n_layer)
    moments = [(c, timeline.chapter_end(c)) for c in CHAPTERS] + [
        (beat.chapter, beat.end) for beat in timeline.beats if beat.chapter in ("listening", "everyone")]
    scene = ClassroomScene()
    cut = {}
    try:
        for chapter, t in moments:
            scene.set_frame(frame_at(trace, Selection(focus=n - 1, lang=lang, canvas=FOUR_THREE, rule="causal"), t))
            assert not scene.composed and not scene.crowd_mode
            strips = desk_strips(scene, f"{n} students, {lang}, {chapter}")
            assert sum(d.isVisible() and d.student is not None for d in scene.desks) == n
            assert strips or chapter == "seats"
            cut[chapter] = cut.get(chapter, 0) + sum(numbers for _, numbers, whole in strips if not whole)
    finally:
        scene.clear()
    if n <= 10:  # 9-10: 5 a row, as 16:9 shows them; 7-8: 4 a row
        assert not {c for c, numbers in cut.items() if numbers and (c != "embedding" or n <= 8)}, cut
    else:
        assert cut["listening"]  # (were none cut, the canvas should seat 11-12 as it seats 9-10)
