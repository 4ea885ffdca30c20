"""teacher34 #9: shortcuts were hard to find. The help list (F1) cut long descriptions at 1024x768 (they needed the
horizontal scroll bar); Compare and the gallery had no key; no menu item had an access key. Now the descriptions
wrap, E and C open the gallery and Compare (listed in F1), and every menu item has an access key unique in its menu,
「比べる（&C）」 in Japanese, "&Compare" in English."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QTableWidget

from classroom_gui.app.actions import ACTIONS, BY_ID, SHORTCUTS
from helpers import random_window


def test_every_key_is_bound_once_and_compare_and_the_gallery_have_one():
    keys = [k for a in ACTIONS for k in a.keys]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert BY_ID["compare"].keys and BY_ID["examples"].keys
    listed = {a for _keys, a, _help in SHORTCUTS}
    assert {"compare", "examples"} <= listed


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_menu_item_has_its_own_access_key(qtbot, tmp_path, lang):
    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    for name, menu in window.menus.items():
        letters = []
        for item in menu.actions():
            label = item.text().split("\t")[0]
            if item.isSeparator() or label[:1].isdigit():  # (the chapters' items start with their number)
                continue
            assert label.count("&") == 1, (name, label)
            letters.append(label[label.index("&") + 1].upper())
            if lang == "ja":
                assert f"（&{letters[-1]}）" in label, label
        assert len(letters) == len(set(letters)), (name, letters)
    compare = window.menu_actions["compare"].text()
    assert compare.startswith("別の文と比べる（&" if lang == "ja" else "&Compare")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_help_list_wraps_its_descriptions_at_1024x768(qtbot, tmp_path, lang):
    from classroom_gui.view.dialogs import help_dialog

    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    dialog = help_dialog(window, window.t)
    qtbot.addWidget(dialog)
    dialog.resize(min(dialog.width(), 1024), min(dialog.height(), 700))
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget)
    assert table.horizontalScrollBar().maximum() == 0
    width = table.columnWidth(1)
    assert table.columnWidth(0) + width <= table.viewport().width() + 1
    fm = QFontMetricsF(table.font())
    for r in range(table.rowCount()):
        text = table.item(r, 1).text()
        need = fm.boundingRect(QRectF(0, 0, width - 8, 1e6), int(Qt.TextFlag.TextWordWrap), text)
        assert need.width() <= width and need.height() <= table.rowHeight(r) + 1, (text, table.rowHeight(r))
