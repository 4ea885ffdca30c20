"""teacher31 #1-#3, without a window: a new sentence, with or without what-if edits, and an emptied one are each one
step Undo takes back (the class returns with its edits and its asker); while the room is empty the settings keep
the class Undo would bring back; and a new sentence keeps the asker by seat and word, or says who asks now."""
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.model.whatif import Edit

SEED = "The cat sat on the mat"


def _model(checkpoint) -> ClassroomModel:
    model = ClassroomModel(checkpoint)
    model.set_run(prepared_run(checkpoint, SEED, model.sel.rule), SEED)
    return model


def _type(model, text: str) -> None:  # Enter on `text`, as the window's apply_sentence computes it ("" : no run)
    model.set_run(prepared_run(model.checkpoint, text, model.sel.rule) if text else None, text)


def test_an_emptied_sentence_with_an_edit_comes_back_by_undo_and_is_kept_meanwhile(checkpoint):
    """#1: Undo read "Undo new sentence (back to …)" and did nothing (the step needed a class on screen), and a save
    in the empty room dropped the class and its edit."""
    model = _model(checkpoint)
    model.select(focus=2)
    edit = Edit("mask", 0, 0, 2, 1, 1.0)
    model.edit(edit)
    _type(model, "")
    assert model.run is None and model.undo_label("en") == f'Undo new sentence (back to "{SEED}" with its what-if edit)'
    assert model.status("en") == f'The sentence is empty. Ctrl+Z brings back "{SEED}".'
    assert model.edit_specs() == (edit.spec(),) and model.left_at() is not None  # what the settings file keeps
    assert model.kept_left().typed == SEED
    assert model.undo_edit()
    assert model.run.text == SEED and model.whatif.edits == (edit,) and model.sel.focus == 2
    assert model.redo_label("en") == "Redo emptying the sentence"
    assert model.redo_edit() and model.run is None
    assert model.undo_edit() and model.whatif.edits == (edit,)


def test_a_new_or_emptied_sentence_without_edits_is_one_undo_step(checkpoint):
    """#2: with no edits, Edit → Undo was greyed after a new sentence, though the README promises the step."""
    model = _model(checkpoint)
    _type(model, "The dog sat on the mat")
    assert model.undo_label("en") == f'Undo new sentence (back to "{SEED}")'
    assert model.undo_edit() and model.typed == SEED and model.whatif.edits == ()
    _type(model, "")
    assert model.kept_left().typed == SEED  # the settings keep the sentence (its edits: none)
    assert model.undo_edit() and model.typed == SEED and model.run is not None


def test_a_new_sentence_keeps_the_asker_by_seat_and_word_or_says_who_asks_now(checkpoint):
    """#3: changing one word moved the asker from "it" to the last student, unsaid."""
    model = _model(checkpoint)
    model.select(focus=2)  # "sat"
    _type(model, "The dog sat on the mat")
    assert model.sel.focus == 2 and model.status("en") == ""
    _type(model, "The big dog sat on the mat")  # "sat" moved a seat on: it still asks
    assert model.run.trace.tokens[model.sel.focus] == "sat" and model.status("en") == ""
    _type(model, "The dog ran to the park")  # gone: the default asker, said
    tokens = model.run.trace.tokens
    seat = model.sel.focus
    assert model.status("en") == (f'"sat" is not in this sentence, so "{tokens[seat]}" (seat {seat + 1}) asks now; '
                                  'choose another under Who asks.')
    assert model.status("ja").startswith("この文には「sat」がいないので")


def test_undo_and_redo_keep_no_trace_of_sentences_without_edits(checkpoint):
    """review32 #4: Undo and Redo kept the whole trace of each sentence without edits they stepped past (~0.5 GB a
    class for GPT-2 at 1,024 students), outside KEPT_BYTES; they keep its text, as a new sentence does."""
    model = _model(checkpoint)
    for text in ("The dog sat on the mat", "The cat ran to the park", "A dog sat"):
        _type(model, text)
    assert [left.run for left in model.earlier] == [None] * 3
    for _ in range(3):
        assert model.undo_edit()
    assert model.typed == SEED and [left.run for left in model.later] == [None] * 3
    assert [left.typed for left in model.later] == ["A dog sat", "The cat ran to the park", "The dog sat on the mat"]
    for _ in range(3):
        assert model.redo_edit()
    assert model.typed == "A dog sat" and [left.run for left in model.earlier] == [None] * 3


def test_undo_and_redo_keep_a_sentence_with_changes_whole_within_the_budget(checkpoint, monkeypatch):
    """review32 #4: a sentence whose edit was taken back keeps its trace for Redo; what Undo leaves for Redo is kept
    within KEPT_BYTES as what a new sentence leaves is (history.within_budget), the newest always."""
    from classroom_gui.app import history

    model = _model(checkpoint)
    for text in ("The dog sat on the mat", "A dog sat"):
        model.edit(Edit("mask", 0, 0, 2, 1, 1.0))
        _type(model, text)
    model.edit(Edit("mask", 0, 0, 2, 1, 1.0))
    monkeypatch.setattr(history, "KEPT_BYTES", 1)  # room for the newest alone
    assert model.undo_edit() and model.whatif.redone  # the edit taken back ...
    assert model.undo_edit() and model.typed == "The dog sat on the mat"  # ... and the sentence left for Redo
    assert [left.typed for left in model.later] == ["A dog sat"] and model.later[0].run is not None  # keeps it whole
    assert model.undo_edit() and model.whatif.redone
    assert model.undo_edit() and model.typed == SEED
    assert [left.typed for left in model.later] == ["The dog sat on the mat"]  # within one byte: the newest alone
    assert model.later[0].run is not None and model.later[0].whatif.redone


def test_an_emptied_sentence_without_edits_keeps_its_step_and_asker_for_the_settings(checkpoint):
    """review32 #5: a sentence without edits is kept by its text; emptied, left_at was None and the asker unknown,
    so a save meanwhile lost both."""
    model = _model(checkpoint)
    model.select(focus=2)
    model.jump(model.player.timeline.beat_stop(20))
    before = model.left_at()
    _type(model, "")
    assert model.kept_left().run is None and model.kept_left().read == (SEED, 6, "sat")
    assert model.left_at() == before


def test_the_other_languages_first_sentence_keeps_the_seed_asker_unsaid(checkpoint):
    """teacher32 #10: a fresh English window turned Japanese and given 「猫がマットの上に座った」 said 「この文には「cat」
    がいないので、「猫」（1番の席）が質問します。」: "cat" and 「猫」 are the seed's one asker, so nothing is said; a
    sentence without it still says who asks."""
    model = _model(checkpoint)
    model.select(lang="ja")
    assert model.run.trace.tokens[model.sel.focus] == "cat"
    _type(model, "猫がマットの上に座った")
    assert model.run.trace.tokens[model.sel.focus] == "猫" and model.status("ja") == ""
    _type(model, "犬が箱の中で寝た")
    assert "「猫」" in model.status("ja")
