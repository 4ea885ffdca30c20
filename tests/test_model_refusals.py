"""polish9: the model's refusals a user sees (a what-if edit that cannot apply, an empty sentence, a missing model
folder) are message keys and their values (messages.phrase), as the exports' are: str() is the English the CLI
printed before, and the window and the CLI say the same phrase in their language through one function
(export.errors.said), where each used to translate the error's own fields into whatif.* keys."""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.export.errors import said
from classroom_gui.messages.phrase import PhraseError
from classroom_gui.model.checkpoint import CheckpointError, load_checkpoint
from classroom_gui.model.sentence import EmptySentence, InputError, run_sentence
from classroom_gui.model.whatif import Edit, EditError, edited_mask


def test_a_deaf_student_is_a_phrase_named_by_seat_and_word_in_english_and_japanese():
    mask = np.triu(np.ones((3, 3), dtype=bool), k=1)  # GPT's: the first student hears only itself
    with pytest.raises(EditError) as caught:
        edited_mask(mask, [Edit("mask", 0, 0, 0, 0, 1.0)], ["猫", "が", "座った"])
    exc = caught.value
    assert isinstance(exc, PhraseError) and exc.phrase.key == "edit.deaf"
    assert str(exc) == ('with these mask edits student 1 ("猫") would hear no one; a student must hear at least one '
                        "classmate (or itself)")  # review12: the window named the word before polish9
    assert said(exc, "ja").startswith("このマスクにすると、1番の席の「猫」には誰の話も聞こえなくなります。")


def test_an_edit_that_changes_nothing_says_the_place_in_the_readers_language(checkpoint):
    from classroom_gui.lesson.whatif_state import WhatIf

    trace = run_sentence(checkpoint, "The cat sat on the mat", "causal").trace
    own = float(trace.layers[0].q[0, 1, 0])
    with pytest.raises(EditError) as caught:
        WhatIf(trace).set(Edit("q", 0, 0, 1, 0, own))
    exc = caught.value
    assert len(repr(own)) > 10  # review12: not its repr (-0.8895600438117981) but the prompt's 4 decimals
    # teacher11 L4: words first, the edit as written last (the window's refusal started with "q[1,1,5,1]=…")
    assert str(exc) == (f"this changes nothing: the question card of \"cat\", number 1 (layer 1, "
                        f"head 1) is already {own:.4f} (q[1,1,2,1]={own:.4f})")
    assert said(exc, "ja") == (f"何も変わりません：「cat」の質問カードの1番目の数（第1層、ヘッド1）"
                               f"はもう{own:.4f}です（q[1,1,2,1]={own:.4f}）。")
    state = WhatIf(trace)
    state.set(Edit("q", 0, 0, 1, 0, 0.5))
    with pytest.raises(EditError) as caught:  # the prompt's 4 decimals, as the number shown
        state.set(Edit("q", 0, 0, 1, 0, 0.5))
    assert str(caught.value).startswith("this changes nothing") and str(caught.value).endswith("(q[1,1,2,1]=0.5000)")
    with pytest.raises(EditError) as caught:  # the first student cannot hear the second under GPT's rule
        WhatIf(trace).set(Edit("mask", 0, 0, 0, 1, 1.0))
    assert str(caught.value) == 'this changes nothing: under this rule "The" already cannot hear "cat" (mask[1,The,cat]=1)'
    assert said(caught.value, "ja").endswith("このルールでは、「The」にはもともと「cat」の話が聞こえません（mask[1,The,cat]=1）。")


def test_an_empty_sentence_and_a_missing_model_are_phrases_of_their_old_classes(tmp_path, checkpoint):
    with pytest.raises(EmptySentence) as caught:
        run_sentence(checkpoint, " \t ", "causal")
    assert isinstance(caught.value, InputError)  # still an InputError: the window's compute_run reads it as before
    assert str(caught.value) == "the sentence is empty: type a few words, e.g. 'The cat sat on the mat'"
    assert said(caught.value, "ja") == "文が空です。単語をいくつか入力してください（例：「猫がマットの上に座った」）。"
    gone = tmp_path / "gone"
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(gone)
    assert isinstance(caught.value, PhraseError)
    assert str(caught.value) == f"{gone}: model folder not found"
    assert said(caught.value, "ja") == f"{gone}：モデルのフォルダーが見つかりません。"


def test_a_mask_edit_the_other_rule_cannot_take_is_refused_and_never_kept(checkpoint):
    """teacher9 H1: in discussion the first student may stop hearing itself (it hears the others), but in turn it
    then hears no one. The edit was kept, and every redraw under GPT's rule (M, chapter 6, answer time) raised
    EditError; the lesson froze until Ctrl+Z. It is refused, nothing is kept, and both rules still draw."""
    from classroom_gui.lesson import rules
    from classroom_gui.lesson.whatif_state import WhatIf

    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    state = WhatIf(trace)
    with pytest.raises(EditError) as caught:
        state.set(Edit("mask", 0, 0, 0, 0, 1.0))
    assert caught.value.phrase.key == "edit.deaf_under"  # named with the rule it happens under (it hears in discussion)
    assert said(caught.value, "ja").startswith("このマスクにすると、「順番に発言」のルール（GPT）では1番の席の「猫」には誰の話も")
    assert str(caught.value).startswith('with these mask edits student 1 ("猫") would hear no one in turn (GPT\'s rule)')
    assert state.edits == () and state.trace is trace and not state.history
    assert rules.under(state.trace, "causal").mask_rule == "causal"  # draws, as before the refused edit
    state.set(Edit("mask", 0, 0, 1, 0, 1.0))  # 「が」 stops hearing 「猫」: it still hears itself under either rule
    assert len(state.edits) == 1 and rules.under(state.trace, "causal").edits == state.edits


def test_a_mask_edit_is_checked_under_the_rules_the_class_is_drawn_under(capsys):
    """review13: `trace --mask none` prints one rule only, so a mask edit that deafens "The" only in turn is taken
    there (it was refused since fix14's check under both rules); a picture may show both rules, so `export`
    refuses it and names the rule. Under both rules' deafness the old sentence stays."""
    from classroom_gui.cli import main
    from classroom_gui.model.whatif import check_masks

    tokens = ["The", "cat", "sat"]
    only_self = [Edit("mask", 0, 0, 0, 0, 1.0)]  # "The" stops hearing itself: in discussion it hears cat and sat
    check_masks(only_self, tokens, rules=("none",))
    with pytest.raises(EditError) as caught:
        check_masks(only_self, tokens)
    assert caught.value.phrase.key == "edit.deaf_under" and "would hear no one in turn (GPT's rule)" in str(caught.value)
    everyone = [Edit("mask", 0, 0, 0, j, 1.0) for j in range(3)]
    with pytest.raises(EditError) as caught:
        check_masks(everyone, tokens)
    assert caught.value.phrase.key == "edit.deaf"
    assert main(["trace", "--mask", "none", "--text", "The cat sat", "--set", "mask[1,1,1]=1"]) == 0
    out = capsys.readouterr().out  # its next words are answer time's, in turn, where the edit cannot be: none, and why
    assert "The" in out and out.endswith('next word after "sat" (in turn, as at answer time): none; with these mask '
                                         'edits student 1 ("The") would hear no one; a student must hear at least one '
                                         'classmate (or itself)\n')
