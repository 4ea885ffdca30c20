"""teacher34 #2 and #12: the what-if dialogs a teacher types in. W opens with the new value focused and selected (as a
double-click's prompt does), so digits typed then Enter make the edit; the focused control shows its focus from the
start; a number far outside the class's is refused in teacher words, with the dialog kept open and the value
selected; at answer time W starts on the student the toolbar shows answering."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOption

from classroom_gui.lesson.whatif_state import own_value
from classroom_gui.view import number_box, whatif_dialog
from whatif_window import to_beat


def _opened(qtbot, window, active: bool = True):
    dialog = whatif_dialog.WhatIfDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if active:  # (as a window manager, or Qt without one, makes a dialog opened the active window)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_w_opens_on_the_new_value_selected_and_typed_digits_make_the_edit(qtbot, window):
    dialog = _opened(qtbot, window)
    box = dialog.value
    assert dialog.focusWidget() is box and box.hasSelectedText() and box.selectedText() == box.text()
    qtbot.keyClicks(dialog.focusWidget(), "2")  # what the teacher typed after W
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.edit().value == 2.0


def test_a_kind_chosen_again_starts_a_value_typing_replaces(qtbot, window):
    dialog = _opened(qtbot, window)
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("score"))
    assert dialog.value.selectedText() == dialog.value.text() != ""


def _shows_focus(control) -> bool:
    option = QStyleOption()
    option.initFrom(control)
    flags = QStyle.StateFlag
    return bool(option.state & flags.State_HasFocus) and bool(option.state & flags.State_KeyboardFocusChange)


def test_the_focused_control_shows_its_focus_from_the_start(qtbot, window):
    """Qt's styles draw a combo box's (and a button's) focus ring only in a window told of a keyboard focus change
    (a Tab); both what-if dialogs are, from the moment they open, whatever took the focus."""
    dialog = _opened(qtbot, window)
    assert _shows_focus(dialog.value)
    dialog.kind.setFocus(Qt.FocusReason.MouseFocusReason)  # (a click: Qt counts it as no keyboard change)
    assert _shows_focus(dialog.kind)


def test_the_prompt_of_a_double_click_shows_its_focus_from_the_start(qtbot, window):
    prompt = number_box.NumberDialog(window, "t", "l", 1.0, 4, "en")
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.waitExposed(prompt)
    prompt.activateWindow()
    qtbot.waitUntil(prompt.isActiveWindow)
    assert _shows_focus(prompt.box)


def test_a_dialog_closed_with_esc_leaves_no_typed_value_for_the_next(qtbot, window):
    dialog = _opened(qtbot, window)
    qtbot.keyClicks(dialog.focusWidget(), "0.0158")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected
    again = _opened(qtbot, window, active=False)
    now = own_value(window.model.whatif.trace, again.edit(0.0))
    assert again.value.value() == pytest.approx(round(now, 4)) and again.value.text() != "0.0158"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_value_far_outside_the_class_is_refused_in_teacher_words_and_the_dialog_stays(qtbot, window, lang):
    from classroom_gui.lesson.whatif_state import size_limit  # (check_size's bounds)

    window.set_language(lang)
    dialog = _opened(qtbot, window)
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("q"))
    dialog.student.setCurrentIndex(1)
    dialog.number.setValue(2)
    most, limit = size_limit(window.model.whatif.own, dialog.edit(0.0))
    dialog.value.setText("1000000")
    dialog.accept()
    said = dialog.value.note.accessibleName()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.isVisible() and dialog.value.note.isVisible()
    assert window.model.whatif.edits == ()
    word = window.model.whatif.own.tokens[1]
    if lang == "ja":
        assert said.startswith(f"「{word}」の質問カードの2番目の数") and f"-{limit}から{limit}までの数" in said
    else:
        assert said.startswith(f'For the question card of "{word}", number 2') and f"from -{limit} to {limit}" in said
    assert f"{most:.2f}" in said and "e+06" not in said and "q[" not in said  # no --set form, no 1e+06
    # the choices kept, the value selected to type again
    assert (dialog.kind.currentIndex(), dialog.student.currentIndex(), dialog.number.value()) == (0, 1, 2)
    assert dialog.value.selectedText() == "1000000"
    dialog.value.setText(str(limit))  # the largest taken
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_double_click_prompt_keeps_a_far_value_too(qtbot, window):
    """The prompt a double-click opens says the same, and stays open."""
    from classroom_gui.lesson.whatif_state import too_far
    from classroom_gui.model.whatif import Edit

    own = window.model.whatif.own
    place = Edit("score", 0, 0, 1, 0, 0.0)
    prompt = number_box.NumberDialog(window, "t", "l", 0.0, 4, "en",
                                     lambda typed: too_far("en", own, Edit("score", 0, 0, 1, 0, typed)))
    qtbot.addWidget(prompt)
    prompt.box.setText("1e6")
    prompt.accept()
    assert prompt.result() != prompt.DialogCode.Accepted and prompt.box.note.accessibleName().startswith(
        "For the score of") and prompt.box.selectedText() == "1e6"
    assert too_far("en", own, place) == ""


def test_at_answer_time_w_starts_on_the_student_shown_answering(qtbot, window):
    window.model.select(focus=1)
    to_beat(window, "answer.norm")
    n = len(window.model.whatif.trace.tokens)
    assert window.sel.focus == 1 and window.focus_box.currentIndex() == n - 1  # the toolbar: 「答える生徒」 the last
    dialog = _opened(qtbot, window)
    assert dialog.student.currentIndex() == n - 1
