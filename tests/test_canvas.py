"""The classroom canvas draws every beat, shows the trace's own numbers, renders Japanese with the bundled
font, and render_frame always returns the size asked for. Offscreen Qt (see conftest.py)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF, QImage

from classroom_gui.lesson.state import Selection, empty_frame, frame_at, timeline_for
from classroom_gui.scene.strip import StripView
from classroom_gui.model import ClassroomTokenizer, GPTConfig, load_checkpoint, save_checkpoint
from classroom_gui.model.checkpoint import expected_shapes
from classroom_gui.model.sentence import run_sentence

VOCAB = ("<unk>", "the", "cat", "sat", "on", "mat", ".", "猫", "が", "マット", "の", "上", "に", "座った", "。")
EN6 = "the cat sat on the mat"
JA6 = "猫 が マット の 上 に"


def long_sentence(words: str, n: int) -> str:
    w = words.split()
    return " ".join((w * (n // len(w) + 1))[:n])


@pytest.fixture(scope="module")
def random_model(tmp_path_factory):
    """A model of random weights at the default size (the canvas tests draw, they do not teach)."""
    cfg = GPTConfig(vocab_size=len(VOCAB))
    rng = np.random.default_rng(0)
    params = {k: (rng.standard_normal(s) * 0.5).astype(np.float32) for k, s in expected_shapes(cfg).items()}
    folder = tmp_path_factory.mktemp("canvas_model")
    save_checkpoint(folder, cfg, params, ClassroomTokenizer(list(VOCAB)))
    return load_checkpoint(folder)


@pytest.fixture(scope="module")
def scene(qapp):
    from classroom_gui.scene.classroom import ClassroomScene
    s = ClassroomScene()
    yield s
    s.clear()


def render(scene, frame) -> QImage:
    from classroom_gui.scene.render import render_scene
    scene.set_frame(frame)
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image)
    return image


def frame_of(trace, key: str, lang: str = "en", focus: int = 1, at: float = 1.0, nth: int = 0, rule: str = "none"):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = [b for b in timeline.beats if b.key == key][nth]
    return frame_at(trace, Selection(focus=focus, lang=lang, rule=rule), beat.start + beat.duration * at - 1e-6)


@pytest.mark.parametrize("n", [6, 64])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_beat_renders(qapp, scene, random_model, n, lang):
    from classroom_gui.scene.classroom import rule_on_second_line
    trace = run_sentence(random_model, long_sentence(EN6 if lang == "en" else JA6, n)).trace
    assert trace.n_tokens == n
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    composed_steps = 0
    for beat in timeline.beats:
        for at in (0.5, 1.0):  # mid-animation and the finished picture
            frame = frame_at(trace, Selection(focus=2, lang=lang), beat.start + beat.duration * at - 1e-6)
            image = render(scene, frame)
            assert image.size().toTuple() == (1920, 1080)
        # the title as given, or (too long beside the cards' legend) broken before the rule's name
        assert scene.title.text in (frame.title, rule_on_second_line(frame.title))
        # every student at one desk: a DeskItem, or (a big class's plain desks) the one ClassImage, never both
        own = [d.student.index for d in scene.desks if d.isVisible()]
        composed = [s.index for s in scene.class_image.students if s.opacity > 0.001] if scene.class_image.isVisible() else []
        assert not set(own) & set(composed)
        assert len(own) + len(composed) == sum(s.opacity > 0.001 for s in frame.students)
        assert bool(composed) == (n == 64 and scene.composed)
        composed_steps += bool(composed)
    # a big class is drawn as one picture at some steps (plain cards), a small one never
    assert (composed_steps > 0) == (n == 64), composed_steps


def test_query_card_numbers_are_the_trace(qapp, scene, random_model):
    trace = run_sentence(random_model, EN6).trace
    focus = 1
    for key in ("cards.query", "question.raise", "softmax.weights"):
        frame = frame_of(trace, key, focus=focus)
        render(scene, frame)
        views = scene.strip_views(focus)
        query = [view for view in views if view.strip.role == "query"]
        assert len(query) == 1, key
        q = trace.layers[0].head(0).q[focus]
        assert query[0].cell_texts == [f"{v:.2f}" for v in q], key
        assert query[0].box.number_px >= 10  # big enough to read at 6 students
    # and the notebook beside it (16 numbers on two rows)
    notebook = [view for view in scene.strip_views(focus) if view.strip.role == "notebook"][0]
    assert notebook.cell_texts == [f"{v:.2f}" for v in trace.layers[0].x[focus]]


def test_small_desks_give_numbers_in_tooltips(qapp, scene, random_model):
    trace = run_sentence(random_model, long_sentence(EN6, 64)).trace
    focus = 1
    render(scene, frame_of(trace, "question.raise", focus=focus))
    views = scene.strip_views(focus)
    k = [view.strip.role for view in views].index("query")
    assert views[k].cell_texts == []  # 64 students: no room for numbers in the cells
    q = trace.layers[0].head(0).q[focus]
    for i in (0, len(q) - 1):
        assert scene.tooltip_at(scene.desk(focus).cell_pos(k, i)).endswith(f"= {q[i]:.2f}")
    # a plain desk of the class, drawn in the one ClassImage: its cards' numbers are in the tooltips too
    other = 37
    assert scene.composed and scene.desk(other) is None
    s = scene.frame.students[other]
    box = scene.class_image.box
    strips = ([s.notebook] if s.notebook else []) + s.cards
    for role, row in (("notebook", trace.layers[0].x[other]), ("key", trace.layers[0].head(0).k[other])):
        j = [st.role for st in strips].index(role)
        view = StripView()
        view.set(strips[j], box.strips[j], scene.theme, 1.0)
        for i in (0, len(row) - 1):
            at = view.cell_rect(i).center() + QPointF(s.x + box.strips[j].x, s.y + box.strips[j].y)
            assert scene.tooltip_at(at).endswith(f"= {row[i]:.2f}"), (role, i, scene.tooltip_at(at))


def test_bars_show_the_frame_values(qapp, scene, random_model):
    trace = run_sentence(random_model, EN6).trace
    frame = frame_of(trace, "softmax.weights", rule="causal")
    render(scene, frame)
    bars = scene.board.bars
    assert bars.isVisible() and not scene.board.beside.isVisible()
    w = trace.layers[0].head(0).weights[1]
    # every bar labelled with the trace's weight: a student not heard yet has weight 0, not -∞
    assert bars.value_texts == [f"{v:.2f}" for v in w]
    assert sum(frame.bars.masked) == 4 and "-∞" not in bars.value_texts


def test_masked_scores_are_labelled_minus_infinity_and_exported_as_null(qapp, scene, random_model, tmp_path):
    import json

    from classroom_gui.export.frame_json import save_frame_json
    trace = run_sentence(random_model, EN6).trace
    frame = frame_of(trace, "softmax.exp", rule="causal")  # a full-width chart, its bars replaced below
    frame.bars = frame.bars.__class__(frame.bars.title, frame.bars.labels,  # the scaled scores as the mask leaves them
                                      [float("-inf") if m else float(v) for v, m in
                                       zip(trace.layers[0].head(0).scaled[1], trace.layers[0].mask[1])], "key",
                                      masked=list(trace.layers[0].mask[1]))
    render(scene, frame)
    head = trace.layers[0].head(0)
    want = ["-∞" if m else f"{v:.2f}" for v, m in zip(head.scaled[1], head.mask[1])]
    assert scene.board.bars.value_texts == want
    numbers = json.loads(save_frame_json(frame, Selection(focus=1), tmp_path / "n.json").read_text())
    assert numbers["bars"]["values"][2:] == [None] * 4  # JSON has no -∞
    assert numbers["bars"]["values"][:2] == [float(v) for v in head.scaled[1][:2]]


def test_chapter_6_draws_both_rules_shares_side_by_side(qapp, scene, random_model, tmp_path):
    import json

    from classroom_gui.export.frame_json import save_frame_json
    frame = frame_of(run_sentence(random_model, EN6, "causal").trace, "mask.future")
    render(scene, frame)
    free = run_sentence(random_model, EN6, "none").trace.layers[0].head(0).weights[1]
    turn = run_sentence(random_model, EN6, "causal").trace.layers[0].head(0).weights[1]
    left, right = scene.board.bars, scene.board.beside
    assert left.isVisible() and right.isVisible()
    assert left.area.right() < right.area.left()  # side by side, discussion on the left
    assert left.heights == pytest.approx([float(v) for v in free]) and left.axis == right.axis  # one scale
    assert right.heights == pytest.approx([float(v) for v in turn])
    # half a board is too narrow for six values at 16 px in a row: the highlighted (largest) share says its value,
    # the others where theirs clear it and every other bar (board_bars.value_rows), each its own bar's
    for chart, w in ((left, free), (right, turn)):
        assert f"{w.max():.2f}" in chart.value_texts
        assert all(t in ("", f"{v:.2f}") for t, v in zip(chart.value_texts, w))
    assert right.masked == [False, False, True, True, True, True]
    numbers = json.loads(save_frame_json(frame, Selection(focus=1), tmp_path / "n.json").read_text())
    assert numbers["mask"] == "none" and numbers["selection"]["mask"] == "none"
    assert numbers["bars_beside"]["values"] == [float(v) for v in turn]
    render(scene, frame_of(run_sentence(random_model, EN6).trace, "softmax.weights"))
    assert not scene.board.beside.isVisible()  # only chapter 6 has a second chart


def test_japanese_renders_with_the_bundled_font(qapp, scene, random_model):
    from classroom_gui.scene import font_name, fonts
    family = fonts.ui_family()
    assert family == font_name.FAMILY  # the bundled font (under its own name), not a system fallback
    trace = run_sentence(random_model, JA6).trace
    frame = frame_of(trace, "cards.value", lang="ja")
    render(scene, frame)
    for student, desk in zip(frame.students, scene.desks):
        assert desk.name_text == student.text
        assert desk.name_font.family() == family
        metrics = QFontMetricsF(desk.name_font)
        assert all(metrics.inFontUcs4(ord(c)) for c in student.text)  # glyphs, not empty boxes
    for item in (scene.title, scene.narration):
        assert item.font.family() == family
        assert all(QFontMetricsF(item.font).inFontUcs4(ord(c)) for c in item.text if not c.isspace())


def test_unknown_students_are_marked(qapp, scene, random_model):
    run = run_sentence(random_model, "the zebra sat")
    frame = frame_at(run.trace, Selection(focus=0), 1.9, notices=run.notices)
    render(scene, frame)
    assert frame.students[1].unknown
    assert "(?)" in scene.desks[1].tooltip()
    assert "(?)" not in scene.desks[0].tooltip()
    # "zebra" is no word of this vocabulary: its pieces are the students, each named in the notice
    assert "".join(st.text for st in frame.students[1:-1]) == "zebra"
    assert scene.notices.isVisible() and all(c in scene.notices.text for c in "zebra")


@pytest.mark.parametrize("size", [(1920, 1080), (640, 360), (1000, 1000), (333, 1200), (1, 1), (3840, 2160)])
def test_render_frame_returns_the_requested_size(qapp, random_model, size):
    from classroom_gui.scene import palette
    from classroom_gui.scene.render import render_frame
    trace = run_sentence(random_model, EN6).trace
    frame = frame_of(trace, "listening.travel", at=0.5)
    for theme in (None, palette.SLIDE):
        for transparent in (False, True):
            image = render_frame(frame, size=size, theme=theme, transparent=transparent)
            assert (image.width(), image.height()) == size
    if size == (1000, 1000):  # letterboxed and centred: bands above and below, the canvas between
        image = render_frame(frame, size=size, transparent=True)
        assert image.pixelColor(500, 5).alpha() == 0 and image.pixelColor(500, 994).alpha() == 0
        opaque = render_frame(frame, size=size)
        background = opaque.pixelColor(500, 5)
        assert opaque.pixelColor(500, 994) == background
        assert opaque.pixelColor(500, 500) != background  # a desk or the board, not an empty band


def test_render_frame_rejects_impossible_sizes(qapp, random_model):
    from classroom_gui.scene.render import render_frame
    trace = run_sentence(random_model, EN6).trace
    for size in ((0, 100), (100, -1), (100_000, 10)):
        with pytest.raises(ValueError):
            render_frame(frame_of(trace, "seats.sit"), size=size)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_empty_frame_shows_the_message(qapp, scene, random_model, lang):
    from classroom_gui.scene import fonts
    trace = run_sentence(random_model, EN6).trace
    render(scene, frame_of(trace, "softmax.weights"))  # a full class first: it must all go away
    frame = empty_frame(lang)
    assert frame.message
    image = render(scene, frame)
    assert scene.message.isVisible() and scene.message.text.replace("\u2060", "") == frame.message
    assert scene.message.font.family() == fonts.ui_family()
    assert not any(d.isVisible() for d in scene.desks)
    assert not any(item.isVisible() for item in scene.links.lines.values())
    assert not any(item.isVisible() for item in scene.links.labels)
    assert not scene.board.panel.isVisible()
    # something is drawn in the middle of the canvas (the message card), not just the background
    centre = image.pixelColor(960, 540)
    assert centre != image.pixelColor(5, 5)


@pytest.mark.parametrize("n", [6, 64])
def test_same_frame_twice_paints_the_same_picture(qapp, random_model, n):
    """Items are reused between frames and settled cards are painted into the desk in big classes:
    whatever came before, a frame always gives the identical image."""
    from classroom_gui.scene.classroom import ClassroomScene
    trace = run_sentence(random_model, long_sentence(EN6, n)).trace
    a = frame_of(trace, "cards.key", at=0.5)  # a card growing in on every desk
    others = [frame_of(trace, "cards.key", at=1.0), frame_of(trace, "ffn.activation"), frame_of(trace, "seats.sit")]
    scene = ClassroomScene()
    first = render(scene, a)
    for other in others:
        render(scene, other)
        assert render(scene, a) == first
    assert render(ClassroomScene(), a) == first


def test_odd_frames_render(qapp, scene):
    """Frames the lesson should never make still draw: NaN and infinite numbers, empty strips, a very
    long word, a class bigger than the model's context, bars without labels."""
    from classroom_gui.lesson import layout
    from classroom_gui.lesson.frame import Bars, Frame, Heatmap, Link, Strip, Student
    nan, inf = float("nan"), float("inf")
    n = 70
    students = [Student(j, "w" * (60 if j == 3 else 3), j % 5 == 0, *seat, state="focus" if j == 1 else "normal",
                        notebook=Strip("notebook", [nan, inf, -inf, 1e30, -0.0] * 3),
                        cards=[Strip("query", []), Strip("key", [1.0] * 8, raised=True, visible=0.5),
                               Strip("hidden", [2.0] * 8, zeroed=[True] * 20)], badge="-∞")
                for j, seat in enumerate(layout.seats(n))]
    frame = Frame(time=0.0, beat=0, chapter=0, chapter_key="x", beat_key="x.y", alpha=0.5, title="T" * 300,
                  narration="word " * 400, students=students,
                  links=[Link(1, j, w, "value", "0.5", progress=0.5) for j, w in ((0, nan), (2, inf), (1, -1.0))],
                  board=["x" * 500] * 90, board_strips=[Strip("hidden", [inf] * 300)],
                  bars=Bars("b", [], [nan, inf, -inf, 1.0], from_values=[0.0], morph=2.0, masked=[True]),
                  heatmap=Heatmap("h", [], [[nan] * 3] * 3, rows=[0, 5]), notices=["n"] * 30)
    image = render(scene, frame)
    assert image.size().toTuple() == (1920, 1080)
    frame.bars = None  # the heatmap takes the board
    render(scene, frame)
    assert scene.board.heatmap.isVisible()


