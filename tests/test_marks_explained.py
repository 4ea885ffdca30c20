"""teacher30 #3: a GPT-2 class shows marks nothing explained but ◇: ␣ (a space: "␣cat"), 「小 1/3」 (the 1st of the 3
pieces of one character) and ⟨U+2413⟩ (a character the font cannot draw, or an invisible control character); and two
different pieces of a character were both 「◇」 (the answer 0.147 and 「残りの◇…いちばん高いのは「◇」の0.103」). The
caption now has a line for each kind of mark on screen, only where one is shown, in English and Japanese, on as many
rows as they need; and a piece of a character is ◇ with its bytes (「◇C5」, 「◇F5」), so two pieces never look alike."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.answers import BYTE_PIECE, answer_ids, named
from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, notices_for, timeline_for
from classroom_gui.model.bpe_tokenizer import byte_piece
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.model.sentence import run_sentence

GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
JA = "小さな犬は朝から公園で友だちとボールを追いかけて、夕方になると疲れて家の庭で静かに眠った。"
EN = "On a cold winter morning the little cat sat quietly on the warm mat near the kitchen window."
STARTS = {"en": {"space": "␣: a space", "piece": '"小 1/3": piece 1 of the 3', "code": ": a character the font cannot"},
          "ja": {"space": "␣は空白", "piece": "「小 1/3」は、1文字「小」を3つに分けたかけらの1つ目", "code": "は、フォントにない文字"}}


def _frame(run, key: str, lang: str, size=(1024, 768)):
    trace = run.trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(tl.beats) if b.key == key)
    sel = Selection(focus=trace.n_tokens - 1, canvas=canvas_for(*size), rule="causal", lang=lang)
    return frame_at(trace, sel, tl.beat_stop(i), notices_for(run, lang))


def _said(notices, start: str) -> list[str]:
    return [n for n in notices if start in n]


@pytest.fixture(scope="module")
def gpt2():
    return load_checkpoint(GPT2)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_kind_of_mark_shown_gets_one_caption_line(gpt2, checkpoint, lang):
    ja = run_sentence(gpt2, JA, "causal")
    fr = _frame(ja, "answer.softmax", lang)
    assert any(s.text == "小 1/3" for s in fr.students)
    assert len(_said(fr.notices, STARTS[lang]["piece"])) == 1, fr.notices
    assert not any("U+" in s.text or "U+" in s.badge for s in fr.students)  # (tidy25: no control guesses here)
    assert not _said(fr.notices, STARTS[lang]["code"])
    coded = _frame(run_sentence(gpt2, "猫🧶がマットに座った", "causal"), "answer.softmax", lang)
    assert any("U+1F9F6" in s.text for s in coded.students)  # the font lacks 🧶: its pieces are drawn as its code
    assert len(_said(coded.notices, STARTS[lang]["code"])) == 1, coded.notices
    assert not _said(fr.notices, STARTS[lang]["space"])  # (no desk shows a space)
    en = _frame(run_sentence(gpt2, EN, "causal"), "scoring.classmate", lang)
    assert any("␣" in s.text for s in en.students)
    assert len(_said(en.notices, STARTS[lang]["space"])) == 1, en.notices
    assert not _said(en.notices, STARTS[lang]["piece"])
    own = _frame(run_sentence(checkpoint, "猫がマットの上に座った", "causal"), "answer.softmax", lang)
    assert not any(_said(own.notices, start) for start in STARTS[lang].values())


def test_two_pieces_of_a_character_never_look_alike(gpt2):
    pieces = [w for w in gpt2.tokenizer.vocab if byte_piece(w)]
    assert len(pieces) > 2
    assert len({named(w) for w in pieces}) == len(pieces)
    assert all(named(w).startswith(BYTE_PIECE) for w in pieces)
    ja = run_sentence(gpt2, JA, "causal")
    fr = _frame(ja, "answer.softmax", "ja")
    trace = rules.under(ja.trace, rules.ANSWER_RULE)
    answer = named(trace.vocab[answer_ids(trace, 1)[0]])
    rest = next(line for line in fr.board if line.startswith("いちばん高いのは"))
    assert answer.startswith(BYTE_PIECE) and f"「{answer}」" not in rest and BYTE_PIECE in rest, (answer, rest)


def test_the_caption_draws_every_note_whole(qapp, gpt2):
    from classroom_gui.scene.classroom import ClassroomScene
    for lang in ("en", "ja"):
        for size in ((1024, 768), (1920, 1080)):
            fr = _frame(run_sentence(gpt2, "🧶" + JA, "causal"), "answer.softmax", lang, size)
            assert len(fr.notices) >= 4  # the 64 of 99, ◇, 「⟨U+1F9F6⟩ 1/3」, ⟨U+…⟩
            scene = ClassroomScene()
            scene.set_frame(fr)
            assert scene.notices.text == "  •  ".join(fr.notices), scene.notices.text  # not cut with "…"
