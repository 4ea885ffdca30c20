"""What-if edits through the application state and the exports (the forward's side is test_whatif_forward):
an edited score changes exactly its softmax row, later values and the answer as a forward with that override
computes; Ctrl+Z and Reset walk back; --set marks the edited numbers in the picture's JSON and the trace's."""
from __future__ import annotations

import json

import numpy as np
import pytest

from classroom_gui.cli import main
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import WhatIf
from classroom_gui.model import forward
from classroom_gui.model.sentence import run_sentence
from classroom_gui.model.whatif import Edit, EditError

SENTENCE = "The cat sat on the mat"


@pytest.fixture(scope="module")
def own(checkpoint):
    return run_sentence(checkpoint, SENTENCE, "none").trace


def test_an_edited_score_changes_exactly_its_row_later_values_and_the_answer(own):
    state = WhatIf(own)
    edit = Edit("score", 0, 1, 1, 5, 6.0)  # layer 1, head 2: "cat"'s score for "mat"
    trace = state.set(edit)
    reference = forward(own.token_ids, own.params, own.config, mask="none", edits=[edit])
    w, w0 = trace.layers[0].weights, own.layers[0].weights
    changed = np.argwhere(~np.isclose(w, w0, rtol=0, atol=1e-12))
    assert {(h, i) for h, i, _ in changed} == {(1, 1)}  # only head 2's row of "cat"
    assert np.array_equal(w, reference.layers[0].weights)
    assert not np.allclose(trace.layers[1].weights, own.layers[1].weights)  # later layers follow
    assert np.array_equal(trace.next_logits, reference.next_logits)
    assert not np.allclose(trace.next_logits, own.next_logits)
    assert trace.edits == (edit,) and own.edits == ()


def test_a_later_edit_of_the_same_place_replaces_it_and_ctrl_z_and_reset_walk_back(own):
    state = WhatIf(own)
    state.set(Edit("q", 0, 0, 1, 2, 1.5))
    state.set(Edit("q", 0, 0, 1, 2, -2.0))
    assert state.edits == (Edit("q", 0, 0, 1, 2, -2.0),)
    assert state.trace.layers[0].q[0, 1, 2] == -2.0
    state.set_spec("mask[1,cat,mat]=1")
    assert state.trace.layers[0].weights[0, 1, 5] == 0.0
    state.reset()
    assert state.trace is own and not state.active
    assert state.undo() and len(state.edits) == 2  # Reset itself can be taken back
    assert state.undo() and state.edits == (Edit("q", 0, 0, 1, 2, -2.0),)
    assert state.undo() and state.edits == (Edit("q", 0, 0, 1, 2, 1.5),)
    assert state.undo() and state.trace is own
    assert not state.undo()
    with pytest.raises(EditError):
        state.set_spec("score[1,1,dog,cat]=1")
    assert state.trace is own  # a bad edit changes nothing


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_frame_of_an_edited_class_marks_the_edit_and_says_so(own, lang):
    state = WhatIf(own)
    state.set(Edit("score", 0, 0, 1, 5, 6.0))
    state.set(Edit("k", 0, 0, 3, 4, 2.0))
    sel = Selection(focus=1, layer=0, head=0, lang=lang, rule="none")
    timeline = timeline_for(own.n_tokens, own.config.n_layer)
    t = next(b.start for b in timeline.beats if b.key == "softmax.weights") + 0.99
    frame = frame_at(state.trace, sel, t)
    assert frame.heatmap.edited == [(1, 5)]
    cards = {s.index: {c.role: c.edited for c in s.cards} for s in frame.students}
    assert cards[3]["key"] == [4] and cards[1]["key"] == [] and cards[3]["query"] == []
    assert ("もしも" if lang == "ja" else "What if") in frame.narration
    assert len(frame.edits) == 2
    assert frame.bars.values == pytest.approx(list(state.trace.layers[0].weights[0, 1]))
    plain = frame_at(own, sel, t)
    assert plain.edits == [] and plain.heatmap.edited == [] and "What if" not in plain.narration


@pytest.mark.parametrize("lang, more", [("en", ["; and 1 more edit.", "; and 2 more edits."]),
                                        ("ja", ["（ほかにも1件）、", "（ほかにも2件）、"])])
def test_the_narration_counts_the_edits_it_does_not_name(own, lang, more):
    """teacher4 M1: three or more edits: the newest two named in words, the rest counted, none left unsaid."""
    from classroom_gui.lesson.whatif_words import describe

    state = WhatIf(own)
    edits = [Edit("k", 0, 0, 3, 4, 2.0), Edit("score", 0, 0, 1, 5, 6.0), Edit("q", 0, 0, 1, 0, -1.0),
             Edit("v", 0, 0, 2, 1, 3.0)]
    sel = Selection(focus=1, layer=0, head=0, lang=lang, rule="none")
    t = next(b.start for b in timeline_for(own.n_tokens, own.config.n_layer).beats if b.key == "softmax.weights")
    for n, edit in enumerate(edits, 1):
        state.set(edit)
        narration = frame_at(state.trace, sel, t + 0.99).narration
        for e in edits[max(0, n - 2):n]:
            assert describe(lang, e, own.tokens) in narration
        for e in edits[:max(0, n - 2)]:
            assert describe(lang, e, own.tokens) not in narration
        assert (more[n - 3] in narration) if n >= 3 else all(m[:-1] not in narration for m in more)


