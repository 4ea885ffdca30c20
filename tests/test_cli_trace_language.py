"""teacher9 M5: `trace --lang ja` printed its whole table in English ("model:", "rule:", "tokens", "attention
weights", "next word after"). Its headings are now Japanese under --lang ja (the tokens, ids and numbers stay the
model's own); without --lang the table reads as before."""
from __future__ import annotations

import re

from classroom_gui.cli import main
from classroom_gui.messages.fit import columns
from classroom_gui.resources import teaching_model_dir

CAT = ["trace", "--text", "猫がマットの上に座った", "--top", "2", "--mask", "causal"]  # in turn: its dots and their reasons


def _out(capsys, argv) -> list[str]:
    assert main(argv) == 0
    return capsys.readouterr().out.splitlines()


def test_trace_headings_are_japanese_under_lang_ja(capsys):
    lines = _out(capsys, [*CAT, "--lang", "ja", "--set", "mask[1,3,1]=1"])
    model = str(teaching_model_dir())
    assert lines[0] == f"モデル：{model}（全3層・各3ヘッド、n_embd 24、d_head 8、文脈の長さ64、語彙4695語）"
    assert lines[1].startswith("フィードフォワード：隠れユニット96個、") and lines[1].endswith("（第1〜3層）。答えの計算：wte")
    assert lines[2] == "ルール：順番に発言（GPT。生徒はもう話した人の話だけを聞きます）"
    assert lines[3] == "もしも「マット」に「猫」の話が聞こえなかったら（第1層、全ヘッド）、と仮定して計算しています。モデルそのままの数ではありません。"
    assert lines[4].startswith("生徒（7人。")
    assert lines[5].split() == ["席", "生徒", "id"] and columns(lines[5]) == columns(lines[6].split(" id ")[0]) + 3
    assert ("第1層 ヘッド1：注意の重み（行の生徒が列の生徒の話を聞きます。「.」：まだ話していない、または「もしも」の変更で聞こえない）"
            in lines)
    assert lines[-3] == "「座った」の次の単語："
    headings = "\n".join(line.replace(model, "") for line in lines if not re.match(r"\s*\d|\S+\s+[\d.]", line))
    for english in ("model", "rule", "tokens", "seat", "token ", "layer", "head", "attention", "next word", "what if"):
        assert english not in headings, (english, headings)


def test_trace_marks_unknown_pieces_and_the_discussion_rule_in_japanese(capsys):
    lines = _out(capsys, ["trace", "--text", "猫 zq", "--mask", "none", "--lang", "ja"])
    assert lines[2] == "ルール：話し合い（全員が全員の話を聞きます）"
    assert [line.split()[-1] for line in lines[6:8]] == ["未知", "未知"]  # seats 2 and 3: the pieces of 「zq」
    assert "第3層 ヘッド3：注意の重み（行の生徒が列の生徒の話を聞きます）" in lines  # discussion: no dots to explain


def test_trace_table_stays_english_without_lang(capsys):
    lines = _out(capsys, [*CAT, "--set", "mask[1,3,1]=1"])
    assert lines[0] == f"model: {teaching_model_dir()} (3 layers x 3 heads, n_embd 24, d_head 8, context 64, vocab 4695)"
    assert lines[2] == "rule: causal (in turn: a student hears only those who have spoken)"
    assert lines[5] == "  seat  token             id"
    assert ("layer 1 head 1: attention weights (row listens to column; . = not yet spoken or cannot hear (what if))"
            in lines)
    assert lines[-3] == 'next word after "座った":'
