"""teacher30 #8: the answer step's guesses were quoted only where the pill had room: 「→「が」」 and 「→「森」」 stood beside
「→ソファ」 and 「→森」 (36 students, 4:3). Every guess pill now writes its guess one way, the arrow and the bare word
(desk_tag.badge_face: 「→が」, "→kind"), in both languages and at both shapes; the board and tooltips keep the quotes."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence
from text_census import text_census

JA = "小さな犬は朝から公園で友だちとボールを追いかけて、夕方になると疲れて家の庭で静かに眠った。"
EN = "the cat sat on the mat because it was tired and the dog sat on the rug"


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["4:3", "16:9"])
@pytest.mark.parametrize("text, lang", [(JA, "ja"), (EN, "en"), ("猫がマットの上に座った", "ja")], ids=["ja36", "en", "ja7"])
def test_every_guess_pill_writes_its_guess_one_way(qapp, checkpoint, text, lang, size):
    from classroom_gui.scene.classroom import ClassroomScene
    trace = run_sentence(checkpoint, text, "causal").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = max(i for i, b in enumerate(timeline.beats) if b.chapter == "answer")
    scene = ClassroomScene()
    scene.set_frame(frame_at(trace, Selection(focus=trace.n_tokens - 1, canvas=canvas_for(*size), rule="causal",
                                              lang=lang), timeline.beat_stop(at)))
    pills = [t.text for t in text_census(scene) if t.text.startswith("→")]
    assert len(pills) == trace.n_tokens  # one guess a desk
    quoted = [p for p in pills if p.startswith("→ ") or any(q in p for q in '「」"')]
    assert not quoted, quoted
