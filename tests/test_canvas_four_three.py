"""The 4:3 canvas (lesson.canvas.FOUR_THREE) for 4:3 projectors: an output nearer 4:3 than 16:9 gets it; at
1024 x 768 its card digits come out clearly bigger than the 16:9 canvas's, letterboxed, did; for 1 to 12
students no desk, card, word or link leaves the canvas, and no desk, caption or link label covers the
blackboard, at the end of every chapter; the PPTX deck at 4:3 has 4:3 slides; the window lays the lesson out
for its canvas's shape; and the 16:9 canvas seats a class exactly where it always has.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QRectF

from classroom_gui.lesson import layout
from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN, canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.timeline import CHAPTERS
from classroom_gui.model.sentence import run_sentence

WORDS = "The cat sat on the mat".split() * 2


def class_of(checkpoint, n: int):
    trace = run_sentence(checkpoint, " ".join(WORDS[:n]), "none").trace
    assert trace.n_tokens == n
    return trace


@pytest.mark.parametrize("size,name", [((1024, 768), "4:3"), ((1440, 1080), "4:3"), ((1280, 1024), "4:3"),
                                       ((800, 600), "4:3"), ((1920, 1080), "16:9"), ((1280, 720), "16:9"),
                                       ((3840, 2160), "16:9"), ((1920, 1200), "16:9"), ((1280, 800), "16:9")])
def test_the_canvas_is_the_one_nearest_the_outputs_shape(size, name):
    assert canvas_for(*size).name == name


def test_the_wide_canvas_seats_a_class_where_it_always_has():
    # the 16:9 seating before the canvas existed: up to 4 in a row, up to 8 in two, then a grid (9 students since:
    # 3 a row, whose desks show every strip but the embedding chapter's, test_wide_numbers)
    assert [layout.grid(n) for n in (1, 4, 5, 8, 10, 64)] == [(1, 1), (4, 1), (3, 2), (4, 2), (4, 3), (10, 7)]
    assert layout.grid(9) == (3, 3)
    assert layout.seats(6) == layout.seats(6, WIDESCREEN)
    assert layout.seats(6)[0] == (30.0, 96.0, (1230 - 2 * layout.GAP) / 3, 383.0)


def smallest_digits(scene) -> float:
    """The smallest card digit on the desks (each a DeskItem up to 12 students), in logical canvas pixels."""
    assert not scene.composed and not scene.crowd_mode
    return min(st.number_px for d in scene.desks if d.isVisible() and d.box is not None for st in d.box.strips
               if st.number_px)


@pytest.mark.parametrize("n", range(1, 13))
def test_at_1024x768_the_card_digits_are_never_smaller_and_a_fifth_bigger_up_to_6(qapp, checkpoint, n):
    from classroom_gui.scene.classroom import ClassroomScene

    trace = class_of(checkpoint, n)
    t = timeline_for(n, trace.config.n_layer).chapter_end("softmax")  # a notebook and three cards at every desk
    on_screen = {}
    for canvas in (WIDESCREEN, FOUR_THREE):
        scene = ClassroomScene()
        frame = frame_at(trace, Selection(focus=min(1, n - 1), canvas=canvas), t)
        scene.set_frame(frame)
        scale = min(1024 / canvas.width, 768 / canvas.height)  # as render_frame fits the canvas into 1024 x 768
        on_screen[canvas.name] = smallest_digits(scene) * scale
    assert on_screen["4:3"] >= max(on_screen["16:9"], 8.0), on_screen  # (16:9: 7.5 to 8.5 px)
    if n <= 6:  # from 7 the 4:3 desks show every number in 12 px type (8.5 px here), where 16:9 shows them at 15
        assert on_screen["4:3"] >= 1.2 * on_screen["16:9"], on_screen
        assert on_screen["4:3"] >= 9.9


def inside(rect: QRectF, area: QRectF, slack: float = 1.0) -> bool:
    return area.adjusted(-slack, -slack, slack, slack).contains(rect)


@pytest.mark.parametrize("n", range(1, 13))
def test_on_4_3_nothing_leaves_the_canvas_or_covers_the_board(qapp, checkpoint, n):
    from classroom_gui.scene.areas import board_rect
    from classroom_gui.scene.classroom import ClassroomScene

    trace = class_of(checkpoint, n)
    timeline = timeline_for(n, trace.config.n_layer)
    scene = ClassroomScene()
    board = board_rect(FOUR_THREE)
    canvas = QRectF(0, 0, FOUR_THREE.width, FOUR_THREE.height)
    for chapter in CHAPTERS:
        for lang in ("en", "ja"):
            frame = frame_at(trace, Selection(focus=min(1, n - 1), lang=lang, canvas=FOUR_THREE),
                             timeline.chapter_end(chapter))
            scene.set_frame(frame)
            assert scene.sceneRect() == canvas
            where = f"{n} students, {chapter}, {lang}"
            caption = scene.caption_panel.sceneBoundingRect() if scene.caption_panel.isVisible() else QRectF()
            assert not caption.intersects(board), f"{where}: the caption covers the board"
            for s in frame.students:
                desk = QRectF(s.x, s.y, s.w, s.h)
                assert inside(desk, QRectF(*FOUR_THREE.classroom)), f"{where}: desk {s.index + 1} at {desk}"
                assert not desk.intersects(board), f"{where}: desk {s.index + 1} covers the board"
                assert not desk.intersects(caption), f"{where}: the caption covers desk {s.index + 1}"
            texts = [scene.title, scene.narration, scene.notices, scene.legend] + scene.links.labels
            texts += list(scene.links.lines.values())  # and the links' lines
            for item in texts:
                if item.isVisible():
                    box = item.sceneBoundingRect()
                    assert inside(box, canvas), f"{where}: {type(item).__name__} at {box} leaves the canvas"
            for pill in scene.links.labels:
                if pill.isVisible():
                    assert not pill.sceneBoundingRect().intersects(board), f"{where}: a link's label covers the board"
            chalk = [scene.board.lines, scene.board.bars, scene.board.beside, scene.board.heatmap] + scene.board.strips
            for item in chalk:  # the board's own lines, charts and strips stay on it
                if item.isVisible():
                    assert inside(item.sceneBoundingRect(), board), f"{where}: {type(item).__name__} off the board"


def test_a_4_3_deck_has_4_3_slides(qapp, tmp_path):
    from pptx import Presentation

    from classroom_gui.cli import main

    out = tmp_path / "deck.pptx"
    assert main(["deck", "--text", "The cat sat on the mat", "--per", "chapter", "--size", "1024x768",
                 "-o", str(out)]) == 0
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # 10 x 7.5 in, PowerPoint's 4:3
    for slide in prs.slides:
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= prs.slide_width, shape.name
            assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height, shape.name


def test_a_4_3_picture_fills_its_frame_and_a_16_9_one_is_as_before(qapp, checkpoint):
    from classroom_gui.scene.render import render_frame

    trace = class_of(checkpoint, 6)
    t = timeline_for(6, trace.config.n_layer).chapter_end("softmax")
    sel = Selection(focus=1)
    image = render_frame(frame_at(trace, replace(sel, canvas=FOUR_THREE), t), (1024, 768))
    # the title's first letters in the top ~40 px, where a letterboxed 16:9 canvas had ~100 px of blank band
    top = image.copy(0, 0, 400, 40)
    background = image.pixelColor(1, 1)
    assert any(top.pixelColor(x, y) != background for x in range(0, 400, 2) for y in range(0, 40, 2))
    wide = render_frame(frame_at(trace, sel, t), (1024, 768))
    band = wide.copy(0, 0, 1024, 90)
    assert all(band.pixelColor(x, y) == background for x in range(0, 1024, 8) for y in range(0, 90, 6))


@pytest.mark.parametrize("n", [13, 64, 512, 1024])
def test_a_big_class_sits_inside_the_4_3_classroom(n):
    cx, cy, cw, ch = FOUR_THREE.classroom
    seats = layout.seats(n, FOUR_THREE)
    assert len(seats) == n
    for x, y, w, h in seats:
        assert w > 0 and h > 0
        assert cx - 1e-6 <= x and x + w <= cx + cw + 1e-6 and cy - 1e-6 <= y and y + h <= cy + ch + 1e-6


def test_the_window_lays_the_lesson_out_for_its_canvas_shape(qtbot, tmp_path):
    """A canvas nearer 4:3 (presenter mode on this 800 x 800 offscreen screen) shows the 4:3 layout, filling the
    screen's width; a wide window goes back to 16:9; each frame is laid out on the canvas shown."""
    from PySide6.QtWidgets import QApplication

    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.show()
    w.sentence.setText("The cat sat on the mat")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None, timeout=10000)
    screen = QApplication.primaryScreen().geometry()
    assert screen.width() / screen.height() < 1.55  # nearer 4:3 than 16:9
    w.set_presenter(True)
    qtbot.waitUntil(lambda: w.model.canvas is FOUR_THREE, timeout=3000)
    view = w.canvas
    assert view.frame.canvas is FOUR_THREE and view.classroom.sceneRect() == QRectF(0, 0, 1440, 1080)
    assert [(s.x, s.y, s.w, s.h) for s in view.frame.students] == list(layout.seats(6, FOUR_THREE))
    shown = view.mapFromScene(view.classroom.sceneRect()).boundingRect()
    assert shown.width() >= view.viewport().width() - 3  # the 4:3 classroom fills the screen's width
    w.model.set_canvas(WIDESCREEN)  # a frame of the other shape, with no resize: the view fits it anew
    shown = view.mapFromScene(view.classroom.sceneRect()).boundingRect()
    assert view.classroom.sceneRect().width() == 1920 and abs(shown.width() - view.viewport().width()) <= 3
    w.model.set_canvas(FOUR_THREE)
    w.set_presenter(False)
    w.showNormal()
    w.resize(max(1600, screen.width()), 600)
    view.resize(1600, 520)  # (an offscreen window may not grow past its screen: the canvas is made wide)
    qtbot.waitUntil(lambda: w.model.canvas is WIDESCREEN, timeout=3000)
    assert view.frame.canvas is WIDESCREEN and view.classroom.sceneRect() == QRectF(0, 0, 1920, 1080)
    assert w.model.frame().students[0].x == layout.seats(6)[0][0]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_4_3_windows_export_is_the_clis_for_its_size(qtbot, tmp_path, size, checkpoint):
    """The window in presenter mode shows the 4:3 layout; File → Export picture lays out for the size asked (4:3 at
    1024 x 768, 16:9 at 1920 x 1080), pixel for pixel as `classroom-gui export --size` does."""
    from PIL import Image

    from classroom_gui.cli import main
    from classroom_gui.view import export_dialogs, settings
    from classroom_gui.view.window import MainWindow

    w = MainWindow(checkpoint, settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.show()
    w.sentence.setText("The cat sat on the mat")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None, timeout=10000)
    w.set_presenter(True)
    qtbot.waitUntil(lambda: w.model.canvas is FOUR_THREE, timeout=3000)
    w.model.jump(w.player.timeline.chapter_end("softmax"))
    options = export_dialogs.OptionsDialog(w, w.t, "picture")
    options.size.setCurrentIndex(options.size.findData(None))
    options.width.setValue(size[0])
    options.height.setValue(size[1])
    gui = export_dialogs.export_picture(w.model, w, tmp_path / "gui.png", options)
    assert main(["export", "--text", "The cat sat on the mat", "--chapter", "softmax", "--size", f"{size[0]}x{size[1]}",
                 "-o", str(tmp_path / "cli.png")]) == 0
    with Image.open(gui) as a, Image.open(tmp_path / "cli.png") as b:
        assert a.size == b.size == size and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("n", range(1, 13))
def test_the_4_3_columns_give_a_notebook_and_three_cards_the_biggest_digits(n):
    """Of every number of desks a row up to 5, the 4:3 canvas's columns give a desk with the teaching model's
    notebook (24 numbers) and three cards (8) the biggest digits with every number shown, or failing that the
    biggest digits; every number is shown up to 10 students (the 4:3 desks' numbers go down to 12 px:
    layout.least_number_px; 9-10 sit 5 a row, test_four_three_crowded)."""
    from classroom_gui.scene.layout import desk_layout, least_number_px

    def digits(canvas) -> tuple[bool, float]:  # (every number shown, the smallest digits)
        _x, _y, w, h = layout.seats(n, canvas)[0]
        strips = desk_layout(w, h, (24, 8, 8, 8), least_number_px(canvas)).strips
        px = min(st.number_px for st in strips)
        return px > 0 and not any(st.shown for st in strips), px

    chosen = digits(FOUR_THREE)
    others = [digits(replace(FOUR_THREE, columns=(cols,) * n)) for cols in range(1, min(n, 5) + 1)]
    assert chosen == max(others), (layout.grid(n, FOUR_THREE), chosen, others)
    assert chosen[0] == (n <= 10)
