"""A student can redo the numbers a learned matrix makes (teacher8 H2): the cards chapter works the asker's first
number of each card on the board from digits shown there, LayerNorm(notebook) · a column of W_Q/W_K/W_V + b.
Parsed from the board as a student reads it: the inputs and weights are the trace's and the shipped checkpoint's at
the digits shown, each product is its factors as written (rounded half up), the sum is exact, and it rounds to the
card's number as the desk shows it. A long sum (a model with more than 32 numbers a notebook) says how many
products it has and lists its first ones.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from board_arithmetic import redo_board
from classroom_gui.lesson import state, strings
from classroom_gui.lesson.numbers import fmt, hand_product, hand_sum, places_of, rounds_to
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import edited
from classroom_gui.lesson.strings import text
from classroom_gui.lesson.worked import ALL_TERMS, sum_lines, worked_sum
from classroom_gui.model.gpt import head_weights
from classroom_gui.model.sentence import compute_run
from classroom_gui.model.whatif import Edit
from helpers import random_checkpoint

NUM = r"-?\d+\.\d+"
SENTENCES = [("The cat sat on the mat", "en"), ("猫がマットの上に座った", "ja")]
CARDS = {"cards.query": ("query", "Q"), "cards.key": ("key", "K"), "cards.value": ("value", "V")}


def card_frames(trace, sel):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    for i in range(len(timeline)):
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        if frame.beat_key in CARDS:
            yield frame


def read_worked(board: list[str]) -> dict:
    """The worked sum as a student reads it off the board: the two bracketed rows after the blank line, b, the
    products, the total and the card's number named beside it."""
    text = " ".join(board[board.index("") + 1:])
    rows = re.findall(r"\[([^\]]*)\]", text)
    chain = re.search(rf"= ({NUM}(?:\s*[+-]\s*\d+\.\d+)+) = ({NUM})\s*[(（][^()（）]*?({NUM})[)）]", text)
    assert chain, text
    terms = re.findall(r"([+-]?)\s*(\d+\.\d+)", chain.group(1))
    signed = [("-" if sign == "-" else "") + number for sign, number in terms]
    return {"inputs": rows[0].replace(",", " ").split(), "weights": rows[1].replace(",", " ").split(),
            "b": re.search(rf"\bb ?[(（]({NUM})[)）]", text).group(1), "products": signed[:-1], "extra": signed[-1],
            "total": chain.group(2), "shown": chain.group(3), "text": text}


def check_card(trace, sel, frame):
    card, letter = CARDS[frame.beat_key]
    f = sel.focus
    got = read_worked(frame.board)
    w = head_weights(trace.params, trace.config, sel.layer, sel.head)
    column, b = w[f"W_{letter}"][:, 0], w[f"b_{letter}"][0]
    ln = trace.layers[sel.layer].ln_1[f]
    assert len(got["inputs"]) == len(got["weights"]) == len(got["products"]) == trace.config.n_embd
    places = len(got["inputs"][0].split(".")[1])
    assert got["inputs"] == [fmt(x, places) for x in ln]            # the trace's LayerNorm(notebook) as shown
    assert got["weights"] == [fmt(x, places) for x in column]       # the checkpoint's column as shown
    assert got["b"] == got["extra"] == fmt(b, places)
    p = len(got["products"][0].split(".")[1])
    assert got["products"] == [hand_product(x, y, p) for x, y in zip(got["inputs"], got["weights"])]
    # the products' exact sum rounded half up to the decimals it shares with the card's own number (student35 #2)
    assert got["total"] == hand_sum(got["products"] + [got["b"]], places_of(got["total"]))
    card_value = getattr(trace.layers[sel.layer].head(sel.head), letter.lower())[f, 0]
    assert got["shown"] == fmt(card_value)                          # the number on the desk's card
    assert rounds_to(got["total"], got["shown"]) or "rounded" in got["text"] or "丸め" in got["text"]
    assert not redo_board(frame.board)


@pytest.mark.parametrize("text,lang", SENTENCES)
@pytest.mark.parametrize("rule", ["none", "causal"])
def test_each_card_of_the_asker_is_worked_from_the_digits_shown(checkpoint, text, lang, rule):
    trace = compute_run(checkpoint, text, mask=rule).trace
    sel = Selection(focus=state.default_focus(trace.tokens, rule), lang=lang, rule=rule)
    seen = 0
    for frame in card_frames(trace, sel):
        check_card(trace, sel, frame)
        seen += 1
    assert seen == 3


def test_other_layers_heads_and_askers_redo_too(checkpoint):
    trace = compute_run(checkpoint, "猫がマットの上に座った", mask="none").trace
    c = trace.config
    exact = 0
    for layer in range(c.n_layer):
        for head in range(c.n_head):
            for focus in range(trace.n_tokens):
                sel = Selection(focus=focus, layer=layer, head=head, lang="ja", rule="none")
                for frame in card_frames(trace, sel):
                    check_card(trace, sel, frame)
                    exact += "丸め" not in " ".join(frame.board)
    assert exact >= 0.9 * 3 * c.n_layer * c.n_head * trace.n_tokens  # the digits are chosen so that it rounds


