"""teacher17 L3: Japanese wording a speaker read aloud, and one minus sign on a slide: the board and the narration
write -0.67 with the hyphen-minus every number has, so a masked score is -∞ too (it was −∞, U+2212, beside it)."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

SEED = "猫がマットの上に座った"


def frames(trace, sel, key):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    return [frame_at(trace, sel, timeline.beat_stop(i)) for i, b in enumerate(timeline.beats) if b.key == key]


def test_a_student_scoring_itself_is_said_as_itself_answering(checkpoint):
    trace = run_sentence(checkpoint, SEED, "none").trace
    said = [f.narration for f in frames(trace, Selection(focus=0, lang="ja", rule="none"), "scoring.classmate")]
    assert said[0].startswith("「猫」の質問には、「猫」自身も答えます。スコアは")  # jareview3 #6: students answer
    assert said[1].startswith("「猫」の質問に「が」が答えます。")  # a classmate: as before
    english = run_sentence(checkpoint, "The cat sat on the mat", "none").trace
    own = frames(english, Selection(focus=1, lang="en", rule="none"), "scoring.classmate")[1]
    assert own.narration.startswith('"cat" asks, and "cat" itself answers too, ')


def test_the_last_seat_hears_everyone_said_in_one_sentence(checkpoint):
    trace = run_sentence(checkpoint, "先生が教室で生徒に本を読んだ", "none").trace
    mask = frames(trace, Selection(focus=8, lang="ja", rule="none"), "mask.future")[0]
    assert mask.narration.startswith("「読んだ」は最後の席なので、GPTのルールでも全員の話が聞こえます。")
    assert "後ろには誰もいません" not in mask.narration


def test_the_rest_answer_as_students(checkpoint):
    trace = run_sentence(checkpoint, "先生が教室で生徒に本を読んだ", "none").trace
    rest = frames(trace, Selection(focus=8, lang="ja", rule="none"), "scoring.rest")
    assert rest and rest[0].narration.startswith("残りの生徒も答えます。")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_minus_sign_on_a_slide(checkpoint, lang):
    trace = run_sentence(checkpoint, SEED if lang == "ja" else "The cat sat on the mat", "causal").trace
    sel = Selection(focus=1, lang=lang, rule="causal")  # the second student: four classmates not heard yet
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    infinite = 0
    for i in range(len(timeline.beats)):
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        words = [frame.narration, *frame.board, *(frame.bars.labels if frame.bars else [])]
        for said in words:
            assert "−" not in said, said  # U+2212 nowhere: not in -∞, -0.67, nor z - 16.41 (jareview3)
            infinite += "-∞" in said
    assert infinite  # the premise: masked scores are written at all
    from classroom_gui.scene.board_bars import MASKED_BAR

    assert MASKED_BAR == "-∞"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_string_writes_the_other_minus_sign(lang):
    """jareview3: 「HardSwishは−3以下の…」 and the answer and LayerNorm boards' 「z − 16.41」「ノート − 平均」 kept U+2212
    beside the hand sums' 「… - 0.0355」 and every number's -0.67: one minus sign, the hyphen-minus, in every string."""
    from classroom_gui.messages.strings import table
    from classroom_gui.model.activations import RANGE

    assert not [key for key, said in table(lang).items() if "−" in said]
    assert not [name for name, said in RANGE.items() if "−" in said]
