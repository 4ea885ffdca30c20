"""What-if in the window, driven like a teacher: double-click a card's number, type a value, see the class
recompute with the number outlined; Ctrl+Z takes it back, Ctrl+Shift+Z / Ctrl+Y make it again; a new sentence
starts clean."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from classroom_gui.lesson.whatif_state import edited
from classroom_gui.model.whatif import Edit
from classroom_gui.scene.heatmap import HeatmapItem
from helpers import random_window


@pytest.fixture
def window(qtbot, tmp_path):
    return random_window(qtbot, tmp_path)


def double_click(qtbot, w, scene_pos):
    p = w.canvas.mapFromScene(scene_pos)
    qtbot.mouseDClick(w.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(p.x(), p.y()))


def to_beat(w, key):
    beats = w.player.timeline.beats
    w.model.jump(w.player.timeline.beat_stop(next(i for i, b in enumerate(beats) if b.key == key)))


def test_double_click_on_a_card_number_edits_it_and_the_class_recomputes(qtbot, window, monkeypatch):
    to_beat(window, "softmax.weights")
    frame = window.model.frame()
    seat = 2
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    asked = []
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **kw: (asked.append(a[2]), (3.25, True))[1])
    double_click(qtbot, window, window.canvas.classroom.desk(seat).cell_pos(k, 1))
    sel = window.sel
    edit = Edit("k", sel.layer, sel.head, seat, 1, 3.25)
    assert window.model.whatif.edits == (edit,) and asked
    assert window.run.trace.edits == ()  # the model's own trace is kept for Reset
    frame = window.model.frame()
    assert [c.edited for c in frame.students[seat].cards if c.role == "key"] == [[1]]
    expected = edited(window.run.trace, [edit])
    assert frame.bars.values == pytest.approx(list(expected.layers[sel.layer].weights[sel.head, sel.focus]))
    assert "What if" in frame.narration
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.whatif.edits == () and "What if" not in window.model.frame().narration


def test_reset_and_a_refused_mask_edit(qtbot, window):
    from classroom_gui.view import whatif_edit

    sel = window.sel
    assert whatif_edit.apply(window, Edit("score", sel.layer, sel.head, sel.focus, 0, 5.0))
    assert whatif_edit.apply(window, Edit("q", sel.layer, sel.head, sel.focus, 0, -1.0))
    n = window.run.trace.n_tokens
    for j in range(n - 1, 0, -1):  # a student may not be made to hear no one (under either rule): the last cell,
        assert whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, j, 1.0))  # the first seat, is refused
    assert not whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, 0, 1.0))
    name = window.run.trace.tokens[sel.focus]
    assert window.statusBar().currentMessage() == (  # the CLI's English (model.whatif.EditError), as a sentence
        f'With these mask edits student {sel.focus + 1} ("{name}") would hear no one; a student must hear at least one '
        "classmate (or itself)")
    window.set_language("ja")  # and in the window's language, named by the word
    assert not whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, 0, 1.0))
    assert window.statusBar().currentMessage().startswith(f"このマスクにすると、{sel.focus + 1}番の席の「{name}」には誰の話も")
    assert len(window.model.whatif.edits) == n + 1
    window.do("reset_edits")  # Edit → Reset what-if edits
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace


def test_a_heatmap_cell_is_a_score_and_shift_switches_its_mask(qtbot, window):
    from classroom_gui.view import whatif_edit

    for beat in window.player.timeline.beats:  # the first step whose blackboard shows the attention map
        to_beat(window, beat.key)
        items = [i for i in window.canvas.classroom.items() if isinstance(i, HeatmapItem) and i.isVisible()]
        if items:
            break
    item = items[0]
    window.canvas.grab()  # painted once, so the item knows where its cells are
    x0, y0, cell, t = item.grid
    pos = item.mapToScene(x0 + cell * 0.5, y0 + cell * 1.5)  # row 2, column 1
    target = whatif_edit.target_at(window, pos)
    assert target is not None and (target.kind, target.seat, target.index) == ("score", 1, 0)
    switched = whatif_edit.edit_at(window, pos, mask=True)  # Shift+double-click: cannot hear now
    assert switched and window.model.whatif.edits[-1].kind == "mask"
    assert window.model.whatif.edits[-1].value == 1.0  # row 2 heard seat 1 under either rule
    assert window.model.frame().heatmap.edited == [(1, 0)]


def test_view_compare_shows_both_classes_at_the_window_step(qtbot, window):
    from classroom_gui.view.compare_dialog import open_compare

    to_beat(window, "softmax.weights")
    dialog = open_compare(window, "cat sat on the mat the cat")
    qtbot.addWidget(dialog)
    fa, fb = dialog.pair.frames
    assert fa.beat_key == fb.beat_key == "softmax.weights"
    assert fa.narration == window.model.frame().narration
    assert not dialog.picture.pixmap().isNull()
    before = window.player.time
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert window.player.time > before and dialog.pair.frames[1].beat_key == dialog.pair.frames[0].beat_key


def test_a_card_number_of_a_big_class_desk_drawn_in_one_picture_is_editable(qtbot, window, monkeypatch):
    from classroom_gui.model.sentence import run_sentence
    window.model.set_run(run_sentence(window.model.checkpoint, " ".join(["the", "cat", "sat", "on", "the", "mat"] * 8)))
    to_beat(window, "softmax.weights")
    frame = window.model.frame()
    scene, seat = window.canvas.classroom, 30
    assert scene.composed and scene.desk(seat) is None  # drawn in the ClassImage, not by a DeskItem of its own
    s, box = frame.students[seat], scene.class_image.box
    strips = ([s.notebook] if s.notebook else []) + s.cards
    k = [st.role for st in strips].index("key")
    cell = box.strips[k]  # the middle of its second cell
    at_cell = (s.x + cell.x + cell.tab_w + 1.5 * cell.cell_w, s.y + cell.y + cell.label_h + cell.row_h / 2)
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **kw: (2.5, True))
    double_click(qtbot, window, QPointF(*at_cell))
    sel = window.sel
    assert window.model.whatif.edits == (Edit("k", sel.layer, sel.head, seat, 1, 2.5),)
    # the edited desk now stands out: its own DeskItem, with the edited cell outlined
    assert scene.desk(seat) is not None
    assert [c.edited for c in window.model.frame().students[seat].cards if c.role == "key"] == [[1]]


def test_a_double_click_on_a_classmates_number_keeps_the_asker(qtbot, window, monkeypatch):
    """teacher3 M1: the double-click's first press is also a click on the desk, which chose that classmate as
    the asker; the asker now stays, and the edit is the classmate's number (a single click still chooses)."""
    to_beat(window, "scaling.divide" if any(b.key == "scaling.divide" for b in window.player.timeline.beats)
            else "softmax.weights")
    before = window.sel.focus
    seat = next(i for i in range(window.run.trace.n_tokens) if i != before)
    frame = window.model.frame()
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    at = window.canvas.mapFromScene(window.canvas.classroom.desk(seat).cell_pos(k, 0))
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **kw: (3.0, True))
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert window.sel.focus == seat  # the first press: a click
    qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    sel = window.sel
    assert sel.focus == before, "the double-click made the classmate the asker"
    assert window.model.whatif.edits == (Edit("k", sel.layer, sel.head, seat, 0, 3.0),)
    qtbot.wait(QApplication.doubleClickInterval() + 300)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert window.sel.focus == seat  # a click on its own still chooses the asker


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_what_if_from_the_keyboard(qtbot, window, monkeypatch, lang):
    """teacher3 M6: W (Lesson → What if…) makes the edits a double-click makes, without the mouse."""
    from classroom_gui.view import whatif_dialog

    window.set_language(lang)
    made = []

    def answer(dialog):  # the boxes chosen from the keyboard, then OK
        dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index(made_kind[0]))
        dialog.student.setCurrentIndex(2)
        dialog.number.setValue(3)
        dialog.classmate.setCurrentIndex(1)
        dialog.value.setValue(-2.5)
        made.append(dialog.own.text())
        return 1

    monkeypatch.setattr(whatif_dialog.WhatIfDialog, "exec", answer)
    sel = window.sel
    for made_kind[:] in (["k"], ["score"], ["mask"]):
        qtbot.keyClick(window.canvas, Qt.Key.Key_W)
    assert window.model.whatif.edits == (Edit("k", sel.layer, sel.head, 2, 2, -2.5),
                                         Edit("score", sel.layer, sel.head, 2, 1, -2.5),
                                         Edit("mask", sel.layer, 0, 2, 1, 1.0))  # the switch: now cannot hear
    assert all(made)
    assert ("What if" if lang == "en" else "もしも") in window.model.frame().narration


