"""teacher8's Japanese (M1-M4, M6, L2, L3, L6), on the real narration, boards and messages of the shipped model:
one notebook per student (the token vector is not called a notebook), 「ノート1冊に24個の数」, chapter 12's desk
says which notebook it shows, the comparison names a seat's student once, and one word per idea."""
from __future__ import annotations

import re

import pytest

from classroom_gui.lesson.compare import changed_text
from classroom_gui.lesson.gallery import gallery_file, load_gallery
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import table, text
from classroom_gui.model.sentence import run_sentence
from classroom_gui.resources import teaching_model_dir

JA = "猫がマットの上に座った"


@pytest.fixture(scope="module")
def trace(checkpoint):
    return run_sentence(checkpoint, JA, "none").trace


def at(trace, key, **sel):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    return frame_at(trace, Selection(lang="ja", **sel), timeline.beat_stop(i))


def test_step_2_calls_the_token_vector_by_its_name_not_a_second_notebook(trace):
    said = at(trace, "embedding.token", focus=0).narration
    assert "「猫」の単語ベクトルは" in said and "「猫」のノート" not in said
    assert "「猫」のノートは" in at(trace, "embedding.sum", focus=0).narration  # the notebook is named when it is made


def test_the_model_line_counts_numbers_per_notebook_not_notebooks(checkpoint):
    c = checkpoint.config
    line = text("ja", "ui.model_info", layers=c.n_layer, heads=c.n_head, width=c.n_embd)
    assert line == f"モデル：{c.n_layer}層・各{c.n_head}ヘッド、ノート1冊に{c.n_embd}個の数"
    assert f"ノート1冊に{c.n_embd}個の数" in text("ja", "about.model", path="p", layers=1, heads=1, width=c.n_embd,
                                               vocab=1, size=1)


def test_chapter_12s_desks_say_which_layer_their_notebook_goes_into(trace):
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beats = [i for i, b in enumerate(timeline.beats) if b.key == "layers.layer"]
    for k, i in enumerate(beats):
        frame = frame_at(trace, Selection(lang="ja"), timeline.beat_stop(i))
        assert frame.class_strips.labels[0] == f"第{k + 1}層に入るときのノート"
        assert frame.board[0].startswith(f"第{k + 1}層を終えた")  # the board: the same student's after it


def test_the_comparison_names_the_seats_student_once_when_both_classes_have_it():
    change = {"changed": True, "seat": 2, "word_a": "が", "word_b": "が", "share_a": 0.22, "share_b": 0.23}
    said = changed_text("ja", change)
    assert said == "いちばん変わったのは2番の席の「が」です。質問する生徒が「が」に向ける割合は、クラス1で0.22、クラス2で0.23です。"
    other = changed_text("ja", {**change, "word_b": "は"})
    assert "クラス1（「が」）で0.22" in other and "クラス2（「は」）で0.23" in other


def test_one_word_per_idea_in_japanese():
    ja = "\n".join(v for v in table("ja").values() if isinstance(v, str))
    assert "声" not in ja and "話を聞" in ja            # 話を聞く, not also 声を聞く
    assert "ばらつき" not in ja and "標準偏差" in ja      # the board's word in the glossary too
    assert "かけ合わせ" not in ja
    assert not re.search("(?<!「)もしもの変更", ja)  # 「もしも」の変更: 「前の文…ともしもの変更」 read as とも
    assert " / " not in table("ja")["help.play"]


def test_the_gallery_says_why_in_sentences_that_follow():
    said = [ex.what["ja"] for ex in load_gallery(gallery_file(teaching_model_dir()))]
    assert any("何をしたか（「sat」）と、どこで（「mat」）を聞いて" in w for w in said)
    assert any(w.startswith("「tired」（疲れていた）と言えるのは生き物なので") for w in said)
    assert not any("どこでしたかで" in w or "生き物のことなので" in w for w in said)
