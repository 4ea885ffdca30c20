"""teacher26 M1: the what-if number box dropped the "e" without a word (2e1 showed and applied 21, 1e309 became
1309), while `--set …=2e1` gives 20. The window's boxes (W's dialog and a double-click's prompt) now read a value as
--set does; one they cannot use is refused with one sentence under the box, the dialog stays open and the digits
stay as typed."""
from __future__ import annotations

import pytest

from classroom_gui.model.whatif import Edit, parse_edit
from classroom_gui.view import number_box, whatif_dialog


def _dialog(qtbot, window, typed: str):
    dialog = whatif_dialog.WhatIfDialog(window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(whatif_dialog.KINDS.index("q"))
    dialog.student.setCurrentIndex(1)
    dialog.number.setValue(1)
    dialog.value.setText(typed)
    dialog.accept()
    return dialog


@pytest.mark.parametrize("typed, value", [("2e1", 20.0), ("-1.5E-1", -0.15), ("  3 ", 3.0), ("1e6", 1e6)])
def test_scientific_notation_is_read_as_the_cli_reads_it(qtbot, window, typed, value):
    from classroom_gui.lesson.whatif_state import size_limit

    dialog = _dialog(qtbot, window, typed)
    # read as --set reads it; a value far outside the class's (1e6) is then refused there (teacher34 #12)
    taken = abs(value) <= size_limit(window.model.whatif.own, dialog.edit())[1]
    assert (dialog.result() == dialog.DialogCode.Accepted) == taken and dialog.value.note.isHidden() == taken
    assert dialog.edit().value == value == parse_edit(f"q[1,1,1,1]={typed.strip()}", ["a"], 1, 1, 1).value


@pytest.mark.parametrize("lang, typed, said", [
    ("en", "1e309", "1e309 is too large: the value must be a finite number no larger than 1e6 in size."),
    ("ja", "1e309", "1e309は大きすぎます。値は大きさ1e6以下の有限の数にしてください。"),
    ("en", "2e", "\"2e\" is not a number: write it as 2.5, -1 or 2e1 (= 20)."),
    ("ja", "2,5", "「2,5」は数として読めません。2.5、-1、2e1（=20）のように書いてください。"),
    ("en", "-2000000", "-2000000 is too large: the value must be a finite number no larger than 1e6 in size."),
    ("en", "nan", "nan is too large: the value must be a finite number no larger than 1e6 in size."),
    # teacher26 L3: --set's 1e-400 was set to 0 without a word; the box and --set refuse it alike
    ("ja", "1e-400", "1e-400はクラスの数としては小さすぎます（0になってしまいます）。0にするなら0と書いてください。"),
    ("en", "1e-50", "1e-50 is too small for the class's numbers (it would be 0): write 0 for zero."),
])
def test_a_value_that_cannot_be_used_is_refused_once_and_kept_as_typed(qtbot, window, lang, typed, said):
    window.set_language(lang)
    dialog = _dialog(qtbot, window, typed)
    dialog.show()
    assert dialog.result() != dialog.DialogCode.Accepted  # OK did not close it
    assert dialog.value.text() == typed and dialog.value.note.accessibleName() == said and dialog.value.note.isVisible()
    dialog.value.textEdited.emit("2")  # typing again takes the refusal away
    assert not dialog.value.note.isVisible()


def test_a_double_click_prompt_reads_2e1_as_20_and_applies_it(qtbot, window, monkeypatch):
    """The prompt a double-click opens is the same box: typed 2e1, OK, the class gets 20 and the narration says 20."""
    from whatif_window import double_click, to_beat

    to_beat(window, "softmax.weights")
    frame, seat = window.model.frame(), 2
    k = [s.role for s in ([frame.students[seat].notebook] if frame.students[seat].notebook else [])
         + frame.students[seat].cards].index("key")
    typed = {}

    def answer(dialog):
        dialog.box.setText("2e1")
        dialog.accept()
        typed["note"] = dialog.box.note.text()
        return dialog.result()

    monkeypatch.setattr(number_box.NumberDialog, "exec", answer)
    double_click(qtbot, window, window.canvas.classroom.desk(seat).cell_pos(k, 1))
    sel = window.sel
    assert typed == {"note": ""}
    assert window.model.whatif.edits == (Edit("k", sel.layer, sel.head, seat, 1, 20.0),)
    said = window.model.frame().narration  # "What if: … number 2 set to 20 …"
    assert "set to 20 " in said and "21" not in said, said


def test_up_and_down_step_the_value_by_one(qtbot):
    box = number_box.NumberBox("en", 4)
    qtbot.addWidget(box)
    box.setValue(2.5)
    from PySide6.QtCore import Qt

    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.text() == "3.5000" and box.value() == 3.5
    box.setText("2e")
    qtbot.keyClick(box, Qt.Key.Key_Down)  # nothing to step from: left as typed
    assert box.text() == "2e"


@pytest.mark.parametrize("typed, refused", [("1e-400", "edit.too_small"), ("-1e-50", "edit.too_small"),
                                            ("1e309", "edit.too_large"), ("2e", "edit.not_a_number"),
                                            ("0e5", None), ("-0", None), ("1e-30", None)])
def test_set_refuses_a_value_too_small_to_hold_as_the_box_does(typed, refused):
    from classroom_gui.model.whatif import EditError

    if refused is None:  # zero written as zero, and a small number float32 holds, are taken
        assert parse_edit(f"q[1,1,1,1]={typed}", ["a"], 1, 1, 1).value == float(typed)
        return
    with pytest.raises(EditError) as caught:
        parse_edit(f"q[1,1,1,1]={typed}", ["a"], 1, 1, 1)
    assert caught.value.phrase.key == refused


def test_set_names_the_seat_a_word_was_taken_at_by_its_case(capsys):
    """teacher26 L3: `--set q[1,1,the,1]` in "The cat sat on the mat" took seat 5 (the "the" written exactly so)
    without a word; it is said, with the other seat, and not where both cases are written (each as meant)."""
    from classroom_gui.cli import main

    base = ["trace", "--text", "The cat sat on the mat"]
    assert main([*base, "--set", "q[1,1,the,1]=2"]) == 0
    err = capsys.readouterr().err
    assert "note: q[1,1,the,1]=2: \"the\" is the student in seat 5, written exactly so; seat 1 holds the same word" in err
    assert main([*base, "--lang", "ja", "--set", "q[1,1,The,1]=2"]) == 0
    assert "「The」は、書いたとおりの1番の席の生徒として扱いました。5番の席にも" in capsys.readouterr().err
    for spec in ("score[1,1,The,the]=1", "q[1,1,cat,1]=2", "q[1,1,5,1]=2"):
        assert main([*base, "--set", spec]) == 0
        assert "written exactly so" not in capsys.readouterr().err, spec


def test_a_word_that_sits_twice_is_named_with_its_seat_in_the_edit(capsys):
    from classroom_gui.cli import main

    assert main(["trace", "--text", "the dog saw the cat", "--set", "q[1,1,4,1]=2"]) == 0
    assert 'what if: question card of "the" (seat 4), number 1 set to 2' in capsys.readouterr().out


def test_ok_reads_what_is_typed_once(qtbot, window, monkeypatch):
    """OK's check and the value the dialog then gives share one reading of the text (tidy23b: it was read twice)."""
    read = []
    monkeypatch.setattr(number_box, "value_of", lambda typed: read.append(typed) or float(typed))
    dialog = _dialog(qtbot, window, "2.5")
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.edit().value == 2.5 and read == ["2.5"]
    dialog.value.setText("3")
    assert dialog.value.value() == 3.0 and dialog.value.refusal() == "" and read == ["2.5", "3"]
