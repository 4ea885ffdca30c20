"""polish11 (teacher10 L3's edges): a refusal that names seats names those the class has. A one-word class is told
to write a longer sentence, in the window too; a class of two is told "seat 2", not "seat 2-2" (「2〜2番」); a seat
number past a one-seat class says "only seat 1", not "seats 1-1"; a class where every student listens to the same
number says so, not "3 to 3"."""
from __future__ import annotations

import pytest

from classroom_gui.cli import main
from classroom_gui.export.errors import said
from classroom_gui.lesson.worksheet import WorksheetError, choose_asker, no_sheet, sheet_rule
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import EditError, parse_edit


@pytest.fixture(scope="module")
def trace(checkpoint):
    return lambda text, rule: run_sentence(checkpoint, text, rule).trace


def _refusal(call) -> WorksheetError:
    with pytest.raises(WorksheetError) as caught:
        call()
    return caught.value


def test_a_class_of_two_is_told_its_one_seat(trace):
    two = trace("猫が", "causal")
    exc = _refusal(lambda: choose_asker(two, 0, 0, None))
    assert str(exc) == "\"猫\" listens to only itself; a worksheet has room for 2-5: choose the student in seat 2 with --focus"
    assert said(exc, "ja").endswith("--focusで2番の席の生徒を選んでください。") and "2〜2" not in said(exc, "ja")
    three = trace("The cat sat", "causal")
    assert said(_refusal(lambda: choose_asker(three, 0, 0, None)), "ja").endswith("--focusで2〜3番の席の生徒を選んでください。")


def test_the_window_tells_a_one_word_class_to_write_more(trace):
    for rule in ("causal", "none"):
        exc = no_sheet(trace("猫", rule), 0, 0)
        assert str(exc) == '"猫" listens to only itself, and a worksheet has room for 2 to 5 students. Write a sentence ' \
                           'of at least 2 words.'
        assert said(exc, "ja") == "「猫」は自分の話しか聞きません。ワークシートに載せられるのは2〜5人です。2語以上の文にしてください。"


def test_the_window_names_the_seats_the_class_has(trace):
    for text, seats, ja in (("猫が", "seat 2 (", "2番の席の生徒"), ("The cat sat", "seat 2-3 (", "2〜3番の席の生徒"),
                            ("猫がマットの上に座った", "seat 2-5 (", "2〜5番の席の生徒")):
        exc = no_sheet(trace(text, "causal"), 0, 0)  # seat 1 hears only itself
        assert exc.phrase.key == "worksheet.too_many" and f"Choose the student in {seats}" in str(exc), str(exc)
        assert f"{ja}を選んで" in said(exc, "ja")
    seven = trace("猫がマットの上に座った", "none")
    assert no_sheet(seven, 0, 6).phrase.key == "worksheet.too_many_discussion_seat"
    assert no_sheet(seven, 0, 2).phrase.key == "worksheet.too_many_discussion_seat"  # (review15: one key)


def test_a_sheet_too_big_for_discussion_is_worked_in_turn_where_that_fits(trace):
    """review15 #6: one sheet_rule for the window and the worksheet command, with one note."""
    seven = trace("猫がマットの上に座った", "none")
    turned, note = sheet_rule(seven, 0, 2)  # 「マット」, seat 3: hears 3 in turn
    assert turned.mask_rule == "causal" and note.key == "worksheet.in_turn_note" and note.values["n"] == 7
    assert sheet_rule(seven, 0, 6) == (seven, None)  # seat 7 hears 7 in turn too: no help
    assert sheet_rule(seven, 0, None)[0].mask_rule == "causal"  # the asker chosen later (the command)
    three = trace("The cat sat", "none")
    assert sheet_rule(three, 0, 1) == (three, None)  # fits as it is


def test_the_window_sheet_reuses_the_class_on_screen_in_turn(trace):
    """review16 #8: the window's sheet in discussion of a class on screen in turn is worked on that class, not on a
    second in-turn forward of the discussion trace."""
    from classroom_gui.lesson import rules

    shown = trace("猫がマットの上に座った", "causal")
    discussion = rules.under(shown, "none")
    turned, note = sheet_rule(discussion, 0, 2, shown)
    assert turned is shown and note.key == "worksheet.in_turn_note"
    assert not rules.has(discussion, "causal")  # no second in-turn class made and kept beside the discussion one


def test_the_command_chooses_the_rule_for_the_asker_it_was_given(trace, tmp_path, capsys):
    """review16 #3: `worksheet --focus` is read before the rule is chosen, so the command keeps discussion where in
    turn would not help that asker, as the window does (sheet_rule(seven, 0, 6) above), and works in turn where it
    does (seat 3)."""
    out = tmp_path / "w.pdf"
    assert main(["worksheet", "--text", "猫がマットの上に座った", "--focus", "7", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "in discussion every student listens to all 7" in err and "listens to 7 students" not in err, err
    assert not out.exists()
    assert main(["worksheet", "--text", "猫がマットの上に座った", "--focus", "3", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "in turn" in err and '"マット"' in err and out.exists(), err


def test_every_student_listening_to_the_same_number_is_said_once(trace):
    exc = _refusal(lambda: choose_asker(trace("The cat sat", "none"), 0, None, 2))
    assert str(exc) == "no student of this sentence listens to exactly 2 (here each listens to 3)"
    assert said(exc, "ja") == "この文には、ちょうど2人の話を聞く生徒がいません（ここではどの生徒も3人の話を聞きます）。"
    exc = _refusal(lambda: choose_asker(trace("The cat sat", "causal"), 0, None, 4))  # here 1, 2 and 3: a range
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
