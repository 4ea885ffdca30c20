"""The blackboard of a big class (issue 12, item 7): at 64 students, every step, in English and Japanese and
under both rules, no line on the board is cut or runs past its column, every long row ends with "… (+k)",
and the lines shown plus the k of a last "… (+k)" line count every line the lesson wrote.
"""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFontMetricsF

from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

BIG = " ".join((["the", "cat", "sat", "on", "mat", "the", "dog"] * 10)[:64])
MORE = re.compile(r"…(?: \((\d+) more lines?\)|（あと(\d+)行）)$")  # the board's own mark, en or ja (board.more)
ROW_MORE = re.compile(r"… \(\d+ others?\)$|…（ほか\d+人）$")  # a matrix row's classmates left out (board.row_more)
SKIPPED = re.compile(r"… \(\d+ others?: seats? \d+(–\d+)?\)|…（ほか\d+人：\d+(〜\d+)?番の席）")  # a long list's gap (long_lists)


@pytest.mark.parametrize("lang,rule", [("en", "causal"), ("ja", "none")])
def test_a_big_class_board_cuts_nothing_and_counts_what_it_leaves_off(qapp, checkpoint, lang, rule):
    from classroom_gui.scene.board import GAP
    from board_lines import one_row_each
    from classroom_gui.scene.board_wrap import CONTINUED
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, BIG, mask=rule).trace
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    sel = Selection(focus=trace.n_tokens - 1, lang=lang)
    scene = ClassroomScene()
    counted = 0
    try:
        for i in range(len(timeline)):
            frame = frame_at(trace, sel, timeline.beat_stop(i))
            scene.set_frame(frame)
            item = scene.board.lines
            if not item.columns:
                continue
            where = f"{lang} {frame.beat_key}"
            fm = QFontMetricsF(item.font)
            width = (item.area.width() - GAP * (len(item.columns) - 1)) / len(item.columns)
            shown = [line for col in item.columns for line in col]
            for line in shown:
                assert fm.horizontalAdvance(line) <= width + 0.5, f"{where}: {line!r} runs past its column"
                assert not line.endswith("…"), f"{where}: {line!r} is cut"  # a cut row says how much: "… (+k)"
                if "…" in line:
                    assert MORE.search(line) or SKIPPED.fullmatch(line) or ROW_MORE.search(line), \
                        f"{where}: {line!r} leaves numbers off without saying how many"
            whole = [line for line in shown if not line.startswith(CONTINUED)]  # a wrapped row counted once
            if len(whole) == len(frame.board_short) and any(map(SKIPPED.fullmatch, shown)) and all(
                    row.replace(" ", "").startswith(line.replace(" ", "")) for line, row in zip(whole, frame.board_short)):
                # drawn whole (its rows maybe wrapped), its gaps counted
                counted += 1  # (tests/test_long_lists.py: its lines and gaps count every student)
                continue
            written = len(frame.board) + frame.board_more
            last = MORE.fullmatch(shown[-1])
            # a list of numbers may be re-flowed into fewer rows for bigger chalk (fix44): lines counted as written
            if last or len(one_row_each(shown)) < len(one_row_each(frame.board)) or frame.board_more:
                assert last, f"{where}: {len(shown)} of {written} lines shown, with no '… (+k)'"
                assert len(shown) - 1 + int(last.group(1) or last.group(2)) == written, where
                counted += 1
    finally:
        scene.clear()
    assert counted >= 3  # scaling, exp and the shares of 64 students do not fit
