"""teacher25 L1: after a what-if mask edit in discussion, a sheet worked in turn said "In discussion every student
listens to all 6" in a class of 7: 6 was the asker's count. The note says whose count it is."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.lesson.worksheet import sheet_rule
from classroom_gui.model.sentence import run_sentence

SENTENCE = "The dog sat by the old door"
THE = 4  # the second "the", teacher25's `worksheet --focus 5`


@pytest.fixture(scope="module")
def own(checkpoint):
    return run_sentence(checkpoint, SENTENCE, "none").trace


@pytest.mark.parametrize("lang, said", [
    ("en", 'In discussion "the" listens to 6 of the 7 students (a worksheet has room for 2-5), so this sheet is '
           'worked in turn.'),
    ("ja", "話し合いでは、「the」は7人のうち6人の話を聞きます（ワークシートに載せられるのは2〜5人）。そこで、このシートは"
           "「順番に発言」のルールで解きます。")])
def test_the_note_gives_the_askers_count_after_a_mask_edit(own, lang, said):
    edited = from_specs(own, ["mask[1,5,2]=1"])  # "the" cannot hear "dog"
    turned, note = sheet_rule(edited, 0, THE)
    assert turned.mask_rule == "causal" and note.said(lang) == said


def test_the_asker_chosen_later_is_said_as_the_most_a_student_hears(own):
    edited = from_specs(own, ["mask[1,5,2]=1"])
    _, note = sheet_rule(edited, 0, None)  # every other student still hears all 7
    assert note.said("en").startswith("In discussion at least one student listens to all 7 students (")  # polish23
    ring = from_specs(own, [f"mask[1,{i},{i % 7 + 1}]=1" for i in range(1, 8)])  # each hides the next: 6 each
    assert sheet_rule(ring, 0, None)[1].said("en").startswith("In discussion a student listens to up to 6 of the 7 ")
    assert "最大6人" in sheet_rule(ring, 0, None)[1].said("ja")


def test_without_an_edit_every_student_listens_to_all(own):
    _, note = sheet_rule(own, 0, THE)
    assert note.said("en").startswith("In discussion every student listens to all 7 (")
