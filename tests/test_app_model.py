"""The Qt-free ClassroomModel and the actions table: what the window shows is driven from here, so these
run without a window (and without Qt)."""
from classroom_gui.app.actions import ACTIONS, BY_ID, SHORTCUTS, menu_items
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.model.checkpoint import load_checkpoint
from classroom_gui.resources import teaching_model_dir


def _model():
    checkpoint = load_checkpoint(teaching_model_dir())
    model = ClassroomModel(checkpoint)
    heard = []
    model.subscribe(heard.append)
    model.set_run(prepared_run(checkpoint, "The cat sat on the mat", model.sel.rule))
    return model, heard


def test_a_sentence_selects_the_seed_asker_and_notifies():
    model, heard = _model()
    assert heard == ["run"]
    assert model.run.trace.tokens[model.sel.focus].strip().lower() == "cat"
    assert model.frame().students  # the classroom is drawn from the model alone


def test_selection_is_clamped_and_only_a_change_is_announced():
    model, heard = _model()
    assert model.select(focus=99) is True
    assert model.sel.focus == model.run.trace.n_tokens - 1
    assert model.select(focus=99) is False and heard == ["run", "selection"]


def test_reset_returns_to_the_opening_lesson():
    model, heard = _model()
    opening = model.sel
    model.select(layer=1, head=1, temperature=2.0)
    model.play("next_chapter")
    model.play("faster")
    model.reset()
    assert model.sel == opening
    # step 1 finished, the class seated, as the lesson opens (teacher5 L6: time 0 was an empty room)
    assert (model.player.time, model.player.playing, model.player.speed) == (model.player.timeline.beat_stop(0), False, 1.0)
    assert heard[-1] == "selection"


def test_the_player_moves_by_name_and_wraps_the_asker():
    model, _ = _model()
    model.play("next_beat")
    assert model.player.time > 0
    model.step_focus(-model.sel.focus - 1)  # one before the first seat: the last
    assert model.sel.focus == model.run.trace.n_tokens - 1


def test_the_actions_table_feeds_menus_shortcuts_and_help():
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids)) and set(BY_ID) == set(ids)
    keys = [k for a in ACTIONS for k in a.keys]
    assert len(keys) == len(set(keys)), "a key bound to two actions"
    assert all(a.help for a in ACTIONS if a.keys) and all(a.label for a in ACTIONS if a.menu)
    assert [a.id for a in menu_items("file")][-1] == "quit"
    assert (("M",), "rule", "help.rule") in SHORTCUTS


def test_what_if_edits_live_in_the_model_and_a_new_sentence_drops_them():
    from classroom_gui.model.whatif import Edit

    model, heard = _model()
    own = model.run.trace
    model.edit(Edit("score", 0, 0, 1, 0, 5.0))
    assert heard[-1] == "edits" and model.shown_trace() is not own
    assert model.shown_trace().layers[0].scores[0, 1, 0] == 5.0 and own.layers[0].scores[0, 1, 0] != 5.0
    model.undo_edit()
    assert model.shown_trace() is own
    model.edit(Edit("score", 0, 0, 1, 0, 5.0))
    model.set_run(prepared_run(model.checkpoint, "The dog sat", model.sel.rule))
    assert model.whatif.edits == () and model.shown_trace() is model.run.trace


