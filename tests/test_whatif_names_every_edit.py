"""teacher25 M1: a what-if deck or video says its lead once, and the lead named the two newest edits and counted the
rest ("…; and 1 more edit"), so the edit every slide's numbers rest on (score door → The = 6) was never named. The
first what-if step now names every edit; later steps keep the short form (and the window its counted one)."""
from __future__ import annotations

import pytest

from classroom_gui.export.moments import deck_times
from classroom_gui.lesson.deck import deck_frames, video_frame
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import from_specs
from classroom_gui.lesson.whatif_words import describe, named
from classroom_gui.model.sentence import run_sentence

SENTENCE = "The dog sat by the old door"  # teacher25's deck: --mask causal --focus door --from mask --to listening
SPECS = ["score[1,1,door,The]=6", "mask[1,door,sat]=1", "mask[1,5,2]=1"]
DOOR = 6


@pytest.fixture(scope="module")
def trace(checkpoint):
    return from_specs(run_sentence(checkpoint, SENTENCE, "causal").trace, SPECS)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_deck_names_every_edit_on_its_first_what_if_slide(trace, lang):
    sel = Selection(focus=DOOR, lang=lang, rule="causal")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    times = deck_times(timeline, "beat", "mask", "listening")
    frames = deck_frames(trace, sel, times, "beat")
    edits = [describe(lang, e, trace.tokens) for e in trace.edits]
    assert len(edits) == 3
    leading = [f for f in frames if any(e in f.narration for e in edits)]
    assert leading, "no slide says the what-if"
    first = leading[0]
    assert all(e in first.narration for e in edits), first.narration  # the score edit too, not "and 1 more edit"
    assert "more edit" not in first.narration and "ほかにも" not in first.narration
    assert all(e not in f.narration for f in frames[frames.index(first) + 1:] for e in edits)  # said once
    shown = frame_at(trace, sel, times[frames.index(first)]).narration  # the window names the newest two
    assert edits[0] not in shown and edits[2] in shown


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_videos_opening_names_every_edit(trace, lang):
    sel = Selection(focus=DOOR, lang=lang, rule="causal")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    start = deck_times(timeline, "beat", "softmax", "softmax")[0]  # teacher25's `video --from softmax --to softmax`
    picture = video_frame(trace, sel)
    edits = [describe(lang, e, trace.tokens) for e in trace.edits]
    opening = picture(start).narration
    assert all(e in opening for e in edits), opening
    short, every = (named(lang, trace.edits, trace.tokens, all_) for all_ in (False, True))
    assert opening == frame_at(trace, sel, start).narration.replace(short, every, 1)  # the rest word for word