def test_the_keyboard_dialog_starts_at_the_number_on_screen(qtbot, window):
    """review6 bug 6: after an earlier edit the class on screen is not the model's own; W starts where a
    double-click starts (the number drawn), so OK without typing changes nothing, and a mask's switch is
    the one Shift+double-click makes on the cell as it is now. The label still gives the model's own."""
    from classroom_gui.lesson.numbers import fmt
    from classroom_gui.lesson.whatif_state import own_value
    from classroom_gui.view import whatif_dialog
    from classroom_gui.view.whatif_edit import apply

    assert apply(window, Edit("q", 0, 0, 1, 0, 5.0))  # layer 1: every later layer hears differently
    window.model.select(layer=1)
    dialog = whatif_dialog.WhatIfDialog(window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("q"))
    dialog.student.setCurrentIndex(1)
    dialog.number.setValue(1)
    place = dialog.edit(0.0)
    now, own = own_value(window.model.shown_trace(), place), own_value(window.model.whatif.own, place)
    assert abs(now - own) > 1e-3  # the earlier edit changed this number
    assert dialog.value.value() == pytest.approx(round(now, 4)) and dialog.own.text() == fmt(own)
    assert dialog.edit().value == now  # OK without typing: the number itself, not its 4-decimal rounding
    # review7 bug 1: that OK changes nothing and is refused (with the number drawn); the model's own typed is a change
    assert not apply(window, dialog.edit()) and len(window.model.whatif.edits) == 1
    said = window.statusBar().currentMessage()  # as the CLI says it, starting with words (teacher11 L4)
    assert said.startswith("This changes nothing") and f"is already {float(np.float32(now)):.4f} (q[" in said
    assert apply(window, dialog.edit(own)) and len(window.model.whatif.edits) == 2
    # the mask: switch a cell once, then W proposes switching it back
    assert apply(window, Edit("mask", 1, 0, 2, 1, 1.0))
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("mask"))
    dialog.student.setCurrentIndex(2)
    dialog.classmate.setCurrentIndex(1)
    assert dialog.edit().value == 0.0


