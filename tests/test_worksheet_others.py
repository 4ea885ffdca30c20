"""teacher31 #4: no worksheet was possible for the lesson's own asker: "it" hears all 11 in discussion (the gallery's
"…too tired", layer 3, head 1), the seed's 「猫」 all 7, and a sheet had room for 2 to 5, so the teacher was told to
choose another student, one the lesson never discussed. Now the sheet keeps the asker's row and its 4 strongest
classmates, and the rest of the class is one row whose part of the sum ④ and of each number of ⑥ is printed as one
exact number to add (as the boards' long lists do: long_lists.others_sum). Every number the student works out still
redoes exactly from the printed digits, and the key agrees with the model's own values (the window's boards)."""
from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from test_worksheet import half_up, pdf_pages

from classroom_gui.cli import main
from classroom_gui.lesson.worksheet import build_worksheet, choose_asker, printed
from classroom_gui.model.sentence import run_sentence

TIRED = "The animal didn't cross the street because it was too tired"
IT, LAYER, HEAD = 7, 2, 0  # the gallery example's asker, layer 3, head 1


@pytest.fixture(scope="module")
def tired(checkpoint):
    return run_sentence(checkpoint, TIRED, "none").trace


def exp3(x: F) -> F:
    return half_up(F(math.exp(float(x))).limit_denominator(10 ** 12), 3)


def redo(ws):
    """The student's work from the sheet's printed strings only: its rows, then the others' printed parts added."""
    q = [F(x) for x in ws.query]
    dots = [half_up(sum(a * F(b) for a, b in zip(q, k)), 2) for k in ws.keys]
    scaled = [half_up(s / F(ws.divisor), 2) for s in dots]
    exps = [exp3(s) for s in scaled]
    total = sum(exps) + F(ws.others_exp)
    shares = [half_up(e / total, 3) for e in exps]
    others_share = half_up(F(ws.others_exp) / total, 3)
    context = [half_up(sum(w * F(v[i]) for w, v in zip(shares, ws.values)) + F(ws.others_context[i]), 2)
               for i in range(ws.d)]
    return dots, scaled, exps, total, shares, others_share, context


def test_the_lessons_asker_who_hears_11_gets_a_sheet(tired):
    asker = choose_asker(tired, LAYER, IT, None)  # was refused: "In discussion "it" listens to all 11 …"
    ws = build_worksheet(tired, asker, LAYER, HEAD)
    weights = tired.layers[LAYER].head(HEAD).weights[IT]
    strongest = sorted((j for j in range(11) if j != IT), key=lambda j: -weights[j])[:4]
    assert ws.hears == 11 and ws.heard == sorted([IT] + strongest) and len(ws.keys) == len(ws.values) == 5
    assert ws.others == [j for j in range(11) if j not in ws.heard]


@pytest.mark.parametrize("layer, head", [(LAYER, HEAD), (0, 0), (1, 2)])
def test_every_answer_redoes_from_the_printed_digits(tired, layer, head):
    ws = build_worksheet(tired, IT, layer, head)
    dots, scaled, exps, total, shares, others_share, context = redo(ws)
    assert [F(x) for x in ws.dots] == dots and [F(x) for x in ws.scaled] == scaled
    assert [F(x) for x in ws.exps] == exps and F(ws.total) == total
    assert [F(x) for x in ws.shares] == shares and F(ws.others_share) == others_share
    assert [F(x) for x in ws.context] == context
    assert abs(sum(shares) + others_share - 1) <= F(6, 1000)  # the sheet's check: they add up to 1, give or take


