"""On the 16:9 canvas a class of 9 students (3 desks a row) shows every number of every chapter but the embedding
chapter's three notebooks, so that their equations can be redone from the digits shown: 12 px numbers
(scene.layout.least_number_px) on more wrapped rows, strips closer together (TIGHT_GAP) where only then they fit.
A class of 10 gets the 12 px numbers too (more of them shown, in three rows of 4). No digit is smaller than 12
logical px and no name is cut, in English and Japanese, at the end of every chapter.
"""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.model.sentence import run_sentence

WORDS = "The cat sat on the mat".split() * 2
SENTENCES = {  # (lang, text): a sentence of 9 or 10 students in each language
    ("en", " ".join(WORDS[:9])), ("ja", " ".join(WORDS[:9])), ("ja", "猫がマットの上に座った。犬も"),  # 10
    ("en", " ".join(WORDS[:10]))}
LEAST_PX = 12  # the legibility floor, logical px (6.4 px on a 1024 x 768 picture)


def desks_shown(scene):
    """(desk, numbers its strips hold, [(numbers, number px, shown whole)], name) of every desk drawn."""
    out = []
    for i, d in enumerate(scene.desks):
        if d.isVisible() and d.box is not None and d.student is not None:
            strips = [(len(view.strip.values), box.number_px, bool(box.number_px) and not box.shown)
                      for view, box in zip(d.views, d.box.strips)]
            out.append((i + 1, sum(s[0] for s in strips), strips, d.name_text))
    return out


def chapter_ends(checkpoint, text: str, lang: str, asker: int, sizes: range):
    """(where, frame, scene, desks_shown) at the end of every chapter of `text` at 16:9, `asker` (a seat) asking,
    each checked: a class of a size in `sizes`, every desk drawn, no name cut, no digit under LEAST_PX."""
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, "none").trace
    n = trace.n_tokens
    assert n in sizes, n
    timeline = timeline_for(n, trace.config.n_layer)
    scene = ClassroomScene()
    try:
        for chapter in CHAPTERS:
            frame = frame_at(trace, Selection(focus=asker - 1, lang=lang, canvas=WIDESCREEN), timeline.chapter_end(chapter))
            scene.set_frame(frame)
            where = f"{n} students, {lang}, {chapter}"
            assert not scene.composed and not scene.crowd_mode, where
            desks = desks_shown(scene)
            assert len(desks) == n, where
            names = [(k, name) for k, _, _, name in desks if not name or "…" in name]
            assert not names, f"{where}: names cut {names}"
            for k, _, strips, _ in desks:
                for numbers, px, _ in strips:
                    assert not px or px >= LEAST_PX, f"{where}: desk {k}'s digits {px} px"
            yield where, frame, scene, desks
    finally:
        scene.clear()


@pytest.mark.parametrize("lang,text", sorted(SENTENCES))
def test_9_or_10_students_at_16_9_show_every_number_with_digits_of_12_px_and_whole_names(qapp, checkpoint, lang, text):
    whole_chapters = n = 0
    for where, frame, _, desks in chapter_ends(checkpoint, text, lang, 2, range(9, 11)):
        n = len(desks)
        if n == 9 and frame.chapter_key != "embedding":
            cut = [(k, numbers) for k, _, strips, _ in desks for numbers, _, whole in strips if not whole]
            assert not cut, f"{where}: strips cut (desk, numbers) {cut}"
            whole_chapters += 1
    assert n != 9 or whole_chapters == len(CHAPTERS) - 1
