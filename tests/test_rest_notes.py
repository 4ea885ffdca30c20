"""teacher21 L5: the notes of scoring's "remaining classmates" slide (a class of 9 or more) pointed at the board's first
line ("The": -6.83) while the narration named "red" 5.05, gave no equation to redo and, in turn, could name a bar of a
student the asker cannot hear. They now point at the board's line and the chart's bar of the student the narration
names, and redo its score from the cards (this board lists the scores and works none), digit for digit."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from classroom_gui.lesson.speaker_notes import speaker_notes
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.strings import quote, text
from classroom_gui.model.sentence import run_sentence

SENTENCES = {"en": "The old teacher gave the little boy a red book today",
             "ja": "猫がマットの上に座った。猫がマットの上で寝た"}
TERM = re.compile(r"\(?(-?\d+\.\d+)\)?×\(?(-?\d+\.\d+)\)?")


@pytest.mark.parametrize("rule", ["none", "causal"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_rest_slides_notes_point_at_the_student_named_and_redo_its_score(checkpoint, lang, rule):
    trace = run_sentence(checkpoint, SENTENCES[lang], rule).trace
    assert trace.n_tokens >= 9  # a class whose scoring has a "remaining classmates" step
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    at = next(i for i, b in enumerate(timeline.beats) if b.key == "scoring.rest")
    boards = 0  # askers whose board shows the named student's line: its check ran (review24: never skipped silently)
    for asker in range(trace.n_tokens):
        frame = frame_at(trace, Selection(focus=asker, lang=lang, rule=rule), timeline.beat_stop(at))
        scores = frame.bars.values
        heard = [j for j in range(trace.n_tokens) if rule == "none" or j <= asker]
        best = max(heard, key=lambda j: scores[j])
        name = quote(lang, frame.bars.labels[best])
        if frame.bars.labels.count(frame.bars.labels[best]) > 1:  # a word that sits twice: with its seat, as said
            name = text(lang, "quiz.seat", name=name, seat=best + 1)
        assert name in frame.narration
        point, redo = speaker_notes(frame, lang)
        assert text(lang, "speaker.chart_bar", title=frame.bars.title, name=name) in point, point
        on_board = any(line.startswith(name) for line in frame.board)  # (a board cut by board_more may not show it)
        assert (text(lang, "speaker.board_line", name=name) in point) == on_board, point  # never a line not shown
        boards += on_board
        lead = text(lang, "speaker.redo_cards", line="")
        assert redo.startswith(lead) and name in redo, redo
        factors, products, result = redo.rsplit(" = ", 3)[1:]  # the products as the board writes them, then their sum
        terms = TERM.findall(factors)
        assert len(terms) == trace.config.d_head
        written = [Decimal(p.replace(" ", "")) for p in re.findall(r"-?\s?\d+\.\d+", products.replace("+ ", ""))]
        places = Decimal(1).scaleb(Decimal(terms[0][0]).as_tuple().exponent)  # the factors' decimals, the products'
        assert [(Decimal(a) * Decimal(b)).quantize(places, ROUND_HALF_UP) for a, b in terms] == written
        assert result == f"{scores[best]:.2f}"
        assert sum(written).quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal(result)
    assert boards == trace.n_tokens, boards  # these classes' boards show every named line: none skipped
