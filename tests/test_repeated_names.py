"""A word that sits more than once is named with its seat wherever the lesson could mean either (teacher6 L1:
Scoring said '"the" asks; "the" answers -4.86' in a class with three "the"s, while the softmax board already
said "(seat N)"); a word that sits once keeps its bare name."""
from __future__ import annotations

import pytest

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run


def scoring_frames(checkpoint, text, focus, lang):
    trace = compute_run(checkpoint, text, mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    stops = [timeline.beat_stop(i) for i, b in enumerate(timeline.beats) if b.key.startswith("scoring.")]
    return [frame_at(trace, Selection(focus=focus, lang=lang, rule="none"), t) for t in stops]


@pytest.mark.parametrize("lang, asks", [("en", '"the" (seat 4) asks; "the" (seat 1) answers'),
                                        ("ja", "4番の席の「the」")])
def test_scoring_names_a_repeated_word_with_its_seat(checkpoint, lang, asks):
    frames = scoring_frames(checkpoint, "the dog saw the cat and the bird", 3, lang)
    first = frames[0]  # the asker, "the" in seat 4, scores the "the" in seat 1
    assert asks in first.narration
    assert first.board[0] == ('question of "the" (seat 4) · self-intro of "the" (seat 1)' if lang == "en" else
                              "4番の席の「the」の質問と1番の席の「the」の自己紹介の内積")
    cat = frames[4]
    assert ('"cat" answers' if lang == "en" else "「cat」が") in cat.narration and "(seat 5)" not in cat.narration


def test_a_word_that_sits_once_keeps_its_bare_name(checkpoint):
    for frame in scoring_frames(checkpoint, "The cat sat on the mat", 1, "en"):
        assert "(seat" not in frame.narration and not any("(seat" in line for line in frame.board)


def test_an_apostrophe_student_is_quoted_so_it_reads_as_one_mark(checkpoint):
    """teacher6 L6: the apostrophe student read "'" on the board, like three straight quotes."""
    from classroom_gui.lesson.strings import quote

    trace = compute_run(checkpoint, "the dog ' s bone", mask="none").trace
    assert "'" in trace.tokens
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    t = timeline.beat_stop(next(i for i, b in enumerate(timeline.beats) if b.key == "softmax.weights"))
    board = "\n".join(frame_at(trace, Selection(focus=1, lang="en", rule="none"), t).board)
    assert "\"\u2009'\u2009\"" in board and "\"'\"" not in board
    assert quote("en", "cat") == '"cat"' and quote("ja", "'") == "「'」"
