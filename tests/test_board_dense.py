"""teacher23 M2: the dense worked boards (W_O, LayerNorm, W_1, W_2, answer time's logit and probabilities) use the
board's room for bigger chalk: a long prose line wraps at its breaks (rows of numbers never do), and answer time's
chart gives way to its worked logit down to BARS_LEAST. Measured on the shipped checkpoint, both canvases, both
languages: no line lost, none past the board's edge."""
from __future__ import annotations

import pytest

from classroom_gui.lesson import state
from classroom_gui.lesson.canvas import FOUR_THREE, WIDESCREEN
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

DENSE = ("heads.project", "heads.residual", "ffn.hidden", "ffn.residual", "answer.logits", "answer.softmax")
# the least chalk (logical px) each board now gets for the report's sentence; before: 16 px at W_2 (16:9), 16 px
# at answer time on both canvases (11.4 px on a 1024 x 768 projector)
LEAST = {("16:9", "ffn.residual"): 20, ("16:9", "answer.logits"): 20, ("4:3", "answer.logits"): 18,
         ("16:9", "answer.softmax"): 20, ("4:3", "answer.softmax"): 20}


def _logical(shown: list[str]) -> list[list[str]]:
    """The board's lines as pieces of the lines they were wrapped from (a continued piece starts with CONTINUED)."""
    from classroom_gui.scene.board_wrap import CONTINUED

    rows: list[list[str]] = []
    for line in shown:
        if line.startswith(CONTINUED) and rows:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [row for row in rows if row[0].strip()]


def dense_boards(checkpoint, text, lang, canvas):
    from classroom_gui.scene.classroom import ClassroomScene
    trace = compute_run(checkpoint, text, mask="none").trace
    sel = Selection(focus=state.default_focus(trace.tokens, "none"), lang=lang, rule="none", canvas=canvas)
    timeline = timeline_for(trace.n_tokens, trace.config.n_layer)
    scene = ClassroomScene()
    for i in range(len(timeline)):
        frame = frame_at(trace, sel, timeline.beat_stop(i))
        if frame.beat_key in DENSE:
            scene.set_frame(frame)
            yield frame, scene.board


@pytest.mark.parametrize("canvas", [WIDESCREEN, FOUR_THREE], ids=["16:9", "4:3"])
@pytest.mark.parametrize("text,lang", [("The little dog ran to the old house", "en"), ("小さな犬が古い家へ走った", "ja")])
def test_dense_boards_take_the_room_whole(qapp, checkpoint, canvas, text, lang):
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene.board_fit import LINE_MIN_PX
    from classroom_gui.scene.board_wrap import REMARK
    seen = set()
    for frame, board in dense_boards(checkpoint, text, lang, canvas):
        lines = board.lines
        px = lines.font.pixelSize()
        assert lines.left_out() == 0 and px >= LINE_MIN_PX, frame.beat_key
        whole = "".join(t.strip() for t in lines.lines).replace(" ", "")
        assert all(t.replace(" ", "") in whole for t in frame.board), frame.beat_key  # nothing lost
        assert lines.used_height() <= lines.area.height() + 0.01, frame.beat_key
        fm = QFontMetricsF(lines.font)
        assert max(fm.horizontalAdvance(t) for t in lines.lines) <= lines.area.width(), frame.beat_key
        for row in _logical(lines.lines):  # a row of numbers is never broken (a worked line but before its remark)
            if not any(ch.isalpha() for ch in row[0].split()[0]):
                assert len(row) == 1 or len(row) == 2 and REMARK.fullmatch(row[0] + " " + row[1].strip()), (
                    frame.beat_key, row)
        if lang == "en":
            assert px >= LEAST.get((canvas.name, frame.beat_key), LINE_MIN_PX), (frame.beat_key, px)
        if board.chart is not None:  # the chart under the lines keeps its least height (a map's: HEAT_MIN, to which
            from classroom_gui.scene.board import BARS_LEAST, HEAT_BARE, HEAT_MIN  # it shrinks to keep the desks'
            from classroom_gui.scene.heatmap import NUMBER_CELL, map_cell  # rows, student39 #6; HEAT_BARE for a map
            least = BARS_LEAST if frame.bars is not None else HEAT_MIN  # whose cells carry no numbers: it gives the
            if frame.bars is None and map_cell(frame.heatmap, board.chart.width(), board.chart.height(),  # lines its
                                               1.0) < NUMBER_CELL:  # room, teacher40 #1), and the lines stay above it
                least = HEAT_BARE
            assert board.chart.height() >= least and lines.area.bottom() <= board.chart.top(), frame.beat_key
        seen.add(frame.beat_key)
    assert {"ffn.residual", "answer.logits"} <= seen


def test_a_long_prose_line_wraps_for_bigger_chalk_and_number_rows_stay_whole(qapp):
    """A board of short rows of numbers and one long prose line: the prose wraps at its breaks and the chalk is
    as big as the height allows (it was as small as the long line alone needed); a row of numbers too wide is
    never wrapped for size."""
    from PySide6.QtCore import QRectF

    from classroom_gui.scene import palette
    from classroom_gui.scene.board import LINE_SPACING, BoardLinesItem
    from classroom_gui.scene.board_wrap import CONTINUED
    rows = ["[0.48, 0.27, 0.00, 0.78, 0.12, 0.32,"] * 8
    prose = "w: rows 5, 8, 15, 17, 22, 26, 33, 47, 55, 62, 63, 64, 78, 83, 87, 95 of column 1 of W_2 (the same units)"
    item = BoardLinesItem()
    item.set_lines(rows + [prose], QRectF(0, 0, 552, 732), palette.CLASSROOM)
    px = item.font.pixelSize()
    assert px >= 24 and item.lines[:8] == rows and len(item.lines) > 9
    assert all(t.startswith(CONTINUED) for t in item.lines[9:]) and len(item.lines) * px * LINE_SPACING <= 732
    wide = ", ".join(["0.4812"] * 8)  # a number row too wide at that chalk: smaller chalk, still one line
    item.set_lines(rows + [wide], QRectF(0, 0, 552, 732), palette.CLASSROOM)
    assert wide in item.lines and item.font.pixelSize() < px


def test_a_prose_line_that_starts_with_a_number_word_may_wrap_a_number_row_never(qapp):
    """"1st number of the notebook …" is prose (its first word has letters); "+ 0.0298 - 0.0143 …" and
    "[0.48, 0.27, …" are rows of numbers (board_wrap.wrapped_at_breaks)."""
    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import wrapped_at_breaks
    from PySide6.QtGui import QFontMetricsF

    fm = QFontMetricsF(fonts.font(20))
    prose = '1st number of the notebook of "house" = x · w + b_2 + n, each pair as shown multiplied'
    width = fm.horizontalAdvance(prose) * 0.6
    assert len(wrapped_at_breaks(prose, fm, width)) == 2
    for row in ("  + 0.0298 - 0.0143 - 0.0077 + 0.0023 + 0.0341 + 0.0003 + 0.1317 + 0.0230",
                "[0.482, 0.276, 0.002, 0.785, 0.128, 0.323, 1.483, 1.146, 0.142, 0.455, 0.570, 0.093,"):
        assert wrapped_at_breaks(row, fm, fm.horizontalAdvance(row) * 0.6) is None
        assert wrapped_at_breaks(row, fm, fm.horizontalAdvance(row) + 1) == [row]
