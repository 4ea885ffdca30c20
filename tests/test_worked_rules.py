"""Every worked board reads as the answer's logit board does (fix21, teacher12 L2; fix22 for the cards, W_O,
LayerNorm and feed-forward boards): no line ends in a colon with nothing after it, a sum's total is at most 4
decimals (the exact one only where its 4 decimals would not round to the model's number beside it), the sum's
factors are named on their own "x: …" and "w: …" lines, and its products follow a named left side ("x · w + b = …"),
not a bare "= …". Over every asker and layer of the seed sentences, in both languages and rules, 16:9 and 4:3.
"""
from __future__ import annotations

import re

import pytest

from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.numbers import hand_sum, rounds_to
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.worked import WorkedSum, rounded_total
from classroom_gui.model.sentence import compute_run

SEED = ("The cat sat on the mat", "猫がマットの上に座った")
SUMS = ("cards.query", "cards.key", "cards.value", "heads.project", "ffn.hidden", "ffn.residual", "answer.logits")
WORKED = SUMS + ("heads.residual",)  # LayerNorm's learned scale and shift: one equation, no x and w
CHAIN = re.compile(r"= \(?-?\d+\.\d+\)?(?:×| [+-] )")  # the products' first line: "… = 1.027×0.372 + …"
TOTAL = re.compile(r"= (-?\d+\.(\d+))\s*[(（][^()（）]*?(-?\d+\.\d+)[)）]")  # "= 0.2269（カードでは0.23）"


def worked_frames(trace, lang, rule, canvas):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    stops = [i for i, beat in enumerate(timeline.beats) if beat.key in WORKED]
    for layer in range(trace.config.n_layer):
        for focus in range(trace.n_tokens):
            sel = Selection(focus=focus, layer=layer, lang=lang, rule=rule, canvas=canvas)
            for i in stops:
                yield frame_at(trace, sel, timeline.beat_stop(i))


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("text", SEED)
def test_every_worked_board_reads_as_an_equation(checkpoint, text, lang, rule, canvas):
    trace = compute_run(checkpoint, text, mask=rule).trace
    seen, totals, sums = set(), 0, 0
    for frame in worked_frames(trace, lang, rule, canvas):
        key, board = frame.beat_key, frame.board
        for line in board + frame.board_short:
            assert not line.rstrip().endswith((":", "：")), (key, line)  # a label with nothing after its colon
        for match in TOTAL.finditer(" ".join(board)):
            total, decimals, shown = match.groups()
            assert len(decimals) <= 4 or not rounds_to(hand_sum([total], 4), shown), (key, match.group(0))
            totals += 1
        chain = next((line for line in board if CHAIN.search(line)), None)
        if key in SUMS and chain:  # (a feed-forward whose ReLU keeps no unit of the asker works no sum)
            assert any(line.startswith(("x: ", "x：")) for line in board), (key, board)
            assert any(line.startswith(("w: ", "w：")) for line in board), (key, board)
            assert not chain.startswith("="), (key, chain)  # "x · w + b = …", a named left side
            sums += 1
        seen.add(key)
    boards = trace.n_tokens * trace.config.n_layer
    assert seen == set(WORKED) and sums >= 0.9 * len(SUMS) * boards and totals >= 0.9 * len(WORKED) * boards


def test_a_compact_total_is_at_4_decimals_where_they_still_round_to_the_model():
    """worked.rounded_total, shared by the logit board and the feed-forward's compact sum: the exact 6-decimal sum
    rounded half up to 4 decimals, kept exact where the 4 decimals would round to another number than shown."""
    def compact(total: str, shown: str) -> WorkedSum:
        return WorkedSum(["1.0"], ["2.0"], [], [], total, shown, 1, True, compact=True)
    assert rounded_total(compact("0.580901", "0.58")).total == "0.5809"
    assert rounded_total(compact("-1.237063", "-1.24")).total == "-1.2371"
    assert rounded_total(compact("0.124999", "0.12")).total == "0.124999"  # 0.1250 would be 0.13 beside 0.12
    assert rounded_total(WorkedSum(["1.0"], ["2.0"], ["2.00"], [], "2.004999", "2.00", 1, True)).total == "2.004999"
