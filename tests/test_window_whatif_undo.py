"""Taking what-if edits back in the window: Ctrl+R resets them with the rest and Ctrl+Z brings them back, the Edit
menu's Undo and Redo say what they do (Ctrl+Shift+Z and Ctrl+Y redo), the same sentence keeps them, a new one is
undone back to them, and the status line follows the language."""
import pytest
from PySide6.QtCore import Qt

from classroom_gui.app.edit_history import edit_keys
from classroom_gui.lesson.whatif_state import sentence_text
from classroom_gui.model.whatif import Edit
from whatif_window import menu_item, two_edits


def one_edit(window) -> str:  # the status line of one what-if edit, with the Edit menu's keys
    return window.t("whatif.status_one", **edit_keys(window.sel.lang))


@pytest.mark.parametrize("lang, said", [("en", "The what-if edits are gone"), ("ja", "「もしも」の変更を消し")])
def test_ctrl_r_resets_the_what_if_edits_too_and_ctrl_z_brings_them_back(qtbot, window, lang, said):
    """teacher4 M4: Ctrl+R is "Reset everything": the what-if edits go too (the title and narration lose their
    【もしも】), the status bar says how to get them back, and Ctrl+Z does."""
    edits = two_edits(window, lang)
    qtbot.keyClick(window.canvas, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace
    frame = window.model.frame()
    assert not frame.edits and window.t("whatif.title", title="") not in frame.title
    assert said in window.statusBar().currentMessage() and window.player.time == window.player.timeline.beat_stop(0)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.whatif.edits == edits
    qtbot.keyClick(window.canvas, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # nothing more to reset
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.whatif.edits == edits  # a second Ctrl+R added no empty step to undo
    window.do("reset_edits")  # Edit → Reset what-if edits resets the edits alone: it says so too
    assert window.model.whatif.edits == () and said in window.statusBar().currentMessage()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # edit by edit back to none
    assert window.model.whatif.edits == () and "Ctrl+Z" in window.statusBar().currentMessage()  # own again


@pytest.mark.parametrize("lang, undo_card, redo_reset", [
    ("en", 'Undo question card edit of "{name}"', "Redo reset (2 what-if edits)"),
    ("ja", "取り消す：「{name}」の質問カードの変更", "やり直す：リセット（「もしも」の変更2件）")])
def test_edit_menu_undo_and_redo_say_what_they_do_and_ctrl_shift_z_redoes(qtbot, window, lang, undo_card,
                                                                           redo_reset):
    """note11: Ctrl+Shift+Z reset the edits instead of redoing them. The Edit menu's Undo and Redo name the change
    in the lesson's words, are disabled when there is nothing to do, and Ctrl+Shift+Z and Ctrl+Y redo."""
    from classroom_gui.view import whatif_edit

    window.set_language(lang)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    undo, redo = window.t("edit.undo_none"), window.t("edit.redo_none")
    assert menu_item(window, "undo_edit") == (undo, False) and menu_item(window, "redo_edit") == (redo, False)
    assert window.menu_actions["undo_edit"] in window.menus["edit"].actions()
    sel = window.sel
    name = window.run.trace.tokens[sel.focus]
    edits = (Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0), Edit("q", sel.layer, sel.head, sel.focus, 1, -1.0))
    for e in edits:
        assert whatif_edit.apply(window, e)
    assert menu_item(window, "undo_edit") == (undo_card.format(name=name), True)
    assert menu_item(window, "redo_edit") == (redo, False)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    assert window.model.whatif.edits == () and menu_item(window, "undo_edit") == (undo, False)
    assert menu_item(window, "redo_edit")[1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl | shift)  # redo, not reset
    assert window.model.whatif.edits == edits[:1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, ctrl)
    assert window.model.whatif.edits == edits and menu_item(window, "redo_edit") == (redo, False)
    frame = window.model.frame()
    assert frame.edits and window.model.shown_trace() is not window.run.trace  # the class recomputed again
    # Ctrl+R (reset everything) is one step: undone, then made again by Redo, which says so
    qtbot.keyClick(window.canvas, Qt.Key.Key_R, ctrl)
    assert window.model.whatif.edits == ()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    assert window.model.whatif.edits == edits and menu_item(window, "redo_edit") == (redo_reset, True)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, ctrl)
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    # a new edit clears what Redo could make again
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    assert window.model.whatif.edits == edits[:1] and menu_item(window, "redo_edit")[1]
    assert whatif_edit.apply(window, Edit("v", sel.layer, sel.head, sel.focus, 0, 4.0))
    assert menu_item(window, "redo_edit") == (redo, False)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, ctrl)
    assert window.model.whatif.edits == (edits[0], Edit("v", sel.layer, sel.head, sel.focus, 0, 4.0))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_enter_on_the_same_sentence_keeps_the_edits_and_a_new_one_is_undone_back(qtbot, window, lang):
    """teacher6 H1: Enter in the sentence field (or Apply) threw the what-if edits away with no way back. The same
    sentence keeps them; a new sentence can be undone with Ctrl+Z to the old one, its edits, its asker and the
    field's text, and the status bar never counts edits that are gone."""
    from classroom_gui.view import whatif_edit

    window.set_language(lang)
    old, run = window.sentence.text(), window.run
    seat = window.run.trace.n_tokens - 1
    window.select(focus=seat)
    sel = window.sel
    edit = Edit("k", sel.layer, sel.head, seat, 0, 2.0)
    assert whatif_edit.apply(window, edit)
    window.sentence.setFocus()
    qtbot.keyClick(window.sentence, Qt.Key.Key_Return)
    assert window.run is run and window.model.whatif.edits == (edit,)
    assert window.t("whatif.title", title="") in window.model.frame().title
    window.sentence.setText(old + " " + old)
    window.apply_button.click()
    assert window.run is not run and window.model.whatif.edits == ()
    said = window.statusBar().currentMessage()
    assert said == window.model.status(lang) and said != one_edit(window)
    assert menu_item(window, "undo_edit")[1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.run is run and window.model.whatif.edits == (edit,) and window.sentence.text() == old
    # teacher37 #11: the line says what Undo brought back, the sentence with its edit
    brought = window.t("edit.brought_sentence_edits", how=window.t("edit.how_undo", keys="Ctrl+Z"), n=1,
                       sentence=sentence_text(lang, old))
    assert window.sel.focus == seat and window.statusBar().currentMessage() == brought


def test_the_status_line_follows_a_language_switch(qtbot, window):
    """teacher6 L5: after Ctrl+Shift+L the what-if status line stayed English under a Japanese window."""
    from classroom_gui.view import whatif_edit

    window.set_language("en")
    sel = window.sel
    assert whatif_edit.apply(window, Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0))
    assert window.statusBar().currentMessage() == one_edit(window)
    qtbot.keyClick(window.canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.sel.lang == "ja" and window.statusBar().currentMessage().startswith("もしも：変更1件")
    window.statusBar().showMessage("an English detail", 8000)  # a message the window cannot say again
    window.set_language("en")
    assert window.statusBar().currentMessage() == ""


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("count", [1, 2])
def test_the_status_line_names_the_redo_key_the_edit_menu_shows(qtbot, window, lang, count):
    """teacher27 L6: the status line said 「やり直しはCtrl+Y」 while Edit → やり直す showed Ctrl+Shift+Z. One key is named
    for Redo everywhere: the menu's, Ctrl+Shift+Z (QKeySequence.Redo's key on X11, KDE, GNOME and macOS, one of its
    keys on Windows); Ctrl+Y still redoes (above)."""
    from PySide6.QtGui import QKeySequence

    from classroom_gui.view import whatif_edit

    window.set_language(lang)
    sel = window.sel
    for i in range(count):
        assert whatif_edit.apply(window, Edit("k", sel.layer, sel.head, sel.focus, i, 2.0 + i))
    shown = window.menu_actions["redo_edit"].text().split("\t")[1]
    status = window.statusBar().currentMessage()
    named = [key for key in ("Ctrl+Shift+Z", "Ctrl+Y") if key in status]
    assert named == [shown], (status, shown)
    assert QKeySequence(shown) in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_status_lines_keys_come_from_the_actions_table(qtbot, window, lang, monkeypatch):
    """review29 2e: the status strings typed Ctrl+Z and Ctrl+Shift+Z beside the actions table's keys; the keys the
    actions table binds (app.edit_keys) are the ones the status line names."""
    from classroom_gui.app import actions, edit_history, edit_keys
    from classroom_gui.view import whatif_edit

    assert actions.BY_ID["undo_edit"].keys == edit_keys.UNDO_KEYS and actions.BY_ID["redo_edit"].keys == edit_keys.REDO_KEYS
    monkeypatch.setattr(edit_history, "REDO_KEYS", ("Ctrl+Y",))
    monkeypatch.setattr(edit_history, "UNDO_KEYS", ("Alt+Backspace",))
    window.set_language(lang)
    sel = window.sel
    assert whatif_edit.apply(window, Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0))
    status = window.model.status(lang)
    assert "Ctrl+Y" in status and "Alt+" in status and "Ctrl+Z" not in status and "Ctrl+Shift+Z" not in status, status
