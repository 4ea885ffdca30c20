"""panels.warm works the opening asker's softmax row as the board writes it (softmax_row.shown_row_of) before the
first frame, and a frame of another asker, head, layer or rule never shows that kept row: each gets its own,
equal to shown_softmax of its own row."""
from __future__ import annotations

import pytest

from classroom_gui.lesson import rules, softmax_row
from classroom_gui.lesson.panels import warm
from classroom_gui.lesson.state import Selection, frame_at, prepared_run, timeline_for
from classroom_gui.resources import teaching_model_dir

SENTENCE = "The cat sat on the mat and the dog sat on the rug"


def softmax_moment(trace) -> float:
    tl = timeline_for(trace.n_tokens, trace.config.n_layer)
    return tl.beat_stop(next(i for i, b in enumerate(tl.beats) if b.key == "softmax.weights"))


def counted(monkeypatch) -> list:
    rows = []
    real = softmax_row.shown_softmax

    def count(scaled, mask, weights=None, *board):  # board: the ÷√d board's scores and divisor
        rows.append((scaled.copy(), mask.copy()))
        return real(scaled, mask, weights, *board)

    monkeypatch.setattr(softmax_row, "shown_softmax", count)
    return rows


def board_row(trace, sel: Selection) -> softmax_row.ShownSoftmax:
    """sel's row as every board works it (shown_of_head), worked afresh (what the board must show)."""
    return softmax_row.shown_of_head(rules.under(trace, sel.rule).layers[sel.layer].head(sel.head), sel.focus)


def test_the_opening_askers_row_is_worked_at_load_and_read_by_its_frames(checkpoint, monkeypatch):
    run = prepared_run(checkpoint, SENTENCE, "none", layer=1, head=2)
    rows = counted(monkeypatch)
    sel = Selection(focus=1, layer=1, head=2, rule="none")  # "cat": the asker a new sentence opens with
    frame = frame_at(run.trace, sel, softmax_moment(run.trace))
    assert rows == [], "the first softmax frame worked the opening asker's row again"
    kept = softmax_row.shown_row_of(run.trace, 1, 2, 1)
    assert kept == board_row(run.trace, sel)
    assert any(w in line for line in frame.board for w in kept.weights if w != "0.000")


@pytest.mark.parametrize("change", [dict(focus=3), dict(head=0), dict(layer=0), dict(rule="causal")])
def test_another_asker_head_layer_or_rule_gets_its_own_row(checkpoint, monkeypatch, change):
    run = prepared_run(checkpoint, SENTENCE, "none", layer=1, head=2)
    opened = softmax_row.shown_row_of(run.trace, 1, 2, 1)
    rows = counted(monkeypatch)
    sel = Selection(**{**dict(focus=1, layer=1, head=2, rule="none"), **change})
    frame = frame_at(run.trace, sel, softmax_moment(run.trace))
    assert len(rows) == 1, "a changed selection was served the kept row"
    want = board_row(run.trace, sel)
    assert want != opened  # the check can fail: the two rows differ
    got = softmax_row.shown_row_of(rules.under(run.trace, sel.rule), sel.layer, sel.head, sel.focus)
    assert got == want
    assert any(w in line for line in frame.board for w in want.weights if w != "0.000")


def test_warm_without_an_asker_works_no_row_and_a_bad_asker_is_ignored(checkpoint, monkeypatch):
    run = prepared_run(checkpoint, SENTENCE, "none")
    rows = counted(monkeypatch)
    warm(run.trace, 0)  # (the row prepared_run made stays; warm alone makes none)
    warm(run.trace, 0, asker=run.trace.n_tokens + 5)
    warm(run.trace, 0, asker=1, head=run.trace.config.n_head)
    assert rows == []


def test_a_gallery_examples_asker_is_the_row_worked_at_load(checkpoint, monkeypatch):
    """A gallery example opens on its own asker (review9: examples whose asker is not the default one worked
    their row again in the first softmax frame): prepared_run(focus=…) works that asker's row."""
    from classroom_gui.lesson.gallery import gallery_of
    example = next(e for e in gallery_of(teaching_model_dir())[0] if e.focus not in ("cat", "猫") and e.mask == "none")
    run = prepared_run(checkpoint, example.text, "none", layer=example.layer - 1, head=example.head - 1,
                       focus=example.focus)
    seat = run.trace.tokens.index(example.focus)
    rows = counted(monkeypatch)
    sel = Selection(focus=seat, layer=example.layer - 1, head=example.head - 1, rule="none")
    frame_at(run.trace, sel, softmax_moment(run.trace))
    assert rows == [], f"the first softmax frame of {example.text!r} worked {example.focus!r}'s row again"
    assert softmax_row.shown_row_of(run.trace, sel.layer, sel.head, seat) == board_row(run.trace, sel)


def test_the_mask_chapters_first_frame_reads_the_opening_askers_kept_row(checkpoint, monkeypatch):
    """Chapter 6 writes both rules' shares of the asker's row (mask_shares): the lesson's rule's row is the one
    panels.warm worked, read, not worked again; only the other rule's is worked, and the board's shares are still
    those of both rows worked afresh."""
    run = prepared_run(checkpoint, SENTENCE, "none", layer=1, head=2)
    rows = counted(monkeypatch)
    sel = Selection(focus=1, layer=1, head=2, rule="none")
    tl = timeline_for(run.trace.n_tokens, run.trace.config.n_layer)
    frame = frame_at(run.trace, sel, tl.beat_stop(next(i for i, b in enumerate(tl.beats) if b.chapter == "mask")))
    assert len(rows) == 1 and rows[0][1].any(), "the first mask frame worked the discussion row again"  # in turn's
    free = board_row(run.trace, sel).weights
    turn = board_row(run.trace, Selection(focus=1, layer=1, head=2, rule="causal")).weights
    head = rules.under(run.trace, "none").layers[1].head(2), rules.under(run.trace, "causal").layers[1].head(2)
    want = softmax_row.mask_shares(head[0].weights[1], head[1].weights[1], head[1].mask[1], free, turn)
    assert any(want[0][0] in line and want[1][0] in line for line in frame.board)  # (the first seat: heard by both)
