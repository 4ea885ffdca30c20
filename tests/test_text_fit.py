"""polish11: text is shortened in one place (messages.fit), by a terminal's columns, so a Japanese message is cut
where it is as wide as an English one; a refusal is begun with a capital by the same module, without a regex."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import classroom_gui
from classroom_gui.messages.fit import columns, padded, sentence_start, shortened

PACKAGE = Path(classroom_gui.__file__).resolve().parent


@pytest.mark.parametrize("text, width, expected", [
    ("cat", 5, "cat"),
    ("x" * 40, 40, "x" * 40),
    ("x" * 41, 40, "x" * 39 + "…"),
    ("猫がマットの上に座った", 22, "猫がマットの上に座った"),  # 11 wide characters: 22 columns, whole
    ("猫がマットの上に座った", 21, "猫がマットの上に座っ…"),  # 20 + 1 columns
    ("猫がマットの上に座った", 10, "猫がマッ…"),  # 8 + 1 columns: never half a character
    ("e\u0301" * 5, 5, "e\u0301" * 5),  # a combining accent takes no column
])
def test_shortened_counts_columns(text, width, expected):
    got = shortened(text, width)
    assert got == expected
    assert columns(got) <= width


def test_a_japanese_sentence_is_cut_as_wide_as_an_english_one():
    ja, en = shortened("猫" * 300, 200), shortened("x" * 300, 200)
    assert columns(ja) == 199 and len(ja) == 100  # 99 wide characters and the one-column "…": never half of one
    assert columns(en) == 200 and len(en) == 200


@pytest.mark.parametrize("width", [4, 5, 12, 16])
def test_padded_is_exactly_its_width(width):
    for word in ("cat", "猫" * 9, "ab猫cd猫" * 4, "🙂" * 30):
        cell = padded(word, width)
        assert columns(cell) == width and columns(padded(word, width, right=True)) == width
        assert padded(word, width, right=True).endswith(word) or padded(word, width, right=True).endswith("…")


@pytest.mark.parametrize("message", ["with these mask edits \"cat\" hears no one", "a student", "mask[1,cat,The]=0 …",
                                     "「猫」は誰の話も聞けません。", "l2 norm", "x", "", "Already a sentence", "é is"])
def test_sentence_start_capitalizes_as_the_regex_did(message):
    old = message[:1].upper() + message[1:] if re.match(r"[a-z]+ ", message) else message  # whatif_edit's before
    assert sentence_start(message) == old


def test_the_edit_menu_names_a_japanese_sentence_by_its_width():
    from classroom_gui.lesson.whatif_state import SENTENCE_SHOWN, sentence_text

    en = sentence_text("en", "The cat sat on the mat because it was tired")
    ja = sentence_text("ja", "猫がマットの上に座ったのは疲れていたからです")
    assert en == '"The cat sat on the mat …"' and columns(en[1:-1]) == SENTENCE_SHOWN
    assert ja == "「猫がマットの上に座った…」"  # 23 columns: a 24th would be half a character
    assert sentence_text("ja", "猫が座った") == "「猫が座った」"


def test_no_text_is_cut_by_hand_outside_messages_fit():
    cut = re.compile(r"""\[:[^\]\n]*\]\s*\+\s*(["'])(…|︙|\.\.\.)\1""")  # polish12: the upright "︙" too
    found = [f"{path.relative_to(PACKAGE)}:{n}" for path in PACKAGE.rglob("*.py") if path.name != "fit.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if cut.search(line)]
    assert found == []
    assert cut.search('x = text[:39] + "…"') and cut.search("s[:n - 1] + '...'")  # the pattern finds what it is for
    assert cut.search('name = label[:fit - 1] + "︙"')  # board_bars' own cut, before polish12


def test_a_turned_japanese_name_is_one_line_cut_with_an_ellipsis(qapp):
    """polish12 cut the share chart's 縦書き names by messages.fit, a cell a character, ending in 「︙」; teacher30 #7
    (fix67): a name is never a stack of one character a line, so a turned Japanese name is one line read upwards,
    cut with "…" to the room as a Latin one is, the painted name no taller than the room."""
    from PySide6.QtGui import QFontMetricsF, QImage, QPainter

    from classroom_gui.messages.fit import VERTICAL_ELLIPSIS, one_cell
    from classroom_gui.scene import fonts
    from classroom_gui.scene.bar_names import turned_name

    assert shortened("ﾏｯﾄの上", 3, VERTICAL_ELLIPSIS, one_cell) == "ﾏｯ︙"  # narrow kana: a cell each, not a column
    font = fonts.font(14)
    fm = QFontMetricsF(font)
    room = 4 * fm.height()
    image = QImage(40, 400, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    try:
        name, box = turned_name(p, "猫がマットの上に座った", font, 20.0, 0.0, room)
    finally:
        p.end()
    assert name.endswith("…") and "猫がマットの上に座った".startswith(name[:-1]) and len(name) > 2
    assert box.width() == fm.height() and box.height() == fm.horizontalAdvance(name) <= room + 1e-6  # one line
