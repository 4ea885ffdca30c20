"""teacher37 #11, without a window: after Undo across new sentences the status line showed the message of a reset
the class had before it was left (「「もしも」の変更を消し、…」), and the first Undo said nothing. Each Undo and Redo of
a sentence now says what it brought back: the sentence, and its what-if edits when it has any."""
from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson.state import prepared_run
from classroom_gui.model.whatif import Edit

SEED, DOG, RAN = "The cat sat on the mat", "The dog sat on the mat", "The dog ran"


def _type(model, text: str) -> None:
    model.set_run(prepared_run(model.checkpoint, text, model.sel.rule), text)


def test_each_undo_and_redo_of_a_sentence_says_what_it_brought_back(checkpoint):
    model = ClassroomModel(checkpoint)
    _type(model, SEED)
    model.edit(Edit("q", 0, 0, 2, 0, 2.0))
    model.reset_edits()  # the class left with a reset behind it: its status once said 「…消し、…」
    _type(model, DOG)
    model.edit(Edit("q", 0, 0, 1, 0, 2.0))
    _type(model, RAN)
    assert model.undo_edit() and model.typed == DOG
    for lang, said in (("en", f'Undo (Ctrl+Z) brought back "{DOG}" and its what-if edits (1).'),
                       ("ja", f"取り消し（Ctrl+Z）で、文「{DOG}」と「もしも」の変更1件に戻しました。")):
        assert model.status(lang) == said
    assert model.undo_edit() and model.typed == DOG and model.whatif.edits == ()  # DOG's edit taken back
    assert "brought back" not in model.status("en")  # the line is about the edits (whatif.own_again)
    assert model.undo_edit() and model.typed == SEED and model.whatif.was_reset  # not its old reset's line
    assert model.status("en") == f"Undo (Ctrl+Z) brought back \"{SEED}\" (the model's own numbers)."
    assert model.status("ja") == f"取り消し（Ctrl+Z）で、文「{SEED}」に戻しました（モデルそのままの数）。"
    assert model.redo_edit() and model.typed == DOG
    assert model.status("en").startswith("Redo (") and model.status("en").endswith(f'brought back "{DOG}" (the model\'s own numbers).')
    model.edit(Edit("q", 0, 0, 2, 0, 2.0))  # a change of the edits: the line is about them again
    assert "brought back" not in model.status("en")
