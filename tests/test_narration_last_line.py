"""teacher13 L5: at 16:9 the Japanese narration left 「す。」 alone on its last line (the softmax step, 「猫」 asking, in
discussion). Where a wrapped narration's last line would hold 2 characters or fewer, its last 5 are kept together
(lesson.strings.unbroken_end) and the line breaks before them; checked as the scene lays it out, over every step of
the seed, en and ja, both rules, 16:9 and 4:3."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER, unbroken_end, unbroken_words
from classroom_gui.model import load_checkpoint
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir
from classroom_gui.scene.classroom import ClassroomScene
from classroom_gui.scene.wrapped_text import wrapped_lines

SEED = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


def test_the_last_characters_kept_together_are_shown_ones():
    """unbroken_end counts the characters a reader sees, not the word joiners unbroken_words put in (review19 #9: it
    kept 「です。」, 3 characters, with two joiners between some)."""
    said = unbroken_end(unbroken_words("質問と自己紹介の内積は1です。"))
    assert WORD_JOINER * 2 not in said
    assert said.endswith("の内" + WORD_JOINER + "積" + WORD_JOINER + WORD_JOINER.join("は1です。"))
    assert said.replace(WORD_JOINER, "") == "質問と自己紹介の内積は1です。"
    assert unbroken_end("The sum is 1.") == "The sum " + WORD_JOINER.join("is 1.")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_narration_ends_on_a_line_of_two_characters(qapp, lang):
    trace_of = {rule: run_sentence(load_checkpoint(teaching_model_dir()), SEED[lang], rule).trace
                for rule in ("none", "causal")}
    scene, wrapped, short = ClassroomScene(), 0, []
    for rule, trace in trace_of.items():
        tl = timeline_for(trace.n_tokens, trace.config.n_layer)
        for size in ((1920, 1080), (1440, 1080)):
            for focus in (0, 2, trace.n_tokens - 1):  # 「猫」 asking: teacher13's picture
                sel = Selection(lang=lang, rule=rule, focus=focus).sized(*size)
                for i in range(len(tl)):
                    scene.set_frame(frame_at(trace, sel, tl.beat_stop(i)))
                    item = scene.narration  # as drawn: its text, font and width
                    said = wrapped_lines(item.text, item.font, item.area.width())
                    wrapped += len(said) > 1
                    if len(said) > 1 and len(said[-1]) <= 2:
                        short.append((rule, size, focus, tl.beats[i].key, said[-1]))
    assert wrapped > 100 and not short, short[:5]
