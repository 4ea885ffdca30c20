"""teacher30 #2: desk names were cut inside words: 「小さな」 read 「小…」 beside its score (36 students, 4:3), 「ボール」
「ボ…」, GPT-2's pieces 「小 1/3」「小 2/3」「小 3/3」 all read 「小…」 over empty desks (64 students), 「␣cat」 「␣…」, and a
cut guess read 「→⟨U+24…」 (half a code). Every desk's name is now painted whole (smaller, on two lines, or with the
badge on a line of its own), and a guess cut keeps its arrow and whole characters, never half a code. Checked on
what the scene really paints (text_census), at 6, 36 and 64 students, en and ja, 4:3 and 16:9."""
from __future__ import annotations

from pathlib import Path

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from text_census import text_census

JA = "小さな犬は朝から公園で友だちとボールを追いかけて、夕方になると疲れて家の庭で静かに眠った。"
EN64 = " ".join("the cat sat on the mat and the dog sat on the rug because it was tired".split() * 5)
EN = ("On a cold winter morning the little cat sat quietly on the warm mat near the kitchen window, waiting for "
      "the sun to come up.")
GPT2 = Path(__file__).parent / "fixtures" / "tiny_gpt2"
SIZES = [(1024, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def gpt2():
    from classroom_gui.model import load_checkpoint
    return load_checkpoint(GPT2)


def _painted(trace, lang: str, size, chapter: str):
    from classroom_gui.scene.classroom import ClassroomScene
    from classroom_gui.scene.desk import DeskItem
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = max(i for i, b in enumerate(timeline.beats) if b.chapter == chapter)
    frame = frame_at(trace, Selection(focus=trace.n_tokens - 1, canvas=canvas_for(*size), rule="causal", lang=lang),
                     timeline.beat_stop(at))
    scene = ClassroomScene()
    scene.set_frame(frame)
    desk = [t.text for t in text_census(scene) if isinstance(t.item, DeskItem) or t.item is None]
    return frame, desk


def _check(frame, desk) -> None:
    drawn = {t.replace("\n", "") for t in desk} | {t.replace("\n", " ") for t in desk}
    cut = [s.text for s in frame.students if s.text not in drawn]
    assert not cut, cut
    guesses = [t for t in desk if t.startswith("→")]
    half = [g for g in guesses if g.count("⟨") != g.count("⟩")]
    assert not half, half


@pytest.mark.parametrize("size", SIZES, ids=["4:3", "16:9"])
@pytest.mark.parametrize("chapter", ["scoring", "answer"])
@pytest.mark.parametrize("text, lang", [(JA, "ja"), (EN64, "en"), ("猫がマットの上に座った", "ja")],
                         ids=["ja36", "en64", "ja7"])
def test_teaching_model_desks_show_whole_names(qapp, checkpoint, text, lang, chapter, size):
    _check(*_painted(run_sentence(checkpoint, text, "causal").trace, lang, size, chapter))


@pytest.mark.parametrize("size", SIZES, ids=["4:3", "16:9"])
@pytest.mark.parametrize("text, lang", [(JA, "ja"), (EN, "en")], ids=["ja64", "en"])
def test_gpt2_pieces_show_whole_names_and_whole_guesses(qapp, gpt2, text, lang, size):
    trace = run_sentence(gpt2, text, "causal").trace
    frame, desk = _painted(trace, lang, size, "answer")
    _check(frame, desk)
    if lang == "ja":  # the three pieces of 「小」 tell apart
        assert {"小 1/3", "小 2/3", "小 3/3"} <= {s.text for s in frame.students}
