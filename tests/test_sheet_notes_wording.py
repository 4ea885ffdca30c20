"""polish23's note and jareview6 item 9: after a what-if mask edit that hides someone from one student only, the
worksheet's note said "a student listens to up to 7 of the 7 students" (「7人のうち最大7人」); and with --mask none
and such an edit, the refusal took the class for one in turn (mask.any()) and advised --focus a student in seats
2-5, which helps nothing in discussion, without saying "of the 7". The Japanese in-turn notes of --students named
the rule as 「順番に発言するルール」, not 「「順番に発言」のルール」 as the rest of the app does."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.strings import text
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.lesson.worksheet import choose_asker
from classroom_gui.model.sentence import run_sentence


@pytest.fixture(scope="module")
def seven(checkpoint):
    return run_sentence(checkpoint, "The dog sat by the old door", "none").trace


def test_a_discussion_asker_after_a_mask_edit_gets_its_sheet(seven):
    """fix65 (teacher31 #4): an asker who hears 6 of the 7 in discussion was refused ("use --mask causal"); now its
    sheet has its strongest classmates in rows and the rest in one."""
    edited = from_specs(seven, ["mask[1,1,2]=1"])  # "The" (seat 1) cannot hear "dog": 6 of 7
    assert choose_asker(edited, 0, 0, None) == 0 and choose_asker(seven, 0, 0, None) == 0


@pytest.mark.parametrize("key", ["cli.sheet_in_turn_not", "cli.sheet_in_turn_not_asker", "cli.sheet_in_turn_not_range"])
def test_japanese_in_turn_notes_name_the_rule_as_the_app_does(key):
    line = text("ja", key, n=7, heard=6, asker="「猫」", students=3, least=3, most=7)
    assert "「順番に発言」のルール（--mask causal）" in line and "順番に発言するルール" not in line
