"""teacher5 L5: the Japanese window named keys in English ("Right / PgDown", "Space", "Ctrl+Right") in the F1 list and
the menus. Each language names them in its strings (key.*): 「→ / PageDown」「スペース」「Ctrl+→」; English is as before."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from classroom_gui.app.actions import key_label, keys_label
from classroom_gui.lesson.strings import text
from helpers import random_window


def test_key_labels_in_each_language():
    ja, en = (lambda key: text("ja", key)), (lambda key: text("en", key))
    assert keys_label(("Right", "PgDown"), ja) == "→ / PageDown" and key_label("Ctrl+Left", ja) == "Ctrl+←"
    assert key_label("Space", ja) == "スペース" and key_label("+", ja) == "+" and key_label("Ctrl+Shift+Z", ja) == "Ctrl+Shift+Z"
    assert keys_label(("Right", "PgDown"), en) == "Right / PgDown" and key_label("Ctrl+Right", en) == "Ctrl+Right"


@pytest.mark.parametrize("lang, next_key, first_row", [("ja", "→", "スペース"), ("en", "Right", "Space")])
def test_the_menus_and_the_help_list_name_keys_in_the_windows_language(qtbot, tmp_path, lang, next_key, first_row):
    from classroom_gui.view.dialogs import help_dialog

    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    assert window.menu_actions["next_beat"].text().endswith("\t" + next_key)
    assert window.menu_actions["next_chapter"].text().endswith("\tCtrl+" + next_key)
    dialog = help_dialog(window, window.t)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert rows[0] == first_row and (("→ / PageDown" if lang == "ja" else "Right / PgDown") in rows)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_help_lists_redo_line_names_the_undo_key(qtbot, tmp_path, lang):
    """review30 7: the help list's Redo line says the Undo key the actions table binds (edit_keys), not a typed one."""
    from classroom_gui.app.edit_history import edit_keys
    from classroom_gui.view.dialogs import help_dialog

    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    dialog = help_dialog(window, window.t)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    said = [table.item(r, 1).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(table.rowCount())]  # (its text
    # has word joiners: Japanese broken between phrases, teacher34 #9)
    assert window.t("help.redo_edit", **edit_keys(lang)) in said and not any("{" in s for s in said)
