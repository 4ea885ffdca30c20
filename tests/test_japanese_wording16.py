"""jareview6's Japanese (items 1, 6, 7, 10) on the shipped model and the tiny GPT-2 folder: the answer step does not
say 答え twice in a row, the quiz status is a sentence, a byte piece is named plainly, the board says 「残りの◇」 when
a ◇ is already listed above it, the CLI's note says there is no *student* 「猫」 (a desk may read 「猫が…」), and the
low-visibility refusals say what is wrong (twice, absent) and 「として扱いました」."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson.answers import BYTE_PIECE
from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, notices_for, timeline_for
from classroom_gui.messages.phrase import Name, Phrase
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.gallery import GalleryError, measure
from classroom_gui.model.sentence import run_sentence

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"


def beat(run, key, lang="ja", rule="causal"):
    trace = run.trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == key)
    sel = Selection(focus=trace.n_tokens - 1, canvas=canvas_for(1024, 768), rule=rule, lang=lang)
    return frame_at(trace, sel, tl.beat_stop(i), notices_for(run, lang))


def test_the_answer_step_in_discussion_says_answer_once(checkpoint):
    run = run_sentence(checkpoint, "猫がマットの上に座った", "none")
    said = beat(run, "answer.norm", rule="none").narration
    assert "ここからはGPTのルール（順番に発言）なので、クラスを計算し直しました。" in said, said
    assert "答えを出すため" not in said


def test_the_quiz_status_is_a_sentence_and_the_piece_is_named_plainly():
    assert Phrase("ui.quiz_on_window").said("ja") == "クイズ：オン。プレゼンモード（F5）で問いかけます。"
    piece = Phrase("notice.byte_piece", mark=BYTE_PIECE).said("ja")
    assert piece.startswith("◇は1文字に満たないバイトのかけらで、") and "その一部" not in piece


def test_a_piece_listed_above_makes_the_left_out_ones_the_rest(tmp_path):
    run = run_sentence(load_checkpoint(GPT2), "猫がマットの上に座った", "causal")
    board = beat(run, "answer.softmax").board
    said = next(line for line in board if line.endswith("省略："))
    above = board[:board.index(said)]
    assert any(BYTE_PIECE in line for line in above), above  # the answer row 「「◇」：exp(…) = 0.193」
    assert said.startswith("残りの◇"), said
    en = beat(run, "answer.softmax", lang="en").board
    assert any(line.startswith("(other ") and "not listed" in line for line in en), en


def test_a_gallery_focus_twice_or_absent_says_which(checkpoint):
    with pytest.raises(GalleryError) as twice:
        measure(checkpoint, {"text": "猫が猫を見た", "mask": "causal", "focus": "猫"})
    assert "は文に2回以上出てきます。ちょうど1回出てくる生徒にしてください" in twice.value.phrase.said("ja")
    with pytest.raises(GalleryError) as absent:
        measure(checkpoint, {"text": "犬が走った", "mask": "causal", "focus": "猫"})
    said = absent.value.phrase.said("ja")
    assert "は文に出てきません。" in said and "2回以上" not in said
    assert "is not one of" in absent.value.phrase.said("en")


def test_a_seat_taken_by_case_is_treated_as_that_student():
    said = Phrase("edit.seat_by_case", spec="mask[The]", word=Name("The"), seat=1, others="5").said("ja")
    assert "「The」は、書いたとおりの1番の席の生徒として扱いました。5番の席にも" in said
