"""A range of chapters (--from, --to; the export dialog's boxes) is one filter, moments.beats_in / starts_in, for a
deck's slides per step, per chapter and a video's steps: each chapter's own steps, nothing of the chapters beside it,
whatever rounding the span's edges carry."""
from __future__ import annotations

import pytest

from classroom_gui.export.moments import beats_in, chapter_range, deck_times, starts_in
from classroom_gui.export.pace import paced_shots
from classroom_gui.lesson.timeline import CHAPTERS, Timeline


@pytest.fixture(scope="module")
def timeline():
    return Timeline(6, 2)


def test_the_edges(timeline):
    assert starts_in(1.0, (1.0, 2.0)) and starts_in(1.0 - 1e-12, (1.0, 2.0))  # a start a rounding early is in
    assert not starts_in(2.0, (1.0, 2.0)) and not starts_in(2.0 - 1e-12, (1.0, 2.0))  # the next chapter's is out
    assert not starts_in(1.0 - 1e-6, (1.0, 2.0)) and starts_in(2.0 - 1e-6, (1.0, 2.0))


@pytest.mark.parametrize("first, last", [("scaling", "scaling"), ("softmax", "everyone"), (CHAPTERS[0], CHAPTERS[-1]),
                                         (CHAPTERS[-1], CHAPTERS[-1]), (CHAPTERS[0], CHAPTERS[0])])
def test_a_range_is_its_chapters_steps_for_a_deck_and_a_video(timeline, first, last):
    chosen = CHAPTERS[CHAPTERS.index(first):CHAPTERS.index(last) + 1]
    own = [i for i, b in enumerate(timeline.beats) if b.chapter in chosen]
    begin, end = span = chapter_range(timeline, first, last)
    assert beats_in(timeline, span) == own
    assert beats_in(timeline, (begin - 1e-12, end - 1e-12)) == own == beats_in(timeline, (begin + 1e-12, end + 1e-12))
    assert deck_times(timeline, "beat", first, last) == [timeline.beat_stop(i) for i in own]
    assert deck_times(timeline, "chapter", first, last) == [timeline.chapter_end(c) for c in chosen
                                                            if any(b.chapter == c for b in timeline.beats)]
    shots = paced_shots(timeline, 1, first, last, 1.0, "en", lambda t: "")
    assert [t for t, n in shots if n > 1] == [timeline.beats[i].end for i in own]  # one hold a step, at its end
