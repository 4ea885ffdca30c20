"""teacher10 M1: in turn, 「猫」's feed-forward output keeps 57 of its 96 hidden units, and the board listed "the first
6 … (+51)", so the sum could not be redone. A sum of 33-96 products is now written compactly (each product as its
two factors, "a×w", 3 a line, and their exact sum): a student redoes it from the digits drawn on the board, at 16:9
and at 4:3, in both languages. Where even that does not fit the board, the board draws the lesson's shorter board
(Frame.board_short: the first products and the model's number), never a sum cut off before its total.
"""
from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pytest

from board_arithmetic import equations, redo_board
from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.numbers import fmt, hand_sum, places_of, rounds_to
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text as said_in
from classroom_gui.lesson.worked import ALL_TERMS
from classroom_gui.model.sentence import compute_run
from helpers import random_checkpoint

NUM = r"\(?-?\d+\.\d+\)?"
SENTENCES = [("The cat sat on the mat", "en"), ("猫がマットの上に座った", "ja")]


@pytest.fixture(scope="module")
def compact_cases(checkpoint):
    """(trace, lang, layer, focus, kept units) of the seed sentences, in turn, whose feed-forward keeps over ALL_TERMS."""
    cases = []
    for text, lang in SENTENCES:
        trace = compute_run(checkpoint, text, mask="causal").trace
        for layer in range(trace.config.n_layer):
            for focus in range(trace.n_tokens):
                kept = np.flatnonzero(trace.layers[layer].ffn_hidden_at(focus) != 0)
                if len(kept) > ALL_TERMS:
                    cases.append((trace, lang, layer, focus, kept))
    return cases


def residual_frame(trace, lang, layer, focus, canvas=WIDESCREEN):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == "ffn.residual")
    sel = Selection(focus=focus, layer=layer, lang=lang, rule="causal", canvas=canvas)
    return frame_at(trace, sel, timeline.beat_stop(i))


def redone(board_text: str, trace, layer: int, focus: int, kept) -> None:
    """The chain "= a×w + … + b_2 + x = total" read off the board as a student reads it: one product per kept unit,
    its factors the model's numbers at the board's decimals, the total their exact sum rounded half up to the decimals
    it shares with the model's own number."""
    chain = re.search(rf"= ({NUM}×{NUM}(?:\s*\+\s*{NUM}×{NUM})*)\s*([+-])\s*({NUM})\s*([+-])\s*({NUM})\s*=\s*({NUM})",
                      board_text)
    assert chain, board_text
    pairs = [p.split("×") for p in re.findall(rf"{NUM}×{NUM}", chain.group(1))]
    assert len(pairs) == len(kept)  # every kept unit's product, none left out
    inputs, weights = ([x.strip("()") for x in column] for column in zip(*pairs))
    places = len(inputs[0].split(".")[1])
    L, p = trace.layers[layer], trace.params
    w2, b2 = p[f"h.{layer}.mlp.c_proj.weight"], p[f"h.{layer}.mlp.c_proj.bias"]
    assert inputs == [fmt(x, places) for x in L.ffn_hidden_at(focus)[kept]]
    assert weights == [fmt(x, places) for x in w2[kept, 0]]
    extras = [(sign + x).lstrip("+") for sign, x in ((chain.group(2), chain.group(3)), (chain.group(4), chain.group(5)))]
    assert extras == [fmt(b2[0], places), fmt(L.resid_attn[focus, 0], places)]
    total = sum((Decimal(a) * Decimal(w) for a, w in zip(inputs, weights)), Decimal(0)) + sum(map(Decimal, extras))
    # each product of the digits shown, added exactly, and that sum rounded half up to 4 decimals (fix22: as the
    # logit board's), or the exact sum where its 4 decimals would not round to the model's number
    # (student35 #2: then at only the decimals that are also the model's own, never fewer than its card's 2)
    written = chain.group(6)
    four = hand_sum([str(total)], 4)
    assert written == hand_sum([four if rounds_to(four, fmt(L.output[focus, 0])) else str(total)], places_of(written))
    assert rounds_to(written, fmt(L.output[focus, 0])) and places_of(written) >= 2
    assert written == hand_sum([repr(float(L.output[focus, 0]))], places_of(written))


def test_the_seed_has_compact_sums(compact_cases):
    assert max(len(case[-1]) for case in compact_cases) == 57  # 「猫」, layer 1, in turn (teacher10 M1)


def test_every_kept_unit_is_on_the_board_and_redoes(compact_cases):
    for trace, lang, layer, focus, kept in compact_cases:
        frame = residual_frame(trace, lang, layer, focus)
        redone(" ".join(frame.board), trace, layer, focus, kept)
        assert not redo_board(frame.board) and equations(frame.board) == 1
        more = said_in(lang, "board.more_terms", n=len(kept) - 6)  # 「…（ほか83項）」, "… (83 more terms)"
        assert not any(more in line for line in frame.board)
        assert frame.board_short and any(more in line for line in frame.board_short)


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
def test_the_drawn_board_keeps_every_product(qapp, compact_cases, canvas):
    from classroom_gui.scene.board_fit import LINE_MIN_PX
    from classroom_gui.scene.classroom import ClassroomScene

    scene = ClassroomScene()
    try:
        for trace, lang, layer, focus, kept in compact_cases:
            scene.set_frame(residual_frame(trace, lang, layer, focus, canvas))
            item = scene.board.lines
            drawn = item.lines
            assert item.left_out() == 0 and not any("(+" in line for line in drawn), (lang, focus, drawn[-3:])
            assert item.font.pixelSize() >= LINE_MIN_PX
            redone(" ".join(line.strip() for line in drawn), trace, layer, focus, kept)
            assert not redo_board(drawn)
    finally:
        scene.clear()


def test_a_sum_too_long_for_the_board_is_drawn_short_with_its_total(qapp, tmp_path):
    """A random 24-number model whose W_1 bias is raised keeps ~90 of 96 units: at 4:3 the compact sum does not fit,
    and the board draws the lesson's shorter board (its first 6 products and "all k products … = the model's
    number"), not a sum cut off before its total."""
    from classroom_gui.scene.classroom import ClassroomScene

    checkpoint = random_checkpoint(tmp_path, n_layer=1, n_embd=24, offsets={"h.0.mlp.c_fc.bias": 2.0})
    trace = compute_run(checkpoint, "the cat sat on the mat", mask="causal").trace
    kept = [int((trace.layers[0].ffn_hidden_at(f) != 0).sum()) for f in range(trace.n_tokens)]
    focus = int(np.argmax(kept))
    assert kept[focus] > 66, kept
    scene = ClassroomScene()
    try:
        frame = residual_frame(trace, "en", 0, focus, FOUR_THREE)
        scene.set_frame(frame)
        drawn = " ".join(line.strip() for line in scene.board.lines.lines)
        assert scene.board.lines.left_out() == 0
        assert f"all {kept[focus]} products + b_2 + the notebook = {fmt(trace.layers[0].output[focus, 0])}" in drawn
        assert said_in("en", "board.more_terms", n=kept[focus] - 6) in drawn and not re.search(rf"{NUM}×{NUM}", drawn)
    finally:
        scene.clear()
