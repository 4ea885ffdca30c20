"""Who asks, read in one place (lesson.context.seed_student, content_word).

tidy27 1: history.kept_asker had its own copy of the seed test, which took GPT-2's " 猫" (␣猫) for the seed and
seed_student did not; a piece with its leading space is the same word (as ␣cat is), so both take it now.
tidy27 5: a GPT-2 paragraph opened with 「昨 2/3」 asking, a piece that has not read its character; a class opens on a
word of whole characters, else on a character's last piece (「昨 3/3」), as fix69 chose for 猫."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.app.history import kept_asker
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.context import content_word, default_focus, seed_student
from classroom_gui.lesson.state import prepared_run
from classroom_gui.messages.phrase import Name, Phrase
from classroom_gui.model.checkpoint import load_checkpoint

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
P = "昨日、猫がマットの上に座った。犬は箱の中で寝た。私は🐱を見て、とても笑った。"
DOG = "小さな犬は朝から公園で友だちとボールを追いかけて、夕方になると疲れて家の庭で静かに眠った。"


@pytest.fixture(scope="module")
def gpt2():
    return load_checkpoint(GPT2)


def test_a_spaced_cat_is_the_seed_in_both_languages():
    assert all(seed_student(w) for w in ("cat", "Cat", "␣cat", "猫", "␣猫"))
    assert not any(seed_student(w) for w in ("cats", "␣", "猫が…", "猫 1/2", "␣␣猫"))
    assert default_focus(["The", "␣猫", "sat"], "causal") == 1  # (was the last student, 「sat」)


def test_a_cat_that_now_sits_with_its_space_keeps_asking_unsaid():
    # 「猫」 asked; the new sentence has it as GPT-2's " 猫": the same student, no 「この文には「猫」がいない」
    assert kept_asker(["The", "␣猫", "sat"], 0, "猫", "causal") == (1, None)
    assert kept_asker(["The", "␣cat", "sat"], 0, "猫", "causal") == (1, None)


def test_a_whole_word_asks_before_any_piece():
    tokens = ["昨 1/3", "昨 2/3", "昨 3/3", "、", "犬", "。"]
    assert content_word(tokens, 1) == 4
    assert content_word(["昨 1/3", "昨 2/3", "昨 3/3", "猫が…", "。"], 1) == 2  # the last piece, not 「昨 2/3」
    assert content_word(["A", "昨 2/3", "…に座った", "。"], 1) == 2  # ends whole: has read its last character
    assert content_word(["A", "昨 2/3", "。"], 1) == 1  # a mid piece only when nothing else is there
    assert content_word(["A", "on", "。"], 1) is None


@pytest.mark.parametrize("rule", ["causal", "none"])
def test_a_gpt2_paragraph_opens_on_the_last_piece_of_its_first_content_character(gpt2, rule):
    tokens = prepared_run(gpt2, P, rule).trace.tokens
    assert tokens[:3] == ["昨 1/3", "昨 2/3", "昨 3/3"] and tokens[-1] == "。"  # (the fixture's cut of 昨)
    assert default_focus(tokens, rule) == 2  # was 1, 「昨 2/3」


@pytest.mark.parametrize("rule", ["causal", "none"])
def test_a_paragraph_cut_inside_a_character_asks_from_the_last_seat_that_ends_whole(gpt2, rule):
    run = prepared_run(gpt2, DOG, rule)  # longer than the fixture's 64 places: cut after 「と 1/2」
    tokens = run.trace.tokens
    assert run.cut_by and tokens[-1] == "と 1/2" and tokens[-2] == "る"
    assert default_focus(tokens, rule) == len(tokens) - 2  # was the last, a first piece that has not read 「と」


def test_the_opened_class_says_its_whole_piece_asks(gpt2):
    model = ClassroomModel(gpt2, lang="ja")
    model.set_run(prepared_run(gpt2, P, model.sel.rule), P)
    seat = model.sel.focus
    asker = model.run.trace.tokens[seat]
    assert asker.startswith("昨 ") and asker != "昨 2/3"
    assert model.status("ja") == Phrase("ui.asker_opened", asker=Name(asker), seat=seat + 1).said("ja")
