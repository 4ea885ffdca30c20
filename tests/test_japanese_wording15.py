"""teacher15's Japanese (L3, L4) on the shipped model's narration, boards and glossary: one clause where both rules
agree, 「自分自身」 where a student listens most to itself, 「スコアは2.21です。」, a formula in half-width brackets,
the mask board's ⇒ named as the change of rule, no English in the CLI's note, and a glossary entry for every term
the narration uses (スコア, 割合（注意の重み）, 文脈ベクトル, アテンション行列), none for one it does not (加重平均)."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import WORD_JOINER
from classroom_gui.messages.phrase import Name, Phrase
from classroom_gui.model.sentence import run_sentence
from helpers import random_window


def at(trace, key, lang="ja", **sel):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    return frame_at(trace, Selection(lang=lang, **sel), timeline.beat_stop(i))


def test_both_rules_naming_the_same_student_say_it_once(checkpoint):
    trace = run_sentence(checkpoint, "少女が図書館で本を読んだ", "none").trace
    fr = at(trace, "mask.future", focus=6)
    assert fr.narration.endswith("どちらのルールでも、いちばんよく聞くのは「本」（0.42）です。")
    assert "順番に発言すると" not in fr.narration
    en = at(trace, "mask.future", lang="en", focus=6).narration
    assert en.endswith('Under both rules "読んだ" listens most to "本" (0.42).')
    # the board's ⇒ is the change of rule, said in a heading over the list (not a rounding of 0.128 to 0.13)
    # (fix81 may put its note on how the in-turn side redoes right under the heading)
    rows = [line for line in fr.board[1:] if not line.startswith(("（", "例："))]  # (fix85's worked example too)
    assert fr.board[0] == "割合：話し合い ⇒ 順番に発言" and rows[0] == "「少女」：0.127 ⇒ 0.127"


def test_a_student_that_listens_most_to_itself_says_itself(checkpoint):
    trace = run_sentence(checkpoint, "小さい白い犬が公園で友達とボールを見つけた", "causal").trace
    weights = trace.layers[0].weights[0, 10]
    assert int(weights.argmax()) == 10  # 「見つけた」 listens most to itself here
    said = at(trace, "softmax.weights", focus=10).narration
    assert said.endswith(f"「見つけた」がいちばんよく聞くのは自分自身（{weights[10]:.2f}）です。")
    assert at(trace, "softmax.weights", lang="en", focus=10).narration.endswith(
        f'"見つけた" listens most to itself ({weights[10]:.2f}).')
    other = at(trace, "softmax.weights", focus=2).narration  # another student: named
    assert "自分自身" not in other and re.search(r"いちばんよく聞くのは「[^」]+」（", other)


def test_the_score_sentence_ends_politely_and_the_answer_formula_is_half_width(checkpoint):
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "causal").trace
    assert re.search(r"スコアは-?\d+\.\d\dです。", at(trace, "scoring.classmate", focus=0).narration)
    board = at(trace, "answer.softmax").board
    # the formula on a line of its own, as a sum (Σ), so no half-width bracket touches Japanese (JAPANESE.md) and
    # the next line's "= 1.047" is the sum's value; before: 「exp((z - 16.41) ÷ 1.0)を足すと：」
    assert board[:3] == ["全4,695語の和（zはロジット）：", "Σ exp((z - 16.41) ÷ 1.0)", "  = 1.047"]


def test_the_cli_note_names_the_seed_asker_in_japanese_only():
    note = Phrase("cli.asker_no_cat", asker=Name("走った"), seat=5).said("ja")  # (the name quoted as the app quotes)
    assert note.startswith("この文には「猫」という生徒がいないので、5番の席の「走った」が質問します。")
    assert not re.search(r"[A-Za-z]", note.replace("--focus", ""))


def test_the_listening_board_calls_a_share_割合_and_the_table_アテンション行列(checkpoint):
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    fr = at(trace, "listening.merge", focus=0)
    said = " ".join(fr.board + [fr.heatmap.title])
    assert "割合" in said and "注意の重み" not in said
    # the one row's map names whose row it is (jareview8 #7), the table still アテンション行列
    assert fr.heatmap.title == "「猫」の行（アテンション行列）：第1層、ヘッド1"
    assert "文脈ベクトル" in fr.narration
    assert "アテンション行列" in at(trace, "everyone.matrix").narration


@pytest.mark.parametrize("lang, opens, not_there", [
    ("ja", ("スコア：", "割合（注意の重み）：", "文脈ベクトル：", "アテンション行列（注意の重みの表）："), "加重平均"),
    ("en", ("Score:", "Share (attention weight):", "Context vector:", "Attention matrix:"), "Weighted average")])
def test_the_glossary_has_the_narrations_terms(qtbot, tmp_path, lang, opens, not_there):
    from classroom_gui.view import dialogs

    window = random_window(qtbot, tmp_path)
    window.set_language(lang)
    dialog = dialogs.glossary_dialog(window, window.glossary_t)
    qtbot.addWidget(dialog)
    entries = [label.text().replace(WORD_JOINER, "") for label in dialog.findChildren(QLabel)]
    for term in opens:
        assert sum(e.startswith(term) for e in entries) == 1, term
    assert not any(e.startswith(not_there) for e in entries)
