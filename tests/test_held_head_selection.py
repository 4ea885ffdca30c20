"""review18 (note16, left for session 17): the head a class made from the class on screen keeps (Trace.held_head:
the other rule's class, a what-if class) is the window's selected head, set where the selection, the sentence or
the edits change (app.model), not by each frame built: a frame of an export or a comparison, of another head,
leaves the window's classes as they were. A lean class (LEAN_FROM students) holds one head's shares in each layer
(LayerTrace.held_head): a frame of another head reads that head's without holding it (review19 #15)."""
from dataclasses import replace

from classroom_gui.app.model import ClassroomModel
from classroom_gui.lesson import rules
from classroom_gui.lesson.compare import compare
from classroom_gui.lesson.state import frame_at, prepared_run
from classroom_gui.model import whatif


def _model(checkpoint):
    model = ClassroomModel(checkpoint)
    model.set_run(prepared_run(checkpoint, "The cat sat on the mat", model.sel.rule))
    return model


def held(trace):
    """The window's trace state a frame could touch: its shown head and that of each rule's class kept with it."""
    return [t.shown_head for t in (trace, *(rules.under(trace, r) for r in rules.RULES))]


def test_the_selected_head_is_what_the_window_s_classes_keep(checkpoint):
    model = _model(checkpoint)
    model.select(layer=2, head=1)
    assert model.run.trace.shown_head == 1 and model.run.trace.held_head == 1
    model.edit(whatif.Edit("v", 0, 0, 2, 0, 2.0))  # a what-if class, made from the model's own
    assert model.shown_trace() is not model.run.trace and model.shown_trace().held_head == 1
    model.select(head=2)
    assert model.shown_trace().held_head == 2 and model.run.trace.held_head == 2


def test_export_and_compare_frames_of_another_head_leave_the_window_s_classes_alone(checkpoint):
    model = _model(checkpoint)
    model.select(layer=1, head=1)
    shown = model.shown_trace()
    before = held(shown)
    assert before[0] == 1
    other_head = replace(model.sel, head=0, layer=2)
    stops = [model.player.timeline.beat_stop(i) for i in range(len(model.player.timeline.beats))]
    for t in stops:  # every step, the other rule's (chapter 6) and answer time's included
        frame_at(shown, other_head, t)
    model.frame(size=(1024, 768))  # the export dialog's frame
    second = prepared_run(checkpoint, "The dog sat on the mat", model.sel.rule).trace
    compare(shown, second, other_head, stops[len(stops) // 2])
    assert held(shown) == before


def layers_held(trace):
    """The head each layer holds the shares of, in the trace and in each rule's class kept with it."""
    return [[layer.held_head and layer.held_head[0] for layer in t.layers]
            for t in (trace, *(rules.under(trace, r) for r in rules.RULES))]


def test_frames_of_another_head_leave_a_lean_class_s_held_heads_alone(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from random_weights import random_params
    from test_lean_held_head import CONFIG, lean_model

    model = lean_model(random_params(CONFIG, seed=17), tmp_path)  # GPT-2-shaped random weights, lean
    model.select(layer=1, head=1)
    shown = model.shown_trace()
    timeline = model.player.timeline
    stops = [timeline.beat_stop(i) for i in range(0, len(timeline.beats), 3)]
    for t in stops:  # the window's frames: layer 2 reads head 2, and holds it from now on
        frame_at(shown, model.sel, t)
    before = layers_held(shown)
    assert before[0][1] == 1 and all(layer.shown == 1 for layer in shown.layers) and held(shown)[0] == 1
    other_head = replace(model.sel, head=3, layer=2)
    for t in stops:  # steps of every chapter, of head 4 at layer 3 (an export's, a comparison's)
        frame_at(shown, other_head, t)
    model.frame(size=(1024, 768))
    assert layers_held(shown) == before


def test_a_new_head_is_held_by_chapter_6_s_kept_layer_too(tmp_path):
    """review20 #1: with the class's own rule selected (the window's usual case), chapter 6 reads the other rule's
    one layer (rules.layer_under, kept beside the trace); the selection's head did not reach it, so it held the head
    it was made with for good (a lean layer holds only the shown head) and made the new head's shares anew on every
    read once HEADS_KEPT let them go."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from random_weights import random_params
    from test_lean_held_head import CONFIG, lean_model

    from classroom_gui.lesson.cache import cache_of

    model = lean_model(random_params(CONFIG, seed=17), tmp_path)
    model.select(layer=1, head=1, rule="causal")
    trace = model.shown_trace()
    kept = [r for r in rules.RULES if not rules.has(trace, r)]
    assert kept, "the lean class keeps only its own rule's trace"
    for rule in kept:
        rules.layer_under(trace, rule, 1).head(1)  # as chapter 6's frames read it
    model.select(head=2)
    for rule in kept:
        layer = cache_of(trace)[f"rule.{rule}.layer"][1]
        assert layer.shown == 2
        layer.head(2)  # the next frame of the new head
        assert layer.held_head is not None and layer.held_head[0] == 2
