"""polish23's note and jareview6 item 9: after a what-if mask edit that hides someone from one student only, the
worksheet's note said "a student listens to up to 7 of the 7 students" (「7人のうち最大7人」); and with --mask none
and such an edit, the refusal took the class for one in turn (mask.any()) and advised --focus a student in seats
2-5, which helps nothing in discussion, without saying "of the 7". The Japanese in-turn notes of --students named
the rule as 「順番に発言するルール」, not 「「順番に発言」のルール」 as the rest of the app does."""
from __future__ import annotations

import pytest

from classroom_gui.export.errors import said
from classroom_gui.lesson.strings import text
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.lesson.worksheet import WorksheetError, choose_asker, in_turn_note
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def seven(checkpoint):
    return run_sentence(checkpoint, "The dog sat by the old door", "none").trace


def test_the_note_says_some_student_listens_to_all_where_one_edit_hides_someone(seven):
    edited = from_specs(seven, ["mask[1,7,2]=1"])  # "door" cannot hear "dog"; the others still hear all 7
    note = in_turn_note(edited, 7, None)
    assert note.said("en").startswith("In discussion at least one student listens to all 7 students")
    assert note.said("ja").startswith("話し合いでは、7人全員の話を聞く生徒がいます")
    assert "of the 7" not in note.said("en") and "最大" not in note.said("ja")
    most = in_turn_note(edited, 6, None)  # where none hears all, the most any hears is said
    assert "up to 6 of the 7" in most.said("en") and "7人のうち最大6人" in most.said("ja")
    assert in_turn_note(seven, 7, None).said("en").startswith("In discussion every student listens to all 7")


def test_a_discussion_refusal_after_a_mask_edit_counts_the_asker_and_advises_in_turn(seven):
    edited = from_specs(seven, ["mask[1,1,2]=1"])  # "The" (seat 1) cannot hear "dog": 6 of 7, still too many
    with pytest.raises(WorksheetError) as info:
        choose_asker(edited, 0, 0, None)
    exc = info.value
    assert str(exc).startswith('in discussion "The" listens to 6 of the 7; a worksheet has room for 2-5: use --mask '
                               "causal (in turn) with --focus a student in seat 2-5"), str(exc)
    assert said(exc, "ja").startswith("話し合いでは、「The」は7人のうち6人の話を聞きます。")
    with pytest.raises(WorksheetError) as info:  # an asker in seats 2-5 needs in turn only
        choose_asker(from_specs(seven, ["mask[1,3,2]=1"]), 0, 2, None)
    assert str(info.value).startswith('in discussion "sat" listens to 6 of the 7; a worksheet has room for 2-5: use '
                                      "--mask causal (in turn), or")
    with pytest.raises(WorksheetError) as info:  # no edit: every student listens to all, as before
        choose_asker(seven, 0, 0, None)
    assert str(info.value).startswith("in discussion every student listens to all 7")


@pytest.mark.parametrize("key", ["cli.sheet_in_turn_not", "cli.sheet_in_turn_not_asker", "cli.sheet_in_turn_not_range"])
def test_japanese_in_turn_notes_name_the_rule_as_the_app_does(key):
    line = text("ja", key, n=7, heard=6, asker="「猫」", students=3, least=3, most=7)
    assert "「順番に発言」のルール（--mask causal）" in line and "順番に発言するルール" not in line
