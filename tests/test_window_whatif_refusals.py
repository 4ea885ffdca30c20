"""What-if edits the window refuses: a mask that leaves a student hearing no one (under either rule), one that
changes nothing, a number set to what it is; each said once in the window's language, the class kept the model's
own and the lesson drawing."""
import pytest

from classroom_gui.model.whatif import Edit
from whatif_window import to_beat


def test_reset_and_a_refused_mask_edit(qtbot, window):
    from classroom_gui.view import whatif_edit

    sel = window.sel
    assert whatif_edit.apply(window, Edit("score", sel.layer, sel.head, sel.focus, 0, 5.0))
    assert whatif_edit.apply(window, Edit("q", sel.layer, sel.head, sel.focus, 0, -1.0))
    n = window.run.trace.n_tokens
    for j in range(n - 1, 0, -1):  # a student may not be made to hear no one (under either rule): the last cell,
        assert whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, j, 1.0))  # the first seat, is refused
    assert not whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, 0, 1.0))
    name = window.run.trace.tokens[sel.focus]
    assert window.statusBar().currentMessage() == (  # the CLI's English (model.whatif.EditError), as a sentence
        f'With these mask edits student {sel.focus + 1} ("{name}") would hear no one; a student must hear at least one '
        "classmate (or itself)")
    window.set_language("ja")  # and in the window's language, named by the word
    assert not whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, 0, 1.0))
    assert window.statusBar().currentMessage().startswith(f"このマスクにすると、{sel.focus + 1}番の席の「{name}」には誰の話も")
    assert len(window.model.whatif.edits) == n + 1
    window.do("reset_edits")  # Edit → Reset what-if edits
    assert window.model.whatif.edits == () and window.model.shown_trace() is window.run.trace


def test_a_mask_edit_that_changes_nothing_is_said_in_the_window_language(qtbot, window):
    """teacher3 L9 in the window: the W dialog can ask for a mask cell the rule already has; it is refused in
    the window's language, names both students, and the class stays the model's own."""
    from classroom_gui.view import whatif_edit

    sel = window.sel
    layer = window.model.whatif.trace.layers[sel.layer]
    j = next(j for j in range(window.run.trace.n_tokens) if j != sel.focus)
    own = float(layer.mask[sel.focus, j])
    window.set_language("ja")
    assert not whatif_edit.apply(window, Edit("mask", sel.layer, 0, sel.focus, j, own))
    tokens = window.run.trace.tokens
    said = window.statusBar().currentMessage()
    assert said.startswith("何も変わりません：")
    assert said.endswith(f"（mask[{sel.layer + 1},{tokens[sel.focus]},{tokens[j]}]={own:g}）。")
    assert f"「{tokens[sel.focus]}」にはもともと「{tokens[j]}」の話が" in said
    assert window.model.whatif.edits == ()


@pytest.mark.parametrize("kind", ["q", "score"])
def test_a_number_set_to_what_it_is_is_refused_in_the_window_language(qtbot, window, kind):
    """L9 for numbers, through the W dialog's path: a card's number or a score set to its own value is refused
    in the window's language with the place and the number, and the class stays the model's own."""
    from classroom_gui.lesson.whatif_state import own_value
    from classroom_gui.view import whatif_edit

    sel = window.sel
    place = Edit(kind, sel.layer, sel.head, sel.focus, 0 if kind == "q" else 1, 0.0)
    own = own_value(window.model.whatif.own, place)
    window.set_language("ja")
    assert not whatif_edit.apply(window, Edit(kind, sel.layer, sel.head, place.seat, place.index, own))
    said = window.statusBar().currentMessage()
    # teacher37 #10: teacher words only, not the CLI's --set in a bracket (「（q[2,1,1,1]=5.0000）」)
    assert said.startswith("何も変わりません：") and said.endswith(f"{own:.4f}です。") and "[" not in said
    assert ("質問カード" if kind == "q" else "スコア") in said
    assert window.model.whatif.edits == ()


def test_a_mask_edit_refused_under_the_other_rule_leaves_the_lesson_drawing(qtbot, window):
    """teacher9 H1: a mask edit the shown rule takes but the other cannot (the first student stops hearing itself:
    in turn it then hears no one) was refused in the status bar yet kept, so every later redraw (M, a language
    switch, Right) raised EditError. Now nothing is kept and the window goes on drawing under either rule."""
    from classroom_gui.view.whatif_edit import apply

    window.set_rule("none")
    to_beat(window, "softmax.weights")
    sel = window.sel
    assert not apply(window, Edit("mask", sel.layer, 0, 0, 0, 1.0))
    assert "would hear no one" in window.statusBar().currentMessage()
    assert window.model.whatif.edits == () and not window.model.whatif.history
    window.set_rule("causal")
    window.set_language("ja")
    assert window.model.frame().rule == "causal"
