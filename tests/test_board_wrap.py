"""teacher7 M2: the 4:3 blackboard wraps a line too wide for it instead of cutting it ("「座った」 0.…", "ε = 0.00001"
gone, "…the desks' La…"): at 4:3, in English and Japanese, every line the lesson wrote is on the board whole, over
one or more lines (scene.board_wrap), or counted by a last "… (+k)"; none runs past its column."""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFontMetricsF

from classroom_gui.export.moments import moment
from classroom_gui.lesson.canvas import canvas_for
from classroom_gui.lesson.state import Selection, frame_at, timeline_for
from classroom_gui.model.sentence import compute_run

MORE = re.compile(r"…(?: \((\d+) more lines?\)|（あと(\d+)行）)")  # the board's own mark, en or ja (board.more)
SENTENCES = {"en": "The cat sat on the mat", "ja": "猫がマットの上に座った"}


def logical(shown: list[str]) -> list[str]:
    """The board's lines as the lesson wrote them: a wrapped line's pieces joined (spaces aside)."""
    from classroom_gui.scene.board_wrap import CONTINUED

    lines: list[str] = []
    for line in shown:
        if line.startswith(CONTINUED) and lines:
            lines[-1] += line.removeprefix(CONTINUED)
        else:
            lines.append(line)
    return [line.replace(" ", "") for line in lines]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("chapter", ["everyone", "heads"])
def test_the_four_three_board_wraps_what_it_cannot_fit(qapp, checkpoint, lang, chapter):
    from classroom_gui.scene.board import GAP
    from classroom_gui.scene.board_wrap import CONTINUED, board_as_desks
    from classroom_gui.scene.classroom import ClassroomScene

    trace = compute_run(checkpoint, SENTENCES[lang], mask="none").trace
    sel = Selection(focus=0, lang=lang, rule="none", canvas=canvas_for(1024, 768))
    frame = frame_at(trace, sel, moment(timeline_for(trace.n_tokens, trace.config.n_layer), chapter, None, None))
    assert not any(line.startswith(CONTINUED) for line in frame.board)  # a continued line is told by its indent
    scene = ClassroomScene()
    try:
        scene.set_frame(frame)
        item = scene.board.lines
        fm = QFontMetricsF(item.font)
        width = (item.area.width() - GAP * (len(item.columns) - 1)) / len(item.columns)
        shown = [line for col in item.columns for line in col]
        assert item.used_height() <= item.area.height() + 0.5
        board = board_as_desks(frame, scene.desk_rows)  # its vectors wrapped as the desks wrap them (teacher8 L5)
        if scene.board.desks_cut:  # unless the desks' rows would push lines off: the vectors as the lesson wrote them
            board = frame.board  # (4:3 ja heads since fix77's note under the notebook: its 5 a row cut ε and カード)
    finally:
        scene.clear()
    for line in shown:
        assert fm.horizontalAdvance(line) <= width + 0.5, f"{line!r} runs past its column"
    lines = logical(shown)
    counted = MORE.fullmatch(shown[-1].strip())
    if counted:
        lines = lines[:-1]
    assert lines == [line.replace(" ", "") for line in board[:len(lines)]]  # whole, never cut
    assert len(lines) + (int(counted.group(1) or counted.group(2)) if counted else 0) == len(board) + frame.board_more
    if chapter == "heads":  # what 4:3 cut before (and 16:9 showed)
        text = "".join(lines)
        assert ("ε=0.00001" in text and "カードになります。" in text) if lang == "ja" else "LayerNorm" in text


@pytest.mark.parametrize("text", ["0.1381 ÷ 38246.30788 = 0.0000036108", "「座った」 0.22, 「マット」 0.11",
                                  "合計は38246.30788で、「座った」が一番です"])
@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_a_number_or_a_name_is_never_split_unless_it_alone_is_too_wide(qapp, text, width):
    """review10 #7: where no preferred break fits, a line breaks at any space, then between characters outside a
    number and a 「」 name, before it cuts a number ("38246.3" / "0788") or a name."""
    from PySide6.QtGui import QFont

    from classroom_gui.scene.board_wrap import CONTINUED, wrapped

    fm = QFontMetricsF(QFont("Noto Sans CJK JP", 12))
    lines = wrapped(text, fm, width)
    assert "".join(line.removeprefix(CONTINUED) for line in lines).replace(" ", "") == text.replace(" ", "")
    for token in re.findall(r"[0-9][0-9.]*[0-9]|「[^」]*」", text):
        if fm.horizontalAdvance(CONTINUED + token) <= width:
            assert any(token in line for line in lines), f"{token!r} split in {lines!r}"


@pytest.mark.parametrize("width", [120, 140, 160, 180, 200, 240])
def test_a_japanese_line_never_starts_with_closing_punctuation(qapp, width):
    """review13: the 4:3 feed-forward board began a line with 「：」 (「…を足すと」 / 「：」). Cut between characters,
    a line keeps 、。：）」 and the like on the line before (kinsoku), where the line is wide enough to cut elsewhere."""
    from PySide6.QtGui import QFont

    from classroom_gui.scene.board_wrap import CONTINUED, NO_LINE_START, wrapped

    fm = QFontMetricsF(QFont("Noto Sans CJK JP", 12))
    text = "b_2（0.065）と元のノートの1番目（-0.810）を足すと：合計は「座った」、ほか4人。"
    lines = wrapped(text, fm, width)
    assert "".join(line.removeprefix(CONTINUED) for line in lines) == text
    assert not any(line.removeprefix(CONTINUED)[:1] in NO_LINE_START for line in lines[1:]), lines


def test_a_label_with_no_break_the_board_knows_breaks_between_japanese_words(qapp):
    """teacher24 L1a: the final norm's re-run label was cut where it had to be, 「（順番に発言で計算し / 直したもの）」; it
    now breaks between words (lesson.strings.unbroken_words), never right after 「（」; English is never cut so."""
    from PySide6.QtGui import QFontMetricsF

    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import wrapped

    label = "第3層を終えた「マット」のノート（順番に発言で計算し直したもの）"
    fm = QFontMetricsF(fonts.font(24))
    for width in range(260, 700, 20):
        lines = [line.strip() for line in wrapped(label, fm, width)]
        assert "".join(lines) == label and not any(line.endswith("（") for line in lines), lines
        assert any("計算し直したもの" in line for line in lines), (width, lines)


@pytest.mark.parametrize("text, word", [("合計は計算し直すと12345.678901になります", "12345.678901"),
                                        ("この値はsoftmaxで計算し直したものです", "softmax"),
                                        ("この値はsoft_max2で計算し直したものです", "soft_max2")])
def test_the_japanese_fallback_keeps_a_number_and_a_latin_word_whole(qapp, text, word):
    """review27 B3: the break between Japanese words (_phrase_ends) split 「12345. / 678901」 and 「soft / max」 at 20 px;
    a number or a Latin word that fits on a line is now never broken."""
    from classroom_gui.scene import fonts
    from classroom_gui.scene.board_wrap import CONTINUED, wrapped

    fm = QFontMetricsF(fonts.font(20))
    fits = fm.horizontalAdvance(CONTINUED + word)
    seen = 0
    for width in range(100, 440, 10):
        lines = wrapped(text, fm, width)
        assert "".join(line.strip() for line in lines) == text, (width, lines)
        if width >= fits:
            seen += 1
            assert any(word in line for line in lines), (width, lines)
    assert seen >= 20
