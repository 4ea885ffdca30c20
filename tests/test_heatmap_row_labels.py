"""teacher24 L3: at F5 4:3 the heatmap cut 「ゆっくり」 to 「ゆっ…」 although the matrix, centred in a board wider than
it, left plenty of room beside its rows: the names had a fixed 56 px. Now they have all the room left of the cells,
and the cells make room for a wider name (up to a quarter of the area); only a longer name is cut."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from classroom_gui.lesson.frame import Heatmap
from classroom_gui.scene import palette
from classroom_gui.scene.heatmap import HeatmapItem

NAMES = ["昨日", "小さな", "子供", "は", "ゆっくり", "と", "公園", "へ", "走った"]


def _labels(qapp, names, rect: QRectF):
    item = HeatmapItem()
    t = len(names)
    item.set_heatmap(Heatmap("アテンション行列：第1層、ヘッド1", names, np.full((t, t), 1 / t), list(range(t))), rect,
                     palette.CLASSROOM)
    image = QImage(int(rect.right()) + 8, int(rect.bottom()) + 8, QImage.Format.Format_RGB32)
    p = QPainter(image)
    try:
        grid = item._grid(p)
        return grid, item.row_labels(grid)
    finally:
        p.end()


def test_a_four_kana_name_is_whole_beside_a_centred_matrix(qapp):
    rect = QRectF(10, 20, 420, 380)  # the matrix is as tall as the area allows, with room beside it
    (x0, y0, cell, side, t, k, margin), labels = _labels(qapp, NAMES, rect)
    assert [shown for _, shown in labels] == NAMES  # 「ゆっくり」 whole, not 「ゆっ…」
    box = labels[NAMES.index("ゆっくり")][0]
    assert box.left() >= rect.left() and box.right() == x0 - 8 and box.width() > 56
    assert x0 + side <= rect.right() + 1e-6


def test_a_wider_name_takes_room_from_the_cells_up_to_a_quarter_of_the_area(qapp):
    rect = QRectF(0, 0, 400, 600)  # as wide as the matrix: no room beside it but the names' own
    (x0, _, _, side, *_), labels = _labels(qapp, NAMES, rect)
    assert [shown for _, shown in labels] == NAMES and x0 - rect.left() > 64  # 「ゆっくり」 (64 px) whole
    assert abs(x0 + side - rect.right()) < 1e-6
    wide = NAMES[:4] + ["ゆっくりゆっくりゆっくり"] + NAMES[5:]  # ~192 px: more than a quarter of 400
    (x0, _, _, side, *_), labels = _labels(qapp, wide, rect)
    assert abs(x0 - rect.left() - 100) < 1e-6 and labels[0][0].width() == 92
    assert [s for _, s in labels if "…" in s] == [labels[4][1]] and labels[4][1] == "ゆっくり…"
    (x0, _, _, side, *_), labels = _labels(qapp, ["猫", "が", "座った"], rect)  # short names: the old 64 px
    assert x0 - rect.left() == 64 and side == 336
