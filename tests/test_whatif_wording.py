"""teacher20 L5: a what-if of a score said 「「遊んだ」から「公園」へのスコア」 (and '"played" → "park"'), which names
neither who asks nor who answers; the scoring chapter says 「「遊んだ」の質問に「公園」が答えます」. The edit now reads in the
chapter's words, in the narration, the dialog's question and the Undo label; and the dialog asks for 「新しい数」 beside
「変える数」 and 「モデルそのままの数」, not 「新しい値」."""
from __future__ import annotations


from classroom_gui.lesson.strings import quote, text
from classroom_gui.lesson.whatif_words import describe, named
from classroom_gui.model.whatif import Edit

TOKENS = ["少年", "が", "雨", "の", "日", "に", "公園", "で", "友達", "と", "遊んだ"]
EDIT = Edit("score", 0, 0, 10, 6, 8.0)  # 「遊んだ」 (seat 11) asks, 「公園」 (seat 7) answers: 8


def test_a_score_edit_names_who_asks_and_who_answers_as_the_scoring_chapter_does():
    asker, classmate = quote("ja", "遊んだ"), quote("ja", "公園")
    chapter = text("ja", "scoring.classmate", focus=asker, name=classmate, score="2.07", d=8)
    said = describe("ja", EDIT, TOKENS)
    assert said == "「遊んだ」の質問に「公園」が答えるスコアが8だったら（第1層、ヘッド1）"
    asks = f"{asker}の質問に{classmate}が答え"
    assert chapter.startswith(asks) and said.startswith(asks)  # the chapter's words, who asks first
    assert describe("ja", EDIT, TOKENS, with_value=False) == "「遊んだ」の質問に「公園」が答えるスコア（第1層、ヘッド1）"
    narration = text("ja", "whatif.narration", n=1, edits=named("ja", (EDIT,), TOKENS))
    assert narration.startswith("もしも「遊んだ」の質問に「公園」が答えるスコアが8だったら") and "から" not in narration


def test_in_english_the_score_edit_says_who_answers_whom():
    tokens = ["The", "boy", "played", "in", "the", "park"]
    said = describe("en", Edit("score", 0, 0, 2, 5, 8.0), tokens)
    assert said == 'score of "park" answering "played" set to 8 (layer 1, head 1)'
    assert "→" not in said


def test_the_undo_label_and_the_dialog_say_it_the_same_way():
    from classroom_gui.lesson.whatif_state import Change, change_text

    change = Change((), (EDIT,), EDIT)
    assert change_text("ja", change, TOKENS) == "「遊んだ」の質問に「公園」が答えるスコアの変更"
    assert change_text("en", change, TOKENS) == 'score edit of "公園" answering "遊んだ"'
    assert text("ja", "whatif.field.value") == "新しい数"  # beside 「変える数」「モデルそのままの数」
    assert text("ja", "whatif.ask", what="…", own="2.07").endswith("\nモデルそのままの数：2.07\n新しい数：")
    assert "値" not in text("ja", "whatif.ask", what="…", own="2.07")


def test_a_mask_edits_undo_label_says_who_hears_whom():
    """jareview4 #10: the Undo label of a mask edit kept the retired 「「遊んだ」から「公園」へのマスクの変更」, which does
    not say who hears whom; it now says it as the dialog asks it (「…に…の話が聞こえるか」: whatif.ask_mask and
    whatif.place_mask, one wording for one idea: JAPANESE.md), its kind first."""
    from classroom_gui.lesson.whatif_state import Change, change_text

    edit = Edit("mask", 0, 0, 10, 6, 1.0)  # may 「遊んだ」 (seat 11) hear 「公園」 (seat 7)?
    said = change_text("ja", Change((), (edit,), edit), TOKENS)
    assert said == "マスクの変更（「遊んだ」に「公園」の話が聞こえるか）" and "から" not in said
    asked = text("ja", "whatif.ask_mask", asker="「遊んだ」", classmate="「公園」", layer=1)
    assert "「遊んだ」に「公園」の話が聞こえるか" in asked  # the dialog's question, in the same words
