"""The 4:3 canvas keeps the promise that every equation can be redone from the digits shown: a strip the 16:9
picture shows whole (every number, no "…") is shown whole at 4:3 too, for 1 to 8 students at the end of every
chapter, in English and Japanese (from 9 students 16:9 shows more: its numbers go down to 12 px, 6.4 px at
1024 x 768, where 4:3's stop at 12 px, 8.5 px there), and the 4:3 digits come out at 8 px or more on a 1024 x 768 picture (16:9's
there: 7.5 to 8.5 px). Chapter 6's two charts keep their titles whole on the narrower 4:3 board; and a window
turns 4:3 and back with some hysteresis, not at one ratio.
"""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, TO_FOUR_THREE, TO_WIDESCREEN, WIDESCREEN, window_canvas
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.model.sentence import run_sentence
from classroom_gui.scene.layout import SMALL_CLASS

WORDS = "The cat sat on the mat".split() * 2
AT_1024 = 1024 / FOUR_THREE.width  # the 4:3 canvas drawn on a 1024 x 768 picture


def strips_shown(scene) -> list[tuple[str, int, float, bool]]:
    """(where, numbers, number px, shown whole) of every strip on the desks and the board, in order."""
    out = []
    for i, d in enumerate(scene.desks):
        if d.isVisible() and d.box is not None:
            for k, (view, box) in enumerate(zip(d.views, d.box.strips)):
                out.append((f"desk {i + 1} strip {k + 1}", len(view.strip.values), box.number_px,
                            bool(box.number_px) and not box.shown))
    for k, item in enumerate(scene.board.strips):
        if item.isVisible() and item.view.box is not None:
            box = item.view.box
            out.append((f"board strip {k + 1}", len(item.view.strip.values), box.number_px,
                        bool(box.number_px) and not box.shown))
    return out


@pytest.mark.parametrize("n", range(1, 13))
def test_a_strip_16_9_shows_whole_is_whole_at_4_3(qapp, checkpoint, n):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, " ".join(WORDS[:n]), "none").trace
    timeline = timeline_for(n, trace.config.n_layer)
    scenes = {c.name: ClassroomScene() for c in (WIDESCREEN, FOUR_THREE)}
    for chapter in CHAPTERS:
        for lang in ("en", "ja"):
            shown = {}
            for canvas in (WIDESCREEN, FOUR_THREE):
                scene = scenes[canvas.name]
                scene.set_frame(frame_at(trace, Selection(focus=min(1, n - 1), lang=lang, canvas=canvas),
                                         timeline.chapter_end(chapter)))
                assert not scene.composed and not scene.crowd_mode
                shown[canvas.name] = strips_shown(scene)
            where = f"{n} students, {chapter}, {lang}"
            wide, narrow = shown["16:9"], shown["4:3"]
            assert [s[:2] for s in wide] == [s[:2] for s in narrow], where  # the same strips on both
            cut = [w[0] for w, f in zip(wide, narrow) if w[3] and not f[3]]
            # (from 9 students 16:9 goes down to 12 px numbers, 6.4 px at 1024 x 768, where 4:3 stops at 8.5 px)
            assert not cut or n > SMALL_CLASS, f"{where}: cut at 4:3, whole at 16:9: {cut}"
            for name, _, px, _ in narrow:
                assert not px or px * AT_1024 >= 8.0, f"{where}: {name}'s digits {px * AT_1024:.2f} px at 1024 x 768"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("n", [2, 6, 7, 12])
def test_chapter_6s_chart_titles_are_whole_at_4_3(qapp, checkpoint, lang, n):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, " ".join(WORDS[:n]), "none").trace
    timeline = timeline_for(n, trace.config.n_layer)
    scene = ClassroomScene()
    side_by_side = 0
    for beat in timeline.beats:
        if beat.chapter != "mask":
            continue
        scene.set_frame(frame_at(trace, Selection(focus=min(1, n - 1), lang=lang, canvas=FOUR_THREE), beat.end))
        charts = [c for c in (scene.board.bars, scene.board.beside) if c.isVisible() and c.bars is not None]
        for chart in charts:
            title, width, below = chart.heading()
            assert title == chart.bars.title, f"{lang}, beat {beat.key}: {title!r} for {chart.bars.title!r}"
        if len(charts) == 2:
            side_by_side += 1
            assert charts[0].heading()[2] == charts[1].heading()[2]  # their totals on one row: the scales line up
    assert side_by_side  # (the chapter has its two charts)


