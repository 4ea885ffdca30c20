"""review25 #1: a symbol the font lacks was written as its code in the trace's tokens, so 「🐱🐱🐱が座った」 read
"U+1F431" three times as English words and its answer chart and quiz listed English ones. The tokens stay as typed
(the trace JSON, history); the code is drawn where names are drawn or printed (desks, captions, the CLI table)."""
from __future__ import annotations

import json

from classroom_gui.lesson.answers import answer_ids, script, sentence_script
from classroom_gui.lesson.quiz import questions
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import run_sentence

CATS = "🐱🐱🐱が座った"


def test_a_japanese_sentence_with_emoji_keeps_japanese_answers(checkpoint):
    trace = run_sentence(checkpoint, CATS).trace
    assert trace.tokens[:3] == ["🐱"] * 3 and sentence_script(trace.tokens) == "ja"
    listed = [trace.vocab[i] for i in answer_ids(trace, 8)]
    assert all(script(w) != "en" for w in listed[1:]), listed
    asked = [q for q in questions(trace, Selection(lang="ja", focus=3), trace.vocab) if q.kind == "next_word"]
    assert asked and all(script(c.strip("「」")) != "en" for c in asked[0].choices), asked
    assert "「⟨U+1F431⟩」" in "".join(q.question + "".join(q.choices) for q in questions(trace, Selection(lang="ja")))


def test_desks_and_captions_write_the_code(checkpoint):
    trace = run_sentence(checkpoint, CATS).trace
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    fr = frame_at(trace, Selection(lang="ja", focus=0), tl.beat_stop(3))
    assert [s.text for s in fr.students][:4] == ["⟨U+1F431⟩"] * 3 + ["が"]
    assert "🐱" not in fr.narration and "🐱" not in "".join(fr.board)


def test_trace_json_keeps_tokens_as_typed(checkpoint, tmp_path, capsys):
    from classroom_gui.cli import main

    out = tmp_path / "t.json"
    assert main(["trace", "--text", CATS, "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["tokens"][:3] == ["🐱"] * 3
    table = capsys.readouterr().out
    assert "⟨U+1F431⟩" in table and "🐱" not in table


def test_the_sentence_field_says_what_code_a_symbol_is_shown_as(sentence_field):
    """teacher24 M1: beside the field, where the system's font draws 🐱, the window says the desks write ⟨U+1F431⟩."""
    edit = sentence_field("ja")
    edit.setText(CATS)
    assert "🐱は⟨U+1F431⟩と表示します（フォントにない文字）" in edit.marker.text()
    edit.setText("猫が座った")
    assert "U+" not in edit.marker.text()
