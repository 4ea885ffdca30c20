"""teacher7 M4 and review10 #6: under --lang ja, worksheet's notes and "wrote …" line and the refusals of an empty
--text, a missing --model and a bad --set (export and worksheet alike) are Japanese, names in 「」; without --lang
they read byte for byte as before."""
from __future__ import annotations

import pytest

from classroom_gui.messages.phrase import say
from classroom_gui.model.whatif import EditError, parse_edit
from helpers import cli_err

TOKENS = ["猫", "が", "座った"]


@pytest.mark.parametrize("command", ["export", "worksheet"])
@pytest.mark.parametrize("args, en, ja", [
    (["--text", ""], "the sentence is empty: type a few words, e.g. 'The cat sat on the mat'",
     "文が空です。単語をいくつか入力してください（例：「猫がマットの上に座った」）。"),
    (["--text", "猫が座った", "--model", "{tmp}/nomodel"], "{tmp}/nomodel: model folder not found",
     "{tmp}/nomodel：モデルのフォルダーが見つかりません。"),
    (["--text", "猫が座った", "--set", "foo"],
     "--set cannot read the edit \"foo\"; write e.g. \"score[1,1,cat,sat]=2.5\" or \"q[1,1,cat,3]=0\"",
     "--set 「foo」を読めません。「score[1,1,cat,sat]=2.5」や「q[1,1,cat,3]=0」のように書いてください。"),
    (["--text", "猫が座った", "--set", "score[1,1,猫,犬]=2"],
     "--set score[1,1,猫,犬]=2: \"犬\" is not a student of this sentence",
     "--set score[1,1,猫,犬]=2：「犬」はこの文の生徒ではありません。"),
])
def test_a_refusal_is_said_in_the_chosen_language(capsys, tmp_path, command, args, en, ja):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    target = str(tmp_path / ("x.pdf" if command == "worksheet" else "x.png"))
    for lang, expected in (("ja", ja), ("en", en)):
        code, lines = cli_err(capsys, [command, *args, *(["--lang", lang] if lang == "ja" else []), "-o", target])
        error = "：エラー：" if lang == "ja" else ": error: "
        assert code == 2 and lines == [f"classroom-gui {command}{error}{expected.replace('{tmp}', str(tmp_path))}"]
    assert [p.name for p in tmp_path.iterdir()] == []


def test_a_worksheet_says_its_notes_in_japanese(capsys, tmp_path):
    target = tmp_path / "ws.pdf"
    code, lines = cli_err(capsys, ["worksheet", "--text", "猫がマットの上に座った", "--lang", "ja", "-o", str(target)])
    assert code == 0 and target.is_file()
    # the lesson's class and asker (fix65: it was worked in turn, 「上」 asking, with two notes): nothing to note
    assert lines == [f"書き出しました：{target}（「猫」は7人の話を聞きます。2ページで、解答は2ページ目です）"]
    code, lines = cli_err(capsys, ["worksheet", "--text", "猫がマットの上に座った", "-o", str(target), "--force"])
    assert code == 0 and lines == [f"wrote {target} (\"猫\" listens to 7 students; 2 pages, the answer key is page 2)"]
    code, lines = cli_err(capsys, ["worksheet", "--text", "猫がマットの上に座った", "--lang", "ja", "--mask", "causal",
                                "-o", str(target), "--force"])  # 猫 in seat 1 hears only itself: another asks
    assert code == 0 and lines[0] == ("注：「猫」は最初の席なので、自分の話しか聞こえません。代わりに7番の席の「座った」が"
                                      "質問します。質問する生徒は--focusで選べます。"), lines  # as the slides' asker


@pytest.mark.parametrize("spec", ["foo", "score[1,1,猫,9]=2", "score[1,1,猫,犬]=2", "score[1,1,猫,座った]=x",
                                  "score[1,1,猫,座った]=1e9", "mask[1,猫,が]=0.5", "score[3,1,猫,が]=1",
                                  "score[1,9,猫,が]=1", "q[1,1,猫,99]=1", "q[1,猫]=1", "mask[1,1,猫,が]=1",
                                  "score[1,猫,が]=1"])
def test_every_written_edit_refusal_has_a_key_whose_english_is_the_message(spec):
    with pytest.raises(EditError) as caught:
        parse_edit(spec, TOKENS, n_layer=2, n_head=2, d_head=8)
    phrase = caught.value.phrase
    assert phrase.key.startswith("edit.") and say("en", phrase.key, **phrase.values) == str(caught.value)
    ja = phrase.said("ja")
    assert ja != str(caught.value) and "'" not in ja


def test_the_default_asker_note_names_only_its_own_languages_word(capsys, tmp_path):
    """teacher19 L2: an English run said "there is no 'cat' (猫) in this sentence": each language names its own
    default asker only (English 'cat', Japanese 「猫」)."""
    import re

    from classroom_gui.cli_focus import default_asker_note

    note = default_asker_note(["The", "dog", "ate", "lunch"], 3)
    en, ja = note.said("en"), note.said("ja")
    assert '"cat"' in en and '"lunch" (seat 4) asks instead' in en
    assert not re.search(r"[\u3000-\u30ff\u4e00-\u9fff]", en)  # no kana, kanji or Japanese punctuation
    assert "「猫」" in ja and "cat" not in ja
    code, lines = cli_err(capsys, ["worksheet", "--text", "The dog ate lunch", "-o", str(tmp_path / "ws.pdf")])
    assert code == 0 and not any(re.search(r"[\u3000-\u30ff\u4e00-\u9fff]", line) for line in lines)


def test_the_wrote_line_gives_the_askers_seat_where_the_word_repeats(capsys, tmp_path):
    """jareview5 10: 「「猫」は3人の話を聞きます」 did not say which 「猫」 asks when the word sits twice."""
    target = tmp_path / "ws.pdf"
    base = ["worksheet", "--text", "猫が猫を見た", "--mask", "causal", "-o", str(target), "--force"]
    code, lines = cli_err(capsys, [*base, "--focus", "3", "--lang", "ja"])
    assert code == 0 and lines[-1].startswith(f"書き出しました：{target}（3番の席の「猫」は3人の話を聞きます。"), lines
    code, lines = cli_err(capsys, [*base, "--focus", "3"])
    assert code == 0 and lines[-1].startswith(f"wrote {target} (\"猫\" in seat 3 listens to 3 students;"), lines
    code, lines = cli_err(capsys, [*base, "--focus", "4", "--lang", "ja"])  # 「を」 sits once: no seat
    assert code == 0 and lines[-1].startswith(f"書き出しました：{target}（「を」は4人の話を聞きます。"), lines
