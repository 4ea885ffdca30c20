"""teacher34 #3: after a what-if edit nothing on screen compared the new numbers with the model's own. The boards that
write an edited score mark its line and say the number before → now, and the narration of a step the edits change
names the asker's share that moved most, the model's own → now, read off the unedited forward and the edited one
(a move the 2 decimals hide is said at 4: 「it」's question card −2.96 → −3 left every badge at 0.71)."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.deck import deck_frames
from classroom_gui.lesson.numbers import fmt
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.model.sentence import run_sentence

SEED = {"ja": ("猫がマットの上に座った", "座った", "猫"), "en": ("The cat sat on the mat", "sat", "cat")}
SAID = {"ja": ("元の値{} → 今の値{}", "（もしも）"), "en": ("model's value {} → now {}", " (what if)")}


def _class(checkpoint, lang: str, spec: str):
    text, asker, _ = SEED[lang]
    own = run_sentence(checkpoint, text, "none").trace
    return own, from_specs(own, [spec]), own.tokens.index(asker)


def _at(trace, sel, key: str):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    return frame_at(trace, sel, timeline.beat_stop(next(i for i, b in enumerate(timeline.beats) if b.key == key)))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_boards_that_write_an_edited_score_mark_it_before_and_now(checkpoint, lang):
    _, asker, classmate = SEED[lang]
    own, trace, f = _class(checkpoint, lang, f"score[2,1,{asker},{classmate}]=0")
    j = own.tokens.index(classmate)
    before = fmt(own.layers[1].head(0).scores[f, j])  # the model's own score there
    sel = Selection(focus=f, layer=1, head=0, lang=lang, rule="none")
    was, mark = SAID[lang]
    for key in ("scaling.divide", "softmax.exp"):
        board = _at(trace, sel, key).board
        notes = [line for line in board if was.format(before, "0.00") in line]
        assert len(notes) == 1 and notes[0].startswith(("(", "（")), (key, board)  # a note, as the board's others
        marked = [line for line in board if line.endswith(mark)]
        assert len(marked) == 1 and marked[0].startswith(f"「{classmate}」" if lang == "ja" else f'"{classmate}"')
    # the model's own class: no mark, no note
    plain = _at(own, sel, "scaling.divide").board
    assert not any(line.endswith(mark) or was.split("{")[0] in line for line in plain)


@pytest.mark.parametrize("lang,rule", [("ja", "none"), ("en", "causal")])
def test_the_score_before_is_the_models_own_with_a_card_edited_too(checkpoint, lang, rule):
    """review34 #4: with the asker's question card edited in the same head, the note called the edited cards' q·k
    the model's value (1.42 for its own 7.16). It is the unedited class's, under the step's rule."""
    text, asker, classmate = SEED[lang]
    own, _, f = _class(checkpoint, lang, f"q[2,1,{asker},1]=3")
    trace = from_specs(own, [f"q[2,1,{asker},1]=3", f"score[2,1,{asker},{classmate}]=0"])
    j = own.tokens.index(classmate)
    H, edited = run_sentence(checkpoint, text, rule).trace.layers[1].head(0), rules.under(trace, rule).layers[1].head(0)
    before, cards = fmt(float(H.q[f] @ H.k[j])), fmt(float(edited.q[f] @ edited.k[j]))
    assert before != cards  # the edited card moves q·k: the note must not take it for the model's
    board = _at(trace, Selection(focus=f, layer=1, head=0, lang=lang, rule=rule), "scaling.divide").board
    assert sum(SAID[lang][0].format(before, "0.00") in line for line in board) == 1, board


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_narration_names_the_share_that_moved_most_before_and_now(checkpoint, lang):
    _, asker, classmate = SEED[lang]
    own, trace, f = _class(checkpoint, lang, f"score[2,1,{asker},{classmate}]=0")
    before, after = own.layers[1].weights_of(0)[f], trace.layers[1].weights_of(0)[f]
    j = int(np.abs(after.astype(np.float64) - before).argmax())
    assert fmt(before[j]) != fmt(after[j])
    sel = Selection(focus=f, layer=1, head=0, lang=lang, rule="none")
    narration = _at(trace, sel, "softmax.weights").narration
    name = f"「{own.tokens[j]}」" if lang == "ja" else f'"{own.tokens[j]}"'
    assert SAID[lang][0].format(fmt(before[j]), fmt(after[j])) in narration and name in narration, narration
    assert SAID[lang][0].split("{")[0] not in _at(own, sel, "softmax.weights").narration
    # a deck says the edit once, and keeps the change on every slide
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    times = [timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.chapter == "softmax"]
    slides = deck_frames(trace, sel, times, "beat")
    assert all(SAID[lang][0].format(fmt(before[j]), fmt(after[j])) in s.narration for s in slides)


def test_a_change_the_badges_hide_is_said_at_4_decimals(checkpoint):
    """The teacher's small edit: 「it」's question card −2.96 → −3, layer 3, head 1."""
    text = "The animal didn't cross the street because it was too tired"
    own = run_sentence(checkpoint, text, "none").trace
    trace = from_specs(own, ["q[3,1,it,1]=-3"])
    f = own.tokens.index("it")
    moves = [(abs(float(trace.layers[la].weights_of(h)[f, k]) - float(own.layers[la].weights_of(h)[f, k])), la, h, k)
             for la in range(own.config.n_layer) for h in range(own.config.n_head) for k in range(own.n_tokens)]
    _, la, h, k = max(moves)
    before, after = float(own.layers[la].weights_of(h)[f, k]), float(trace.layers[la].weights_of(h)[f, k])
    assert fmt(before) == fmt(after)  # the badges show no change
    sel = Selection(focus=f, layer=2, head=0, lang="ja", rule="none")
    narration = _at(trace, sel, "softmax.weights").narration
    assert "小数第2位まではどれも変わりません" in narration
    assert f"元の値{before:.4f} → 今の値{after:.4f}" in narration and f"「{own.tokens[k]}」" in narration, narration
