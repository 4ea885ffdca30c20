"""lesson.numbers.fmt_many writes a row of numbers exactly as fmt writes each: the board's 768-number vectors and
a card's numbers go through it, so every string must be fmt's own (the sign of a rounded zero, exponents from
a million, inf and NaN, float32 rows, each number of decimals)."""
from __future__ import annotations

import numpy as np

from classroom_gui.lesson.numbers import BIG, fmt, fmt_many


def test_fmt_many_writes_what_fmt_writes():
    rng = np.random.default_rng(18)
    edge = [0.0, -0.0, -0.004, -0.005, 0.005, -0.0049999, 1e-9, -1e-9, 0.125, -0.125, 2.675, -2.675, BIG, -BIG,
            BIG * (1 - 1e-12), -BIG * (1 - 1e-12), 999999.995, -999999.995, 1e30, -1e30, float("inf"),
            float("-inf"), float("nan"), 12.345, -99.995]
    rows = [edge, rng.normal(0, 3, 500), rng.normal(0, 3, 768).astype(np.float32), rng.uniform(-1e7, 1e7, 200),
            np.array(edge, np.float32), [1, -2, 0]]
    for row in rows:
        for digits in (0, 1, 2, 3, 4):
            values = row if isinstance(row, list) else row
            expected = [fmt(v, digits) for v in (values.tolist() if isinstance(values, np.ndarray) else values)]
            assert fmt_many(values, digits) == expected
    assert fmt_many([]) == []


def test_signed_writes_a_negative_that_rounds_to_zero_as_below_zero():
    assert fmt_many([-0.004, 0.004, -0.0, 0.0, -0.3, -1e-9], signed=True) == ["<0", "0.00", "0.00", "0.00",
                                                                             "-0.30", "<0"]
    assert fmt_many([-0.04], 1, signed=True) == ["<0"]  # (a card at 1 decimal)
    assert fmt_many([-0.004], signed=False) == ["0.00"]


def test_the_relu_step_writes_a_hidden_unit_that_rounds_to_zero_as_below_zero(qapp, checkpoint):
    """teacher6 L2: on the ReLU step a hidden unit shown as "0.00" was crossed out in one place and kept in
    another (a negative and a positive that both round to 0). Before ReLU the negative one reads "<0" (teacher30 #15:
"-0.00" read as a zero with a sign)."""
    from classroom_gui.lesson.state import Selection, frame_at, timeline_for
    from classroom_gui.model.sentence import compute_run
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, "猫がマットの上に座った", mask="none").trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    beat = next(i for i, b in enumerate(timeline.beats) if b.key == "ffn.activation")
    frame = frame_at(trace, Selection(focus=0, lang="ja", rule="none"), timeline.beat_stop(beat))
    pre = np.asarray(frame.board_strips[0].values)
    tiny = np.flatnonzero((pre < 0) & (pre > -0.005))
    assert tiny.size, "the seed's ReLU step has a hidden unit between -0.005 and 0"
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        views = [item.view for item in scene.board.strips if item.isVisible() and item.view.strip.role == "hidden"]
        before, after = views[0].cell_texts, views[1].cell_texts
        assert all(before[i] == "<0" for i in tiny) and all(after[i] == "0.00" for i in tiny)
        assert not any(t.startswith("-") and not t.strip("-0.") for t in before)  # no "-0.00" anywhere
        assert all(frame.board_strips[1].zeroed[i] for i in tiny)
        assert all(t == fmt(v) for t, v in zip(before, pre) if not -0.005 < v < 0)
    finally:
        scene.clear()
