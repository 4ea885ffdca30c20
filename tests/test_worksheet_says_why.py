"""teacher20 L4: the worksheet never said what exp is, and its switch to 順番に発言 and to another asker (「日」 for
「少年が雨の日に公園で友達と遊んだ」, 「上」 for the seed; the lesson asks 「遊んだ」/「猫」 in discussion) was said only on the
terminal. The sheet now states its rule in words and why it is worked in turn and who asks, and gives a one-line hint
for exp, in both languages; from the command line and from the window alike."""
from __future__ import annotations

import pytest
from test_worksheet import pdf_pages

from classroom_gui.cli import main

MINE = "少年が雨の日に公園で友達と遊んだ"
SEED = {"ja": "猫が座った", "en": "The cat sat"}  # short enough for a sheet in discussion


def squeezed(pages) -> str:
    return "".join("".join(pages).split())  # pypdf cuts Japanese runs with spaces


@pytest.mark.parametrize("lang,said", [
    ("ja", ["話し合い：全員が全員の話を聞きます。", "「遊んだ」が質問カードを掲げ、11人全員の話を聞きます。", "ほか6人",
            "このシートでは11番の席の「遊んだ」が質問します。",
            "expはeの累乗です：exp(x) = eˣ（e≒2.718）", "関数電卓のeˣキーで計算できます。"]),
    ("en", ["Discussion: every student hears every other.", '"遊んだ" holds up its question card and listens to all 11.',
            "the other 6", 'This sheet\'s asker is "遊んだ" (seat 11).', "exp(x) is e to the power x, eˣ (e ≈ 2.718)", "calculator's eˣ key"])])
def test_the_sheet_says_its_rule_its_asker_and_what_exp_is(qapp, tmp_path, capsys, lang, said):
    """fix65 (teacher31 #4): the lesson's own asker and rule (it was worked in turn, 「日」 asking), its 5 rows and the
    other 6 in one; not in turn, and the note says who asks where the sentence has no "cat" (default_focus)."""
    out = tmp_path / "sheet.pdf"
    assert main(["worksheet", "--text", MINE, "--lang", lang, "-o", str(out)]) == 0
    capsys.readouterr()
    pages = pdf_pages(out)
    assert len(pages) == 2  # the exercise still on one page, the key on the next
    exercise = squeezed(pages[:1])
    for words in said:
        assert "".join(words.split()) in exercise, words
    assert "順番に発言" not in exercise and "workedinturn" not in exercise


def test_the_lessons_own_asker_and_rule_need_no_note(qapp, tmp_path, capsys):
    out = tmp_path / "sheet.pdf"  # in turn, cat (seat 2) hears 2: nothing switched, only the rule and the exp hint
    assert main(["worksheet", "--text", "The cat sat on the mat", "--mask", "causal", "-o", str(out)]) == 0
    capsys.readouterr()
    exercise = squeezed(pdf_pages(out)[:1])
    assert "Inturn:astudenthearsonlythosewhohavespoken" in exercise and "e≈2.718" in exercise
    assert "asker is" not in exercise and "worked in turn" not in exercise


def test_a_sheet_from_the_window_is_the_class_on_screen(qtbot, tmp_path, checkpoint):
    from helpers import window_on

    from classroom_gui.view import export_dialogs

    w = window_on(qtbot, checkpoint, str(tmp_path / "settings.ini"), show=False)
    w.sentence.setText("猫がマットの上に座った")
    w.apply_sentence()
    qtbot.waitUntil(lambda: w.run is not None)
    w.model.select(focus=2, layer=0, head=0, lang="ja", rule="none")  # discussion: 「マット」 hears all 7
    out = export_dialogs.export_worksheet(w.model, w, tmp_path / "w.pdf", paper="a4")
    exercise = squeezed(pdf_pages(out)[:1])
    assert "話し合い：全員が全員の話を聞きます。" in exercise and "順番に発言" not in exercise  # (fix65: not in turn)
    assert "7人全員の話を聞きます" in exercise and "ほか2人" in exercise
    assert "が質問します" not in exercise  # the window's asker is the one on screen


@pytest.mark.parametrize("lang,said,window", [
    ("ja", "話し合い：全員が全員の話を聞きます。", ["BERT", "たとえ話", "マスクなし"]),
    ("en", "Discussion: every student hears every other.", ["BERT", "story", "no mask"])])
def test_a_discussion_sheet_says_its_rule_in_the_sheets_own_words(qapp, tmp_path, capsys, lang, said, window):
    """jareview4 #8: the sheet printed the window's tip (「マスクなし。最初のたとえ話やBERTと同じ」, 「GPTの因果マスク」),
    words that mean something only in the window; the sheet has its own, and the window's tips stay."""
    from classroom_gui.lesson.strings import text

    out = tmp_path / "sheet.pdf"
    assert main(["worksheet", "--text", SEED[lang], "--mask", "none", "--lang", lang, "-o", str(out)]) == 0
    capsys.readouterr()
    exercise = squeezed(pdf_pages(out)[:1])
    assert "".join(said.split()) in exercise
    assert not [w for w in window if "".join(w.split()) in exercise]
    assert all(w in text(lang, "ui.rule_none_tip") for w in window)  # the window's tip still says them
    # the window's tip names GPT's mask (「GPTのマスク」 since teacher40 #13: JAPANESE.md's term is マスク); the sheet's
    # rule says it in the sheet's own words
    assert "GPTのマスク" in text("ja", "ui.rule_causal_tip") and "マスク" not in text("ja", "worksheet.rule_causal")