def test_theme_switch_on_one_scene(qapp, random_model):
    from classroom_gui.scene import palette
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_frame
    trace = run_sentence(random_model, EN6).trace
    frame = frame_of(trace, "ffn.activation")
    scene = ClassroomScene()
    slide = render_frame(frame, theme=palette.SLIDE, scene=scene)
    classroom = render_frame(frame, scene=scene)
    assert slide != classroom
    assert render_frame(frame, theme=palette.SLIDE, scene=scene) == slide
    assert render_frame(frame, theme=palette.SLIDE) == slide


def test_palette_cells_read_with_black_text():
    from classroom_gui.scene import palette
    values = np.linspace(-3, 3, 61)
    rgb = palette.diverging_rgb(values, 2.0)
    assert tuple(palette.diverging_rgb([0.0], 1.0)[0]) == (255, 255, 255)  # white at 0
    assert rgb[0][0] > rgb[0][2] and rgb[-1][2] > rgb[-1][0]  # negative reddish, positive bluish
    assert min(palette.contrast(c, (0, 0, 0)) for c in rgb) >= 4.5  # WCAG AA for the numbers
    for theme in palette.THEMES.values():
        for role in ("query", "key", "value", "weight", "notebook", "context", "hidden", "masked", "text"):
            assert theme.color(role).startswith("#") and theme.color(role) != "#FF00FF"
    assert palette.theme("slide").font_scale > 0
    with pytest.raises(ValueError):
        palette.theme("neon")