def test_the_others_parts_are_exact_sums_of_their_cards_worked_by_the_same_rules(tired):
    """The two given numbers are no model values: the others' cards (2 decimals, as a row's) worked as a row is,
    their exps and their share × opinion added exactly, so a row's share and ⑥ are what the whole class gives."""
    ws = build_worksheet(tired, IT, LAYER, HEAD)
    H = tired.layers[LAYER].head(HEAD)
    q = [F(x) for x in ws.query]
    everyone = ws.heard + ws.others
    exps = {j: exp3(half_up(half_up(sum(a * F(printed(b, "card")) for a, b in zip(q, H.k[j])), 2) / F(ws.divisor), 2))
            for j in everyone}
    total = sum(exps.values())
    assert F(ws.others_exp) == sum(exps[j] for j in ws.others) and F(ws.total) == total
    share = {j: half_up(exps[j] / total, 3) for j in everyone}
    for i, part in enumerate(ws.others_context):
        assert F(part) == sum(share[j] * F(printed(H.v[j][i], "card")) for j in ws.others), i
        assert not part.startswith("-0.00000")


def test_the_key_agrees_with_the_model(tired):
    """The grey values are the model's own (what the window's boards show), and every hand answer rounds to them
    but for the sheet's rounding."""
    ws = build_worksheet(tired, IT, LAYER, HEAD)
    H = tired.layers[LAYER].head(HEAD)
    assert ws.model_shares == pytest.approx([float(H.weights[IT, j]) for j in ws.heard], abs=0)
    assert ws.model_others_share == pytest.approx(float(H.weights[IT, ws.others].sum()), abs=1e-12)
    assert ws.model_total == pytest.approx(float(np.exp(H.scaled[IT].astype(np.float64)).sum()), rel=1e-9)
    assert ws.model_context == pytest.approx([float(x) for x in H.context[IT]], abs=0)
    assert ws.model_others_context == pytest.approx([float(x) for x in H.weights[IT, ws.others] @ H.v[ws.others]],
                                                    abs=1e-9)
    for hand, model in zip(ws.shares + [ws.others_share], ws.model_shares + [ws.model_others_share]):
        assert abs(float(hand) - model) < 0.01
    for hand, model in zip(ws.context, ws.model_context):
        assert abs(float(hand) - model) < 0.05


@pytest.mark.parametrize("lang, others", [("en", "the other 6"), ("ja", "ほか6人")])
def test_the_pdf_prints_the_given_parts_on_both_pages_and_the_answers_on_the_key(qapp, checkpoint, tmp_path, capsys,
                                                                                 lang, others):
    out = tmp_path / "it.pdf"
    assert main(["worksheet", "--text", TIRED, "--lang", lang, "--focus", "it", "--layer", "3", "--head", "1",
                 "-o", str(out)]) == 0
    assert ("listens to 11" if lang == "en" else "11人の話を聞きます") in capsys.readouterr().err
    pages = pdf_pages(out)
    assert len(pages) == 2
    ws = build_worksheet(run_sentence(checkpoint, TIRED, "none").trace, IT, LAYER, HEAD, lang)
    given = [ws.others_exp, *ws.others_context]
    for page in pages:
        squeezed = "".join(page.split())
        assert "".join(others.split()) in squeezed and ("+" + ws.others_exp) in squeezed
        assert all(x in page for x in given)
    answers = ws.exps + [ws.total, ws.others_share] + ws.shares + ws.context
    assert all(x in pages[1] for x in answers)
    assert not {ws.total, ws.others_share} & set(pages[0].split())  # the exercise leaves them blank
    # student35 #9: the exercise asks for the others' share (its cell was empty and nothing asked, so the shares
    # the page had the student work out added up to 0.985, not 1); the key answers it
    ask = f"{ws.others_exp} ÷ ④ ="
    assert ask in pages[0] and ask not in pages[1]
    asked = "the others' row too: their share ⑤" if lang == "en" else "ほか6人の行の⑤割合も"
    assert "".join(asked.split()) in "".join(pages[0].split())  # (a line may break inside it)


def test_the_seed_in_discussion_keeps_its_asker(checkpoint):
    """The seed's 「猫」 hears all 7 in discussion: its sheet, not another student's in turn."""
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    ws = build_worksheet(trace, choose_asker(trace, 0, 0, None), 0, 0, "ja")
    assert ws.asker == 0 and ws.rule == "none" and ws.hears == 7 and len(ws.others) == 2
    assert [F(x) for x in ws.context] == redo(ws)[-1]
