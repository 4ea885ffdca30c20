"""A word that sits more than once is said with its seat in one form on every board, narration and note (boards25): the
seat first in Japanese, 「3番の席の「猫」」 (jareview6 chose it, as a share in brackets may follow), where the asker was
「「猫」（1番の席）」 beside 「3番の席の「猫」」 it listened to; in English '"猫" (seat 3)', the form of every board row,
where the shares' step said "seat 3's "猫"" beside '"猫" (seat 1)'."""
from __future__ import annotations

import re

import pytest

from classroom_gui.lesson.chapter_summary import said_in
from classroom_gui.lesson.speaker_notes import speaker_notes
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import seat_quoted
from classroom_gui.model.sentence import run_sentence

FORM = {"ja": re.compile(r"\d+番の席の「"), "en": re.compile(r"\" \(seat \d+\)")}
OTHER = {"ja": re.compile(r"」（\d+番の席"), "en": re.compile(r"seat \d+'s ")}


@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_repeated_word_has_one_seat_form_on_boards_narrations_and_notes(checkpoint, lang, rule):
    trace = run_sentence(checkpoint, "猫が猫を見た", rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    said = 0
    for focus in (0, 2, 3):  # the first 「猫」 asks, the second asks, 「を」 hears the second most (causal)
        sel = Selection(focus=focus, lang=lang, rule=rule)
        for i in range(len(timeline)):
            frame = frame_at(trace, sel, timeline.beat_stop(i))
            for where, texts in (("board", frame.board + frame.board_short), ("narration", [frame.narration]),
                                 ("notes", speaker_notes(frame, lang))):
                for line in texts:
                    assert not OTHER[lang].search(line), (focus, frame.beat_key, where, line)
                    said += bool(FORM[lang].search(line))
    assert said > 20  # the form is said, on many steps


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_matrix_rows_write_a_share_after_its_name_as_the_narration_does(checkpoint, lang):
    """boards25: the narrations, notes and slides write a share in brackets after its name, 「「マット」（0.33）」
    (jareview6's 「31番の席の「猫」（0.34）」), and so does the matrix board's row now, where it wrote 「「マット」0.33」."""
    trace = run_sentence(checkpoint, "猫がマットの上に座った", "none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=0, lang=lang, rule="none")
    frames = [frame_at(trace, sel, timeline.beat_stop(i)) for i in range(len(timeline))]
    said = next(f.narration for f in frames if f.beat_key == "softmax.weights")
    bracketed = r"」（\d\.\d\d）" if lang == "ja" else r"\" \(\d\.\d\d\)"
    bare = r"」\d" if lang == "ja" else r"\" \d"
    assert re.search(bracketed, said), said  # the narration's form
    rows = next(f.board for f in frames if f.beat_key == "everyone.matrix")
    assert len(rows) == trace.n_tokens
    for row in rows:  # 7 students: each row names its largest three shares
        assert len(re.findall(bracketed, row)) == 3 and not re.search(bare, row), row


SENTENCE = "the cat sat on the mat and the dog sat on the rug by the cat"  # 16 students, "the" 4 times, "sat" twice
STACKED = {"ja": re.compile(r"番の席）（"), "en": re.compile(r"\(seat \d+\) \(")}  # a seat's bracket, then a share's


def seat_share_form(lang: str) -> re.Pattern:
    """A repeated word said with its share, as the one helper (strings.seat_quoted) writes it, any name, seat and
    share: '"sat" (seat 10, 0.19)', 「10番の席の「sat」（0.19）」."""
    said = re.escape(seat_quoted(lang, ["\1", "\1"], 1, share="\0"))
    return re.compile(said.replace(re.escape("\1"), r"[^\"「」]+").replace("2", r"\d+", 1)
                      .replace(re.escape("\0"), r"\d\.\d\d"))


@pytest.mark.parametrize("rule", ["causal", "none"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_repeated_word_and_its_share_share_one_bracket(checkpoint, lang, rule):
    """fix67: where a share follows a repeated word, English wrote two brackets in a row, '"sat" (seat 10) (0.19)',
    'listens most to "猫" (seat 3) (0.63)' (narrations, the heads' and matrix boards, the notes, a deck's chapter
    sentences); now one, '"sat" (seat 10, 0.19)', as Japanese says 「10番の席の「sat」（0.19）」 in one bracket."""
    trace = run_sentence(checkpoint, SENTENCE, rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    form, said = seat_share_form(lang), 0
    for focus in range(trace.n_tokens):
        sel = Selection(focus=focus, lang=lang, rule=rule)
        for i, beat in enumerate(timeline.beats):
            frame = frame_at(trace, sel, timeline.beat_stop(i))
            last = i + 1 == len(timeline.beats) or timeline.beats[i + 1].chapter != beat.chapter
            deck = said_in(trace, sel, frame) if last else None  # a deck's slide of the whole chapter
            for line in [*frame.board, *frame.board_short, frame.narration, *speaker_notes(frame, lang), deck or ""]:
                assert not STACKED[lang].search(line), (focus, frame.beat_key, line)
                said += len(form.findall(line))
    assert said > 50  # the form is said, on many steps
