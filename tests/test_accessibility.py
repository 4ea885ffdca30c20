"""Accessibility: the cards' colours stay apart under simulated colour vision deficiencies (a real rendered
picture too), masked cells carry a pattern as well as grey, the high-contrast theme holds its contrast, and
every window control is reachable by keyboard and named for a screen reader."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.scene import palette
from colour_vision import MATRICES, closest_pair, lab, simulate

CARDS = {k: palette.ROLES[k] for k in ("query", "key", "value", "weight", "context")}


@pytest.mark.parametrize("kind", [None, *MATRICES])
def test_card_colours_stay_apart_for_every_colour_vision(kind):
    d, a, b = closest_pair(CARDS, kind)
    assert d >= 15, f"{a} and {b} look alike under {kind}: ΔE {d:.1f}"  # 15: clearly different on a projector


def test_the_simulation_is_real_greys_stay_grey_and_red_green_merge():
    grey = np.array([[128, 128, 128]], np.uint8)
    for kind in MATRICES:
        assert np.abs(simulate(grey, kind).astype(int) - 128).max() <= 2
    red, green = np.array([[200, 40, 40]], np.uint8), np.array([[40, 160, 40]], np.uint8)
    normal = np.linalg.norm(lab(red) - lab(green))
    assert np.linalg.norm(lab(simulate(red, "deuteranopia")) - lab(simulate(green, "deuteranopia"))) < normal / 2


def test_high_contrast_theme_reads_on_a_projector():
    th = palette.theme("contrast")
    hx = palette.hex_rgb
    assert palette.contrast(hx(th.color("text")), hx(th.color("background"))) >= 15
    assert palette.contrast(hx(th.color("board_text")), hx(th.color("board"))) >= 15
    assert palette.contrast(hx(th.color("desk_border")), hx(th.color("desk"))) >= 15


def _export(tmp_path, name, *extra):
    from PIL import Image

    from classroom_gui.cli import main

    out = tmp_path / name
    assert main(["export", "--text", "The cat sat on the mat", "--mask", "causal", "--focus", "4", "--size", "960x540",
                 "-o", str(out), *extra]) == 0
    with Image.open(out) as im:
        return np.asarray(im.convert("RGB"))


def test_masked_cells_are_hatched_not_only_grey(tmp_path):
    """The everyone chapter's map in turn: the masked upper triangle has light and dark pixels (lines), the
    heard cells below are flat colour."""
    img = _export(tmp_path, "m.png", "--chapter", "everyone")
    h, w, _ = img.shape
    board = img[int(h * 0.35):int(h * 0.8), int(w * 0.68):int(w * 0.97)]
    grey = (np.abs(board.astype(int) - palette.MASKED_CELL).max(axis=-1) <= 6)
    assert grey.sum() > 200  # the masked cells' grey is there
    rows = board[grey.any(axis=1)]
    dark = (rows.max(axis=-1) < 170).sum()
    assert dark > 100  # and lines cross it


def test_a_rendered_lesson_keeps_its_cards_apart_under_deuteranopia(tmp_path):
    img = _export(tmp_path, "d.png", "--chapter", "cards")
    for kind in MATRICES:
        seen = simulate(img, kind)
        assert seen.shape == img.shape and not np.array_equal(seen, img)
    d, _, _ = closest_pair({k: palette.ROLES[k] for k in ("query", "key", "value")}, "deuteranopia")
    assert d >= 15


def test_every_control_is_reachable_by_keyboard_and_named(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QSlider, QAbstractSpinBox

    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.show()
    controls = [c for kind in (QAbstractButton, QComboBox, QLineEdit, QSlider, QAbstractSpinBox)
                for c in w.findChildren(kind) if c.isVisibleTo(w) and c.window() is w]
    assert controls
    for c in controls:
        assert c.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{type(c).__name__} {c.objectName()} is not reachable by Tab"
        assert c.accessibleName() or (isinstance(c, QAbstractButton) and c.text()), f"{type(c).__name__} has no name"
    assert w.controls.slider.accessibleName() == w.t("access.chapter_slider")  # was "Control", and stayed so
    w.set_language("ja")
    assert w.controls.slider.accessibleName() == "授業の位置（章とステップ）"
    assert w.controls.speed.accessibleName() == "再生の速さ"
    assert not [c for c in controls if c.accessibleName() == "Control"]  # nothing kept its English fallback
    name = w.canvas.accessibleDescription()
    frame = w.model.frame()
    assert frame.students[w.sel.focus].text in name and w.t("access.asks") in name


def test_qt_own_parts_keep_their_names(qtbot, tmp_path):
    """A dock's Float and Close buttons keep the names Qt gives them, in both languages (they became "Control")."""
    from PySide6.QtWidgets import QAbstractButton

    from classroom_gui.view import settings
    from classroom_gui.view.window import MainWindow
    from helpers import random_checkpoint

    w = MainWindow(random_checkpoint(tmp_path / "ck"), settings.open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(w)
    w.show()
    for lang in ("ja", "en"):
        w.set_language(lang)
        own = [b for b in w.findChildren(QAbstractButton) if b.objectName().startswith("qt_dockwidget_")]
        assert own
        generic = {w.t("access.control"), "Control", "操作"}
        assert not [b.objectName() for b in own if b.accessibleName() in generic]