def test_the_same_sentence_keeps_its_edits_and_a_new_one_is_one_undo_step():
    """teacher6 H1: Enter or Apply on the sentence on screen changes nothing; a new sentence is the model's own
    class, and Undo brings back the old sentence with its edits and its asker (Redo the new one again), the
    status line saying so rather than still counting the old edits."""
    from classroom_gui.model.whatif import Edit

    model, heard = _model()
    own, typed = model.run.trace, "The cat sat on the mat"
    model.select(focus=1)
    a = Edit("score", 0, 0, 1, 0, 5.0)
    model.edit(a)
    edited = model.shown_trace()
    assert model.shows(typed) and model.shows(model.run.text) and not model.shows("The dog sat")
    assert model.status("en").startswith("What if: 1 edit.")
    model.set_run(prepared_run(model.checkpoint, "The dog sat", model.sel.rule), "The dog sat")
    assert model.whatif.edits == () and model.shown_trace() is model.run.trace
    assert model.status("en") == ('A new sentence: the model\'s own class. Ctrl+Z brings back "The cat sat on the '
                                  'mat" with its what-if edit. "cat" is not in this sentence, so "sat" (seat 3) asks '
                                  'now; choose another under Who asks.')  # (teacher31 #3: the asker that left, said)
    assert "Ctrl+Zで前の文「The cat sat on the mat」と「もしも」の変更1件に戻せます" in model.status("ja")
    assert model.undo_label("en") == 'Undo new sentence (back to "The cat sat on the mat" with its what-if edit)'
    model.select(focus=0)
    assert model.undo_edit() and heard[-1] == "run"
    assert model.run.trace is own and model.shown_trace() is edited and model.whatif.edits == (a,)
    assert model.sel.focus == 1 and model.typed == typed  # the line says what came back (teacher37 #11)
    assert model.status("en") == f'Undo (Ctrl+Z) brought back "{typed}" and its what-if edits (1).'
    assert model.undo_label("en").startswith("Undo score edit") and model.redo_label("en") == \
        'Redo new sentence "The dog sat"'
    assert model.redo_edit() and model.run.text == "The dog sat" and model.sel.focus == 0
    assert model.undo_edit() and model.undo_edit() and model.shown_trace() is own  # then the edit itself
    assert model.undo_edit() is False
    model.edit(a)  # a new edit: the sentence undone cannot come back
    assert model.redo_edit() is False and model.redo_label("en") is None
    assert model.undo_edit() and model.undo_edit() is False  # (the sentence Redo had went with the new edit)
    model.set_run(prepared_run(model.checkpoint, "The dog sat", model.sel.rule), "The dog sat")
    # teacher31 #2: a new sentence is one Undo step with no edits too, as the README says; the status line only
    # says who asks now ("cat" left)
    assert model.undo_label("en") == 'Undo new sentence (back to "The cat sat on the mat")'
    assert model.status("en") == ('"cat" is not in this sentence, so "sat" (seat 3) asks now; choose another under '
                                  'Who asks.')
    assert model.undo_edit() and model.typed == "The cat sat on the mat" and model.whatif.edits == ()
    assert model.undo_edit() is False and model.redo_label("en") == 'Redo new sentence "The dog sat"'


def test_undo_and_redo_of_what_if_edits_live_in_the_model():
    """Undo and Redo without a window (the CLI and the window share them): Redo makes again what Undo took back, in
    order; a reset is one step either way; a new edit clears the redo list; each label says what it would do."""
    from classroom_gui.model.whatif import Edit

    model, heard = _model()
    own = model.run.trace
    assert model.undo_label("en") is None and model.redo_label("en") is None
    assert model.undo_edit() is False and model.redo_edit() is False
    a, b = Edit("score", 0, 0, 1, 0, 5.0), Edit("mask", 0, 0, 2, 0, 1.0)
    model.edit(a)
    model.edit(b)
    tokens = own.tokens
    assert model.undo_label("en") == f'Undo mask cell edit of "{tokens[2]}" → "{tokens[0]}"'
    assert model.undo_label("ja") == f"取り消す：マスクの変更（「{tokens[2]}」に「{tokens[0]}」の話が聞こえるか）"
    assert model.undo_edit() and model.whatif.edits == (a,)
    assert model.redo_label("en") == f'Redo mask cell edit of "{tokens[2]}" → "{tokens[0]}"'
    assert model.undo_edit() and model.shown_trace() is own and heard[-1] == "edits"
    assert model.redo_edit() and model.whatif.edits == (a,)
    assert model.shown_trace().layers[0].scores[0, 1, 0] == 5.0
    assert model.redo_edit() and model.whatif.edits == (a, b) and model.redo_edit() is False
    model.reset()  # Ctrl+R: everything, the edits as one step
    assert model.whatif.edits == () and model.undo_label("en") == "Undo reset (2 what-if edits)"
    assert model.undo_edit() and model.whatif.edits == (a, b)
    assert model.redo_edit() and model.whatif.edits == () and model.shown_trace() is own
    assert model.undo_edit() and model.undo_edit() and model.whatif.edits == (a,)
    c = Edit("score", 0, 0, 1, 1, -2.0)
    model.edit(c)  # a new edit: what was undone (b, the reset) cannot come back
    assert model.redo_label("en") is None and model.redo_edit() is False and model.whatif.edits == (a, c)