def test_crowd_of_tiny_desks_is_one_item():
    """Over CROWD_FROM students whose desks have no room for strips, the plain desks are one CrowdItem
    (numpy-built picture); the asker keeps a DeskItem, tooltips still name the student under the mouse."""
    from classroom_gui.lesson.frame import Frame, Student
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.render import render_scene
    students = []
    for i in range(300):
        r, c = divmod(i, 30)
        students.append(Student(index=i, text=f"w{i}", unknown=False, x=30 + c * 30.0, y=100 + r * 24.0, w=26.0,
                                h=20.0, state="focus" if i == 1 else "normal"))
    frame = Frame(time=0.0, beat=0, chapter=0, chapter_key="", beat_key="", alpha=1.0, title="crowd", narration="",
                  students=students)
    scene = ClassroomScene()
    scene.set_frame(frame)
    assert scene.crowd_mode and scene.crowd.isVisible()
    assert sum(d.isVisible() for d in scene.desks) == 1 and scene.desk(1) is not None
    s = students[45]
    assert scene.tooltip_at(QPointF(s.x + s.w / 2, s.y + s.h / 2)) == "46: w45"
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    render_scene(scene, image)
    assert image.pixelColor(int(s.x + s.w / 2), int(s.y + s.h - 3)) != scene.backgroundBrush().color()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_title_beside_the_card_legend_keeps_one_line_when_the_row_has_room(qapp, scene, random_model, lang):
    """teacher4 L6: in a big class the legend ended at the desks' edge, and "8. Listening: a mix of opinions ·
    in turn (GPT)" wrapped beside it with the row above the blackboard empty; the legend now ends at the
    blackboard's edge, and every chapter's title of a 64-student class in turn stays on one line, clear of it."""
    from PySide6.QtGui import QFontMetricsF

    trace = run_sentence(random_model, long_sentence(EN6 if lang == "en" else JA6, 64)).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    legends = 0
    for chapter in ("cards", "listening", "everyone", "heads", "ffn", "layers", "answer"):
        frame = frame_at(trace, Selection(focus=2, lang=lang, rule="causal"), timeline.chapter_end(chapter))
        render(scene, frame)
        assert "\n" not in scene.title.text, scene.title.text
        if scene.legend.isVisible():
            legends += 1
            words = QFontMetricsF(scene.title.font).boundingRect(scene.title.area, scene.title.flags, scene.title.text)
            assert words.right() < scene.legend.area.left() - 16
    assert legends >= 4  # a class of 64 shows the cards' colours in the title row


def test_the_empty_class_message_never_breaks_inside_a_quoted_example(qapp, scene):
    """teacher4 L9: at 1024 x 768 the Japanese message broke 「猫がマットの上に座っ」 / 「た」. A quoted name or
    example is laid out on one line at every width the message's box may take."""
    import re

    from classroom_gui.scene.wrapped_text import line_starts

    frame = empty_frame("ja")
    render(scene, frame)
    shown, font = scene.message.text, scene.message.font
    quotes = [m.span() for m in re.finditer(r"「[^「」]*」", shown)]
    assert quotes and "猫がマットの上に座った" in shown.replace("\u2060", "")
    for width in range(200, 1300, 7):  # the box's width in canvas px, and the narrower ones a scaled font meets
        starts = line_starts(shown, font, width)
        for a, b in quotes:
            assert not any(a < s < b for s in starts), f"{width} px: a line starts inside {shown[a:b]!r}"
