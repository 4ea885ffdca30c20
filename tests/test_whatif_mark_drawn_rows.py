"""teacher25 L2: the last listening slide draws only the asker's row of the attention matrix, yet the what-if mask
edit "the" cannot hear "dog" was outlined there, a dashed square on the blank matrix. An edit is marked only on a
row that is drawn."""
from __future__ import annotations

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.model.sentence import run_sentence

SENTENCE = "The dog sat by the old door"
DOOR, THE, DOG, SAT = 6, 4, 1, 2


def test_an_edit_is_marked_only_on_a_drawn_row(checkpoint):
    trace = from_specs(run_sentence(checkpoint, SENTENCE, "causal").trace,
                       ["score[1,1,door,The]=6", "mask[1,door,sat]=1", "mask[1,5,2]=1"])
    sel = Selection(focus=DOOR, lang="en", rule="causal")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    stops = {b.key: timeline.beat_stop(i) for i, b in enumerate(timeline.beats)}  # each key's last step
    last = frame_at(trace, sel, max(t for k, t in stops.items() if k.startswith("listening.")))
    assert last.heatmap.rows == [DOOR]  # the premise: door's row only
    assert last.heatmap.edited == [(DOOR, 0), (DOOR, SAT)]  # not (THE, DOG), whose row is blank
    whole = [frame_at(trace, sel, t) for t in stops.values()]
    whole = [f for f in whole if f.heatmap is not None and THE in f.heatmap.rows]
    assert whole and all((THE, DOG) in f.heatmap.edited for f in whole)  # where "the"'s row is drawn, it is marked
    assert all(i in f.heatmap.rows for f in whole for i, _ in f.heatmap.edited)
