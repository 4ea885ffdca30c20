"""polish11 (teacher10 L3's edges): a refusal that names seats names those the class has. A one-word class is told
to write a longer sentence, in the window too; a class of two is told "seat 2", not "seat 2-2" (「2〜2番」); a seat
number past a one-seat class says "only seat 1", not "seats 1-1"; a class where every student listens to the same
number says so, not "3 to 3"."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.export.errors import said
from classroom_gui.lesson.worksheet import choose_asker, no_sheet
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import EditError, parse_edit
from helpers import worksheet_refusal


@pytest.fixture(scope="module")
def trace(checkpoint):
    return lambda text, rule: run_sentence(checkpoint, text, rule).trace


def test_a_class_of_two_is_told_its_one_seat(trace):
    two = trace("猫が", "causal")
    exc = worksheet_refusal(lambda: choose_asker(two, 0, 0, None))
    assert str(exc) == ("\"猫\" listens to only itself, so there is nothing to work out on a worksheet: choose the "
                        "student in seat 2 with --focus")
    assert said(exc, "ja").endswith("--focusで2番の席の生徒を選んでください。") and "2〜2" not in said(exc, "ja")
    three = trace("The cat sat", "causal")
    assert said(worksheet_refusal(lambda: choose_asker(three, 0, 0, None)), "ja").endswith("--focusで2〜3番の席の生徒を選んでください。")


def test_the_window_tells_a_one_word_class_to_write_more(trace):
    for rule in ("causal", "none"):
        exc = no_sheet(trace("猫", rule), 0, 0)
        assert str(exc) == '"猫" listens to only itself, so there is nothing to work out on a worksheet. Write a ' \
                           'sentence of at least 2 words.'
        assert said(exc, "ja") == "「猫」は自分の話しか聞かないので、ワークシートで計算することがありません。2語以上の文にしてください。"


def test_the_window_refuses_only_an_asker_who_hears_nobody_but_itself(trace):
    """fix65 (teacher31 #4): seat 1 in turn hears only itself: nothing to work out, another student helps; in
    discussion every asker gets a sheet (the strongest in rows, the rest one row), so no refusal is left there."""
    for text in ("猫が", "The cat sat", "猫がマットの上に座った"):
        exc = no_sheet(trace(text, "causal"), 0, 0)
        assert exc.phrase.key == "worksheet.only_itself" and "Choose another student" in str(exc), str(exc)
        assert "ほかの生徒を選んで" in said(exc, "ja")
    seven = trace("猫がマットの上に座った", "none")
    assert choose_asker(seven, 0, 6, None) == 6 and choose_asker(seven, 0, 2, None) == 2


def test_the_command_keeps_the_lessons_rule_for_the_asker_it_was_given(trace, tmp_path, capsys):
    """review16 #3, fix65: `worksheet --focus` in discussion keeps discussion for every asker (it was switched to in
    turn where that fitted, and refused elsewhere): the sheet is the class the lesson shows."""
    out = tmp_path / "w.pdf"
    for focus in ("7", "3"):
        assert main(["worksheet", "--text", "猫がマットの上に座った", "--focus", focus, "-o", str(out), "--force"]) == 0
        err = capsys.readouterr().err
        assert "in turn" not in err and "listens to 7 students" in err and out.exists(), err


def test_every_student_listening_to_the_same_number_is_said_once(trace):
    exc = worksheet_refusal(lambda: choose_asker(trace("The cat sat", "none"), 0, None, 2))
    assert str(exc) == "no student of this sentence listens to exactly 2 (here each listens to 3)"
    assert said(exc, "ja") == "この文には、ちょうど2人の話を聞く生徒がいません（ここではどの生徒も3人の話を聞きます）。"
    exc = worksheet_refusal(lambda: choose_asker(trace("The cat sat", "causal"), 0, None, 4))  # here 1, 2 and 3: a range
    assert str(exc) == "no student of this sentence listens to exactly 4 (here they listen to 1 to 3)"


@pytest.mark.parametrize("lang, said_there", [("en", "--focus 3: the class has only seat 1"),
                                              ("ja", "--focus 3：このクラスの席は1番だけです。")])
def test_a_seat_past_a_one_seat_class(tmp_path, capsys, lang, said_there):
    assert main(["worksheet", "--lang", lang, "--text", "猫", "--focus", "3", "-o", str(tmp_path / "w.pdf")]) == 2
    assert capsys.readouterr().err.endswith(said_there + "\n") and not (tmp_path / "w.pdf").exists()


def test_an_edit_past_a_one_seat_class():
    with pytest.raises(EditError) as caught:
        parse_edit("q[1,1,2,1]=0", ["猫"], 2, 2, 8)
    assert str(caught.value) == "q[1,1,2,1]=0: the class has only seat 1"
    assert caught.value.phrase.said("ja") == "q[1,1,2,1]=0：このクラスの席は1番だけです。"
