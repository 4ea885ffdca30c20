"""A scoring board whose factors carry a 4th decimal says why (teacher23 L2: "house" · "The" was written at 3 decimals
and "house" · "little" at 4, beside the README's "3 decimals", with no reason given): at 3 decimals the products as
written would add up to a number that does not round to the score. Boards at 3 decimals say nothing. On the shipped
checkpoint, every asker, layer and head of the 8-word sentence, both languages.
"""
from __future__ import annotations

import pytest

from classroom_gui.lesson.numbers import fmt, fmt_many, hand_product, hand_sum, rounds_to
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text
from classroom_gui.model.sentence import compute_run

SENTENCE = "The little dog ran to the old house"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_finer_dot_product_says_why(checkpoint, lang):
    trace = compute_run(checkpoint, SENTENCE, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    stops = [(timeline.beat_stop(i), b.arg) for i, b in enumerate(timeline.beats) if b.key == "scoring.classmate"]
    finer = 0
    for layer in range(trace.config.n_layer):
        for head in range(trace.config.n_head):
            H = trace.layers[layer].head(head)
            for focus in (0, 3, trace.n_tokens - 1):  # "The", "ran" and "house"
                sel = Selection(focus=focus, layer=layer, head=head, lang=lang, rule="none")
                for t, j in stops:
                    board = frame_at(trace, sel, t).board
                    places = len(board[1].removeprefix("= ").split("×")[0].strip("()").split(".")[1])
                    score = fmt(H.scores[focus, j])
                    note = text(lang, "board.dot_places", places=places, fewer=3, score=score)
                    at_three = hand_sum([hand_product(a, b, 3) for a, b in zip(fmt_many(H.q[focus], 3),
                                                                             fmt_many(H.k[j], 3))], 3)
                    if places > 3:  # the note is on the board, and what it says is so
                        assert board[-1] == note, board
                        assert not rounds_to(at_three, score), (at_three, score)
                        finer += 1
                    else:
                        assert not any(line.startswith(("(", "（")) for line in board), board
    assert finer  # "house" · "little", layer 1 head 1, is one (teacher23 s10)
