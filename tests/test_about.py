"""teacher5 L10: Help → About says the version (as `--version` does), the open model (its folder, shape and weights'
size) and the licences, in the window's language."""
from __future__ import annotations

from classroom_gui.view.mnemonics import plain  # (a menu item's text without its access key)

import pytest
from PySide6.QtWidgets import QLabel

from classroom_gui import __version__
from classroom_gui.lesson.strings import WORD_JOINER
from helpers import random_window


@pytest.mark.parametrize("lang, words", [("en", ("Licences", "MIT", "IPA Font License", "2 layers × 2 heads")),
                                         ("ja", ("ライセンス", "MIT", "IPAフォントライセンス", "2層・各2ヘッド、ノート1冊に16個の数"))])
def test_help_about_names_the_version_the_model_and_the_licences(qtbot, tmp_path, lang, words):
    from classroom_gui.view.dialogs import about_dialog

    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    assert window.menu_actions["about"] in window.menus["help"].actions()
    assert plain(window.menu_actions["about"].text()) == window.t("ui.about")
    dialog = about_dialog(window, window.t)
    qtbot.addWidget(dialog)
    said = " ".join(label.text().replace(WORD_JOINER, "") for label in dialog.findChildren(QLabel))  # (as shown:
    # Japanese kept whole between phrases with word joiners, view.message_box.said_in)
    assert __version__ in said and str(window.checkpoint.path) in said and "IPAexGothic-LICENSE.txt" in said
    for word in words:
        assert word in said, word
    assert dialog.windowTitle() == window.t("about.title")
