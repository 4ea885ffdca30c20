"""A what-if score keeps the scoring board honest: the products written out add up to the dot product the
cards give, that sum is shown, and the edited score follows on a line of its own; the narration calls the
edited value the score, never the dot product (teacher3 H1: the products added up to 7.16, then "= 6.00",
and the narration said "answers 6.00: the dot product")."""
from __future__ import annotations

import json
import re

import pytest

from classroom_gui.cli import main


@pytest.mark.parametrize("lang,text,edit,who", [
    ("en", "The cat sat on the mat", "score[1,1,cat,mat]=6", "mat"),
    ("ja", "猫がマットの上に座った", "score[1,1,猫,座った]=6", "座った")])
def test_an_edited_scores_board_adds_up_and_names_the_edit(tmp_path, lang, text, edit, who):
    # the step where the edited classmate answers: the scoring chapter's beats go seat by seat from step 9
    for beat in range(9, 20):
        out = tmp_path / f"{beat}.json"
        assert main(["export", "--text", text, "--lang", lang, "--set", edit, "--beat", str(beat),
                     "--size", "160x90", "-o", str(tmp_path / "x.png"), "--json", str(out), "--force"]) == 0
        numbers = json.loads(out.read_text(encoding="utf-8"))
        if numbers["moment"]["beat"] == "scoring.classmate" and (
                f"「{who}」の自己紹介" in numbers["board"][0] or f'self-intro of "{who}"' in numbers["board"][0]):
            break
    else:
        pytest.fail("no scoring step for the edited classmate")
    board = numbers["board"]
    sums = [line for line in board[1:-1] if "×" not in line]  # the products as written, then "= the sum"
    stated = sums[-1]
    products = [float(sign + v) for line in sums[:-1]
                for sign, v in re.findall(r"([-+]?)\s*(\d+\.\d+)", line.replace("=", ""))]
    assert len(products) == 8, sums
    assert abs(sum(products) - float(stated.split("=")[-1])) <= 0.01, board  # the board adds up
    assert "6.00" in board[-1] and ("what if" in board[-1] or "もしも" in board[-1]), board
    assert "6.00" not in stated
    narration = numbers["moment"]["narration"]
    assert ("dot product with" in narration or "との内積は" in narration) and "6.00" in narration
    assert "answers 6.00" not in narration and "スコアは6.00" not in narration