def test_a_what_if_card_number_is_said_beside_the_sum(checkpoint):
    own = compute_run(checkpoint, "The cat sat on the mat", mask="none").trace
    trace = edited(own, (Edit("q", 0, 0, 1, 0, 2.0),))
    sel = Selection(focus=1, lang="ja", rule="none")
    frame = next(fr for fr in card_frames(trace, sel) if fr.beat_key == "cards.query")
    text = " ".join(frame.board)
    own_value = own.layers[0].head(0).q[1, 0]
    assert f"もしも：元の値{fmt(own_value)} → 今の値2.00" in text  # before → now (teacher34 #3)
    assert read_worked(frame.board)["shown"] == fmt(own_value)  # the sum is the model's, the what-if said apart


def test_a_long_sum_says_how_many_products_it_has(tmp_path):
    ck = random_checkpoint(tmp_path, n_embd=128, n_head=2)  # more than LISTED_TERMS products (48 are listed)
    trace = compute_run(ck, "the cat sat", mask="none").trace
    sel = Selection(focus=1, lang="en", rule="none")
    frame = next(card_frames(trace, sel))
    text = " ".join(frame.board)
    assert "a sum of 128 products; the first 6 are written" in text and strings.text("en", "board.more_terms", n=122) in text
    q = trace.layers[0].head(0).q[1, 0]
    assert f"all 128 products + b = {fmt(q)}" in text
    assert not redo_board(frame.board)



def test_a_long_sum_on_a_japanese_board_marks_its_left_off_products_the_board_s_way(tmp_path):
    """fix60: the products line is written on the board as the scoring board's is, with the language's
    board.more (「…（+122）」); the bracketed vectors are formulas of half-width numbers and keep "… (+122)]"."""
    ck = random_checkpoint(tmp_path, n_embd=128, n_head=2)
    trace = compute_run(ck, "the cat sat", mask="none").trace
    frame = next(card_frames(trace, Selection(focus=1, lang="ja", rule="none")))
    more = text("ja", "board.more_terms", n=122)  # jareview7 3: 「…（ほか122項）」, not 「+ …（+122）」 ("plus 122")
    products = [line for line in frame.board if line.endswith(" + " + more)]
    assert len(products) == 1 and "(+" not in " ".join(frame.board) and "（+" not in " ".join(frame.board)
    vectors = [line for line in frame.board if line.startswith("[") and "122" in line]
    items = text("ja", "board.more_items", n=122)  # 「[1.823, …, …（ほか122個）]」
    assert len(vectors) == 2 and all(line.endswith(", " + items + "]") for line in vectors)  # inputs and column

def test_worked_sum_says_when_its_digits_cannot_round_to_the_model():
    xs, ws = np.full(ALL_TERMS, 0.1234), np.full(ALL_TERMS, 0.5)
    right = float(np.dot(xs, ws))  # 1.9744: 2 decimals give 0.12 × 0.50 × 32 = 1.92, 3 give 1.968
    worked = worked_sum(xs, ws, [0.0], right)
    assert worked.exact and worked.inputs[0] == "0.123" and worked.total == "1.9680"
    def note(model):  # no digits make it: 3 decimals, and the board says how far off
        worked = worked_sum(xs, ws, [0.0], model)
        assert not worked.exact and worked.inputs[0] == "0.123"
        return sum_lines(lambda key, **v: text("en", key, **v), worked, "", "", "", "worked.card_products",
                         "worked.on_card", "worked.card_total_long")[-1]
    assert note(right + 0.008) == "(rounded digits: the last one can differ)"  # 1.968 against 1.98
    assert note(right + 0.05) == "(the digits shown are too few to reach the model's number)"  # against 2.02
    assert worked_sum(xs, ws, [float("inf")], right) is None


@pytest.mark.parametrize("lead, first_row", [(None, 4), ("x · w + b = ", 3), ("xとwの内積 + b = ", 3)])
def test_a_sum_whose_lead_names_its_left_side_puts_one_product_fewer_on_its_first_row(lead, first_row):
    """sum_lines' lead, when given, is the sum's named left side (fix22: a 4:3 board's line holds it and 3 products);
    without one the products start with a bare "= " and fill the row (PRODUCTS_PER_LINE)."""
    xs, ws = np.full(12, 0.5), np.full(12, 0.25)
    lines = sum_lines(lambda key, **v: text("en", key, **v), worked_sum(xs, ws, [0.0], float(xs @ ws)), "", "", "",
                      "worked.card_products", "worked.on_card", "worked.card_total_long", lead=lead)
    first = next(line for line in lines if line.startswith(lead or "= "))
    assert first.count("0.1250") == first_row
    assert sum(line.count("0.1250") for line in lines) == 12
