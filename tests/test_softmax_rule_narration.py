"""Softmax's first step says why no classmate is left out for the rule that is on (teacher8 H1): in discussion
nobody ever is; in turn the asker sits last (the seed's 「座った」 when 「猫」 sits first), or what-if edits let it hear
every classmate. The quiz deck's slides repeat the step, so they say it too."""
from __future__ import annotations

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import WhatIf
from classroom_gui.model.sentence import run_sentence

EN, JA = "The cat sat on the mat", "猫がマットの上に座った"


def exp_said(trace, **sel) -> str:
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "softmax.exp")
    return frame_at(trace, Selection(**sel), timeline.beat_stop(i)).narration


def test_in_turn_the_last_asker_is_told_it_sits_last_not_that_it_is_a_discussion(checkpoint):
    ja = run_sentence(checkpoint, JA, "causal").trace
    said = exp_said(ja, lang="ja", rule="causal", focus=ja.n_tokens - 1)
    assert "「座った」は最後の席なので" in said and "話し合い" not in said and "-∞" not in said
    en = run_sentence(checkpoint, EN, "causal").trace
    said = exp_said(en, rule="causal", focus=en.n_tokens - 1)
    assert '"mat" sits last' in said and "discussion" not in said


def test_in_discussion_the_narration_still_names_the_discussion(checkpoint):
    ja = run_sentence(checkpoint, JA, "none").trace
    said = exp_said(ja, lang="ja", rule="none", focus=ja.n_tokens - 1)
    assert "話し合いなので" in said and "最後の席" not in said
    assert "in discussion" in exp_said(run_sentence(checkpoint, EN, "none").trace, rule="none", focus=1)


def test_in_turn_an_asker_whom_edits_let_hear_everyone_is_told_so(checkpoint):
    state = WhatIf(run_sentence(checkpoint, EN, "causal").trace)
    for later in (4, 5, 6):  # "sat" (seat 3) hears seats 4-6 in layer 1 too
        state.set_spec(f"mask[1,3,{later}]=0")
    said = exp_said(state.trace, rule="causal", focus=2)
    assert "what-if edits let \"sat\" hear every classmate" in said and "discussion" not in said
    assert "sits last" not in said
