"""teacher40: words a Japanese teacher found against one-term-per-idea and JAPANESE.md. Finding 6: the worksheet
said 「位置1〜8」 and headed its table 「位置」 for the n-th number of a card, while 位置 is the lesson's word for
位置ベクトル (the boards say 「1番目の数」)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import classroom_gui
from classroom_gui.export.worksheet_pdf import worksheet_html
from classroom_gui.lesson.state import Selection, default_focus, frame_at, notices_for, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.lesson.worksheet import build_worksheet, choose_asker
from classroom_gui.model.sentence import run_sentence

STRINGS = Path(classroom_gui.__file__).parent / "messages" / "strings"


def ja_strings() -> dict[str, str]:
    return json.loads((STRINGS / "ja.json").read_text(encoding="utf-8"))


def test_position_names_only_the_position_vector_or_the_seat():
    """位置 stays for 位置ベクトル (and a seat's place in the sentence); never for 'the n-th number'."""
    for key, said in ja_strings().items():
        rest = said.replace("位置ベクトル", "").replace("文の中の位置", "").replace("授業の位置", "")
        assert "位置" not in rest, (key, said)


def test_the_worksheet_counts_a_cards_numbers_as_the_boards_do(checkpoint):
    text = "猫がマットの上に座った"
    trace = run_sentence(checkpoint, text, "none").trace
    ws = build_worksheet(trace, choose_asker(trace, 0, default_focus(trace.tokens), None), 0, 0, "ja")
    page = worksheet_html(ws, "model").replace(WORD_JOINER, "")
    assert f"1〜{ws.d}番目の数のそれぞれで" in page
    assert ">何番目<" in page
    assert "位置" not in page


@pytest.mark.parametrize("typed, said", [("The cat sat on the mat. The dog ran to the park. " * 5, False),
                                         (" The cat sat", False), ("The cat sat\n", False),
                                         ("The cat  sat", True), ("The cat\tsat ", True), ("The cat\nsat", True)])
def test_the_whitespace_notice_only_when_something_was_collapsed(checkpoint, typed, said):
    """teacher40 #9: single spaces and one trailing space showed 「続いた空白・タブ・改行をひとつの空白として読みます」;
    a space trimmed at either end is no run read as one."""
    run = run_sentence(checkpoint, typed, "causal")
    assert run.normalised == said
    shown = notices_for(run, "ja")
    assert any("続いた空白" in n for n in shown) == said, shown


def test_the_mask_is_called_マスク_and_the_spread_formula_is_half_width(checkpoint):
    """teacher40 #13: 「GPTの因果マスク」 in the glossary and the rule's tooltip, where JAPANESE.md's term is マスク;
    the LayerNorm board's 「√（（ノート - 平均）の2乗の平均 + ε）」 set a formula in full-width brackets. The formula
    is half-width, its letters said in words, so no half-width bracket touches Japanese."""
    said = ja_strings()
    assert not any("因果" in v for v in said.values())
    assert "GPTのマスク" in said["glossary.rule"] and "GPTのマスク" in said["ui.rule_causal_tip"]
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frames = [frame_at(trace, Selection(focus=0, lang="ja"), timeline.beat_stop(i)) for i in range(len(timeline))]
    board = next(f.board for f in frames if f.beat_key == "heads.residual")
    spread = next(line for line in board if line.startswith("標準偏差 ="))
    assert "（" not in spread and "√((x - μ)²の平均 + ε)" in spread, spread
    assert any("平均μ = " in line for line in board)  # μ said before the formula uses it
    assert not re.search(r"[\u3040-\u30ff\u3400-\u9fff「」、。（）：][()]|[()][\u3040-\u30ff\u3400-\u9fff「」、。（）：]",
                         spread), spread
