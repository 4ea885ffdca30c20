"""teacher18 L1: the shares a board writes add up to 0.999 or 1.0001 while the chart's sum and the quiz say 1.000, and
nothing said why. The shares board now says their sum as written and that it is the rounding's, exactly where it is
not 1 (every layer, head and asker of both seeds, both rules)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.messages.strings import text
from classroom_gui.model.sentence import run_sentence

SHARE = re.compile(r" [=≈≒] (-?\d+\.\d+)$")


@pytest.mark.parametrize("lang,sentence", [("en", "The cat sat on the mat"), ("ja", "猫がマットの上に座った")])
def test_the_shares_board_says_when_its_shares_do_not_add_to_1(checkpoint, lang, sentence):
    said = quiet = 0
    for rule in ("none", "causal"):
        trace = run_sentence(checkpoint, sentence, rule).trace
        at = timeline_for(trace.n_tokens, trace.config.n_layer).chapter_end("softmax")
        for layer in range(trace.config.n_layer):
            for head in range(trace.config.n_head):
                for f in range(trace.n_tokens):
                    board = frame_at(trace, Selection(focus=f, lang=lang, rule=rule, layer=layer, head=head), at).board
                    shares = [SHARE.search(line).group(1) for line in board if SHARE.search(line)]
                    total = sum(Decimal(s) for s in shares)
                    note = text(lang, "board.shares_rounded", total=str(total))
                    assert (note in board) == (total != 1), (rule, layer, head, f, board)
                    said += total != 1
                    quiet += total == 1
    assert said and quiet  # both kinds of row are in the seeds
