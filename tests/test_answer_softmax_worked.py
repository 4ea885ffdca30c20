"""Answer time's softmax can be redone from the board (teacher3 M5): one worked line (the largest logit taken
away, ÷ temperature, exp, ÷ the sum over the whole vocabulary) gives the answer's probability, and the chart's
sum says it is over all the vocabulary's words, in English and Japanese, at any temperature."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest

from classroom_gui.lesson.numbers import temperature_probs
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

WORKED = re.compile(r"exp\(\(([-\d.]+) - ([-\d.]+)\) ÷ ([\d.]+)\) ÷ ([\d,.]+) = ([\d.]+)$")


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, "The cat sat on the", "causal").trace


def softmax_frame(trace, lang, temperature):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=1, lang=lang, temperature=temperature)
    return frame_at(trace, sel, timeline.chapter_end("answer") - 1e-6)


@pytest.mark.parametrize("lang,temperature", [("en", 2.0), ("ja", 1.0), ("en", 0.05), ("ja", 20.0)])
def test_the_answer_probability_is_redone_from_the_board(trace, lang, temperature):
    frame = softmax_frame(trace, lang, temperature)
    assert frame.beat_key == "answer.softmax"
    v = len(trace.next_logits)
    assert f"{v:,}" in frame.board[0] and (f"{v:,} words" in frame.board[0] if lang == "en" else "語" in frame.board[0])
    logit, high, temp, total, p = WORKED.search(answer_line(frame)).groups()
    total = float(total.replace(",", ""))
    assert float(temp) == temperature and float(high) == round(float(trace.next_logits.max()), 2)
    exact = np.exp((trace.next_logits.astype(np.float64) - trace.next_logits.max()) / temperature).sum()
    assert math.isclose(total, exact, rel_tol=1e-3)  # the sum over every word, 4 significant digits
    assert frame.board[2].strip() == "= " + board_total(frame)
    redone = math.exp((float(logit) - float(high)) / temperature) / total
    assert f"{redone:.3f}" == p == f"{temperature_probs(trace.next_logits, temperature).max():.3f}"
    # the chart's sum is the whole vocabulary's, not the ten bars' (at 2.0 they add up to 0.27)
    assert frame.bars.total.endswith("1.000") and f"{v:,}" in frame.bars.total


def board_total(frame):
    return WORKED.search(answer_line(frame)).group(4)


def answer_line(frame) -> str:  # the answer's worked line: its exp(), then ÷ the sum on a line of its own
    assert frame.board[4].startswith("    ÷ ")
    return frame.board[3] + " " + frame.board[4].strip()


@pytest.mark.parametrize("text,lang", [("猫がマットの上に座った", "ja"), ("The cat sat on the", "en")])
def test_the_answer_board_is_written_nearly_as_big_as_the_other_boards(qapp, text, lang, checkpoint):
    """teacher4 M5: answer time's worked softmax put its sum in one long line, which set the board's type at
    16 px (8 px in a 1024 x 768 window) beside the softmax chapter's 25; the sum takes two lines now."""
    from classroom_gui.scene.classroom import ClassroomScene

    tr = run_sentence(checkpoint, text, "causal").trace
    timeline = timeline_for(tr.n_tokens, tr.config.n_layer)
    sel = Selection(focus=1, lang=lang)
    scene = ClassroomScene()
    try:
        scene.set_frame(frame_at(tr, sel, timeline.chapter_end("softmax")))
        other = scene.board.lines.font.pixelSize()
        answer = frame_at(tr, sel, timeline.chapter_end("answer") - 1e-6)
        assert answer.beat_key == "answer.softmax"
        scene.set_frame(answer)
        px = scene.board.lines.font.pixelSize()
    finally:
        scene.clear()
    assert px >= 0.8 * other, f"the answer board's type is {px} px, the softmax board's {other} px"


@pytest.mark.parametrize("text,lang,least", [("The cat sat on the mat", "en", 25), ("猫がマットの上に座った", "ja", 20)])
def test_at_1024x768_the_answer_board_is_set_as_big_as_its_room_allows(qapp, checkpoint, text, lang, least):
    """teacher: answer time's board in small type at 1024 x 768 (4:3 canvas px 19 en, 16 ja: 13.5 and 11.4 px on
    the picture, the other boards 25). Its answer line's ÷ sum has a line of its own, the words at 0.000 one line,
    the left-out word two: English 25 px, as the softmax chapter's; Japanese 20 (13 lines fill the 4:3 board's
    350 px beside the chart)."""
    from classroom_gui.scene.classroom import ClassroomScene

    tr = run_sentence(checkpoint, text, "causal").trace
    timeline = timeline_for(tr.n_tokens, tr.config.n_layer)
    sel = Selection(lang=lang).sized(1024, 768)
    scene = ClassroomScene()
    try:
        scene.set_frame(frame_at(tr, sel, timeline.chapter_end("softmax")))
        other = scene.board.lines.font.pixelSize()
        answer = frame_at(tr, sel, timeline.chapter_end("answer") - 1e-6)
        scene.set_frame(answer)
        px, drawn = scene.board.lines.font.pixelSize(), scene.board.lines.lines
    finally:
        scene.clear()
    assert px >= least and px >= min(other, 25) - 5, (px, other)
    assert drawn == answer.board and len(scene.board.lines.columns) == 1  # every line, in one column
    assert any(line.endswith("0.000 each") or line.endswith("どれも0.000") for line in answer.board), answer.board


def test_the_sum_gets_a_fifth_digit_only_where_four_would_not_redo_the_answer():
    # retrain4: the fourth-stage model's "The cat sat on the" at 0.05: a sum of 1.39169 and the answer 0.71855 (0.719):
    # "÷ 1.392" would redo 0.718, so the board writes 1.3917; where 4 digits redo, it keeps 4
    import importlib

    answer = importlib.import_module("classroom_gui.lesson.chapters.13_answer")
    assert answer._redoing_total(1.3916, "3.00", "3.00", 0.05, "0.719") == "1.3916"
    assert answer._redoing_total(1.3916, "3.00", "3.00", 0.05, "0.718") == "1.392"
    assert answer._redoing_total(1234.56, "2.00", "3.00", 1.0, f"{math.exp(-1) / 1235:.3f}") == "1,235"
