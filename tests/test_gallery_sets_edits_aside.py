"""teacher40 #8: opening a gallery example set the what-if edits aside without a word, and Undo then read
「取り消す：新しい文（「猫がマットの上に座った」に戻す）」, the same sentence, not saying the edits come back."""
from __future__ import annotations

import shutil
from pathlib import Path

from classroom_gui.lesson.gallery import load_gallery
from classroom_gui.view import settings
from classroom_gui.view.mnemonics import plain
from classroom_gui.view.window import MainWindow

from helpers import pieces_tokenizer, random_checkpoint
from whatif_window import two_edits

GALLERY = Path(__file__).parent / "fixtures" / "examples.json"


def gallery_window(qtbot, tmp_path):
    """A shown window on a small random model whose folder holds the gallery fixture."""
    ck = random_checkpoint(tmp_path / "ck", tokenizer=pieces_tokenizer(["dog", "ran", "to", "park"]))
    shutil.copy(GALLERY, tmp_path / "ck" / "examples.json")
    w = MainWindow(ck, settings.open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(w)
    w.show()
    return w


def test_an_example_says_the_edits_it_set_aside_and_undo_says_they_come_back(qtbot, tmp_path):
    w = gallery_window(qtbot, tmp_path)
    edits = two_edits(w, "ja")
    w.load_example(load_gallery(GALLERY)[1])
    assert w.model.whatif.edits == ()
    line = w.statusBar().currentMessage()
    assert line.startswith("例文の見どころ（ステップ") and line.endswith(
        "「もしも」の変更2件は前の文に残してあります。Ctrl+Zで戻せます。"), line
    undo = plain(w.menu_actions["undo_edit"].text()).split("\t")[0]
    assert undo.startswith("取り消す：新しい文（「") and undo.endswith("」と「もしも」の変更2件に戻す）"), undo
    w.set_language("en")
    assert w.statusBar().currentMessage().endswith("The 2 what-if edits stay with the sentence before; "
                                                   "Ctrl+Z brings them back.")
    assert plain(w.menu_actions["undo_edit"].text()).split("\t")[0].endswith(" with its 2 what-if edits)")
    assert w.model.undo_edit() and w.model.whatif.edits == edits  # and Undo does bring them back


def test_an_example_opened_without_edits_says_only_where_it_starts(qtbot, tmp_path):
    w = gallery_window(qtbot, tmp_path)
    w.set_language("ja")
    w.load_example(load_gallery(GALLERY)[1])
    assert w.statusBar().currentMessage().endswith("Homeキーで最初に戻ります。")
    assert "もしも" not in plain(w.menu_actions["undo_edit"].text()).split("\t")[0]
