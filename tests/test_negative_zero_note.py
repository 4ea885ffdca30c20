"""teacher40 #11: a hidden unit on the FFN board read 「<0」 among 2-decimal numbers, and nothing said what it was
(lesson.numbers.NEGATIVE_ZERO: a negative unit that rounds to 0.00, written so since teacher30 #15). Where a hidden
strip on the board shows one, the narration now says what it means; where none does, it says nothing of it."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.numbers import NEGATIVE_ZERO, fmt_many, shows_negative_zero
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import text as said
from classroom_gui.model.sentence import compute_run


def test_shows_negative_zero_is_what_the_strip_writes():
    assert shows_negative_zero([0.5, -0.004]) and not shows_negative_zero([0.5, -0.006, 0.004, 0.0])
    assert fmt_many([-0.004], signed=True) == [NEGATIVE_ZERO]


@pytest.mark.parametrize("sentence,lang", [("猫がマットの上に座った", "ja"), ("The cat sat on the mat", "en")])
@pytest.mark.parametrize("key", ["ffn.hidden", "ffn.activation"])
def test_the_narration_says_what_negative_zero_is_where_the_board_shows_it(checkpoint, sentence, lang, key):
    trace = compute_run(checkpoint, sentence, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(i for i, b in enumerate(timeline.beats) if b.key == key)
    note = said(lang, "ffn.negative_zero").strip()
    seen = set()
    for f in range(trace.n_tokens):
        frame = frame_at(trace, Selection(focus=f, lang=lang), timeline.beat_stop(beat))
        shown = any(NEGATIVE_ZERO in fmt_many(s.values, signed=True) for s in frame.board_strips if s.role == "hidden")
        assert (note in frame.narration) == shown, (f, frame.narration)
        seen.add(shown)
    assert seen == {True, False}  # the seed's sentences have askers of both kinds


@pytest.mark.parametrize("sentence,lang", [("猫がマットの上に座った", "ja"), ("The cat sat on the mat", "en")])
def test_a_chapter_slide_says_the_note_once(checkpoint, sentence, lang):
    """review41 #2: a deck per chapter joins the FFN's steps, and both steps that show 「<0」 explain it; the slide
    said it twice (and its caption ran out of room, 「これで第1層はおしまいです。」 cut to 「これ…」)."""
    from classroom_gui.lesson.chapter_summary import summarised

    trace = compute_run(checkpoint, sentence, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    last = max(i for i, b in enumerate(timeline.beats) if b.chapter == "ffn")
    note = said(lang, "ffn.negative_zero").strip()
    counts = set()
    for f in range(trace.n_tokens):
        sel = Selection(focus=f, lang=lang)
        steps = [frame_at(trace, sel, timeline.beat_stop(i)).narration
                 for i, b in enumerate(timeline.beats) if b.chapter == "ffn"]
        slide = summarised(trace, sel, frame_at(trace, sel, timeline.beat_stop(last))).narration
        assert slide.count(note) == (1 if any(note in s for s in steps) else 0), (f, slide)
        counts.add(sum(note in s for s in steps))
        assert slide.rstrip().endswith(steps[-1].rstrip()[-12:])  # the chapter's last sentence whole, at the end
    assert 2 in counts  # an asker whose two steps both say it: the case this is about
