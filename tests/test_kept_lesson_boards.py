"""Boards the lesson keeps beside a trace (#18, cold30: chapter 10's residual notebook evened per layer and asker,
answer time's final notebook evened; lesson.cache) are the boards of the trace, asker and layer shown: a frame made
after other askers, layers and edits were shown is the frame made with nothing kept, and an edit that changes the
notebook changes the board."""
from __future__ import annotations

import pytest

from classroom_gui.lesson import rules
from classroom_gui.lesson.cache import cache_of
from classroom_gui.lesson.numbers import cards_add_up, fmt_many
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.lesson.whatif_state import edited
from classroom_gui.model.sentence import compute_run
from classroom_gui.model.whatif import Edit

KEPT = ("heads_evened", "answer_evened")


@pytest.fixture(scope="module")
def trace(checkpoint):
    return compute_run(checkpoint, "the cat sat on the mat", mask="none").trace


def board(trace, key: str, focus: int = 1, layer: int = 0, lang: str = "en"):
    sel = Selection(focus=focus, layer=layer, lang=lang, rule="none")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    i = next(k for k, beat in enumerate(timeline.beats) if beat.key == key)
    fr = frame_at(trace, sel, timeline.beat_stop(i))
    return fr.board, fr.board_vectors, fr.board_short, fr.board_worked


def fresh(trace, key: str, **kw):
    """The board made with nothing kept beside the trace (nor beside its answer-time twin)."""
    for t in (trace, rules.under(trace, rules.ANSWER_RULE)):
        for name in KEPT:
            cache_of(t).pop(name, None)
    return board(trace, key, **kw)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_residual_board_is_the_askers_and_layers(trace, lang):
    shown = {}
    for focus, layer in ((1, 0), (2, 0), (1, 1), (4, 2), (1, 0)):  # each after another asker or layer was shown
        shown[focus, layer] = board(trace, "heads.residual", focus=focus, layer=layer, lang=lang)
    for (focus, layer), kept in shown.items():
        assert kept == fresh(trace, "heads.residual", focus=focus, layer=layer, lang=lang)
    assert len({repr(b[0]) for b in shown.values()}) == len(shown)  # every asker and layer its own board


def test_an_edit_changes_the_kept_boards(trace):
    own = {key: board(trace, key) for key in ("heads.residual", "answer.norm")}
    changed = edited(trace, (Edit("score", 0, 0, 1, 0, 4.0),))  # the asker listens to "the" far more in layer 0
    for key, before in own.items():
        after = board(changed, key)
        assert after != before
        assert after == fresh(changed, key)
        assert board(trace, key) == before == fresh(trace, key)


def test_cards_add_up_whole_vectors_as_one_sum_a_number():
    """cards_add_up, written a chunk at a time, says what comparing every written number says: a board whose sums all
    add up, one missing by a cent early or past the first chunks, and numbers the cards cannot write."""
    from decimal import Decimal

    import numpy as np

    def every(a, b, written):
        try:
            return all(Decimal(x) + Decimal(y) == Decimal(w) for x, y, w in zip(fmt_many(a), fmt_many(b), written))
        except ArithmeticError:
            return True

    rng = np.random.default_rng(5)
    for n in (1, 7, 32, 33, 64, 100, 768):
        a, b = (np.round(rng.normal(size=n), 2) for _ in range(2))
        sums = [f"{Decimal(x) + Decimal(y):.2f}" for x, y in zip(fmt_many(a), fmt_many(b))]
        assert cards_add_up(a, b, sums) is True
        for at in {0, n // 2, n - 1}:
            off = list(sums)
            off[at] = f"{Decimal(off[at]) + Decimal('0.01'):.2f}"
            assert cards_add_up(a, b, off) is every(a, b, off) is False
        assert cards_add_up(a, b, sums[:-1] + ["1.234"]) is False  # 3 decimals: not the cards' way of writing
    nan = np.array([0.5, np.nan, 0.25])
    assert cards_add_up(nan, nan, ["1.00", "nan", "0.50"]) is every(nan, nan, ["1.00", "nan", "0.50"])