made_kind = [""]


def test_a_mask_edit_that_changes_nothing_is_said_in_the_window_language(qtbot, window):
    """teacher3 L9 in the window: the W dialog can ask for a mask cell the rule already has; it is refused in
    the window's language, names both students, and the class stays the model's own."""
    from classroom_gui.view import whatif_edit

    sel = window.sel
    layer = window.model.whatif.trace.layers[sel.layer]
    j = next(j for j in range(window.run.trace.n_tokens) if j != sel.focus)
    own = float(layer.mask[sel.focus, j])
    window.set_language("ja")
    assert not whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, j, own))
    tokens = window.run.trace.tokens
    said = window.statusBar().currentMessage()
    assert said.startswith("何も変わりません：")
    assert said.endswith(f"（mask[{sel.layer + 1},{tokens[sel.focus]},{tokens[j]}]={own:g}）。")
    assert f"「{tokens[sel.focus]}」にはもともと「{tokens[j]}」の話が" in said
    assert window.model.whatif.edits == ()


def test_a_double_click_answered_without_typing_changes_nothing_and_says_so(qtbot, window, monkeypatch):
    """The prompt shows 4 decimals; OK on it untouched means the number itself (not its rounding), which changes
    nothing: it is refused with one message, and the class stays the model's own (L9 for numbers)."""
    to_beat(window, "softmax.weights")
    frame, seat = window.model.frame(), 2
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **kw: (round(a[3], 4), True))
    double_click(qtbot, window, window.canvas.classroom.desk(seat).cell_pos(k, 1))
    sel = window.sel
    exact = float(window.run.trace.layers[sel.layer].k[sel.head, seat, 1])
    assert exact != round(exact, 4)  # a rounded number would have been a (tiny) edit
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace
    assert "This changes nothing: the self-introduction card of " in window.statusBar().currentMessage()


@pytest.mark.parametrize("kind", ["q", "score"])
def test_a_number_set_to_what_it_is_is_refused_in_the_window_language(qtbot, window, kind):
    """L9 for numbers, through the W dialog's path: a card's number or a score set to its own value is refused
    in the window's language with the place and the number, and the class stays the model's own."""
    from classroom_gui.lesson.whatif_state import own_value
    from classroom_gui.view import whatif_edit

    sel = window.sel
    place = Edit(kind, sel.layer, sel.head, sel.focus, 0 if kind == "q" else 1, 0.0)
    own = own_value(window.model.whatif.own, place)
    window.set_language("ja")
    assert not whatif_edit.apply(window, Edit(kind, sel.layer, sel.head, place.seat, place.index, own))
    said = window.statusBar().currentMessage()
    assert said.startswith("何も変わりません：") and f"{own:.4f}です（{place.kind}[" in said
    assert ("質問カード" if kind == "q" else "スコア") in said
    assert window.model.whatif.edits == ()


def test_the_keyboard_dialog_names_students_as_the_toolbar_does(qtbot, window):
    """teacher4 L1: the W dialog listed 「1: 「猫」」 with a half-width colon and a space beside Japanese; it
    now lists each student as the toolbar's asker box does (1：猫 in Japanese, 1: cat in English)."""
    from classroom_gui.view import whatif_dialog

    for lang, colon in (("ja", "："), ("en", ": ")):
        window.set_language(lang)
        dialog = whatif_dialog.WhatIfDialog(window)
        qtbot.addWidget(dialog)
        names = [dialog.student.itemText(i) for i in range(dialog.student.count())]
        assert names == [window.focus_box.itemText(i) for i in range(window.focus_box.count())]
        assert all(colon in name for name in names) and (lang == "en" or not any(": " in n for n in names))
        assert [dialog.classmate.itemText(i) for i in range(dialog.classmate.count())] == names



