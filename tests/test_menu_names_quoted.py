"""jareview5 5: a message that sends the user to a menu item (「ファイル」→「授業用のモデルを開く」, File → Open the
teaching model) names an item that is in that menu, word for word, so renaming an item cannot leave a message
pointing at a name the menu no longer shows."""
from __future__ import annotations

import re

import pytest

from classroom_gui.app.actions import ACTIONS, MENUS
from classroom_gui.messages.strings import table, text


def _menu(lang: str, menu: str) -> str:
    return re.sub(r"（&\w）", "", text(lang, f"ui.menu_{menu}")).replace("&", "").strip()  # ファイル（&F）, &File


def _items(lang: str, menu: str) -> list[str]:
    return [text(lang, a.label) for a in ACTIONS if a.menu == menu and a.label]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_menu_item_a_message_names_is_in_that_menu(lang):
    menus = {_menu(lang, m): m for m in MENUS}
    where = (re.compile(r"「(" + "|".join(map(re.escape, menus)) + r")」→「(.+?)」(?![』])") if lang == "ja"
             else re.compile(r"\b(" + "|".join(map(re.escape, menus)) + r") → (.+)"))
    named = 0
    for key, said in table(lang).items():
        for menu, rest in where.findall(said):
            items = [i.replace("「", "『").replace("」", "』") if lang == "ja" else i for i in _items(lang, menus[menu])]
            fits = [i for i in items if rest.startswith(re.split(r" \(|（", i)[0])]  # an item's own note may be left out
            assert fits, (key, menu, rest, items)
            named += 1
    assert named >= 2  # the kept-with-model notes (the what-if status lines name the keys since teacher30 #13)
    assert "「ファイル」→「授業用のモデルを開く」" in text("ja", "whatif.kept_with_teaching_model")
