"""The side panel's all-heads grid: choosing another layer or head moves the outline to that map and keeps
the grid (the n_layer x n_head plots are built once per trace, not on every choice)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from classroom_gui.lesson.state import empty_frame


def outlined(panel, chosen_rgb):
    return [(m.layer, m.head) for m, o in zip(panel.head_maps, panel.outlines())
            if o.isVisible() and o.pen().color().getRgb()[:3] == chosen_rgb]


def test_choosing_a_head_moves_the_outline_and_keeps_the_grid(qtbot):
    from classroom_gui.view.charts import CHOSEN, ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)  # closed and deleted with the test, before the application goes
    maps = np.random.default_rng(0).random((3, 4, 5, 5)).astype(np.float32)
    frame = replace(empty_frame("en"), overview=maps)
    panel.set_frame(frame, 0, 0)
    items = list(panel.head_maps)
    assert len(items) == 12 and outlined(panel, CHOSEN) == [(0, 0)]
    for layer, head in ((2, 3), (1, 0), (2, 3)):
        panel.set_frame(frame, layer, head)
        assert panel.head_maps == items            # the same plots: nothing rebuilt
        assert outlined(panel, CHOSEN) == [(layer, head)]
    other = replace(frame, overview=maps.copy())   # another trace's maps: a new grid, outlined where chosen
    panel.set_frame(other, 1, 1)
    assert panel.head_maps != items and outlined(panel, CHOSEN) == [(1, 1)]
    np.testing.assert_array_equal(panel.head_maps[4].image, maps[1, 0])


def test_the_outline_goes_round_the_map_not_the_whole_cell(qtbot):
    """In a tall panel a map's cell is taller than the square map: the outline is the map's own size (it was the
    cell's border, a yellow box much taller than its map)."""
    from classroom_gui.view.charts import ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    maps = np.random.default_rng(0).random((3, 3, 6, 6)).astype(np.float32)
    panel.set_frame(replace(empty_frame("en"), overview=maps), 0, 0)
    qtbot.wait(50)
    outline, item = panel.outlines()[0], panel.head_maps[0]
    shown, image = outline.mapRectToScene(outline.rect()), item.sceneBoundingRect()  # the line, not its pen
    assert abs(shown.height() - image.height()) <= 6 and abs(shown.width() - image.width()) <= 6, (shown, image)
    assert panel.head_boxes[0].sceneBoundingRect().height() > image.height() + 20  # the cell is taller


def test_the_japanese_titles_wrap_between_phrases(qtbot):
    """review21: the all-heads tab's title (a wrapped QLabel) broke inside words, 「枠のつ / いた」. At any width
    its lines now break only between phrases (lesson.strings.unbroken_words), as the narration does: 「枠の / ついた」
    is between two (a particle after a word ends a phrase, text21), 「枠のつ / いた」 is inside one."""
    from classroom_gui.lesson.strings import WORD_JOINER, text
    from classroom_gui.scene.wrapped_text import line_starts
    from classroom_gui.view.charts import HEADS, ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)
    panel.set_texts(lambda key, **values: text("ja", key, **values))
    panel.set_frame(replace(empty_frame("ja"), overview=np.zeros((2, 2, 3, 3), np.float32)), 0, 0)
    label = panel.titles[HEADS]
    shown = label.text()
    assert shown.replace(WORD_JOINER, "") == text("ja", "charts.heads_title")
    words = ("枠の", "ついた", "アテンション", "行列", "クリック", "切り替わります")
    for width in range(160, 480, 8):  # (from where its longest phrase, 「切り替わります）」, fits a line)
        breaks = [len(shown[:s].replace(WORD_JOINER, "")) for s in line_starts(shown, label.font(), width)[1:]]
        plain = shown.replace(WORD_JOINER, "")
        for word in words:
            at = plain.index(word)
            assert not any(at < end < at + len(word) for end in breaks), (width, word, breaks)
