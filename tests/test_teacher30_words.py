"""teacher30 (a Japanese lecturer at a 1024×768 projector): words that read wrong. #5 a worked sum's remark
「（上の1番目：-0.35）」 read as student 「上」's number; #9 `deck --help` put the narration in the speaker notes, which
hold where to point and a check; #10 the last slide's check was a sum of 4,695 terms no one can redo by hand."""
from __future__ import annotations

import math
import re

import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.speaker_notes import speaker_notes
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import run_sentence

SEED = "猫がマットの上に座った"  # seat 5 is 「上」


@pytest.fixture(scope="module")
def seed(checkpoint):
    return run_sentence(checkpoint, SEED, "none").trace


def _frame(trace, key, lang, focus=0):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    rule = "causal" if key.startswith("answer") else "none"
    return frame_at(trace, Selection(focus=focus, lang=lang, rule=rule), timeline.beat_stop(at))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("key", ["heads.project", "ffn.residual", "answer.norm"])
def test_a_worked_sums_remark_does_not_read_as_a_students_number(seed, key, lang):
    """The remark after a worked sum names the list it points to (the notebook, after W_O, after LayerNorm), never
    a place 「（上の…」 / "(1st above" beside a class with a student 「上」, nor any student's name before 「の」."""
    frame = _frame(seed, key, lang, focus=seed.n_tokens - 1 if key.startswith("answer") else 0)
    board = "\n".join(frame.board)
    remarks = re.findall(r"[（(][^（()）]*1[番st][^（()）]*(?:[:：] ?|では)-?\d+\.\d+[）)]", board)  # 「…では0.73」: jareview7
    assert remarks, board
    for remark in remarks:
        assert not any(remark.startswith(f"（{name}の") for name in seed.tokens), remark
        assert not remark.startswith(("（上の", "(1st above", "（下の", "(1st below")), remark  # a place, not a list


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_deck_help_says_where_the_narration_is(lang, capsys):
    """The narration is a text box on each slide (README, deck_pptx); the notes hold where to point and a check."""
    main(["--lang", lang, "--help"])  # the command list, where `deck` is said in a line
    out = capsys.readouterr().out
    said = re.sub(r"\s*\n\s*", "" if lang == "ja" else " ", out)
    assert {"ja": "ナレーションは各スライドに", "en": "narration on each slide"}[lang] in said
    assert {"ja": "確かめ算は発表者用のメモ欄", "en": "check to redo in the speaker notes"}[lang] in said


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_answer_slides_check_can_be_redone_from_the_slide(seed, lang):
    """The answer's probability is checked as the shown word's exp ÷ the shown sum, which the notes say is the
    model's sum over the whole vocabulary; the Σ over 4,695 terms is not the line to redo."""
    frame = _frame(seed, "answer.softmax", lang, focus=seed.n_tokens - 1)
    notes = speaker_notes(frame, lang)
    redo = next(p for p in notes if p.startswith(text(lang, "speaker.redo", line="")))
    assert "Σ" not in redo and "exp((logit" not in redo
    exp = re.search(r"exp\(\((-?\d+\.\d+) - (-?\d+\.\d+)\) ÷ (\d+\.\d+)\)\s*÷ (\d+\.\d+) = (\d\.\d+)", redo)
    assert exp, redo
    z, high, temp, total, p = (float(g) for g in exp.groups())
    assert f"{math.exp((z - high) / temp) / total:.3f}" == exp.group(5)  # a student redoes it from the digits
    whole = text(lang, "speaker.whole_sum", total=exp.group(4))
    assert whole in notes
    assert any(line.strip() == f"= {exp.group(4)}" for line in frame.board)  # the sum as the board shows it
