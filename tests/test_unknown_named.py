"""Words the model does not know are named as the user typed them (P7): "zorblax", 「スヤスヤ」, never their pieces
("z, or, b, la, x" called the known pieces "or", "be" and "mat" unknown words), in the command line's note and in
the caption; the trace's per-token flags (issue #11) still mark every piece, and its header says how."""
from __future__ import annotations

from classroom_gui.cli import main
from classroom_gui.lesson.state import notices_for, prepared_run

EN = "The zorblax flibbered on the quuxmat"
JA = "猫がソファーでスヤスヤ寝た"


def test_the_trace_names_the_words_and_marks_the_pieces(capsys):
    assert main(["trace", "--text", EN]) == 0
    out, err = capsys.readouterr()
    note = next(line for line in err.splitlines() if "unknown to the model" in line)
    assert note == "note: unknown to the model: zorblax, flibbered, quuxmat (the model reads each as pieces)"
    rows = [line for line in out.splitlines() if line.startswith("  ") and " id " in line]
    marked = [line.split()[1] for line in rows if line.rstrip().endswith("unknown")]
    assert "".join(marked) == "zorblaxflibberedquuxmat"  # every piece marked, as the header says
    assert '"unknown" marks a piece of a word the model does not know' in out


def test_the_caption_names_the_words_in_both_languages(checkpoint):
    en = prepared_run(checkpoint, EN, "none")
    assert en.unknown_words == ["zorblax", "flibbered", "quuxmat"] and en.trace.unknown.count(True) == 16
    assert notices_for(en, "en")[-1] == 'Unknown to the model: "zorblax", "flibbered", "quuxmat"'
    ja = prepared_run(checkpoint, JA, "none")
    assert ja.unknown_words == ["スヤスヤ"]
    assert notices_for(ja, "ja")[-1] == "モデルが知らない単語：「スヤスヤ」"


def test_an_unknown_japanese_word_is_named_and_marked_whole(checkpoint):
    """teacher6 M4: 「先生は量子コンピュータの本を読んだ」 named 「コ」「ピュ」「タ」 and marked コ, ピ, ュ, タ but not
    ン or ー (words of the vocabulary), nor 量子, read as the single kanji 量 and 子. The words are named as typed
    and each of their pieces marked; the ids, and so the model's numbers, stay as read; the sentence editor's
    marks are the same spans."""
    from classroom_gui.model.unknown_words import unknown_spans

    text = "先生は量子コンピュータの本を読んだ"
    run = prepared_run(checkpoint, text, "none")
    assert run.unknown_words == ["量子", "コンピュータ"]
    assert notices_for(run, "ja")[-1] == "モデルが知らない単語：「量子」「コンピュータ」"
    marked = [t for t, u in zip(run.trace.tokens, run.trace.unknown) if u]
    assert "".join(marked) == "量子コンピュータ"
    assert list(run.trace.token_ids) == [t.id for t in checkpoint.tokenizer.encode(text)]
    assert [text[a:b] for a, b in unknown_spans(checkpoint.tokenizer, text)] == ["量子", "コンピュータ"]
    known = prepared_run(checkpoint, "猫がマットの上に座った", "none")  # words the vocabulary has stay unmarked
    assert not any(known.trace.unknown) and known.unknown_words == []


def test_punctuation_splits_unknown_words_and_is_named_as_a_mark(checkpoint):
    """teacher30 #4: 「…追いかけて、夕方…」 named 「けて、夕方」 as one unknown word, across the 「、」 the teaching model
    does not know either (a piece, not a word of its vocabulary). The words either side are two, and the mark is
    named on a line of its own as a mark read as unknown, in the caption and in the command line's note."""
    from classroom_gui.lesson.state import english_notices

    run = prepared_run(checkpoint, "友だちとボールを追いかけて、夕方になると静かに眠った。", "none")
    assert "、" in run.unknown_words and not any("、" in w and w != "、" for w in run.unknown_words)
    words, marks = notices_for(run, "ja")[-2:]
    assert "「追いかけて」「夕方」" in words and "、" not in words  # the kana tail with its word's head (teacher40 #7)
    assert marks.startswith("モデルが知らない記号：「、」")
    en = notices_for(run, "en")[-1]
    assert '"、"' in en and "unknown" in en.lower()
    assert "punctuation unknown to the model: 、" in english_notices(run)[-1]
    latin = prepared_run(checkpoint, "The cat sat on the mat!", "none")  # "mat" is known: the mark alone is named
    assert latin.unknown_words == ["!"] and notices_for(latin, "en")[-1].startswith("Punctuation unknown")


def test_an_unknown_kana_tail_is_named_with_the_word_it_ends(checkpoint):
    """teacher32 #8: in 「…とても笑った。」 the teaching model knows 「笑」 but not 「っ」 nor 「た」, each a student with its
    "?"; the note named 「った」, no word. teacher40 #7: naming the pieces 「っ」「た」 named no word either; the teacher
    typed 「笑った」, and 「弾いた」 (「ピアノ」 and 「弾いた」, not 「ピアノ」「い」「た」). The desks still mark the pieces."""
    run = prepared_run(checkpoint, "私はとても笑った。", "none")
    assert [t for t, u in zip(run.trace.tokens, run.trace.unknown) if u] == ["っ", "た"]
    assert run.unknown_words == ["笑った"]
    assert notices_for(run, "ja")[-1] == "モデルが知らない単語：「笑った」"
    piano = prepared_run(checkpoint, "猫がピアノを弾いた", "none")
    assert notices_for(piano, "ja")[-1] == "モデルが知らない単語：「ピアノ」「弾いた」"
    assert [t for t, u in zip(piano.trace.tokens, piano.trace.unknown) if u] == ["ピ", "ア", "ノ", "い", "た"]
    across = prepared_run(checkpoint, "犬が走っていた", "none")  # a known piece (って) inside the word: one name
    assert across.unknown_words == ["走っていた"]


def test_a_kana_tail_after_a_particle_keeps_its_pieces_names(checkpoint):
    """No head touches 「い」「た」 after the particle 「が」: the note does not reach back over it to 「猫がいた」."""
    run = prepared_run(checkpoint, "猫がいた", "none")
    assert run.unknown_words == ["い", "た"]
