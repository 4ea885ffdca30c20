"""What-if in the window from the keyboard: W (Lesson → What if…) makes the edits a double-click makes, starts at
the number on screen, and names the students as the toolbar does."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from classroom_gui.model.whatif import Edit

made_kind = [""]  # the kind the next W dialog is answered with (test_a_what_if_from_the_keyboard)


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
    assert said.startswith("This changes nothing") and said.endswith(f"is already {float(np.float32(now)):.4f}")
    assert "[" not in said  # teacher37 #10: no --set syntax in the window
    assert apply(window, dialog.edit(own)) and len(window.model.whatif.edits) == 2
    # the mask: switch a cell once, then W proposes switching it back
    assert apply(window, Edit("mask", 1, 0, 2, 1, 1.0))
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("mask"))
    dialog.student.setCurrentIndex(2)
    dialog.classmate.setCurrentIndex(1)
    assert dialog.edit().value == 0.0


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