@pytest.mark.parametrize("lang, said", [("en", "The what-if edits are gone"), ("ja", "「もしも」の変更を消し")])
def test_ctrl_r_resets_the_what_if_edits_too_and_ctrl_z_brings_them_back(qtbot, window, lang, said):
    """teacher4 M4: Ctrl+R is "Reset everything": the what-if edits go too (the title and narration lose their
    【もしも】), the status bar says how to get them back, and Ctrl+Z does."""
    from classroom_gui.view import whatif_edit

    window.set_language(lang)
    sel = window.sel
    edits = (Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0), Edit("q", sel.layer, sel.head, sel.focus, 1, -1.0))
    for e in edits:
        assert whatif_edit.apply(window, e)
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
    assert window.model.whatif.edits == () and window.statusBar().currentMessage() == ""


def _menu_item(window, action_id):
    item = window.menu_actions[action_id]
    return item.text().split("\t")[0], item.isEnabled()


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
    assert _menu_item(window, "undo_edit") == (undo, False) and _menu_item(window, "redo_edit") == (redo, False)
    assert window.menu_actions["undo_edit"] in window.menus["edit"].actions()
    sel = window.sel
    name = window.run.trace.tokens[sel.focus]
    edits = (Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0), Edit("q", sel.layer, sel.head, sel.focus, 1, -1.0))
    for e in edits:
        assert whatif_edit.apply(window, e)
    assert _menu_item(window, "undo_edit") == (undo_card.format(name=name), True)
    assert _menu_item(window, "redo_edit") == (redo, False)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    assert window.model.whatif.edits == () and _menu_item(window, "undo_edit") == (undo, False)
    assert _menu_item(window, "redo_edit")[1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl | shift)  # redo, not reset
    assert window.model.whatif.edits == edits[:1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, ctrl)
    assert window.model.whatif.edits == edits and _menu_item(window, "redo_edit") == (redo, False)
    frame = window.model.frame()
    assert frame.edits and window.model.shown_trace() is not window.run.trace  # the class recomputed again
    # Ctrl+R (reset everything) is one step: undone, then made again by Redo, which says so
    qtbot.keyClick(window.canvas, Qt.Key.Key_R, ctrl)
    assert window.model.whatif.edits == ()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    assert window.model.whatif.edits == edits and _menu_item(window, "redo_edit") == (redo_reset, True)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, ctrl)
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    # a new edit clears what Redo could make again
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, ctrl)
    assert window.model.whatif.edits == edits[:1] and _menu_item(window, "redo_edit")[1]
    assert whatif_edit.apply(window, Edit("v", sel.layer, sel.head, sel.focus, 0, 4.0))
    assert _menu_item(window, "redo_edit") == (redo, False)
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
    assert said == window.model.status(lang) and said != window.t("whatif.status_one")
    assert _menu_item(window, "undo_edit")[1]
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.run is run and window.model.whatif.edits == (edit,) and window.sentence.text() == old
    assert window.sel.focus == seat and window.statusBar().currentMessage() == window.t("whatif.status_one")


def test_the_status_line_follows_a_language_switch(qtbot, window):
    """teacher6 L5: after Ctrl+Shift+L the what-if status line stayed English under a Japanese window."""
    from classroom_gui.view import whatif_edit

    window.set_language("en")
    sel = window.sel
    assert whatif_edit.apply(window, Edit("k", sel.layer, sel.head, sel.focus, 0, 2.0))
    assert window.statusBar().currentMessage() == window.t("whatif.status_one")
    qtbot.keyClick(window.canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.sel.lang == "ja" and window.statusBar().currentMessage().startswith("もしも：変更1件")
    window.statusBar().showMessage("an English detail", 8000)  # a message the window cannot say again
    window.set_language("en")
    assert window.statusBar().currentMessage() == ""


def test_a_mask_edit_refused_under_the_other_rule_leaves_the_lesson_drawing(qtbot, window):
    """teacher9 H1: a mask edit the shown rule takes but the other cannot (the first student stops hearing itself:
    in turn it then hears no one) was refused in the status bar yet kept, so every later redraw (M, a language
    switch, Right) raised EditError. Now nothing is kept and the window goes on drawing under either rule."""
    from classroom_gui.view.whatif_edit import apply

    window.set_rule("none")
    to_beat(window, "softmax.weights")
    sel = window.sel
    assert not apply(window, Edit("mask", sel.layer, 0, 0, 0, 1.0))
    assert "would hear no one" in window.statusBar().currentMessage()
    assert window.model.whatif.edits == () and not window.model.whatif.history
    window.set_rule("causal")
    window.set_language("ja")
    assert window.model.frame().rule == "causal"
