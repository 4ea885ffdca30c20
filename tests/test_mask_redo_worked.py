"""teacher36 #5: the mask board said "(heard shares ÷ their sum = in turn, to 2 decimals)" and then wrote 3 (or 4)
decimals ("The" 0.111 ⇒ 0.637, by hand 0.638): the board now works one line from the digits it shows, its result at
2 decimals, and that line redoes by hand and is the in-turn share at 2 decimals."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

SENTENCES = ["The cat sat on the mat", "The cat sat on the mat and the dog sat on the rug near the door"]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("text", SENTENCES)
def test_the_mask_board_works_its_redo_from_the_digits_it_shows(checkpoint, lang, text):
    trace = run_sentence(checkpoint, text, "causal").trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    step = next(i for i, b in enumerate(tl.beats) if b.key.startswith("mask."))
    fr = frame_at(trace, Selection(focus=1, lang=lang), tl.beat_stop(step))
    worked = [ln for ln in fr.board if "÷" in ln and "=" in ln and ln != fr.board[1]]
    assert len(worked) == 1, fr.board
    share, total, result = re.search(r"([\d.]+) ÷ ([\d.]+) = ([\d.]+)$", worked[0]).groups()
    pairs = [re.search(r"([\d.]+) ⇒ ([\d.]+)$", ln) for ln in fr.board]
    heard = [m.group(1) for m in pairs if m and m.group(2) != "0"]
    assert share in heard and Decimal(total) == sum(Decimal(s) for s in heard), (worked, fr.board)
    assert (Decimal(share) / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal(result)
    turn = rules.under(trace, rules.IN_TURN).layers[0].head(0).weights[1]
    assert result in {f"{w:.2f}" for w in turn}, (result, turn)