def test_the_quiz_asks_before_the_step_that_answers_it():
    model, _ = _model()
    model.set_quiz(True)
    steps = []
    for _ in range(len(model.player.timeline) + 10):
        model.quiz_next()
        f = model.frame()
        steps.append((f.beat, None if f.quiz is None else f.quiz["answer"] is None))
    asked = [i for i, (_, q) in enumerate(steps) if q is True]
    assert asked, "no question was asked"
    for i in asked:  # the next press moves on and marks its answer (teacher5 M2: never over the step before), right
        # after its question (teacher11 L2), or after the other question its step answers (teacher19 M2: Q1 Q2 A1 A2)
        assert steps[i + 1] in ((steps[i][0] + 1, False), (steps[i][0], True))
    for i, (beat, q) in enumerate(steps):
        if q is False:  # an answer is marked on the step after its question, or after the step's other answer
            assert steps[i - 1] in ((beat - 1, True), (beat, False)), steps[i - 3:i + 1]


def test_the_other_rules_trace_is_shown_and_what_computing_it_freed_given_back(monkeypatch):
    """A big model's other rule is computed on the worker; when it arrives the window shows it, and the memory its
    forward freed goes back beyond what a sentence of this size needs (allocator.give_back_excess)."""
    from classroom_gui.app import model as app_model
    from classroom_gui.lesson import rules

    model, heard = _model()
    given = []
    monkeypatch.setattr(app_model, "give_back_excess", given.append)
    other = rules.IN_TURN if model.sel.rule == rules.DISCUSSION else rules.DISCUSSION
    rules.under(model.run.trace, other)
    model.rule_ready(other)
    assert model.sel.rule == other and heard[-1] == "selection"
    assert given == [model.run.trace.nbytes]


def test_the_quiz_is_made_again_when_the_temperature_changes():
    """A wrong choice needs 1 % at the shown temperature (lesson.quiz), so a new temperature makes the questions
    again (they kept the old temperature's choices)."""
    from classroom_gui.lesson.quiz_play import class_questions

    model, _ = _model()
    model.set_quiz(True)
    first = model._quiz()
    model.select(temperature=5.0)
    again = model._quiz()
    assert again is not first
    fresh = [(q.step, q.choices) for q in class_questions(model.shown_trace(), model.sel)]
    assert sorted((s, q.choices) for s, qs in again.by_step.items() for q in qs) == sorted(fresh)


def test_sentences_left_with_edits_are_kept_within_a_byte_budget(monkeypatch):
    """review10: four big classes left with edits held ~1.9 GB more; Undo keeps the newest KEPT sentences whose
    traces fit KEPT_BYTES, and the newest one always, however big."""
    from classroom_gui.app import history as app_model
    from classroom_gui.model.whatif import Edit

    model, _heard = _model()
    texts = ["The cat sat", "The dog sat", "The dog ran", "The cat ran", "The bird sat", "The bird ran"]
    for i, text in enumerate(texts):
        model.set_run(prepared_run(model.checkpoint, text, model.sel.rule), text)
        model.edit(Edit("score", 0, 0, 1, 0, 5.0 + i))
    assert [left.typed for left in model.earlier] == texts[1:5]  # the newest KEPT (4) of the five left
    one = model.earlier[-1].nbytes
    assert one > 0
    monkeypatch.setattr(app_model, "KEPT_BYTES", int(2.5 * one))  # room for two of these small classes
    model.set_run(prepared_run(model.checkpoint, "The cat sat on the mat", model.sel.rule), "x")
    assert [left.typed for left in model.earlier] == texts[4:]
    monkeypatch.setattr(app_model, "KEPT_BYTES", 1)  # none fits: the newest is still kept
    model.edit(Edit("score", 0, 0, 1, 0, 9.0))
    model.set_run(prepared_run(model.checkpoint, "The dog sat", model.sel.rule), "y")
    assert [left.typed for left in model.earlier] == ["x"]


def test_the_canvas_has_one_place_the_selection():
    """polish9: the window's canvas lived in ClassroomModel.canvas and Selection.canvas (kept equal by the sel setter);
    now the Selection holds it, a new sentence or model keeps it, and an export's size gives its own (sized)."""
    import pytest

    from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN

    model, _ = _model()
    model.set_canvas(FOUR_THREE)
    assert model.canvas is model.sel.canvas is FOUR_THREE
    with pytest.raises(AttributeError):
        model.canvas = WIDESCREEN  # no second copy to keep in step
    model.set_run(prepared_run(model.checkpoint, "猫がマットの上に座った", model.sel.rule))
    model.reset()
    assert model.sel.canvas is FOUR_THREE and model.frame().canvas is FOUR_THREE
    assert model.frame((1920, 1080)).canvas is WIDESCREEN and model.sel.sized(1024, 768).canvas is FOUR_THREE
