"""LayerNorm's worked board computes only what it writes (#18, cold26): numbers.evened reads a plain notebook's mean
and spread from exact whole-number sums (the Decimal number-by-number path only near a rounding edge or for numbers
that are not plain), and works out only the evened numbers the board lists (6 of a 768-number notebook; none at
answer time's final norm). Its boards are the full path's, digit for digit: frames of the shipped model and of a
768-wide one at every LayerNorm beat and a few others, in both languages, against the same frames made with the
Decimal path and every evened number (numbers._plain_stats off, `first` ignored).
"""
from __future__ import annotations

import numpy as np
import pytest

from classroom_gui.lesson import numbers, rules, worked
from classroom_gui.lesson.cache import cache_of
from classroom_gui.lesson.numbers import _evened_decimal, evened, fmt_many
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run
from helpers import random_checkpoint

KEYS = ("heads.residual", "answer.norm", "heads.project", "ffn.residual", "cards.query", "answer.logits")


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    ck = random_checkpoint(tmp_path_factory.mktemp("wide"), n_layer=1, n_head=12, n_embd=768)
    return compute_run(ck, "the cat sat on the mat", mask="none").trace


def shown(trace, lang: str) -> dict:
    forget_evened(trace)  # (worked out again here, not read from a frame made before: the test's own patches apply)
    sel = Selection(focus=1, lang=lang, rule="none")
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    out = {}
    for i, beat in enumerate(timeline.beats):
        if beat.key in KEYS:
            fr = frame_at(trace, sel, timeline.beat_stop(i))
            out[fr.beat_key] = (fr.board, fr.board_more, fr.board_worked, fr.board_vectors, fr.board_short,
                                fr.narration)
    return out


def forget_evened(trace) -> None:
    """The evened notebooks chapters 10 and 13 keep beside a trace (per layer and asker, and answer time's, on the
    trace of its rule) let go of, so that the next frames work them out."""
    for t in (trace, rules.under(trace, rules.ANSWER_RULE)):
        for name in ("heads_evened", "answer_evened"):
            cache_of(t).pop(name, None)


def full_path(monkeypatch):
    """numbers.evened as it was: every number through Decimal, every evened number worked out."""
    monkeypatch.setattr(numbers, "_plain_stats", lambda *a: None)
    monkeypatch.setattr(worked, "evened", lambda shown, eps, mean_places=3, first=None:
                        evened(shown, eps, mean_places))


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("model", ["teaching", "wide"])
def test_the_cut_boards_are_the_full_paths(model, lang, checkpoint, wide, monkeypatch):
    trace = wide if model == "wide" else compute_run(checkpoint, "the cat sat on the mat", mask="none").trace
    cut = shown(trace, lang)
    assert {"heads.residual", "answer.norm"} <= set(cut)
    with monkeypatch.context() as m:
        full_path(m)
        assert shown(trace, lang) == cut


def test_a_wide_notebook_works_out_only_the_evened_numbers_its_board_writes(wide, monkeypatch):
    asked = []
    real = worked.evened
    monkeypatch.setattr(worked, "evened", lambda *a, **k: asked.append(k.get("first")) or real(*a, **k))
    shown(wide, "en")
    assert asked and set(asked) == {6, 0}  # the residual step lists 6 of 768; the final norm lists none


def test_plain_sums_give_the_decimal_paths_digits(monkeypatch):
    monkeypatch.setattr(numbers, "PLAIN_FROM", 1)  # the NumPy sums at every length, not only from 48 numbers
    rng = np.random.default_rng(3)
    for trial in range(400):
        n = int(rng.choice([1, 2, 5, 24, 768]))
        row = rng.standard_normal(n) * float(rng.choice([0.02, 0.5, 40.0])) + float(rng.choice([0.0, 0.3, 900.0]))
        if trial % 5 == 0:
            row = np.round(row, 1)  # whole tenths: means and spreads on rounding edges
        for digits in (2, 3, 4):
            written = fmt_many(row, digits)
            for places in (3, digits + 1):
                assert evened(written, 1e-5, places) == _evened_decimal(written, 1e-5, places, None)
                assert evened(written, 1e-5, places, first=6) == _evened_decimal(written, 1e-5, places, 6)
    odd = [["0.50", "0.5"], ["-0.00", "0.00"], ["1.23e+07", "0.50"], ["0.5", "-.5"], ["1.", "2.0"], ["12", "13"], [],
           ["0.50 "], ["-", "0.1"], ["1-2.0", "0.0"], ["0.001"] * 5, ["5.000", "5.000"], ["99999999999999999.9", "1.0"],
           ["0.50"] * 23 + ["0.51"], ["1.5", "nan", "0.2"], ["1.5", "inf", "0.2"]]
    for written in odd:
        assert evened(written, 1e-5) == _evened_decimal(written, 1e-5, 3, None), written