@pytest.mark.parametrize("ratio,shown,after", [
    (1.33, WIDESCREEN, FOUR_THREE), (1.5, WIDESCREEN, FOUR_THREE), (1.52, WIDESCREEN, WIDESCREEN),
    (1.58, WIDESCREEN, WIDESCREEN), (1.52, FOUR_THREE, FOUR_THREE), (1.58, FOUR_THREE, FOUR_THREE),
    (1.6, FOUR_THREE, WIDESCREEN), (1.78, FOUR_THREE, WIDESCREEN)])
def test_the_windows_canvas_has_hysteresis(ratio, shown, after):
    assert window_canvas(shown, 1000 * ratio, 1000) is after


def test_a_window_resized_about_the_midpoint_keeps_its_canvas(qtbot, checkpoint):
    """CanvasView.shapeChanged -> ClassroomModel.set_canvas: 4:3 at a ratio of 1.5 or less, back to 16:9 at 1.6 or
    more; a slightly narrow window (1.52, nearer 4:3 than 16:9 by the ratios) stays as it is, either way."""
    from classroom_gui.app.model import ClassroomModel
    from classroom_gui.view.canvas_view import CanvasView

    model = ClassroomModel(checkpoint)
    view = CanvasView()
    qtbot.addWidget(view)
    view.shapeChanged.connect(model.set_canvas)
    view.resize(780, 480)
    view.show()
    qtbot.waitExposed(view)

    def at(width: int):
        view.resize(width, 480)
        qtbot.waitUntil(lambda: view.viewport().width() == width, timeout=3000)
        return model.canvas

    assert at(780) is WIDESCREEN
    assert at(730) is WIDESCREEN  # 1.52: the old midpoint (1.54) turned this 4:3
    assert at(round(480 * TO_FOUR_THREE)) is FOUR_THREE
    assert at(750) is FOUR_THREE  # 1.56: the old midpoint turned this 16:9
    assert at(760) is FOUR_THREE
    assert at(round(480 * TO_WIDESCREEN)) is WIDESCREEN
    assert at(740) is WIDESCREEN


@pytest.mark.parametrize("lang,text", [("ja", "猫がマットの上に座った"), ("en", "The cat sat on the mat and the dog"),
                                       ("ja", "猫がマットの上に座った。犬も")])
def test_a_name_16_9_shows_whole_is_whole_at_4_3(qapp, checkpoint, lang, text):
    """The 4:3 canvas's narrower desks (4 a row at 7-8 students, 5 at 9-10) keep every name 16:9 shows whole: in the
    answer chapter 「マット」 and 「座った」 beside their "→ 「の」" badges were 「マ…」 and 「座…」 (the badge now
    gives way down to the name's least size, desk_tag.badge_size)."""
    from classroom_gui.scene.classroom import ClassroomScene

    trace = run_sentence(checkpoint, text, "none").trace
    n = trace.n_tokens
    timeline = timeline_for(n, trace.config.n_layer)
    scenes = {c.name: ClassroomScene() for c in (WIDESCREEN, FOUR_THREE)}
    for chapter in CHAPTERS:
        names = {}
        for canvas in (WIDESCREEN, FOUR_THREE):
            scene = scenes[canvas.name]
            scene.set_frame(frame_at(trace, Selection(focus=1, lang=lang, canvas=canvas), timeline.chapter_end(chapter)))
            names[canvas.name] = [d.name_text for d in scene.desks[:n]]
        cut = [(a, b) for a, b in zip(names["16:9"], names["4:3"]) if "…" not in a and b != a]
        assert not cut, f"{n} students, {chapter}: {cut}"
