"""Japanese wording (teacher3 L8), on the real caption and the real chapter 10 board: a long sentence's caption
counts students (生徒), not トークン, as JAPANESE.md says; the LayerNorm board's last line is a sentence (。) that
names the card without 「」 (they mark students), and its formula keeps half-width = and + like every other board."""
from __future__ import annotations

from classroom_gui.lesson.state import Selection, frame_at, notices_for, timeline_for
from classroom_gui.model.sentence import run_sentence


def test_a_long_sentence_caption_counts_students(checkpoint):
    run = run_sentence(checkpoint, "猫がマットの上に座った。" * 20, "none")
    caption = " ".join(notices_for(run, "ja"))
    limit = run.trace.n_tokens
    assert f"最初の{limit}人まで" in caption and "生徒" in caption and "トークン" not in caption


def test_the_layernorm_board_ends_with_a_sentence_and_half_width_formulas(checkpoint):
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    frames = [frame_at(trace, Selection(focus=0, lang="ja"), timeline.beat_stop(i)) for i in range(len(timeline))]
    board = next(f.board for f in frames if f.beat_key == "heads.residual")
    learned = next(line for line in board if "レイヤー正規化カード" in line)  # then the first number worked out
    assert learned.endswith("。") and "「レイヤー正規化」" not in learned
    # = and + half-width, as on every other board (brackets next to Japanese stay full-width: test_lecture_ready)
    assert not any("＝" in line or "＋" in line for line in board)
    assert any(line.startswith("標準偏差 = √((x - μ)²") and "ε = " in line for line in board)  # (teacher40 #13)


def test_one_spelling_per_word():
    """teacher6 L5: フォルダー and フォルダ, いちばん and 一番 were both used; the About heading was the English one.
    (The answer board's exp（（z − 22.60）÷ 1.0） beside exp((22.60 − 22.60) ÷ 1.0) stays: a half-width bracket may
    not touch Japanese, and the board's arithmetic check reads only half-width brackets.)"""
    import re

    from classroom_gui.lesson.strings import table
    ja = table("ja")
    said = "\n".join(v for v in ja.values() if isinstance(v, str))
    assert "一番" not in said and "いちばん" in said
    assert not re.search("フォルダ(?!ー)", said) and "フォルダー" in said
    assert ja["about.name"] != table("en")["about.name"] and "バージョン" in ja["about.name"]
