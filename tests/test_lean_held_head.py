"""A lean trace that lets go of its layers' shares keeps the shares of the head the lesson shows, in every layer
(model.trace.LayerTrace.held_head): a cold frame of another layer reads them instead of making that head's
[T, T] shares again (3.5-5 ms a layer at 1,024 students, GPT-2 small). The other rule's trace and a what-if
class keep the same head; a newly selected head replaces the one held, so a layer holds one head's shares."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.overview import AsMade
from classroom_gui.lesson.panels import warm
from classroom_gui.model import forward, whatif
from classroom_gui.model.gpt import LEAN_FROM, BlockSteps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from random_weights import GPT2_SMALL, random_params  # noqa: E402

CONFIG = replace(GPT2_SMALL, n_layer=3, n_embd=64, n_head=4, vocab_size=300)


@pytest.fixture(scope="module")
def params():
    return random_params(CONFIG, seed=17)


IDS = np.arange(LEAN_FROM) % CONFIG.vocab_size


def full(params, mask="causal", edits=()):
    return forward(IDS, params, CONFIG, mask=mask, edits=edits, lean=False)


@pytest.fixture
def no_head_made(monkeypatch):
    """Fails the test if a layer makes one head's shares again (BlockSteps.head_product: q[h] k[h]ᵀ, an
    attribute each BlockSteps sets; a property on the class is read before it)."""
    def refuse(self):
        raise AssertionError("a head's shares were made again")
    monkeypatch.setattr(BlockSteps, "head_product", property(refuse, lambda self, value: None), raising=False)


def test_every_layer_keeps_the_shown_heads_shares_as_the_forward_made_them(params, request):
    lean = forward(IDS, params, CONFIG, lean=True, observe=AsMade(head=2))
    whole = full(params)
    assert lean.held_head == 2
    for mine, theirs in zip(lean.layers, whole.layers):
        assert mine.kept_weights is None and mine.held_head[0] == 2
        assert np.array_equal(mine.held_head[1], theirs.weights[2]) and mine.held_head[1].base is None
    request.getfixturevalue("no_head_made")
    for mine in lean.layers:  # the head the lesson shows: read, not made
        assert mine.head(2).weights is mine.held_head[1]


def test_the_other_rules_trace_and_a_whatif_class_keep_the_same_head(params, no_head_made):
    lean = forward(IDS, params, CONFIG, lean=True)
    warm(lean, head=1)  # as the window's worker prepares the sentence: head 1 shown
    other = rules.under(lean, "none")
    discussion = full(params, "none")
    for mine, theirs in zip(other.layers, discussion.layers):
        assert mine.held_head[0] == 1 and np.array_equal(mine.head(1).weights, theirs.weights[1])
    part = rules.layer_under(forward(IDS, params, CONFIG, lean=True, observe=AsMade(head=1)), "none", 1)
    assert np.array_equal(part.head(1).weights, discussion.layers[1].weights[1])
    from classroom_gui.lesson.whatif_state import edited
    edit = whatif.Edit("score", 1, 1, LEAN_FROM - 1, 3, 4.0)
    changed = edited(lean, (edit,))
    for mine, theirs in zip(changed.layers, full(params, edits=(edit,)).layers):
        assert np.array_equal(mine.head(1).weights, theirs.weights[1])


def test_a_newly_selected_head_replaces_the_one_held(params):
    lean = forward(IDS, params, CONFIG, lean=True, observe=AsMade(head=0))
    whole = full(params)
    layer, theirs = lean.layers[1], whole.layers[1]
    one = layer.held_head[1].nbytes
    before = sum(a.nbytes for a in layer.held())
    assert np.array_equal(layer.head(3).weights, theirs.weights[3])  # a frame of head 4 (an export's): read only
    assert layer.held_head[0] == 0
    layer._heads = {}
    lean.show_head(3)  # the teacher picks head 4 (app.model.ClassroomModel._hold_head)
    assert np.array_equal(layer.head(3).weights, theirs.weights[3])
    assert layer.held_head[0] == 3 and layer.held_head[1] is layer.head(3).weights
    layer._heads = {}  # the kept views dropped (HEAD_LAYERS_KEPT): the held head's shares stay, and no other's
    assert sum(a.nbytes for a in layer.held()) == before
    assert layer.weights_of(3) is layer.held_head[1] and layer.held_head[1].nbytes == one
    stacked = layer.weights  # every head at once (the CLI's table): made head by head, then stacked
    assert np.array_equal(stacked, theirs.weights)
    layer._heads = {}
    layer.head(2)  # read from the stack: its view would keep every head's shares alive, so it is not held
    assert layer.held_head[0] == 3


def test_a_trace_let_go_without_a_head_holds_none(params):
    lean = forward(IDS, params, CONFIG, lean=True, observe=AsMade())
    assert lean.held_head is None
    for layer in lean.layers:
        layer.head(1)
        assert layer.held_head is None
    assert rules.under(lean, "none").held_head is None


def lean_model(params, folder):
    """A ClassroomModel on a checkpoint of `params` whose sentence reads as IDS (LEAN_FROM students: lean)."""
    from classroom_gui.app.model import ClassroomModel
    from classroom_gui.lesson.state import prepared_run
    from classroom_gui.model import ClassroomTokenizer, load_checkpoint, save_checkpoint

    words = [f"x{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(CONFIG.vocab_size - 1)] + ["<unk>"]
    save_checkpoint(folder, CONFIG, params, ClassroomTokenizer(words))
    checkpoint = load_checkpoint(folder)
    model = ClassroomModel(checkpoint)
    model.set_run(prepared_run(checkpoint, " ".join(words[i] for i in IDS), "causal"))
    model.select(rule="causal")  # the class's own rule (review20 #12: under "none" every frame read the other
    assert list(model.run.trace.token_ids) == list(IDS)  # rule's whole class, never chapter 6's one layer)
    return model


def test_a_head_picked_at_one_layer_is_the_head_the_next_classes_keep(params, request, tmp_path):
    """review16 #1: with head 4 picked at layer 3 the first two layers still held head 1, and Trace.held_head read
    the first layer's, so the other rule's class and a what-if class held head 1 again and their first frame made
    the shown head's shares anew. The window's selection (ClassroomModel.select) records the head it shows; the
    classes made after it keep that one, with the same numbers as a full forward's."""
    from classroom_gui.lesson.state import frame_at
    from classroom_gui.lesson.whatif_state import edited
    from classroom_gui.model.trace_json import trace_to_dict

    model = lean_model(params, tmp_path)  # the window's model, its class lean and warmed for head 1
    lean = model.run.trace
    assert lean.layers[0].kept_weights is None and lean.held_head == 0
    model.select(layer=2, head=3, focus=5, rule="causal")  # the teacher picks layer 3, head 4
    frame_at(lean, model.sel, 0.0)
    assert [layer.held_head[0] for layer in lean.layers] == [0, 0, 3] and lean.held_head == 3
    trace_to_dict(lean)  # reads every head of every layer: the held one stays held
    assert [layer.held_head[0] for layer in lean.layers] == [0, 0, 3]
    edit = whatif.Edit("score", 0, 2, LEAN_FROM - 1, 3, 4.0)
    other, changed = rules.under(lean, "none"), edited(lean, (edit,))
    part = rules.layer_under(lean, "none", 1)
    assert [layer.held_head[0] for layer in (*other.layers, *changed.layers, part)] == [3] * 7
    request.getfixturevalue("no_head_made")
    for mine, theirs in ((other, full(params, "none")), (changed, full(params, edits=(edit,)))):
        for layer, whole in zip(mine.layers, theirs.layers):
            assert np.array_equal(layer.head(3).weights, whole.weights[3])


def test_chapter_6_draws_the_other_rule_s_one_layer_with_the_selected_head(params, tmp_path):
    """review20 #12: the window's usual case, a lean class under its own rule: chapter 6's frames read the other
    rule's one layer (rules.layer_under, kept beside the trace), not a whole class of that rule; it holds the head
    the teacher picks, before and after a new pick, with the shares a full forward makes."""
    from classroom_gui.lesson.cache import cache_of
    from classroom_gui.lesson.state import frame_at

    model = lean_model(params, tmp_path)
    lean = model.run.trace
    mask_step = model.player.timeline.chapter_end("mask")
    discussion = full(params, "none")
    for head in (1, 3):
        model.select(layer=1, head=head, focus=5)
        frame_at(lean, model.sel, mask_step)
        assert not rules.has(lean, "none")  # one layer of the other rule, not its whole class
        key, layer = cache_of(lean)["rule.none.layer"]
        assert key == 1 and layer.held_head[0] == head and layer.shown == head
        assert np.array_equal(layer.held_head[1], discussion.layers[1].weights[head])
