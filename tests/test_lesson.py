"""The lesson's timeline and frame_at: every beat reachable, frames pure, numbers equal the trace."""
import json
from dataclasses import asdict

import numpy as np
import pytest

from classroom_gui.lesson.player import Land, Player
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import LANGUAGES, table
from classroom_gui.lesson.timeline import CHAPTERS, Timeline
from classroom_gui.model.sentence import run_sentence
from helpers import ENGLISH_NAMES_FEWER, OWN_WORDING, random_checkpoint


@pytest.fixture(scope="module")
def trace(tmp_path_factory):
    ck = random_checkpoint(tmp_path_factory.mktemp("ck"))
    return run_sentence(ck, "The cat sat on the mat").trace


def test_every_chapter_is_in_the_timeline_in_order():
    tl = Timeline(6, 2)
    order = [CHAPTERS.index(b.chapter) for b in tl.beats]
    assert order == sorted(order) and set(order) == set(range(len(CHAPTERS)))
    assert [b.arg for b in tl.beats if b.key == "layers.layer"] == [0, 1]


def test_big_class_scores_the_rest_in_one_beat():
    tl = Timeline(64, 2)
    scoring = [b for b in tl.beats if b.chapter == "scoring"]
    assert scoring[-1].key == "scoring.rest" and len(scoring) < 10


def test_stepping_forwards_and_backwards_visits_every_beat():
    tl = Timeline(6, 2)
    p = Player(tl)
    forward = []
    for _ in range(len(tl)):
        p.next_beat()
        forward.append(tl.locate(p.time)[0])
    assert forward == list(range(len(tl)))
    back = []
    for _ in range(len(tl) - 1):
        p.prev_beat()
        back.append(tl.locate(p.time)[0])
    assert back == list(range(len(tl) - 2, -1, -1))


def test_frame_is_the_same_however_the_time_was_reached(trace):
    tl = timeline_for(trace.n_tokens, 2)
    p = Player(tl)
    seen = {}
    for _ in range(len(tl)):
        p.next_beat()
        seen[p.time] = json.dumps(asdict(frame_at(trace, Selection(), p.time)), sort_keys=True, default=str)
    p.end()
    for _ in range(len(tl)):
        p.prev_beat()
        if p.time in seen:
            assert json.dumps(asdict(frame_at(trace, Selection(), p.time)), sort_keys=True, default=str) == seen[p.time]


def test_scoring_numbers_are_the_trace_numbers(trace):
    tl = timeline_for(trace.n_tokens, 2)
    head = trace.layers[0].head(0)
    for i, b in enumerate(tl.beats):
        if b.key != "scoring.classmate":
            continue
        fr = frame_at(trace, Selection(focus=1), tl.beat_stop(i))
        cat = fr.students[1]
        assert cat.cards[0].role == "query"
        np.testing.assert_allclose(cat.cards[0].values, head.q[1], rtol=0, atol=1e-6)
        assert fr.bars.values[-1] == pytest.approx(float(head.scores[1, b.arg]))
        assert f"{head.scores[1, b.arg]:.2f}" in fr.narration


def test_softmax_weights_sum_to_one_and_masked_students_are_grey(trace):
    tl = timeline_for(trace.n_tokens, 2)
    i = next(i for i, b in enumerate(tl.beats) if b.key == "softmax.weights")
    fr = frame_at(trace, Selection(focus=2, rule="causal"), tl.beat_stop(i))
    assert sum(fr.bars.values) == pytest.approx(1.0, abs=1e-6)
    assert [s.state for s in fr.students[3:]] == ["masked"] * 3
    assert {link.target for link in fr.links} == {0, 1, 2}


def test_answer_bars_are_the_models_top_words(trace):
    fr = frame_at(trace, Selection(), timeline_for(trace.n_tokens, 2).duration)
    top = int(np.argmax(trace.probs[-1]))
    assert fr.bars.labels[0] == trace.vocab[top]
    assert fr.bars.values[0] == pytest.approx(float(trace.probs[-1, top]), abs=1e-6)


def test_every_beat_builds_in_both_languages(trace):
    tl = timeline_for(trace.n_tokens, 2)
    for lang in LANGUAGES:
        for i in range(len(tl)):
            for t in (tl.beats[i].start + 0.01, tl.beat_stop(i)):
                fr = frame_at(trace, Selection(lang=lang, focus=5), t)
                assert fr.title and fr.narration and len(fr.students) == 6


def test_no_trace_gives_the_empty_message():
    assert frame_at(None, Selection(lang="ja"), 0).message == table("ja")["message.empty"]


def test_languages_have_the_same_keys_and_placeholders():
    import string
    en, ja = table("en"), table("ja")
    assert set(en) == set(ja)
    for key in en:
        names = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
        if key in OWN_WORDING:  # each language names the file and words its fault from the fields given
            assert "path" in names(en[key]) & names(ja[key]) and names(en[key]) | names(ja[key]) <= OWN_WORDING[key], key
            continue
        assert names(en[key]) == names(ja[key]) or (key in ENGLISH_NAMES_FEWER and names(en[key]) < names(ja[key])), key


def test_a_new_timeline_lands_where_asked():
    """set_timeline's one "where to land": the same step of the same chapter (a new sentence) or the same chapter's first step
    (another model: its chapters hold other numbers of steps)."""
    old, new = Timeline(6, 2), Timeline(6, 1)
    softmax = next(i for i, b in enumerate(old.beats) if b.chapter == "softmax") + 1  # softmax's 2nd step
    for land, expected in [(Land.SAME_STEP, new.beat_stop(softmax)),
                           (Land.SAME_CHAPTER, new.beat_stop(next(i for i, b in enumerate(new.beats)
                                                                  if b.chapter == "softmax")))]:
        p = Player(old, old.beat_stop(softmax))
        p.set_timeline(new, land)
        assert p.timeline is new and p.time == expected, land
    p = Player(old, old.beat_stop(softmax))
    p.set_timeline(new)  # a new sentence by default
    assert p.time == new.beat_stop(softmax)
