"""Answer time's softmax can be redone from the board (teacher3 M5): it says how every probability is made,
exp((logit − the highest) ÷ temperature) ÷ the sum of those over the whole vocabulary, with that sum, works the
top word's line from the digits shown, and the chart's total says it is over every word (its ten bars alone
add up to less)."""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from classroom_gui.cli import main


@pytest.mark.parametrize("lang,text,temp", [("en", "The cat sat on the", "2.0"), ("ja", "猫がマットの上に座った", "1.0")])
def test_the_answer_softmax_redoes_from_the_board(tmp_path, lang, text, temp):
    from classroom_gui.model import load_checkpoint
    from classroom_gui.model.sentence import run_sentence
    from classroom_gui.resources import teaching_model_dir
    out = tmp_path / "a.json"
    assert main(["export", "--text", text, "--lang", lang, "--chapter", "answer", "--temperature", temp,
                 "--size", "160x90", "-o", str(tmp_path / "a.png"), "--json", str(out)]) == 0
    numbers = json.loads(out.read_text(encoding="utf-8"))
    rule, worked = numbers["board"][:2]
    v, high, t, total = re.search(r"([\d,]+)\D+exp\(\((?:logit|ロジット) − ([-\d.]+)\) ÷ ([\d.]+)\).*= ([\d.]+)",
                                  rule).groups()
    logits = run_sentence(load_checkpoint(teaching_model_dir()), text, "causal").trace.next_logits.astype(np.float64)
    assert int(v.replace(",", "")) == len(logits) and float(t) == float(temp)
    assert float(high) == pytest.approx(logits.max(), abs=0.005)
    assert float(total) == pytest.approx(np.exp((logits - logits.max()) / float(temp)).sum(), rel=1e-3)
    logit, high2, t2, total2, p = re.search(r"exp\(\(([-\d.]+) − ([-\d.]+)\) ÷ ([\d.]+)\) ÷ ([\d.]+) = ([\d.]+)",
                                            worked).groups()
    assert (high2, t2, total2) == (high, t, total)
    assert math.exp((float(logit) - float(high)) / float(t)) / float(total) == pytest.approx(float(p), abs=0.0015)
    assert f"{len(logits):,}" in numbers["bars"]["total"]
