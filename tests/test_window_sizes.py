"""The window at a projector's sizes (issue 12): at 1920 x 1080, 1280 x 720 and 1024 x 768, in English and
Japanese, no two controls overlap (the scrubber and "Step N of M" included), none runs past the window's
edge, no one-line label is cut short, and the classroom is drawn whole (in the window from its top edge,
with no blank band, and in presenter mode); seven students sit at seven desks; in the answer chapter
"Who asks" shows the student who answers, as the desks do.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLabel, QLineEdit,
                               QSlider, QWidget)

from classroom_gui.view import settings
from classroom_gui.view.window import MainWindow
from helpers import random_checkpoint

SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QSlider)


def make_window(qtbot, tmp_path, lang: str) -> MainWindow:
    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.show()
    w.set_language(lang)
    w.sentence.setText("猫 が マット の 上 に 座った" if lang == "ja" else "The cat sat on the mat")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None, timeout=10000)
    return w


def shown_controls(w: MainWindow) -> list[tuple[QWidget, QRect]]:
    """Every visible control of the bars above and below the classroom, with its rectangle in the window."""
    out = []
    for bar in (w.top_bar, w.choice_bar, w.controls):
        for child in bar.findChildren(QWidget):
            if isinstance(child, CONTROLS) and child.isVisibleTo(w) and child.parentWidget() is bar:
                out.append((child, QRect(child.mapTo(w, child.rect().topLeft()), child.size())))
    return out


def cut_short(widget: QWidget) -> bool:
    """A one-line label narrower than its text (Qt draws it clipped)."""
    if not isinstance(widget, QLabel) or widget.wordWrap() or not widget.text():
        return False
    return widget.width() < widget.sizeHint().width()  # the hint is the whole text's width, rich text too


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_overlaps_or_is_cut_at_projector_sizes(qtbot, tmp_path, size, lang):
    w = make_window(qtbot, tmp_path, lang)
    w.showNormal()
    w.resize(*size)
    for _ in range(12):  # a late step: "Step 31 of 35" is as wide as the counter gets
        w.do("next_chapter")
    qtbot.wait(20)
    assert w.width() <= size[0], f"the window needs {w.width()} px"
    controls = shown_controls(w)
    for box in (w.sentence, w.lang_box, w.focus_box, w.layer_box, w.head_box, w.temperature):  # none behind "»"
        assert box.isVisibleTo(w), f"{box.accessibleName() or type(box).__name__} is hidden at {size}"
    names = [type(c).__name__ for c, _ in controls]
    assert "ChapterSlider" in names and w.controls.isVisible()
    for i, (a, ra) in enumerate(controls):
        assert w.rect().contains(ra), f"{type(a).__name__} {ra} runs past the window {w.rect()}"
        assert not cut_short(a), f"{a.text()!r} is cut short at {size}"
        for b, rb in controls[i + 1:]:
            assert not ra.intersects(rb), f"{type(a).__name__} {ra} overlaps {type(b).__name__} {rb} at {size}"
    view = w.canvas
    shown = view.mapFromScene(view.classroom.sceneRect()).boundingRect()
    assert view.viewport().rect().adjusted(-1, -1, 1, 1).contains(shown), (shown, view.viewport().rect())
    assert shown.top() <= 1, f"a blank band of {shown.top()} px above the title"
    # the seven students of 「猫がマットの上に座った」 sit at seven desks: no empty eighth seat
    if lang == "ja":
        desks = [d for d in view.classroom.desks if d.isVisible()]
        assert len(desks) == w.run.trace.n_tokens == 7


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_presenter_mode_draws_the_whole_classroom(qtbot, tmp_path, lang):
    w = make_window(qtbot, tmp_path, lang)
    w.set_presenter(True)
    qtbot.wait(20)
    screen = QApplication.primaryScreen().geometry()
    view = w.canvas
    assert view.width() >= screen.width() - 2 and not w.controls.isVisible()
    shown = view.mapFromScene(view.classroom.sceneRect()).boundingRect()
    assert view.viewport().rect().adjusted(-1, -1, 1, 1).contains(shown), (shown, view.viewport().rect())
    # the classroom is as big as the screen allows: it touches two opposite edges
    assert shown.width() >= view.viewport().width() - 3 or shown.height() >= view.viewport().height() - 3


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_who_asks_shows_who_answers_at_answer_time(qtbot, tmp_path, lang):
    w = make_window(qtbot, tmp_path, lang)
    w.select(focus=1)
    last = w.run.trace.n_tokens - 1
    while w.model.frame().chapter_key != "answer":
        w.do("next_chapter")
    highlighted = [s.index for s in w.model.frame().students if s.state == "focus"]
    assert highlighted == [last] == [w.focus_box.currentIndex()]
    assert w.focus_label.text() == w.t("ui.answers")
    w.do("prev_chapter")
    assert w.focus_box.currentIndex() == w.sel.focus == 1 and w.focus_label.text() == w.t("ui.focus")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_side_panel_is_current_whole_and_adds_to_the_board(qtbot, tmp_path, lang):
    """The panel shows what the board does not (every head's map, the layer view), with whole tab names,
    labelled rows and columns, and the new sentence's words as soon as the sentence changes."""
    from classroom_gui.view.charts import CHOSEN, HEADS, LAYERS

    w = make_window(qtbot, tmp_path, lang)
    w.resize(1024, 768)
    w.charts_action.trigger()
    panel = w.charts
    bar = panel.tabBar()
    for i in range(panel.count()):  # the tab names fit their tabs
        assert bar.tabRect(i).width() >= QFontMetrics(bar.font()).horizontalAdvance(panel.tabText(i))
    c = w.checkpoint.config
    assert len(panel.head_maps) == c.n_layer * c.n_head and panel.titles[HEADS].text()
    chosen = [o for o in panel.outlines() if o.isVisible() and o.pen().color().getRgb()[:3] == CHOSEN]
    assert len(chosen) == 1  # the board's layer and head, outlined
    panel.setCurrentIndex(LAYERS)
    assert [t.toPlainText() for t in panel.layer_labels] == w.model.frame().layer_view.labels
    old, before = list(w.model.frame().layer_view.labels), w.run
    w.sentence.setText("犬 が 上 に 座った" if lang == "ja" else "the dog sat")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not before, timeout=10000)
    new = [t.toPlainText() for t in panel.layer_labels]
    assert new == w.model.frame().layer_view.labels != old and panel.titles[LAYERS].text()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_charts_fit_a_1024_screen_and_the_choices_stay_in_view(qtbot, tmp_path, lang):
    """View → Charts at 1024 x 768 keeps the window 1024 px wide (the scrubber's minimum once made it 1061 px, and it
    stayed so after the panel closed), and the head and temperature are on screen, not behind the bar's "»"."""
    w = make_window(qtbot, tmp_path, lang)
    w.showNormal()
    w.resize(1024, 768)
    qtbot.wait(20)
    w.charts_action.setChecked(True)
    qtbot.waitUntil(lambda: w.dock.isVisible(), timeout=10000)
    qtbot.wait(50)
    assert w.width() <= 1024 and w.minimumSizeHint().width() <= 1024, w.width()
    w.charts_action.setChecked(False)
    qtbot.wait(50)
    assert w.width() <= 1024
    for box in (w.head_box, w.temperature, w.layer_box, w.focus_box):
        assert box.isVisibleTo(w) and w.rect().contains(QRect(box.mapTo(w, box.rect().topLeft()), box.size()))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_1024_window_sized_before_it_is_shown_starts_with_two_rows(qtbot, tmp_path, lang):
    """On a real X server (no window manager) a window gets its 1024 px, from the screen or the saved geometry,
    before or just as it is shown, and no resize follows: the bars must be fitted then too, not only offscreen
    where a later resize hid the fault (the head and temperature started behind "»")."""
    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.set_language(lang)
    w.resize(1024, 768)
    QApplication.sendPostedEvents()
    assert w.toolBarBreak(w.choice_bar)  # fitted while still hidden
    w.resize(1920, 1080)
    w.show()  # (offscreen keeps the size asked for; X without a window manager may not resize after this)
    qtbot.waitUntil(lambda: not w.toolBarBreak(w.choice_bar), timeout=5000)
    assert w.head_box.isVisibleTo(w) and w.temperature.isVisibleTo(w)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_sentence_field_takes_the_rows_spare_width(qtbot, tmp_path, size, lang):
    """teacher4 M6: at 1920 x 1080 the field was 215 px wide ("s the street because it was too tired") beside
    ~620 px of empty bar. Now the field takes its row's spare width: a gallery sentence fits whole at 1920 and,
    on its own row, at 1024, and the choices' bar still ends inside the window."""
    w = make_window(qtbot, tmp_path, lang)
    w.showNormal()
    w.resize(*size)
    qtbot.wait(20)
    sentence = "The animal didn't cross the street because it was too tired"
    w.sentence.setText(sentence)
    field = w.sentence.width()
    assert w.choice_bar.geometry().right() < w.width() and w.top_bar.geometry().right() < w.width()
    spare = w.width() - max(w.top_bar.geometry().right(), w.choice_bar.geometry().right() if not
                            w.toolBarBreak(w.choice_bar) else w.top_bar.geometry().right())
    assert spare < 60, f"{spare} px of the bar left empty beside a {field} px sentence field"
    if size[0] != 1280:  # (1280 keeps both bars on one row: the field has what is left, ~250 px)
        assert QFontMetrics(w.sentence.font()).horizontalAdvance(sentence) < field - 16


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [800, 900, 960])
def test_from_1920_straight_to_a_narrow_window_the_sentence_field_and_apply_stay_shown(qtbot, tmp_path, width, lang):
    """review7: restored from 1920 px straight to under ~1000 px (a projector, a small laptop), the toolbar was laid
    out with the 904 px field it had at 1920 and moved the field and Apply behind "»"."""
    w = make_window(qtbot, tmp_path, lang)
    w.showNormal()
    w.resize(1920, 1080)
    qtbot.wait(20)
    assert w.sentence.width() > 600  # the wide field the narrow window must not keep
    w.resize(width, 600)
    qtbot.wait(20)
    for widget in (w.sentence, w.apply_button):
        assert widget.isVisible(), f"{type(widget).__name__} hidden at {width} px"
        right = widget.mapTo(w, widget.rect().topRight()).x()
        assert right < w.width(), f"{type(widget).__name__} ends at {right} of {w.width()} px"
    assert w.sentence.width() > 200
