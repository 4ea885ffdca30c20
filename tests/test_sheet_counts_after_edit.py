"""polish23 (note20): after a what-if mask edit, the refusals and notes about a sheet in discussion gave "every student
listens to all": the window's refusal (worksheet.too_many_discussion_seat) and the command's switch to the in-turn
rule for --students (cli.sheet_in_turn_not, which also counted the class before its edits). Both now give the
asker's count, or the range the class hears, with the edits (fix47 mended the worksheet note the same way)."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.lesson.worksheet import build_worksheet, students_in_turn
from classroom_gui.model.sentence import run_sentence

SHORT = "猫がマットに座った"  # 5 students: a sheet fits in discussion, so --students decides the rule


@pytest.fixture(scope="module")
def seven(checkpoint):
    return run_sentence(checkpoint, "The dog sat by the old door", "none").trace


def test_a_sheet_after_a_mask_edit_counts_the_askers_classmates(seven):
    """fix65: the window refused "door" (6 of 7 after the edit); its sheet now has 5 rows and the other 1."""
    edited = from_specs(seven, ["mask[1,7,2]=1"])  # "door" (seat 7) cannot hear "dog": 6 of 7
    ws = build_worksheet(edited, 6, 0, 0)
    assert ws.hears == 6 and len(ws.heard) == 5 and len(ws.others) == 1 and 1 not in ws.heard + ws.others


def test_students_in_turn_counts_the_class_with_its_edits(checkpoint):
    own = run_sentence(checkpoint, SHORT, "none").trace
    edited = from_specs(own, ["mask[1,5,1]=1"])  # 「座った」 cannot hear 「猫」: 4 of 5 in discussion
    kept, note = students_in_turn(edited, 0, None, 4)
    assert kept is edited and note is None  # 「座った」 listens to exactly 4 here: no reason to change the rule
    turned, note = students_in_turn(edited, 0, None, 3)
    assert turned.mask_rule == "causal" and note.said("en") == (
        "in discussion a student listens to 4 to 5 of the 5 (not 3): this sheet is worked in turn (--mask causal)")
    assert note.said("ja").startswith("話し合いでは、生徒は5人のうち4〜5人の話を聞きます（3人ではありません）。")
    _, note = students_in_turn(from_specs(own, ["mask[1,3,1]=1"]), 0, 2, 2)
    assert note.said("en").startswith('in discussion "マット" listens to 4 of the 5 (not 2):')
    _, note = students_in_turn(own, 0, None, 3)
    assert note.said("en").startswith("in discussion every student listens to all 5 (not 3):")


def test_the_command_keeps_discussion_where_an_edit_makes_the_count_fit(capsys, tmp_path):
    out = tmp_path / "w.pdf"
    assert main(["worksheet", "--text", SHORT, "--students", "4", "--layer", "1", "--set", "mask[1,座った,猫]=1",
                 "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "in turn" not in err and '"座った" listens to 4 students' in err, err
    assert main(["worksheet", "--text", SHORT, "--students", "2", "--layer", "1", "--focus", "マット",
                 "--set", "mask[1,マット,猫]=1", "-o", str(out), "--force"]) == 0
    err = capsys.readouterr().err
    assert 'note: in discussion "マット" listens to 4 of the 5 (not 2)' in err and "listens to all" not in err, err