def test_cli_set_on_export_and_trace_records_the_edits(own, tmp_path, capsys):
    out, numbers, record = tmp_path / "x.png", tmp_path / "x.json", tmp_path / "t.json"
    assert main(["export", "--text", SENTENCE, "--mask", "none", "--chapter", "softmax", "--size", "640x360",
                 "--layer", "1", "--head", "1", "--focus", "2",
                 "--set", "score[1,1,cat,mat]=6", "--set", "k[1,1,on,5]=2", "-o", str(out),
                 "--json", str(numbers)]) == 0
    data = json.loads(numbers.read_text(encoding="utf-8"))
    expected = forward(own.token_ids, own.params, own.config, mask="none",
                       edits=[Edit("score", 0, 0, 1, 5, 6.0), Edit("k", 0, 0, 3, 4, 2.0)])
    assert [(e["kind"], e["word"]) for e in data["edits"]] == [("score", "cat"), ("k", "on")]
    assert data["bars"]["values"] == pytest.approx(list(expected.layers[0].weights[0, 1]))
    strips = {s["seat"]: {x["role"]: x["edited"] for x in s["strips"]} for s in data["students"]}
    assert strips[4]["key"] == [4]
    assert main(["trace", "--text", SENTENCE, "--mask", "none", "--set", "score[1,1,cat,mat]=6",
                 "--json", str(record)]) == 0
    assert "what if:" in capsys.readouterr().out
    assert json.loads(record.read_text(encoding="utf-8"))["edits"][0]["value"] == 6.0


@pytest.mark.parametrize("command", ["export", "deck", "video"])
def test_a_bad_set_is_one_line_and_writes_nothing(tmp_path, capsys, command):
    out = tmp_path / {"export": "x.png", "deck": "x.pdf", "video": "x.gif"}[command]
    assert main([command, "--text", SENTENCE, "--set", "score[1,9,cat,mat]=1", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--set" in err and "head" in err and "Traceback" not in err
    assert not out.exists()


def test_each_kind_of_edit_reads_in_japanese_as_a_teacher_would_say_it():
    """The place comes after the card it is on (「「に」の自己紹介カードの2番目の数」, not 「「に」の2番目の数の自己紹介カード」),
    a score is the classmate's answer to the asker's question (as the scoring chapter says it: teacher20 L5), and a mask cell says who hears whom; an edit reads as a "what if"
    (teacher11 M5: 「…の数が19だったら」, 「もしも「猫」に「マット」の話が聞こえなかったら」, not 「…を19に」 「…聞こえないように」),
    and in English a mask cell is a sentence, not 'set to cannot hear' (teacher11 L4)."""
    from classroom_gui.lesson.whatif_words import describe
    from classroom_gui.model.whatif import Edit

    tokens = ["猫", "が", "マット", "の", "上", "に", "座った"]
    said = {kind: (describe("ja", e, tokens), describe("ja", e, tokens, with_value=False))
            for kind, e in (("k", Edit("k", 0, 0, 5, 1, 9.0)), ("q", Edit("q", 1, 2, 0, 0, 1.5)),
                            ("v", Edit("v", 0, 0, 2, 7, -2.0)), ("score", Edit("score", 0, 1, 0, 2, 5.0)),
                            ("mask", Edit("mask", 0, 0, 0, 2, 1.0)), ("hears", Edit("mask", 0, 0, 2, 0, 0.0)))}
    assert said["k"] == ("「に」の自己紹介カードの2番目の数が9だったら（第1層、ヘッド1）", "「に」の自己紹介カードの2番目の数（第1層、ヘッド1）")
    assert said["q"][0] == "「猫」の質問カードの1番目の数が1.5だったら（第2層、ヘッド3）"
    assert said["v"][0] == "「マット」の意見カードの8番目の数が-2だったら（第1層、ヘッド1）"
    assert said["score"][0] == "「猫」の質問に「マット」が答えるスコアが5だったら（第1層、ヘッド2）"
    assert said["mask"][0] == "「猫」に「マット」の話が聞こえなかったら（第1層、全ヘッド）"
    assert said["hears"][0] == "「マット」に「猫」の話が聞こえたら（第1層、全ヘッド）"
    assert describe("en", Edit("k", 0, 0, 5, 1, 9.0), tokens) == \
        'self-introduction card of "に", number 2 set to 9 (layer 1, head 1)'
    assert describe("en", Edit("mask", 0, 0, 0, 2, 1.0), ["The", "cat", "mat"]) == \
        '"The" cannot hear "mat" (layer 1, every head)'
