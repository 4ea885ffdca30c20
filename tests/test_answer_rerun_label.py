"""Answer time re-runs a class told in discussion in turn (GPT's rule), so the last student's notebook after the last
layer is other numbers than the layers' chapter showed: its board and narration say so (teacher23 L1: steps 34 and 35
both wrote "after layer 3: notebook of "house"" with different numbers). A lesson told in turn has the same notebook
at both steps, and the same label.
"""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import quote, text
from classroom_gui.model.sentence import compute_run

SENTENCES = [("The little dog ran to the old house", "en"), ("猫がマットの上に座った", "ja"),
             ("The cat sat on the mat", "en")]


def two_steps(checkpoint, sentence, lang, rule):
    """The layers' chapter's last frame and answer.norm's, the last student asking."""
    trace = compute_run(checkpoint, sentence, mask=rule).trace
    sel = Selection(focus=trace.n_tokens - 1, lang=lang, rule=rule)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = next(i for i, b in enumerate(timeline.beats) if b.key == "answer.norm")
    frames = [frame_at(trace, sel, timeline.beat_stop(i)) for i in (at - 1, at)]
    assert frames[0].chapter_key == "layers" and frames[1].beat_key == "answer.norm"
    return trace, frames


@pytest.mark.parametrize("sentence,lang", SENTENCES)
def test_the_answers_notebook_says_it_was_re_run_in_turn(checkpoint, sentence, lang):
    trace, (layers, norm) = two_steps(checkpoint, sentence, lang, "none")
    name, n = quote(lang, trace.tokens[-1]), trace.config.n_layer
    assert layers.board[0] == text(lang, "board.layer", layer=n, name=name)
    assert layers.board_vectors[0].numbers != norm.board_vectors[0].numbers  # discussion's numbers, then in turn's
    assert norm.board[0] == text(lang, "board.layer_rerun", layer=n, name=name) != layers.board[0]
    assert {"en": "re-run in turn", "ja": "「順番に発言」で計算し直した"}[lang] in norm.board[0]
    assert text(lang, "answer.rerun").strip() in norm.narration
    if lang == "ja":  # jareview5 2: 「そのノートを」 follows the last student, so it is theirs, not the class's
        assert f"最後の生徒{name}です。そのノートを" in norm.narration
    # told in the order it happens (teacher27 M1): the re-run first, then the final LayerNorm of the last student's
    # notebook (the re-run told after the LN sent the listener back in time)
    rerun, last = norm.narration.index(text(lang, "answer.rerun").strip()), norm.narration.index(name)
    norm_said = norm.narration.index({"en": "LayerNorm", "ja": "レイヤー正規化"}[lang])
    assert rerun < last < norm_said


@pytest.mark.parametrize("sentence,lang", SENTENCES[:2])
def test_in_turn_the_same_notebook_keeps_the_same_label(checkpoint, sentence, lang):
    trace, (layers, norm) = two_steps(checkpoint, sentence, lang, "causal")
    assert layers.board_vectors[0].numbers == norm.board_vectors[0].numbers
    assert norm.board[0] == layers.board[0]
    assert text(lang, "answer.rerun").strip() not in norm.narration
