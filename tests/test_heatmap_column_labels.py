"""teacher40 #3: the whole attention matrix on the board (chapters 9, 10, 12) named its rows but not its columns, so
"「猫」 listens to 「マット」 0.33" meant counting columns; the one-row map of chapter 8 named both. The whole matrix
now names its columns at the rows' 16 px: each name over its column where every name fits a cell, on two rows by
seat (as the bar charts' names) where every name fits two cells, else the seat numbers of the desks' tags."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from classroom_gui.lesson.frame import Heatmap
from classroom_gui.scene import palette
from classroom_gui.scene.heatmap import HeatmapItem
from test_mask_chart_four_three import scene_at


def _columns(names, rect: QRectF):
    item = HeatmapItem()
    t = len(names)
    item.set_heatmap(Heatmap("map", names, np.full((t, t), 1 / t), list(range(t))), rect, palette.CLASSROOM)
    image = QImage(int(rect.right()) + 8, int(rect.bottom()) + 8, QImage.Format.Format_RGB32)
    p = QPainter(image)
    try:
        grid = item._grid(p)
        return item, grid, item.column_labels(grid)
    finally:
        p.end()


def _check(item, grid, labels, names):
    x0, y0, cell, side, t, k, margin = grid
    metrics = QFontMetricsF(item._label_font())
    assert len(labels) == t
    inks = []
    for j, (box, shown) in enumerate(labels):
        assert shown in (names[j], str(j + 1)), shown  # a whole name (never cut) or the seat's number
        assert abs(box.center().x() - (x0 + (j + 0.5) * cell)) < 0.5  # centred over its own column
        assert box.bottom() <= y0 + 0.5  # over the cells
        w = metrics.horizontalAdvance(shown)
        inks.append(QRectF(box.center().x() - w / 2, box.top(), w, box.height()))
    for j, ink in enumerate(inks):  # no two names touch
        assert not any(ink.intersects(o) for o in inks[j + 1:]), labels[j][1]
    return [shown for _, shown in labels]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}")
@pytest.mark.parametrize("text,lang,asker", [("The cat sat on the mat", "en", 1), ("猫がマットの上に座った", "ja", 0)],
                         ids=lambda v: str(v)[:6])
def test_the_boards_whole_matrix_names_its_columns(qapp, checkpoint, text, lang, asker, size):
    scene, frame = scene_at(checkpoint, text, lang, asker, "everyone.matrix", size=size, rule="none")
    try:
        item = scene.board.heatmap
        assert item.isVisible() and one_row_free(item)
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        p = QPainter(image)
        grid = item._grid(p)
        p.end()
        shown = _check(item, grid, item.column_labels(grid), frame.heatmap.labels)
        # review41 #1: the names never cost the cells their numbers (4:3 ja's names needed two rows, whose room
        # shrank the cells under NUMBER_CELL and left all 49 shares out): there the seat numbers, on one row
        assert item.numbered(grid[2]), grid[2]
        two_rows = lang == "ja" and size == (1024, 768)
        assert shown == ([str(j + 1) for j in range(len(shown))] if two_rows else list(frame.heatmap.labels))
    finally:
        scene.clear()


def one_row_free(item) -> bool:
    from classroom_gui.scene.heatmap import one_row
    return one_row(item.heatmap) is None


def test_names_too_wide_for_two_cells_become_seat_numbers_and_narrow_ones_one_row(qapp):
    long = ["ゆっくりゆっくり", "と", "公園", "へ", "走った", "昨日", "小さな", "子供", "は", "ゆっくり"]
    item, grid, labels = _columns(long, QRectF(0, 0, 300, 340))
    assert _check(item, grid, labels, long) == [str(j + 1) for j in range(len(long))]
    short = ["猫", "が", "は", "と"]
    item, grid, labels = _columns(short, QRectF(0, 0, 400, 440))
    assert _check(item, grid, labels, short) == short
    assert len({round(box.top(), 1) for box, _ in labels}) == 1  # one row
